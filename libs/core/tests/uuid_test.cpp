#include <catch2/catch.hpp>

#include <set>

#include "safeloop/core/uuid.hpp"

using namespace safeloop;

TEST_CASE("UUIDv7 has version 7, the RFC variant and the clock's millisecond") {
  ManualClock clock(FromUnixMillis(1'763'900'000'123));
  auto id = NewUuidV7(clock);
  REQUIRE(IsUuid(id));
  CHECK(UuidVersion(id) == 7);
  CHECK(std::string("89ab").find(id[19]) != std::string::npos);
  CHECK(UuidV7Millis(id) >= 1'763'900'000'123);
}

TEST_CASE("UUIDv7 ids are unique and sort in creation order within one millisecond") {
  ManualClock clock(FromUnixMillis(1'900'000'000'000));
  std::vector<std::string> ids;
  for (int i = 0; i < 5000; ++i) ids.push_back(NewUuidV7(clock));
  std::set<std::string> unique(ids.begin(), ids.end());
  CHECK(unique.size() == ids.size());
  CHECK(std::is_sorted(ids.begin(), ids.end()));
}

TEST_CASE("IsUuid validates the canonical form") {
  CHECK(IsUuid("0190a1b2-0000-7000-8000-000000000001"));
  CHECK(IsUuid("0190A1B2-0000-7000-8000-000000000001"));
  CHECK_FALSE(IsUuid("0190a1b2-0000-7000-8000-00000000000"));
  CHECK_FALSE(IsUuid("0190a1b2x0000-7000-8000-000000000001"));
  CHECK_FALSE(IsUuid("zzzzzzzz-0000-7000-8000-000000000001"));
  CHECK_FALSE(UuidV7Millis("0190a1b2-0000-4000-8000-000000000001").has_value());
}
