#pragma once
// Who is the client: the TCP peer, unless that peer is one of our own proxies (SAFELOOP_TRUSTED_PROXIES),
// in which case X-Forwarded-For says who they forwarded for. Anyone can write X-Forwarded-For, so it is
// read right to left and only through hops we trust: the first untrusted hop is the client.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ip_address.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::gateway {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  explicit TrustedProxies(std::vector<Cidr> networks) : networks_(std::move(networks)) {}
  /// Comma-separated IPs and CIDRs ("10.0.0.0/8, 127.0.0.1"); empty = trust nobody. INVALID_ARGUMENT
  /// naming the first entry that is neither.
  static Result<TrustedProxies> Parse(std::string_view comma_list);

  bool Contains(const IpAddress& address) const;
  const std::vector<Cidr>& networks() const { return networks_; }

 private:
  std::vector<Cidr> networks_;
};

struct ClientAddress {
  std::string text;               ///< what logs and the audit log show; "unknown" when unparseable
  std::optional<IpAddress> ip;    ///< nullopt when the address could not be parsed
  /// The client is itself one of our proxies (a request of their own, e.g. a probe, or a test runner on
  /// 127.0.0.1 in the test profile): infrastructure, so neither rate-limited nor blockable.
  bool trusted_proxy = false;
};

/// `peer` is the TCP peer (cpprestsdk's remote_address()), `forwarded_for` the X-Forwarded-For header
/// ("" when absent; repeated headers joined by commas).
ClientAddress ResolveClientAddress(std::string_view peer, std::string_view forwarded_for,
                                   const TrustedProxies& trusted);

}  // namespace safeloop::gateway
