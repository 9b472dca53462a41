#pragma once
// The gateway's routes as data: the dispatcher serves exactly these and the OpenAPI document is generated
// from them, so the document cannot drift from what is served.

#include <cstddef>
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
  std::size_t max_body_bytes = 0;  ///< body size limit of this route (uploads); 0 = SAFELOOP_MAX_BODY_BYTES
  /// Generic REST → gRPC routes (grpc_transcoder): the backend and the full method name
  /// ("safeloop.personnel.v1.PeopleService.ListPeople"). Path and query parameters fill request fields of
  /// the same name; a JSON body is merged into the request.
  std::string backend;
  std::string grpc_method;
  std::string raw_request_field;   ///< bytes field that receives the raw body (file uploads); the body is not JSON
  std::string raw_response_field;  ///< bytes field sent as the body (file downloads), with content_type
  std::string file_name_field;     ///< string field naming the download (Content-Disposition)
  std::string content_type_field;  ///< string field with the download's media type (overrides content_type)
  std::string accepted_field;      ///< bool field; false → 422 with the JSON body (e.g. an import's row problems)
};

/// Every route the gateway serves (static console files aside).
std::vector<RouteSpec> GatewayRoutes();

/// "{map_id}" etc. in order of appearance.
std::vector<std::string> PathParamsOf(const std::string& pattern);

}  // namespace safeloop::gateway
