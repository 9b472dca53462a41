#include "authenticator.hpp"

namespace safeloop::gateway {
namespace {
bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = text[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}
}  // namespace

Result<std::string> Authenticator::ExtractToken(const RouteSpec& route, std::string_view authorization_header,
                                                const std::map<std::string, std::string>& query) {
  if (!authorization_header.empty()) {
    if (!StartsWithIgnoreCase(authorization_header, "Bearer ")) {
      return Unauthenticated("the Authorization header must be 'Bearer <JWT>'");
    }
    std::string_view token = authorization_header.substr(7);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (token.empty()) return Unauthenticated("the Authorization header has an empty bearer token");
    return std::string(token);
  }
  if (route.auth == AuthMode::kBearerOrQueryToken) {
    auto it = query.find("access_token");
    if (it != query.end() && !it->second.empty()) return it->second;
    return Unauthenticated("missing token: send 'Authorization: Bearer <JWT>' or ?access_token=<JWT>");
  }
  return Unauthenticated("missing token: send 'Authorization: Bearer <JWT>'");
}

Status Authenticator::Authorize(const auth::Claims& claims, const RouteSpec& route) const {
  if (route.permission.empty()) return Status::Ok();
  return auth::RequirePermission(claims, route.permission);
}

}  // namespace safeloop::gateway
