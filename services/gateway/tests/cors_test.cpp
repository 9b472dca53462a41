#include <catch2/catch.hpp>

#include "cors.hpp"

using namespace safeloop::gateway;

namespace {
std::string Get(const HeaderList& headers, const std::string& name) {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "";
}
}  // namespace

TEST_CASE("CORS origins are exact scheme://host[:port] values") {
  auto origins = CorsPolicy::ParseOrigins(" https://Console.Example.com/ , http://localhost:5173,,https://console.example.com");
  REQUIRE(origins.ok());
  CHECK(*origins == std::vector<std::string>{"https://console.example.com", "http://localhost:5173"});
  CHECK(CorsPolicy::ParseOrigins("").ok());
  for (const char* bad : {"*", "null", "console.example.com", "https://console.example.com/app", "ftp://x.example",
                          "https://*.example.com", "https://"}) {
    INFO(bad);
    CHECK_FALSE(CorsPolicy::ParseOrigins(bad).ok());
  }
}

TEST_CASE("listed origins get CORS headers, others none (never '*')") {
  CorsPolicy cors(*CorsPolicy::ParseOrigins("https://console.example.com"));
  auto allowed = cors.ResponseHeaders("https://console.example.com");
  CHECK(Get(allowed, "Access-Control-Allow-Origin") == "https://console.example.com");
  CHECK(Get(allowed, "Vary") == "Origin");
  CHECK_THAT(Get(allowed, "Access-Control-Expose-Headers"), Catch::Contains("X-Request-Id"));
  CHECK(Get(allowed, "Access-Control-Allow-Credentials").empty());
  CHECK(cors.Allows("HTTPS://CONSOLE.EXAMPLE.COM"));

  auto refused = cors.ResponseHeaders("https://evil.example");
  CHECK(Get(refused, "Access-Control-Allow-Origin").empty());
  CHECK(Get(refused, "Vary") == "Origin");  // the answer still depends on Origin
  CHECK(Get(cors.ResponseHeaders(""), "Access-Control-Allow-Origin").empty());
}

TEST_CASE("preflights name the methods and headers the API takes") {
  CorsPolicy cors(*CorsPolicy::ParseOrigins("https://console.example.com"));
  auto ok = cors.PreflightHeaders("https://console.example.com");
  CHECK(Get(ok, "Access-Control-Allow-Origin") == "https://console.example.com");
  CHECK(Get(ok, "Access-Control-Allow-Methods") == "GET, POST, PUT, PATCH, DELETE");
  for (const char* h : {"Authorization", "Content-Type", "X-Request-Id"}) {
    CHECK_THAT(Get(ok, "Access-Control-Allow-Headers"), Catch::Contains(h));
  }
  CHECK(Get(ok, "Access-Control-Max-Age") == "600");

  auto refused = cors.PreflightHeaders("https://evil.example");
  CHECK(Get(refused, "Access-Control-Allow-Origin").empty());
  CHECK(Get(refused, "Access-Control-Allow-Methods").empty());

  CorsPolicy off;
  CHECK_FALSE(off.enabled());
  CHECK(off.PreflightHeaders("https://console.example.com").empty());
}
