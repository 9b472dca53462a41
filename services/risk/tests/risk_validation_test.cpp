#include <catch2/catch.hpp>

#include "risk_validation.hpp"

using namespace safeloop;
using namespace safeloop::risk;

TEST_CASE("names: required, UTF-8, bounded in characters not bytes") {
  CHECK(RequireName("罐区", "name", 100).ok());
  CHECK(RequireName("  ", "name", 100).field() == "name");
  CHECK(RequireName("", "name", 100).code() == StatusCode::kInvalidArgument);
  CHECK(RequireName(std::string(100, 'a'), "name", 100).ok());
  CHECK_FALSE(RequireName(std::string(101, 'a'), "name", 100).ok());
  std::string hundred_chinese;
  for (int i = 0; i < 100; ++i) hundred_chinese += "罐";  // 300 bytes, 100 characters
  CHECK(RequireName(hundred_chinese, "name", 100).ok());
  CHECK(RequireName("bad \xff", "name", 100).message() == "name is not valid UTF-8");
  CHECK(Utf8Length("合成车间") == 4);
  CHECK(Utf8Length("\xe5\x90") == -1);
}

TEST_CASE("uuids") {
  CHECK(RequireUuid("0190a1b2-0000-7000-8000-000000000001", "area_id").ok());
  CHECK(RequireUuid("", "area_id").message() == "area_id is required");
  CHECK(RequireUuid("nope", "area_id").field() == "area_id");
}

TEST_CASE("map input") {
  CHECK(ValidateMapInput("厂区平面图", "/images/demo-plant.svg", 1200, 800).ok());
  CHECK(ValidateMapInput("", "/x.svg", 1, 1).field() == "name");
  CHECK(ValidateMapInput("m", "", 1, 1).field() == "image_url");
  CHECK(ValidateMapInput("m", "/x.svg", 0, 1).field() == "width");
  CHECK(ValidateMapInput("m", "/x.svg", 1, 20001).field() == "height");
}

TEST_CASE("polygons") {
  std::vector<Vertex> square = {{0, 0}, {10, 0}, {10, 10}, {0, 10}};
  CHECK(ValidatePolygon(square, 100, 100).ok());
  CHECK(ValidatePolygon({{0, 0}, {1, 1}}, 100, 100).field() == "polygon");
  CHECK(ValidatePolygon({{0, 0}, {0, 0}, {0, 0}, {1, 1}}, 100, 100).message() ==
        "polygon needs at least 3 distinct vertices");
  CHECK_FALSE(ValidatePolygon({{0, 0}, {200, 0}, {0, 10}}, 100, 100).ok());
  CHECK_FALSE(ValidatePolygon({{0, 0}, {-1, 0}, {0, 10}}, 100, 100).ok());
  CHECK_FALSE(ValidatePolygon({{0, 0}, {NAN, 0}, {0, 10}}, 100, 100).ok());
  std::vector<Vertex> huge(501, {1, 1});
  CHECK_FALSE(ValidatePolygon(huge, 100, 100).ok());
}
