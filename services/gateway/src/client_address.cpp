#include "client_address.hpp"

namespace safeloop::gateway {
namespace {

std::vector<std::string_view> SplitCommas(std::string_view text) {
  std::vector<std::string_view> out;
  while (true) {
    auto comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(std::string_view comma_list) {
  std::vector<Cidr> networks;
  for (auto item : SplitCommas(comma_list)) {
    auto cidr = Cidr::Parse(item);
    if (!cidr) {
      return InvalidArgument("'" + std::string(item) + "' is neither an IP address nor a CIDR network",
                             "SAFELOOP_TRUSTED_PROXIES");
    }
    networks.push_back(*cidr);
  }
  return TrustedProxies(std::move(networks));
}

bool TrustedProxies::Contains(const IpAddress& address) const {
  for (const auto& network : networks_) {
    if (network.Contains(address)) return true;
  }
  return false;
}

ClientAddress ResolveClientAddress(std::string_view peer, std::string_view forwarded_for,
                                   const TrustedProxies& trusted) {
  auto peer_ip = IpAddress::Parse(peer);
  if (!peer_ip) return {peer.empty() ? "unknown" : std::string(peer), std::nullopt, false};
  if (!trusted.Contains(*peer_ip)) return {peer_ip->ToString(), peer_ip, false};

  ClientAddress client{peer_ip->ToString(), peer_ip, true};
  auto hops = SplitCommas(forwarded_for);
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    auto hop = IpAddress::Parse(*it);
    // A hop we cannot read was written by someone we do not trust: that someone is the client. They share
    // one "unknown" rate-limit bucket rather than slipping through as the trusted proxy.
    if (!hop) return {"unknown", std::nullopt, false};
    if (!trusted.Contains(*hop)) return {hop->ToString(), hop, false};
    client = {hop->ToString(), hop, true};
  }
  return client;  // every hop is ours
}

}  // namespace safeloop::gateway
