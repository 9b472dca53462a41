#include "ip_address.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace safeloop::gateway {
namespace {

bool IsV4Mapped(const std::array<std::uint8_t, 16>& b) {
  for (int i = 0; i < 10; ++i) {
    if (b[i] != 0) return false;
  }
  return b[10] == 0xff && b[11] == 0xff;
}

std::optional<IpAddress> ParsePlain(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  std::string s(text);  // inet_pton needs a NUL-terminated string
  IpAddress out;
  if (inet_pton(AF_INET, s.c_str(), out.bytes.data()) == 1) return out;
  std::array<std::uint8_t, 16> v6{};
  if (inet_pton(AF_INET6, s.c_str(), v6.data()) != 1) return std::nullopt;
  if (IsV4Mapped(v6)) {
    std::copy(v6.begin() + 12, v6.end(), out.bytes.begin());
    return out;
  }
  out.v6 = true;
  out.bytes = v6;
  return out;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buf, sizeof buf);
  return buf;
}

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (!text.empty() && text.front() == '[') {  // "[v6]" or "[v6]:port"
    auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && !(rest.front() == ':' && AllDigits(rest.substr(1)))) return std::nullopt;
    auto address = ParsePlain(text.substr(1, close - 1));
    return address && address->v6 ? address : std::nullopt;
  }
  if (auto plain = ParsePlain(text)) return plain;
  // "a.b.c.d:port": exactly one colon (more would be IPv6, which must be bracketed to carry a port).
  auto colon = text.find(':');
  if (colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos &&
      AllDigits(text.substr(colon + 1))) {
    auto address = ParsePlain(text.substr(0, colon));
    if (address && !address->v6) return address;
  }
  return std::nullopt;
}

IpAddress MaskAddress(const IpAddress& address, int prefix) {
  IpAddress out = address;
  int bytes = address.v6 ? 16 : 4;
  for (int i = 0; i < bytes; ++i) {
    int keep = prefix - i * 8;  // bits of this byte that stay
    if (keep >= 8) continue;
    out.bytes[i] = keep <= 0 ? 0 : static_cast<std::uint8_t>(out.bytes[i] & (0xff << (8 - keep)));
  }
  return out;
}

std::optional<Cidr> Cidr::Parse(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  auto slash = text.find('/');
  auto address = ParsePlain(text.substr(0, slash));
  if (!address) return std::nullopt;
  int prefix = address->bits();
  if (slash != std::string_view::npos) {
    std::string_view digits = text.substr(slash + 1);
    if (!AllDigits(digits) || digits.size() > 3) return std::nullopt;
    std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    // An IPv4-mapped network written in IPv6 form carries an IPv6 prefix length.
    bool mapped_form = !address->v6 && text.substr(0, slash).find(':') != std::string_view::npos;
    if (mapped_form) {
      if (prefix < 96) return std::nullopt;
      prefix -= 96;
    }
    if (prefix < 0 || prefix > address->bits()) return std::nullopt;
  }
  return Cidr{MaskAddress(*address, prefix), prefix};
}

bool Cidr::Contains(const IpAddress& address) const {
  if (address.v6 != network.v6) return false;
  return MaskAddress(address, prefix) == network;
}

std::string Cidr::ToString() const { return network.ToString() + "/" + std::to_string(prefix); }

std::vector<std::string> EnclosingNetworks(const IpAddress& address) {
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(address.bits()) + 1);
  for (int prefix = address.bits(); prefix >= 0; --prefix) {
    out.push_back(Cidr{MaskAddress(address, prefix), prefix}.ToString());
  }
  return out;
}

}  // namespace safeloop::gateway
