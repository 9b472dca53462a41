#include "security_headers.hpp"

#include <string>

namespace safeloop::gateway {

HeaderList SecurityHeaders(std::string_view path, bool hsts) {
  HeaderList out = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy", std::string(kContentSecurityPolicy)},
  };
  if (hsts) out.emplace_back("Strict-Transport-Security", std::string(kHsts));
  if (path == "/api" || path.starts_with("/api/")) out.emplace_back("Cache-Control", "no-store");
  return out;
}

}  // namespace safeloop::gateway
