#include <catch2/catch.hpp>

#include "map_change.hpp"

using namespace safeloop;
using namespace safeloop::gateway;

TEST_CASE("enterprise from the change channel") {
  CHECK(EnterpriseOfChannel("safeloop:0190a1b2-0000-7000-8000-000000000001:riskmap:changes") ==
        std::optional<std::string>("0190a1b2-0000-7000-8000-000000000001"));
  CHECK_FALSE(EnterpriseOfChannel("safeloop:acme:riskmap:changes").has_value());
  CHECK_FALSE(EnterpriseOfChannel("safeloop:0190a1b2-0000-7000-8000-000000000001:riskmap").has_value());
  CHECK_FALSE(EnterpriseOfChannel("other:0190a1b2-0000-7000-8000-000000000001:riskmap:changes").has_value());
}

TEST_CASE("change payloads") {
  auto ok = ParseAreaChange(R"({"area_id":"a","map_id":"m","level":2,"version":17})");
  REQUIRE(ok.ok());
  CHECK(ok->area_id == "a");
  CHECK(ok->map_id == "m");
  CHECK(ok->level == 2);
  CHECK(ok->version == 17);
  CHECK(ParseAreaChange(R"({"area_id":"a","map_id":"m","level":0,"version":1})").ok());

  CHECK_FALSE(ParseAreaChange("not json").ok());
  CHECK_FALSE(ParseAreaChange("[]").ok());
  CHECK(ParseAreaChange(R"({"map_id":"m","level":2,"version":1})").status().field() == "area_id");
  CHECK(ParseAreaChange(R"({"area_id":"a","level":2,"version":1})").status().field() == "map_id");
  CHECK(ParseAreaChange(R"({"area_id":"a","map_id":"m","level":"2","version":1})").status().field() == "level");
  CHECK(ParseAreaChange(R"({"area_id":"a","map_id":"m","level":5,"version":1})").status().field() == "level");
  CHECK(ParseAreaChange(R"({"area_id":"a","map_id":"m","level":1})").status().field() == "version");
}
