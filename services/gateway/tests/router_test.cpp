#include <catch2/catch.hpp>

#include <set>

#include "router.hpp"

using namespace safeloop::gateway;

namespace {
const char* kUuid = "0190a1b2-0000-7000-8000-000000000001";

RouteSpec R(std::string method, std::string pattern, std::string id) {
  RouteSpec r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.operation_id = std::move(id);
  return r;
}
}  // namespace

TEST_CASE("every gateway route is found by its own method and path") {
  Router router(GatewayRoutes());
  for (const auto& route : router.routes()) {
    std::string path = route.pattern;
    for (const auto& name : PathParamsOf(route.pattern)) {
      path.replace(path.find("{" + name + "}"), name.size() + 2, kUuid);
    }
    INFO(route.method << " " << path);
    auto match = router.Find(route.method, path);
    REQUIRE(match.route != nullptr);
    CHECK(match.route->operation_id == route.operation_id);
    for (const auto& name : PathParamsOf(route.pattern)) CHECK(match.params.at(name) == kUuid);
  }
}

TEST_CASE("path parameters are extracted and percent-decoded") {
  Router router(GatewayRoutes());
  auto match = router.Find("POST", "/api/v1/risk/maps/abc%20def/areas");
  REQUIRE(match.route != nullptr);
  CHECK(match.route->operation_id == "createArea");
  CHECK(match.params.at("map_id") == "abc def");

  auto point = router.Find("GET", std::string("/api/v1/risk/points/") + kUuid + "/assessments");
  REQUIRE(point.route != nullptr);
  CHECK(point.route->operation_id == "listAssessments");
  CHECK(point.params.at("point_id") == kUuid);
}

TEST_CASE("same path, different methods; wrong method lists the allowed ones") {
  Router router(GatewayRoutes());
  CHECK(router.Find("GET", "/api/v1/risk/maps").route->operation_id == "listPlantMaps");
  CHECK(router.Find("POST", "/api/v1/risk/maps").route->operation_id == "createPlantMap");
  CHECK(router.Find("PUT", "/api/v1/risk/settings").route->operation_id == "updateScoringSettings");

  auto wrong = router.Find("DELETE", "/api/v1/risk/maps");
  CHECK(wrong.route == nullptr);
  CHECK(wrong.allowed_methods == std::vector<std::string>{"POST", "GET"});
  auto wrong_param = router.Find("DELETE", std::string("/api/v1/risk/points/") + kUuid);
  CHECK(wrong_param.allowed_methods == std::vector<std::string>{"GET"});
}

TEST_CASE("near misses do not match") {
  Router router(GatewayRoutes());
  for (const char* path : {"/api/v1/risk/maps/", "/api/v1/risk", "/api/v1/risk/mapz", "/api/v1/risk/maps//areas",
                           "/api/v1/risk/points", "/API/v1/risk/maps", "api/v1/risk/maps", "",
                           "/api/v1/risk/map/stream/x", "/api/v1/risk/maps/%zz/areas", "/api/v1/risk/points/%00"}) {
    INFO(path);
    auto match = router.Find("GET", path);
    CHECK(match.route == nullptr);
    CHECK(match.allowed_methods.empty());
  }
}

TEST_CASE("a literal segment beats a parameter") {
  Router router({R("GET", "/a/{id}", "byId"), R("GET", "/a/latest", "latest")});
  CHECK(router.Find("GET", "/a/latest").route->operation_id == "latest");
  CHECK(router.Find("GET", "/a/42").route->operation_id == "byId");
  CHECK(router.Find("GET", "/a/42").params.at("id") == "42");
}

TEST_CASE("bad route tables are rejected") {
  CHECK_THROWS_AS(Router({R("GET", "/a/{id}", "x"), R("GET", "/a/{other}", "y")}), std::invalid_argument);
  CHECK_THROWS_AS(Router({R("GET", "/a//b", "x")}), std::invalid_argument);
  CHECK_THROWS_AS(Router({R("GET", "/a/b{c}", "x")}), std::invalid_argument);
  CHECK_THROWS_AS(Router({R("GET", "relative", "x")}), std::invalid_argument);
  CHECK_NOTHROW(Router({R("GET", "/a/{id}", "x"), R("POST", "/a/{id}", "y")}));
}

TEST_CASE("route table invariants") {
  auto routes = GatewayRoutes();
  std::set<std::string> ids;
  for (const auto& r : routes) {
    INFO(r.method << " " << r.pattern);
    CHECK(ids.insert(r.operation_id).second);
    // Public routes need no permission; a few bearer routes need only a valid token (logout, me).
    if (r.auth == AuthMode::kPublic) CHECK(r.permission.empty());
    bool takes_body = !r.request_schema.empty() || !r.raw_request_field.empty();
    CHECK((r.method == "GET" || r.method == "DELETE") == !takes_body);  // DELETE: no body
    CHECK((!r.response_schema.empty() || !r.raw_response_field.empty()));
    // POST creates (201) or performs an action on something that exists (200: move, review, login …).
    if (r.method == "POST") CHECK((r.success_status == 201 || r.success_status == 200));
    if (r.success_status == 201) CHECK(r.method == "POST");
  }
  CHECK(PathParamsOf("/api/v1/risk/maps/{map_id}/areas") == std::vector<std::string>{"map_id"});
}

TEST_CASE("path helpers") {
  CHECK(SplitPath("/a/b") == std::vector<std::string_view>{"a", "b"});
  CHECK(SplitPath("/a/") == std::vector<std::string_view>{"a", ""});
  CHECK(SplitPath("/") == std::vector<std::string_view>{""});
  CHECK(SplitPath("x").empty());
  CHECK(PercentDecode("%E9%A3%8E%E9%99%A9") == std::optional<std::string>("风险"));
  CHECK_FALSE(PercentDecode("%4").has_value());
  CHECK_FALSE(PercentDecode("%00").has_value());
}
