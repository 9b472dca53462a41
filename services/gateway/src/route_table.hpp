#pragma once
// The gateway's routes as data: the dispatcher serves exactly these and the OpenAPI document is generated
// from them, so the document cannot drift from what is served.

#include <string>
#include <vector>

namespace safeloop::gateway {

enum class AuthMode {
  kPublic,                ///< no token
  kBearer,                ///< Authorization: Bearer <JWT>
  kBearerOrQueryToken,    ///< header, or ?access_token= (EventSource cannot set headers)
};

struct QueryParam {
  std::string name;
  std::string description;
  bool uuid = false;  ///< validated as a UUID when present
};

struct RouteSpec {
  std::string method;        ///< "GET", "POST", "PUT"
  std::string pattern;       ///< "/api/v1/risk/maps/{map_id}/areas"; {name} segments are path parameters
  std::string operation_id;  ///< handler key and OpenAPI operationId
  std::string summary;
  std::string tag;
  AuthMode auth = AuthMode::kBearer;
  std::string permission;        ///< required permission; empty for public routes
  std::string request_schema;    ///< component schema of the JSON body; empty = no body
  int success_status = 200;
  std::string response_schema;   ///< component schema of the success body
  std::string content_type = "application/json";
  std::vector<QueryParam> query;
};

/// Every route the gateway serves (static console files aside).
std::vector<RouteSpec> GatewayRoutes();

/// "{map_id}" etc. in order of appearance.
std::vector<std::string> PathParamsOf(const std::string& pattern);

}  // namespace safeloop::gateway
