#include <catch2/catch.hpp>

#include "body_limits.hpp"

using namespace safeloop::gateway;

TEST_CASE("a declared Content-Length over the limit is refused before reading") {
  CHECK(CheckContentLength("", 1024) == DeclaredBody::kWithinLimit);  // absent (GET, or chunked)
  CHECK(CheckContentLength("0", 1024) == DeclaredBody::kWithinLimit);
  CHECK(CheckContentLength("1024", 1024) == DeclaredBody::kWithinLimit);
  CHECK(CheckContentLength(" 1024 ", 1024) == DeclaredBody::kWithinLimit);
  CHECK(CheckContentLength("1025", 1024) == DeclaredBody::kTooLarge);
  CHECK(CheckContentLength("99999999999999999999999999", 1024) == DeclaredBody::kTooLarge);
  CHECK(CheckContentLength("-1", 1024) == DeclaredBody::kInvalid);
  CHECK(CheckContentLength("12abc", 1024) == DeclaredBody::kInvalid);
  CHECK(CheckContentLength("0x10", 1024) == DeclaredBody::kInvalid);
}

TEST_CASE("a route's own limit overrides the default") {
  RouteSpec json_route{"POST", "/api/v1/x", "x", "", "t"};
  RouteSpec upload{"POST", "/api/v1/import", "import", "", "t"};
  upload.max_body_bytes = 10 << 20;
  CHECK(BodyLimitFor(nullptr, 1 << 20) == (1u << 20));
  CHECK(BodyLimitFor(&json_route, 1 << 20) == (1u << 20));
  CHECK(BodyLimitFor(&upload, 1 << 20) == (10u << 20));
}
