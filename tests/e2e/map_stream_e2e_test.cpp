// The live four-colour map over server-sent events.
#include <catch2/catch.hpp>

#include "e2e_client.hpp"
#include "sse_reader.hpp"

using namespace safeloop::e2e;
using nlohmann::json;
using namespace std::chrono_literals;

TEST_CASE("the SSE stream delivers the snapshot, then area-level changes", "[e2e][sse]") {
  auto tenant = NewTenant();
  auto token = tenant.Token();
  auto plant = CreatePlant(token);

  // EventSource cannot set headers: the token rides in the query.
  SseReader stream("/api/v1/risk/map/stream?map_id=" + plant.map_id + "&access_token=" + token);
  REQUIRE(stream.status() == 200);
  CHECK_THAT(stream.response().headers().content_type(), Catch::StartsWith("text/event-stream"));
  CHECK(stream.response().headers().cache_control() == "no-cache");

  auto snapshot = stream.NextNamed("snapshot", 5s);
  REQUIRE(snapshot);
  auto view = json::parse(snapshot->data);
  CHECK(view["map"]["id"] == plant.map_id);
  CHECK(snapshot->id == std::to_string(view["version"].get<std::int64_t>()));
  REQUIRE(view["areas"].size() == 1);
  CHECK(view["areas"][0]["area_id"] == plant.area_id);
  CHECK(view["areas"][0]["color"] == "none");

  auto started = std::chrono::steady_clock::now();
  auto assessed = Call("POST", "/api/v1/risk/points/" + plant.point_id + "/assessments", token,
                       json{{"l", 6}, {"e", 6}, {"c", 15}});
  INFO(assessed.text);
  REQUIRE(assessed.status == 201);

  auto change = stream.NextNamed("area-level", 5s);
  REQUIRE(change);
  auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  WARN("area-level event arrived " << elapsed_ms.count() << " ms after the assessment was posted");
  auto data = json::parse(change->data);
  CHECK(data["area_id"] == plant.area_id);
  CHECK(data["map_id"] == plant.map_id);
  CHECK(data["level"] == 1);
  CHECK(data["level_name"] == "重大风险");
  CHECK(data["color"] == "red");
  CHECK(change->id == std::to_string(data["version"].get<std::int64_t>()));
  CHECK(data["version"].get<std::int64_t>() > view["version"].get<std::int64_t>());

  SECTION("a later change to yellow follows") {
    REQUIRE(Call("POST", "/api/v1/risk/points/" + plant.point_id + "/assessments", token,
                 json{{"l", 3}, {"e", 6}, {"c", 7}})
                .status == 201);
    auto next = stream.NextNamed("area-level", 5s);
    REQUIRE(next);
    CHECK(json::parse(next->data)["color"] == "yellow");
  }
}

TEST_CASE("the SSE stream takes a header token, and only the caller's enterprise", "[e2e][sse]") {
  auto owner = NewTenant();
  auto plant = CreatePlant(owner.Token());
  auto stranger = NewTenant().Token();

  SseReader mine("/api/v1/risk/map/stream?map_id=" + plant.map_id, owner.Token());
  REQUIRE(mine.status() == 200);
  REQUIRE(mine.NextNamed("snapshot", 5s));

  auto denied = Call("GET", "/api/v1/risk/map/stream?map_id=" + plant.map_id, stranger);
  CHECK(denied.status == 404);
  auto anonymous = Call("GET", "/api/v1/risk/map/stream?map_id=" + plant.map_id);
  CHECK(anonymous.status == 401);
  CHECK(anonymous.ErrorCode() == "UNAUTHENTICATED");
}
