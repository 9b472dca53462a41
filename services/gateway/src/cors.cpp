#include "cors.hpp"

#include <algorithm>
#include <cctype>

namespace safeloop::gateway {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// scheme "://" host [":" port], nothing else (browsers send exactly this in Origin).
bool IsOrigin(std::string_view o) {
  auto sep = o.find("://");
  if (sep == std::string_view::npos) return false;
  std::string_view scheme = o.substr(0, sep);
  if (scheme != "http" && scheme != "https") return false;
  std::string_view rest = o.substr(sep + 3);
  if (rest.empty()) return false;
  for (char c : rest) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return false;  // '/', '*', '?', '#', '@' …
  }
  return true;
}

}  // namespace

Result<std::vector<std::string>> CorsPolicy::ParseOrigins(std::string_view comma_list) {
  std::vector<std::string> out;
  while (!comma_list.empty()) {
    auto comma = comma_list.find(',');
    std::string_view item = comma_list.substr(0, comma);
    comma_list = comma == std::string_view::npos ? std::string_view() : comma_list.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) continue;
    std::string origin = Lower(item);
    if (origin.size() > 1 && origin.back() == '/') origin.pop_back();
    if (!IsOrigin(origin)) {
      return InvalidArgument("'" + std::string(item) + "' is not an origin (scheme://host[:port], no path, no '*')",
                             "SAFELOOP_CORS_ORIGINS");
    }
    if (std::find(out.begin(), out.end(), origin) == out.end()) out.push_back(std::move(origin));
  }
  return out;
}

bool CorsPolicy::Allows(std::string_view origin) const {
  if (origin.empty()) return false;
  std::string o = Lower(origin);
  return std::find(origins_.begin(), origins_.end(), o) != origins_.end();
}

HeaderList CorsPolicy::ResponseHeaders(std::string_view origin) const {
  HeaderList out;
  if (!enabled()) return out;
  // The answer depends on Origin whenever CORS is on: shared caches must not hand one origin's answer to
  // another.
  out.emplace_back("Vary", "Origin");
  if (Allows(origin)) {
    out.emplace_back("Access-Control-Allow-Origin", std::string(origin));
    out.emplace_back("Access-Control-Expose-Headers", kCorsExposedHeaders);
  }
  return out;
}

HeaderList CorsPolicy::PreflightHeaders(std::string_view origin) const {
  HeaderList out = ResponseHeaders(origin);
  if (!Allows(origin)) return out;
  out.emplace_back("Access-Control-Allow-Methods", kCorsAllowedMethods);
  out.emplace_back("Access-Control-Allow-Headers", kCorsAllowedHeaders);
  out.emplace_back("Access-Control-Max-Age", "600");
  return out;
}

}  // namespace safeloop::gateway
