#include <catch2/catch.hpp>

#include "security_headers.hpp"

using namespace safeloop::gateway;

namespace {
std::string Get(const HeaderList& headers, const std::string& name) {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "";
}
}  // namespace

TEST_CASE("every response carries the security headers") {
  for (const char* path : {"/", "/index.html", "/api/v1/risk/maps", "/healthz"}) {
    INFO(path);
    auto h = SecurityHeaders(path, false);
    CHECK(Get(h, "X-Content-Type-Options") == "nosniff");
    CHECK(Get(h, "X-Frame-Options") == "DENY");
    CHECK(Get(h, "Referrer-Policy") == "no-referrer");
    CHECK(Get(h, "Content-Security-Policy") == std::string(kContentSecurityPolicy));
    CHECK(Get(h, "Strict-Transport-Security").empty());
  }
}

TEST_CASE("the CSP keeps scripts to this origin and forbids framing") {
  std::string csp(kContentSecurityPolicy);
  CHECK_THAT(csp, Catch::Contains("default-src 'self'"));
  CHECK_THAT(csp, Catch::Contains("script-src 'self';"));
  CHECK_THAT(csp, !Catch::Contains("unsafe-eval"));
  CHECK_THAT(csp, Catch::Contains("frame-ancestors 'none'"));
  CHECK_THAT(csp, Catch::Contains("object-src 'none'"));
  CHECK_THAT(csp, Catch::Contains("connect-src 'self'"));  // fetch and EventSource of the console
}

TEST_CASE("HSTS only when asked; API responses are not stored") {
  CHECK_THAT(Get(SecurityHeaders("/", true), "Strict-Transport-Security"), Catch::StartsWith("max-age="));
  CHECK(Get(SecurityHeaders("/api/v1/risk/maps", false), "Cache-Control") == "no-store");
  CHECK(Get(SecurityHeaders("/api", false), "Cache-Control") == "no-store");
  CHECK(Get(SecurityHeaders("/app-1234.js", false), "Cache-Control").empty());
  CHECK(Get(SecurityHeaders("/apiary.html", false), "Cache-Control").empty());
}
