#pragma once
// One transcoded REST route: a bearer route answered by a backend's gRPC method through the generic
// transcoder (grpc_transcoder). Each service's route file is a list of these, one line per route.

#include <string>
#include <string_view>

#include "route_table.hpp"

namespace safeloop::gateway {

/// A bearer route of `backend` (a GrpcTranscoder channel name) to the fully qualified `grpc_method`
/// ("safeloop.risk.v1.RiskModelService.ListRiskObjects"). Path parameters and query parameters fill the
/// request fields of the same names; the body fills the rest.
RouteSpec BackendRpc(std::string backend, std::string method, std::string pattern, std::string operation_id,
                     std::string summary, std::string tag, std::string_view permission, std::string grpc_method,
                     int success_status = 200);

}  // namespace safeloop::gateway
