#include <catch2/catch.hpp>

#include "rfc3339.hpp"

using namespace safeloop;
using namespace safeloop::gateway;

TEST_CASE("RFC 3339 date-times parse to the instant they name") {
  auto t = ParseRfc3339("2026-11-23T08:00:00Z");
  REQUIRE(t);
  CHECK(FormatRfc3339(*t) == "2026-11-23T08:00:00.000Z");
  CHECK(FormatRfc3339(*ParseRfc3339("2026-11-23T16:00:00+08:00")) == "2026-11-23T08:00:00.000Z");
  CHECK(FormatRfc3339(*ParseRfc3339("2026-11-23T07:30:00-00:30")) == "2026-11-23T08:00:00.000Z");
  CHECK(FormatRfc3339(*ParseRfc3339("2026-11-23T08:00:00.123456789Z")) == "2026-11-23T08:00:00.123Z");
  CHECK(FormatRfc3339(*ParseRfc3339("2024-02-29t23:59:59.5z")) == "2024-02-29T23:59:59.500Z");
  CHECK(UnixMillis(*ParseRfc3339("1970-01-01T00:00:00Z")) == 0);
}

TEST_CASE("anything else is refused") {
  for (const char* bad : {"", "2026-11-23", "2026-11-23T08:00Z", "2026-11-23T08:00:00", "2026-02-30T00:00:00Z",
                          "2026-11-23T24:00:00Z", "2026-11-23T08:00:00.Z", "2026-11-23T08:00:00+0800",
                          "2026-11-23T08:00:00Zjunk", "yesterday"}) {
    INFO(bad);
    CHECK_FALSE(ParseRfc3339(bad));
  }
}
