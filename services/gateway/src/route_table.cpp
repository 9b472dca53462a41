#include "route_table.hpp"

#include "grpc_transcoder.hpp"
#include "personnel_routes.hpp"
#include "risk_model_routes.hpp"

#include "admin_routes.hpp"
#include "safeloop/auth/permissions.hpp"

namespace safeloop::gateway {
namespace {
namespace perm = auth::permission;
std::string Perm(std::string_view p) { return std::string(p); }
}  // namespace

std::vector<RouteSpec> GatewayRoutes() {
  const std::string kRisk = "risk";
  const std::string kSystem = "system";
  const QueryParam map_id{"map_id", "Plant map id; the enterprise's first map when omitted", true};
  const QueryParam access_token{"access_token", "The JWT, for clients that cannot set headers (EventSource)", false};
  std::vector<RouteSpec> routes = {
      {"GET", "/healthz", "health", "Liveness and readiness: the risk service is reachable", kSystem,
       AuthMode::kPublic, "", "", 200, "Health"},
      {"GET", "/api/v1/openapi.json", "getOpenApi", "This OpenAPI document", kSystem, AuthMode::kPublic, "", "", 200,
       "OpenApiDocument"},
      {"POST", "/api/v1/risk/maps", "createPlantMap", "Create a plant map (background image and size)", kRisk,
       AuthMode::kBearer, Perm(perm::kRiskMapWrite), "CreatePlantMapRequest", 201, "PlantMap"},
      {"GET", "/api/v1/risk/maps", "listPlantMaps", "List the enterprise's plant maps", kRisk, AuthMode::kBearer,
       Perm(perm::kRiskMapRead), "", 200, "PlantMapList"},
      {"POST", "/api/v1/risk/maps/{map_id}/areas", "createArea", "Draw an area (polygon) on a plant map", kRisk,
       AuthMode::kBearer, Perm(perm::kRiskMapWrite), "CreateAreaRequest", 201, "Area"},
      {"GET", "/api/v1/risk/maps/{map_id}/areas", "listAreas", "List the areas of a plant map", kRisk,
       AuthMode::kBearer, Perm(perm::kRiskMapRead), "", 200, "AreaList"},
      {"POST", "/api/v1/risk/areas/{area_id}/points", "createRiskPoint", "Create a risk point in an area", kRisk,
       AuthMode::kBearer, Perm(perm::kRiskPointWrite), "CreateRiskPointRequest", 201, "RiskPoint"},
      {"GET", "/api/v1/risk/areas/{area_id}/points", "listRiskPoints",
       "List an area's risk points, each with its latest assessment", kRisk, AuthMode::kBearer,
       Perm(perm::kRiskPointRead), "", 200, "RiskPointList"},
      {"GET", "/api/v1/risk/points/{point_id}", "getRiskPoint", "Get one risk point", kRisk, AuthMode::kBearer,
       Perm(perm::kRiskPointRead), "", 200, "RiskPoint"},
      {"POST", "/api/v1/risk/points/{point_id}/assessments", "assessRiskPoint",
       "Assess a risk point with LEC (D = L × E × C)", kRisk, AuthMode::kBearer, Perm(perm::kRiskAssessmentWrite),
       "AssessLecRequest", 201, "LecAssessment"},
      {"GET", "/api/v1/risk/points/{point_id}/assessments", "listAssessments",
       "A risk point's assessments, newest first", kRisk, AuthMode::kBearer, Perm(perm::kRiskAssessmentRead), "", 200,
       "LecAssessmentList"},
      {"GET", "/api/v1/risk/settings", "getScoringSettings", "The enterprise's scoring settings", kRisk,
       AuthMode::kBearer, Perm(perm::kRiskSettingsRead), "", 200, "ScoringSettings"},
      {"PUT", "/api/v1/risk/settings", "updateScoringSettings", "Change the enterprise's scoring settings", kRisk,
       AuthMode::kBearer, Perm(perm::kRiskSettingsWrite), "ScoringSettings", 200, "ScoringSettings"},
      {"GET", "/api/v1/risk/map", "getRiskMap", "The live four-colour risk map", kRisk, AuthMode::kBearer,
       Perm(perm::kRiskMapRead), "", 200, "RiskMap", "application/json", {map_id}},
      {"GET", "/api/v1/risk/map/stream", "streamRiskMap",
       "Server-sent events: a snapshot, then area-level changes; ': keepalive' comments every 15 s", kRisk,
       AuthMode::kBearerOrQueryToken, Perm(perm::kRiskMapRead), "", 200, "RiskMapEventStream", "text/event-stream",
       {map_id, access_token}},
  };
  for (auto& route : AdminRoutes()) routes.push_back(std::move(route));  // admin_routes.cpp
  for (auto& route : PersonnelRoutes()) routes.push_back(std::move(route));  // personnel_routes.cpp
  for (auto& route : RiskModelRoutes()) routes.push_back(std::move(route));  // risk_model_routes.cpp
  DescribeTranscodedRoutes(routes);  // schemas and query parameters of transcoded routes, from their messages
  return routes;
}

std::vector<std::string> PathParamsOf(const std::string& pattern) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = pattern.find('{', pos)) != std::string::npos) {
    auto end = pattern.find('}', pos);
    if (end == std::string::npos) break;
    out.push_back(pattern.substr(pos + 1, end - pos - 1));
    pos = end + 1;
  }
  return out;
}

}  // namespace safeloop::gateway
