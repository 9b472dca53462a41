// Risk resources through the gateway: create/list/get round trips, LEC scoring, input errors, tenancy
// and permissions.
#include <catch2/catch.hpp>

#include "e2e_client.hpp"

using namespace safeloop::e2e;
using nlohmann::json;

namespace {
json Lec(double l, double e, double c) { return {{"method", "LEC"}, {"l", l}, {"e", e}, {"c", c}, {"note", "e2e"}}; }

void RequireError(const HttpResult& r, int status, const std::string& code, const std::string& field) {
  INFO(r.status << " " << r.text);
  CHECK(r.status == status);
  CHECK(r.ErrorCode() == code);
  CHECK(r.ErrorField() == field);
  CHECK(!r.json["error"].value("message", "").empty());
  CHECK(r.json["error"].value("request_id", "") == r.Header("X-Request-Id"));
}

const json* FindById(const json& items, const std::string& key, const std::string& id) {
  for (const auto& item : items) {
    if (item.value(key, "") == id) return &item;
  }
  return nullptr;
}
}  // namespace

TEST_CASE("create map, area, risk point and LEC assessment over REST", "[e2e][risk]") {
  auto tenant = NewTenant();
  auto token = tenant.Token();

  auto map = Call("POST", "/api/v1/risk/maps", token,
                  json{{"name", "一号厂区"}, {"image_url", "/images/plant.png"}, {"width", 1600}, {"height", 900}});
  INFO(map.text);
  REQUIRE(map.status == 201);
  CHECK(map.json["name"] == "一号厂区");
  CHECK(map.json["image_url"] == "/images/plant.png");
  CHECK(map.json["width"] == 1600);
  CHECK(map.json["height"] == 900);
  CHECK(map.json["created_at"].is_string());
  CHECK_FALSE(map.Header("X-Request-Id").empty());
  std::string map_id = map.json["id"];

  auto area = Call("POST", "/api/v1/risk/maps/" + map_id + "/areas", token,
                   json::parse(R"({"name":"液氨罐区","polygon":[{"x":100,"y":100},{"x":400,"y":100},{"x":400,"y":300}]})"));
  INFO(area.text);
  REQUIRE(area.status == 201);
  CHECK(area.json["map_id"] == map_id);
  CHECK(area.json["polygon"].size() == 3);
  CHECK(area.json["polygon"][1] == json::parse(R"({"x":400.0,"y":100.0})"));
  CHECK(area.json["level"] == 0);
  CHECK(area.json["level_name"] == "未评估");
  CHECK(area.json["color"] == "none");
  std::string area_id = area.json["id"];

  auto point = Call("POST", "/api/v1/risk/areas/" + area_id + "/points", token,
                    json{{"name", "液氨储罐"}, {"description", "泄漏中毒"}});
  INFO(point.text);
  REQUIRE(point.status == 201);
  CHECK(point.json["area_id"] == area_id);
  CHECK(point.json["latest_assessment"].is_null());
  CHECK(point.json["level_name"] == "未评估");
  std::string point_id = point.json["id"];

  struct Case {
    double l, e, c;
    int level;
    const char* name;
    const char* color;
  };
  // D = L × E × C with the V1 bands: >320 重大, 160–320 较大, 70–160 一般, ≤70 低.
  const std::vector<Case> cases = {{6, 6, 15, 1, "重大风险", "red"},
                                   {3, 6, 15, 2, "较大风险", "orange"},
                                   {3, 6, 7, 3, "一般风险", "yellow"},
                                   {0.5, 6, 15, 4, "低风险", "blue"}};
  int version = 0;
  for (const auto& c : cases) {
    auto assessed = Call("POST", "/api/v1/risk/points/" + point_id + "/assessments", token, Lec(c.l, c.e, c.c));
    INFO(assessed.text);
    REQUIRE(assessed.status == 201);
    CHECK(assessed.json["risk_point_id"] == point_id);
    CHECK(assessed.json["method"] == "LEC");
    CHECK(assessed.json["d"].get<double>() == Approx(c.l * c.e * c.c));
    CHECK(assessed.json["level"] == c.level);
    CHECK(assessed.json["level_name"] == c.name);
    CHECK(assessed.json["color"] == c.color);
    CHECK(assessed.json["band_variant"] == "V1");
    CHECK(assessed.json["version"] == ++version);
    CHECK(assessed.json["assessed_at"].is_string());
    CHECK(assessed.json["note"] == "e2e");
  }

  SECTION("get and list round trips") {
    auto got = Call("GET", "/api/v1/risk/points/" + point_id, token);
    REQUIRE(got.status == 200);
    CHECK(got.json["name"] == "液氨储罐");
    CHECK(got.json["level"] == 4);
    CHECK(got.json["color"] == "blue");
    CHECK(got.json["latest_assessment"]["version"] == 4);
    CHECK(got.json["latest_assessment"]["d"].get<double>() == Approx(45));

    auto maps = Call("GET", "/api/v1/risk/maps", token);
    REQUIRE(maps.status == 200);
    REQUIRE(maps.json["items"].size() == 1);
    CHECK(maps.json["items"][0]["id"] == map_id);

    // Area levels are projected asynchronously from the assessments (at most about a second behind).
    auto projected = std::chrono::steady_clock::now();
    auto areas = PollGet("/api/v1/risk/maps/" + map_id + "/areas", token, [&](const HttpResult& r) {
      const json* a = r.status == 200 ? FindById(r.json["items"], "id", area_id) : nullptr;
      return a != nullptr && (*a)["level"] == 4;
    });
    WARN("area level projected within "
         << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - projected).count()
         << " ms");
    REQUIRE(areas.status == 200);
    const json* listed = FindById(areas.json["items"], "id", area_id);
    REQUIRE(listed != nullptr);
    CHECK((*listed)["level"] == 4);  // the highest level of its points (there is one, now 低)
    CHECK((*listed)["color"] == "blue");

    auto points = Call("GET", "/api/v1/risk/areas/" + area_id + "/points", token);
    REQUIRE(points.status == 200);
    REQUIRE(points.json["items"].size() == 1);
    CHECK(points.json["items"][0]["latest_assessment"]["level_name"] == "低风险");

    auto history = Call("GET", "/api/v1/risk/points/" + point_id + "/assessments", token);
    REQUIRE(history.status == 200);
    REQUIRE(history.json["items"].size() == 4);
    CHECK(history.json["items"][0]["version"] == 4);  // newest first
    CHECK(history.json["items"][3]["version"] == 1);
    CHECK(history.json["items"][3]["color"] == "red");

    auto live = PollGet("/api/v1/risk/map?map_id=" + map_id, token, [&](const HttpResult& r) {
      const json* a = r.status == 200 ? FindById(r.json["areas"], "area_id", area_id) : nullptr;
      return a != nullptr && (*a)["level"] == 4;
    });
    INFO(live.text);
    REQUIRE(live.status == 200);
    CHECK(live.json["map"]["id"] == map_id);
    CHECK(live.json["version"].is_number_integer());
    const json* live_area = FindById(live.json["areas"], "area_id", area_id);
    REQUIRE(live_area != nullptr);
    CHECK((*live_area)["color"] == "blue");
    CHECK((*live_area)["level_name"] == "低风险");

    auto first_map = Call("GET", "/api/v1/risk/map", token);  // no map_id: the first map
    REQUIRE(first_map.status == 200);
    CHECK(first_map.json["map"]["id"] == map_id);
  }
}

