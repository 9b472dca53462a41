#pragma once
// CORS for the origins in SAFELOOP_CORS_ORIGINS (exact scheme://host[:port] matches, never "*"). The API
// authenticates with a bearer token, not cookies, so no Allow-Credentials: other sites cannot ride on a
// browser session. Origins not listed get no CORS headers at all, and the browser refuses the response.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::gateway {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

class CorsPolicy {
 public:
  CorsPolicy() = default;
  /// Origins as returned by ParseOrigins (lowercase, no trailing slash).
  explicit CorsPolicy(std::vector<std::string> origins) : origins_(std::move(origins)) {}
  /// Comma-separated "https://console.example.com, http://localhost:5173"; INVALID_ARGUMENT naming an entry
  /// that is not scheme://host[:port] (a path, "*" or "null" are refused).
  static Result<std::vector<std::string>> ParseOrigins(std::string_view comma_list);

  bool enabled() const { return !origins_.empty(); }
  bool Allows(std::string_view origin) const;
  /// For an ordinary response to a request with this Origin header ("" when none).
  HeaderList ResponseHeaders(std::string_view origin) const;
  /// For a preflight (OPTIONS with Access-Control-Request-Method).
  HeaderList PreflightHeaders(std::string_view origin) const;
  const std::vector<std::string>& origins() const { return origins_; }

 private:
  std::vector<std::string> origins_;
};

inline constexpr const char* kCorsAllowedMethods = "GET, POST, PUT, PATCH, DELETE";
inline constexpr const char* kCorsAllowedHeaders = "Authorization, Content-Type, X-Request-Id";
inline constexpr const char* kCorsExposedHeaders = "X-Request-Id, Retry-After";

}  // namespace safeloop::gateway
