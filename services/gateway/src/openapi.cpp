#include "openapi.hpp"

#include "grpc_transcoder.hpp"

#include <algorithm>
#include <cctype>

namespace safeloop::gateway {
namespace {
using nlohmann::json;

json Ref(const std::string& schema) { return {{"$ref", "#/components/schemas/" + schema}}; }
json Str(const std::string& description = "") {
  json s = {{"type", "string"}};
  if (!description.empty()) s["description"] = description;
  return s;
}
json Uuid() { return {{"type", "string"}, {"format", "uuid"}}; }
json DateTime() { return {{"type", "string"}, {"format", "date-time"}}; }
json Number() { return {{"type", "number"}}; }
json Int(const std::string& format = "int32") { return {{"type", "integer"}, {"format", format}}; }
json Obj(json properties, std::vector<std::string> required) {
  return {{"type", "object"}, {"properties", std::move(properties)}, {"required", std::move(required)}};
}
json ListOf(const std::string& schema) {
  return Obj({{"items", {{"type", "array"}, {"items", Ref(schema)}}}}, {"items"});
}

json LevelProperties(json properties) {
  properties["level"] = {{"type", "integer"}, {"enum", {0, 1, 2, 3, 4}},
                         {"description", "1 重大 red, 2 较大 orange, 3 一般 yellow, 4 低 blue, 0 未评估"}};
  properties["level_name"] = {{"type", "string"}, {"enum", {"重大风险", "较大风险", "一般风险", "低风险", "未评估"}}};
  properties["color"] = {{"type", "string"}, {"enum", {"red", "orange", "yellow", "blue", "none"}}};
  return properties;
}

// The edge's API management routes (admin_routes.cpp).
void AddAdminSchemas(json& s) {
  json nullable_time = {{"type", "string"}, {"format", "date-time"}, {"nullable", true}};
  s["IpBlocklistEntry"] = Obj({{"id", Uuid()},
                               {"cidr", Str("canonical network, e.g. 203.0.113.0/24 (a single address is /32 or /128)")},
                               {"reason", Str()},
                               {"created_by", Str("account (token sub) that added it")},
                               {"created_at", DateTime()},
                               {"expires_at", nullable_time},
                               {"active", {{"type", "boolean"}}}},
                              {"id", "cidr", "reason", "created_by", "created_at", "expires_at", "active"});
  s["IpBlocklist"] = ListOf("IpBlocklistEntry");
  s["CreateIpBlocklistEntryRequest"] =
      Obj({{"cidr", Str("an IP address or a CIDR network")},
           {"reason", {{"type", "string"}, {"minLength", 1}, {"maxLength", 500}}},
           {"expires_at", {{"type", "string"}, {"format", "date-time"}, {"description", "optional; in the future"}}}},
          {"cidr", "reason"});
  s["ApiRoute"] = Obj({{"method", Str()},
                       {"pattern", Str()},
                       {"operation_id", Str()},
                       {"summary", Str()},
                       {"group", Str("the OpenAPI tag")},
                       {"auth", {{"type", "string"}, {"enum", {"public", "bearer", "bearer_or_query_token"}}}},
                       {"permission", Str("permission code the caller needs; empty for none")}},
                      {"method", "pattern", "operation_id", "summary", "group", "auth", "permission"});
  s["ApiRouteList"] = ListOf("ApiRoute");
  s["LatencyPercentiles"] = Obj({{"mean", Number()}, {"p50", Number()}, {"p95", Number()}, {"p99", Number()}},
                                {"mean", "p50", "p95", "p99"});
  s["ApiRouteStats"] = Obj({{"operation_id", Str("or 'unmatched' for paths no route serves")},
                            {"method", Str()},
                            {"pattern", Str()},
                            {"group", Str()},
                            {"count", Int("int64")},
                            {"errors_4xx", Int("int64")},
                            {"errors_5xx", Int("int64")},
                            {"latency_ms", Ref("LatencyPercentiles")}},
                           {"operation_id", "method", "pattern", "group", "count", "errors_4xx", "errors_5xx",
                            "latency_ms"});
  s["ApiStats"] = Obj({{"since", DateTime()},
                       {"until", DateTime()},
                       {"items", {{"type", "array"}, {"items", Ref("ApiRouteStats")}}}},
                      {"since", "until", "items"});
  s["AuditLogEntry"] = Obj({{"id", Str()},
                            {"occurred_at", DateTime()},
                            {"enterprise_id", Str()},
                            {"park_id", Str()},
                            {"account", Str("token sub; empty without a valid token")},
                            {"roles", {{"type", "array"}, {"items", Str()}}},
                            {"username", Str("attempted login name (login attempts only)")},
                            {"operation_id", Str()},
                            {"method", Str()},
                            {"path", Str()},
                            {"path_params", {{"type", "object"}, {"additionalProperties", Str()}}},
                            {"http_status", Int()},
                            {"code", Str("status code name, OK on success")},
                            {"client_address", Str()},
                            {"user_agent", Str()},
                            {"request_id", Str()},
                            {"elapsed_ms", Number()}},
                           {"id", "occurred_at", "account", "roles", "operation_id", "method", "path", "path_params",
                            "http_status", "code", "client_address", "user_agent", "request_id", "elapsed_ms"});
  s["AuditLogPage"] = Obj({{"items", {{"type", "array"}, {"items", Ref("AuditLogEntry")}}},
                           {"next_cursor", {{"type", "string"}, {"nullable", true}}}},
                          {"items", "next_cursor"});
}

json Schemas() {
  json s;
  s["Error"] = Obj({{"error", Obj({{"code", Str("gRPC status name, e.g. INVALID_ARGUMENT")},
                                   {"message", Str()},
                                   {"field", Str("the offending field, when one is at fault")},
                                   {"request_id", Str()}},
                                  {"code", "message", "request_id"})}},
                   {"error"});
  s["Health"] = Obj({{"status", {{"type", "string"}, {"enum", {"ok", "unavailable"}}}}}, {"status"});
  s["OpenApiDocument"] = {{"type", "object"}, {"description", "This document"}};
  s["Point2D"] = Obj({{"x", Number()}, {"y", Number()}}, {"x", "y"});
  s["PlantMap"] = Obj({{"id", Uuid()}, {"name", Str()}, {"image_url", Str()}, {"width", Int()}, {"height", Int()},
                       {"created_at", DateTime()}},
                      {"id", "name", "image_url", "width", "height", "created_at"});
  s["PlantMapList"] = ListOf("PlantMap");
  s["Area"] = Obj(LevelProperties({{"id", Uuid()},
                                   {"map_id", Uuid()},
                                   {"name", Str()},
                                   {"polygon", {{"type", "array"}, {"items", Ref("Point2D")}}},
                                   {"created_at", DateTime()}}),
                  {"id", "map_id", "name", "polygon", "level", "level_name", "color", "created_at"});
  s["AreaList"] = ListOf("Area");
  s["LecAssessment"] =
      Obj(LevelProperties({{"id", Uuid()},
                           {"risk_point_id", Uuid()},
                           {"method", {{"type", "string"}, {"enum", {"LEC"}}}},
                           {"l", Number()},
                           {"e", Number()},
                           {"c", Number()},
                           {"d", {{"type", "number"}, {"description", "L × E × C"}}},
                           {"band_variant", {{"type", "string"}, {"enum", {"V1", "V2"}}}},
                           {"assessed_by", Str()},
                           {"note", Str()},
                           {"assessed_at", DateTime()},
                           {"version", Int()}}),
          {"id", "risk_point_id", "method", "l", "e", "c", "d", "level", "level_name", "color", "band_variant",
           "assessed_by", "note", "assessed_at", "version"});
  s["LecAssessmentList"] = ListOf("LecAssessment");
  s["RiskPoint"] = Obj(LevelProperties({{"id", Uuid()},
                                        {"area_id", Uuid()},
                                        {"name", Str()},
                                        {"description", Str()},
                                        {"latest_assessment", {{"allOf", {Ref("LecAssessment")}}, {"nullable", true}}},
                                        {"created_at", DateTime()}}),
                       {"id", "area_id", "name", "description", "level", "level_name", "color", "latest_assessment",
                        "created_at"});
  s["RiskPointList"] = ListOf("RiskPoint");
  s["ScoringSettings"] = Obj({{"lec_band_variant", {{"type", "string"}, {"enum", {"V1", "V2"}}}}}, {"lec_band_variant"});
  s["RiskMapArea"] = Obj(LevelProperties({{"area_id", Uuid()},
                                          {"name", Str()},
                                          {"polygon", {{"type", "array"}, {"items", Ref("Point2D")}}},
                                          {"version", Int("int64")}}),
                         {"area_id", "name", "polygon", "level", "level_name", "color", "version"});
  s["RiskMap"] = Obj({{"map", Ref("PlantMap")},
                      {"version", Int("int64")},
                      {"areas", {{"type", "array"}, {"items", Ref("RiskMapArea")}}}},
                     {"map", "version", "areas"});
  s["AreaLevelEvent"] = Obj(LevelProperties({{"area_id", Uuid()}, {"map_id", Uuid()}, {"version", Int("int64")}}),
                            {"area_id", "map_id", "level", "level_name", "color", "version"});
  s["RiskMapEventStream"] = {
      {"type", "string"},
      {"description",
       "text/event-stream: `event: snapshot` (data: RiskMap), then `event: area-level` (data: AreaLevelEvent), "
       "each with `id: <map version>`; `: keepalive` comments every 15 s"}};
  s["CreatePlantMapRequest"] =
      Obj({{"name", Str()}, {"image_url", Str()}, {"width", Int()}, {"height", Int()}},
          {"name", "image_url", "width", "height"});
  s["CreateAreaRequest"] =
      Obj({{"name", Str()},
           {"polygon", {{"type", "array"}, {"items", Ref("Point2D")}, {"minItems", 3}}}},
          {"name", "polygon"});
  s["CreateRiskPointRequest"] = Obj({{"name", Str()}, {"description", Str()}}, {"name"});
  s["AssessLecRequest"] =
      Obj({{"method", {{"type", "string"}, {"enum", {"LEC"}}, {"default", "LEC"}}},
           {"l", {{"type", "number"}, {"enum", {10, 6, 3, 1, 0.5, 0.2, 0.1}}, {"description", "likelihood"}}},
           {"e", {{"type", "number"}, {"enum", {10, 6, 3, 2, 1, 0.5}}, {"description", "exposure"}}},
           {"c", {{"type", "number"}, {"enum", {100, 40, 15, 7, 3, 1}}, {"description", "consequence"}}},
           {"note", Str()}},
          {"l", "e", "c"});
  AddAdminSchemas(s);
  return s;
}

json ErrorResponse(const std::string& description) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", Ref("Error")}}}}}};
}

json Operation(const RouteSpec& route) {
  json op = {{"operationId", route.operation_id}, {"summary", route.summary}, {"tags", {route.tag}}};
  json parameters = json::array();
  for (const auto& name : PathParamsOf(route.pattern)) {
    parameters.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", Uuid()}});
  }
  for (const auto& q : route.query) {
    parameters.push_back({{"name", q.name},
                          {"in", "query"},
                          {"required", false},
                          {"description", q.description},
                          {"schema", q.uuid ? Uuid() : Str()}});
  }
  if (!parameters.empty()) op["parameters"] = std::move(parameters);
  if (!route.request_schema.empty()) {
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", Ref(route.request_schema)}}}}}};
  } else if (!route.raw_request_field.empty()) {  // a file upload: the body is the file itself
    op["requestBody"] = {
        {"required", true},
        {"content",
         {{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
  }

  json responses;
  json success_schema = route.raw_response_field.empty() ? Ref(route.response_schema)
                                                          : json{{"type", "string"}, {"format", "binary"}};
  responses[std::to_string(route.success_status)] = {
      {"description", route.success_status == 201 ? "Created" : "OK"},
      {"content", {{route.content_type, {{"schema", success_schema}}}}}};
  if (!route.accepted_field.empty()) {
    responses["422"] = {{"description", "Refused as a whole (nothing was changed); the body lists every problem"},
                        {"content", {{"application/json", {{"schema", Ref(route.response_schema)}}}}}};
  }
  if (route.auth == AuthMode::kPublic) {
    op["security"] = json::array();
    if (route.operation_id == "health") {
      responses["503"] = {{"description", "The risk service is unreachable"},
                          {"content", {{"application/json", {{"schema", Ref("Health")}}}}}};
    }
  } else {
    op["security"] = {{{"bearerAuth", json::array()}}};
    if (route.auth == AuthMode::kBearerOrQueryToken) op["security"].push_back({{"accessTokenQuery", json::array()}});
    op["x-safeloop-permission"] = route.permission;
    responses["400"] = ErrorResponse(route.method == "POST"
                                          ? "Invalid input, or a parent in the path that the caller's enterprise does "
                                            "not have; error.field names the field"
                                          : "Invalid input; error.field names the field");
    responses["401"] = ErrorResponse("Missing, malformed, expired or wrongly signed token");
    responses["403"] = ErrorResponse(route.permission.empty() ? "Refused for this caller"
                                                              : "The token's roles lack " + route.permission);
    responses["404"] = ErrorResponse("Not found (or not in the caller's enterprise)");
    std::string backend = route.backend.empty() ? "risk" : route.backend;
    responses["503"] = ErrorResponse("The " + backend + " service is unavailable");
    responses["504"] = ErrorResponse("The " + backend + " service did not answer in time");
    responses["default"] = ErrorResponse("Any other error");
  }
  // The edge answers these on any route (rate limits; body size limits where a body is taken).
  responses["429"] = {{"description", "Too many requests from this address or account; wait Retry-After seconds"},
                      {"headers", {{"Retry-After", {{"schema", Int()}}}}},
                      {"content", {{"application/json", {{"schema", Ref("Error")}}}}}};
  if (!route.request_schema.empty()) responses["413"] = ErrorResponse("The request body is larger than allowed");
  op["responses"] = std::move(responses);
  return op;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}
}  // namespace

// The hand-written schemas plus those generated from the messages of transcoded routes.
static json TranscodedSchemas(const std::vector<RouteSpec>& routes) {
  json schemas = Schemas();
  AddTranscodedSchemas(routes, schemas);
  return schemas;
}

json BuildOpenApi(const std::vector<RouteSpec>& routes) {
  json paths = json::object();
  for (const auto& route : routes) paths[route.pattern][Lower(route.method)] = Operation(route);
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "SafeLoop 安全闭环 API"},
            {"version", "1.0.0"},
            {"description",
             "REST edge of SafeLoop. The tenant (enterprise, park) always comes from the token. Errors answer "
             "{\"error\":{\"code\",\"message\",\"field\",\"request_id\"}} with the HTTP status matching the gRPC "
             "code; every response carries X-Request-Id."}}},
          {"servers", {{{"url", "/"}}}},
          {"tags", {{{"name", "risk"}, {"description", "安全风险分级管控 risk graded control"}},
                    {{"name", "system"}, {"description", "Health and API description"}},
                    {{"name", "admin"}, {"description", "API 管理: routes, call statistics, IP blocklist, audit log"}},
                    {{"name", "auth"}, {"description", "登录、令牌刷新、退出 login, token refresh, logout"}},
                    {{"name", "personnel"}, {"description", "企业、组织、人员、账号、角色、证书、承包商"}}}},
          {"paths", std::move(paths)},
          {"components",
           {{"schemas", TranscodedSchemas(routes)},
            {"securitySchemes",
             {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}},
              {"accessTokenQuery", {{"type", "apiKey"}, {"in", "query"}, {"name", "access_token"}}}}}}}};
}

}  // namespace safeloop::gateway