TEST_CASE("scoring settings round trip", "[e2e][risk]") {
  auto token = NewTenant().Token();
  auto initial = Call("GET", "/api/v1/risk/settings", token);
  INFO(initial.text);
  REQUIRE(initial.status == 200);
  CHECK(initial.json == json::parse(R"({"lec_band_variant":"V1"})"));
  auto changed = Call("PUT", "/api/v1/risk/settings", token, json{{"lec_band_variant", "V2"}});
  INFO(changed.text);
  REQUIRE(changed.status == 200);
  CHECK(changed.json["lec_band_variant"] == "V2");
  CHECK(Call("GET", "/api/v1/risk/settings", token).json["lec_band_variant"] == "V2");
  RequireError(Call("PUT", "/api/v1/risk/settings", token, json{{"lec_band_variant", "V9"}}), 400, "INVALID_ARGUMENT",
               "lec_band_variant");
}

TEST_CASE("bad input answers 400 with the field; unknown resources to read answer 404", "[e2e][risk]") {
  auto token = NewTenant().Token();
  auto plant = CreatePlant(token);
  std::string assess = "/api/v1/risk/points/" + plant.point_id + "/assessments";

  SECTION("L = 4 is not an LEC value") {
    RequireError(Call("POST", assess, token, json{{"l", 4}, {"e", 6}, {"c", 15}}), 400, "INVALID_ARGUMENT", "l");
  }
  SECTION("missing c") {
    RequireError(Call("POST", assess, token, json{{"l", 6}, {"e", 6}}), 400, "INVALID_ARGUMENT", "c");
  }
  SECTION("l is not a number") {
    RequireError(Call("POST", assess, token, json{{"l", "six"}, {"e", 6}, {"c", 15}}), 400, "INVALID_ARGUMENT", "l");
  }
  SECTION("malformed JSON") {
    RequireError(Call("POST", assess, token, std::nullopt, std::string(R"({"l":6,"e":6,)")), 400, "INVALID_ARGUMENT",
                 "body");
  }
  SECTION("unknown area for a new point") {
    RequireError(Call("POST", "/api/v1/risk/areas/" + RandomId() + "/points", token, json{{"name", "x"}}), 400,
                 "INVALID_ARGUMENT", "area_id");
  }
  SECTION("unknown map for a new area") {
    RequireError(Call("POST", "/api/v1/risk/maps/" + RandomId() + "/areas", token,
                      json::parse(R"({"name":"x","polygon":[{"x":1,"y":1},{"x":5,"y":1},{"x":5,"y":5}]})")),
                 400, "INVALID_ARGUMENT", "map_id");
  }
  SECTION("unknown point for an assessment") {
    RequireError(Call("POST", "/api/v1/risk/points/" + RandomId() + "/assessments", token, Lec(6, 6, 15)), 400,
                 "INVALID_ARGUMENT", "risk_point_id");
  }
  SECTION("area id that is not a UUID") {
    RequireError(Call("POST", "/api/v1/risk/areas/not-a-uuid/points", token, json{{"name", "x"}}), 400,
                 "INVALID_ARGUMENT", "area_id");
  }
  SECTION("polygon with 2 vertices") {
    RequireError(Call("POST", "/api/v1/risk/maps/" + plant.map_id + "/areas", token,
                      json::parse(R"({"name":"线","polygon":[{"x":1,"y":1},{"x":2,"y":2}]})")),
                 400, "INVALID_ARGUMENT", "polygon");
  }
  SECTION("unknown point") {
    auto r = Call("GET", "/api/v1/risk/points/" + RandomId(), token);
    CHECK(r.status == 404);
    CHECK(r.ErrorCode() == "NOT_FOUND");
  }
  SECTION("unknown API route") {
    auto r = Call("GET", "/api/v1/risk/nothing", token);
    CHECK(r.status == 404);
    CHECK(r.ErrorCode() == "NOT_FOUND");
  }
}

