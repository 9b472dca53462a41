#include <catch2/catch.hpp>

#include "safeloop/core/clock.hpp"

using namespace safeloop;

TEST_CASE("ManualClock moves only when told and formats as RFC 3339") {
  ManualClock clock(FromUnixMillis(0));
  CHECK(FormatRfc3339(clock.Now()) == "1970-01-01T00:00:00.000Z");
  clock.Advance(std::chrono::milliseconds(1'763'890'000'123));
  CHECK(FormatRfc3339(clock.Now()) == "2025-11-23T09:26:40.123Z");
  CHECK(UnixMillis(clock.Now()) == 1'763'890'000'123);
}
