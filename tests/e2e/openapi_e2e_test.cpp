// The OpenAPI document is served without a token and lists the routes of docs/API.md.
#include <catch2/catch.hpp>

#include "e2e_client.hpp"

using namespace safeloop::e2e;

TEST_CASE("GET /api/v1/openapi.json needs no token and lists every route", "[e2e][openapi]") {
  auto doc = Call("GET", "/api/v1/openapi.json");
  REQUIRE(doc.status == 200);
  CHECK_THAT(doc.Header("Content-Type"), Catch::StartsWith("application/json"));
  REQUIRE(doc.json.is_object());
  CHECK(doc.json["openapi"] == "3.0.3");
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"get", "/healthz"},
      {"get", "/api/v1/openapi.json"},
      {"post", "/api/v1/risk/maps"},
      {"get", "/api/v1/risk/maps"},
      {"post", "/api/v1/risk/maps/{map_id}/areas"},
      {"get", "/api/v1/risk/maps/{map_id}/areas"},
      {"post", "/api/v1/risk/areas/{area_id}/points"},
      {"get", "/api/v1/risk/areas/{area_id}/points"},
      {"get", "/api/v1/risk/points/{point_id}"},
      {"post", "/api/v1/risk/points/{point_id}/assessments"},
      {"get", "/api/v1/risk/points/{point_id}/assessments"},
      {"get", "/api/v1/risk/settings"},
      {"put", "/api/v1/risk/settings"},
      {"get", "/api/v1/risk/map"},
      {"get", "/api/v1/risk/map/stream"},
  };
  for (const auto& [method, path] : routes) {
    INFO(method << " " << path);
    CHECK(doc.json["paths"].contains(path));
    CHECK(doc.json["paths"][path].contains(method));
  }
  CHECK(doc.json["components"]["securitySchemes"].contains("bearerAuth"));
}