TEST_CASE("another enterprise cannot see or use this enterprise's data", "[e2e][risk][tenancy]") {
  auto owner = NewTenant().Token();
  auto plant = CreatePlant(owner);
  auto stranger = NewTenant().Token({"admin"});

  CHECK(Call("GET", "/api/v1/risk/maps", stranger).json["items"].empty());
  CHECK(Call("GET", "/api/v1/risk/maps/" + plant.map_id + "/areas", stranger).status == 404);
  // Creates under someone else's parent answer exactly like an unknown parent (400), reads like unknown (404).
  CHECK(Call("POST", "/api/v1/risk/maps/" + plant.map_id + "/areas", stranger,
             json::parse(R"({"name":"x","polygon":[{"x":1,"y":1},{"x":5,"y":1},{"x":5,"y":5}]})"))
            .status == 400);
  CHECK(Call("GET", "/api/v1/risk/areas/" + plant.area_id + "/points", stranger).status == 404);
  CHECK(Call("POST", "/api/v1/risk/areas/" + plant.area_id + "/points", stranger, json{{"name", "x"}}).status == 400);
  CHECK(Call("GET", "/api/v1/risk/points/" + plant.point_id, stranger).status == 404);
  CHECK(Call("GET", "/api/v1/risk/points/" + plant.point_id + "/assessments", stranger).status == 404);
  CHECK(Call("POST", "/api/v1/risk/points/" + plant.point_id + "/assessments", stranger, Lec(6, 6, 15)).status == 400);
  CHECK(Call("GET", "/api/v1/risk/map?map_id=" + plant.map_id, stranger).status == 404);

  // And the owner's point is untouched.
  auto mine = Call("GET", "/api/v1/risk/points/" + plant.point_id, owner);
  REQUIRE(mine.status == 200);
  CHECK(mine.json["latest_assessment"].is_null());
}

TEST_CASE("read-only roles can read but not write", "[e2e][risk][permissions]") {
  auto tenant = NewTenant();
  auto plant = CreatePlant(tenant.Token());
  for (const char* role : {"worker", "park_supervisor"}) {
    INFO(role);
    auto reader = tenant.Token({role});
    CHECK(Call("GET", "/api/v1/risk/maps", reader).status == 200);
    CHECK(Call("GET", "/api/v1/risk/points/" + plant.point_id, reader).status == 200);
    auto denied = Call("POST", "/api/v1/risk/maps", reader, json{{"name", "x"}, {"width", 1}, {"height", 1}});
    CHECK(denied.status == 403);
    CHECK(denied.ErrorCode() == "PERMISSION_DENIED");
    CHECK_THAT(denied.json["error"].value("message", ""), Catch::Contains("risk.map.write"));
    CHECK(Call("POST", "/api/v1/risk/points/" + plant.point_id + "/assessments", reader, Lec(6, 6, 15)).status == 403);
    CHECK(Call("PUT", "/api/v1/risk/settings", reader, json{{"lec_band_variant", "V2"}}).status == 403);
  }
  // An inspector may assess but not draw maps.
  auto inspector = tenant.Token({"inspector"});
  CHECK(Call("POST", "/api/v1/risk/points/" + plant.point_id + "/assessments", inspector, Lec(1, 1, 1)).status == 201);
  CHECK(Call("POST", "/api/v1/risk/areas/" + plant.area_id + "/points", inspector, json{{"name", "x"}}).status == 403);
}
