#pragma once
// IPv4/IPv6 addresses and CIDR networks for the edge: the client address, trusted proxies and the IP
// blocklist. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) count as IPv4, so one rule covers both forms.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safeloop::gateway {

struct IpAddress {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  ///< network order; IPv4 uses the first 4

  int bits() const { return v6 ? 128 : 32; }
  /// Canonical text ("203.0.113.7", "2001:db8::1").
  std::string ToString() const;
  /// Plain address text; also "[v6]", "v4:port" and "[v6]:port" as proxies write them. nullopt otherwise.
  static std::optional<IpAddress> Parse(std::string_view text);

  friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

struct Cidr {
  IpAddress network;  ///< host bits zero
  int prefix = 0;

  /// "a.b.c.d/n", "v6/n" or a single address (/32, /128). Host bits are cleared ("203.0.113.9/24" →
  /// 203.0.113.0/24). nullopt on anything else.
  static std::optional<Cidr> Parse(std::string_view text);
  bool Contains(const IpAddress& address) const;
  /// Canonical "network/prefix", the form the blocklist mirror in Redis is keyed by.
  std::string ToString() const;

  friend bool operator==(const Cidr&, const Cidr&) = default;
};

/// The address with every bit after `prefix` cleared.
IpAddress MaskAddress(const IpAddress& address, int prefix);

/// Canonical text of every network that contains `address`, from /bits() down to /0: the candidate fields
/// the admission script looks up in the blocklist hash (one HMGET instead of scanning the list).
std::vector<std::string> EnclosingNetworks(const IpAddress& address);

}  // namespace safeloop::gateway
