#include <catch2/catch.hpp>
#include <cctype>
#include <functional>
#include <set>

#include "openapi.hpp"

using namespace safeloop::gateway;
using nlohmann::json;

namespace {
std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void CollectRefs(const json& node, std::vector<std::string>& out) {
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it.key() == "$ref" && it->is_string()) out.push_back(it->get<std::string>());
      CollectRefs(*it, out);
    }
  } else if (node.is_array()) {
    for (const auto& child : node) CollectRefs(child, out);
  }
}
}  // namespace

TEST_CASE("the OpenAPI document is valid JSON of version 3.0.3") {
  auto doc = json::parse(BuildOpenApi(GatewayRoutes()).dump());
  CHECK(doc["openapi"] == "3.0.3");
  CHECK(doc["info"]["title"].is_string());
  CHECK(doc["info"]["version"].is_string());
  CHECK(doc["components"]["securitySchemes"]["bearerAuth"] ==
        json::parse(R"({"type":"http","scheme":"bearer","bearerFormat":"JWT"})"));
  CHECK(doc["components"]["schemas"].contains("Error"));
}

TEST_CASE("every route of the route table is in the document, and nothing else") {
  auto routes = GatewayRoutes();
  auto doc = BuildOpenApi(routes);
  std::size_t operations = 0;
  for (const auto& [path, item] : doc["paths"].items()) operations += item.size();
  CHECK(operations == routes.size());

  for (const auto& route : routes) {
    INFO(route.method << " " << route.pattern);
    REQUIRE(doc["paths"].contains(route.pattern));
    const json& op = doc["paths"][route.pattern][Lower(route.method)];
    REQUIRE(op.is_object());
    CHECK(op["operationId"] == route.operation_id);
    CHECK(op["responses"].contains(std::to_string(route.success_status)));
    CHECK(op["responses"][std::to_string(route.success_status)]["content"].contains(route.content_type));

    std::set<std::string> declared;
    for (const auto& p : op.value("parameters", json::array())) {
      if (p["in"] == "path") {
        CHECK(p["required"] == true);
        declared.insert(p["name"].get<std::string>());
      }
    }
    auto wanted = PathParamsOf(route.pattern);
    CHECK(declared == std::set<std::string>(wanted.begin(), wanted.end()));

    CHECK(op.contains("requestBody") == (!route.request_schema.empty() || !route.raw_request_field.empty()));
    if (route.auth == AuthMode::kPublic) {
      CHECK(op["security"] == json::array());
    } else {
      CHECK(op["security"][0].contains("bearerAuth"));
      CHECK(op["x-safeloop-permission"] == route.permission);
      for (const char* code : {"400", "401", "403", "404"}) {
        CHECK(op["responses"][code]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/Error");
      }
    }
  }
}

TEST_CASE("every $ref points at a defined schema") {
  auto doc = BuildOpenApi(GatewayRoutes());
  std::vector<std::string> refs;
  CollectRefs(doc, refs);
  CHECK(refs.size() > 20);
  for (const auto& ref : refs) {
    INFO(ref);
    REQUIRE(ref.rfind("#/components/schemas/", 0) == 0);
    CHECK(doc["components"]["schemas"].contains(ref.substr(21)));
  }
}

TEST_CASE("schemas name the API.md fields") {
  auto schemas = BuildOpenApi(GatewayRoutes())["components"]["schemas"];
  auto props = [&](const char* name) {
    std::set<std::string> out;
    for (const auto& [k, v] : schemas[name]["properties"].items()) out.insert(k);
    return out;
  };
  CHECK(props("PlantMap") == std::set<std::string>{"id", "name", "image_url", "width", "height", "created_at"});
  CHECK(props("Area") == std::set<std::string>{"id", "map_id", "name", "polygon", "level", "level_name", "color",
                                               "created_at"});
  CHECK(props("RiskPoint") == std::set<std::string>{"id", "area_id", "name", "description", "level", "level_name",
                                                    "color", "latest_assessment", "created_at"});
  CHECK(props("LecAssessment") ==
        std::set<std::string>{"id", "risk_point_id", "method", "l", "e", "c", "d", "level", "level_name", "color",
                              "band_variant", "assessed_by", "note", "assessed_at", "version"});
  CHECK(props("RiskMap") == std::set<std::string>{"map", "version", "areas"});
  CHECK(props("AreaLevelEvent") ==
        std::set<std::string>{"area_id", "map_id", "level", "level_name", "color", "version"});
}
