#pragma once
// Errors at the REST edge: grpc::Status (+ the field in trailing metadata) → Status, and Status → the
// JSON error body and HTTP status of docs/API.md.

#include <grpcpp/grpcpp.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "safeloop/core/status.hpp"

namespace safeloop::gateway {

/// Trailing metadata key carrying the offending field (plain text).
/// Binary trailing metadata carrying a safeloop.common.v1.ErrorDetail (alternative to the plain key).

/// The Status of a failed backend call. The field comes from `safeloop-error-field`, else from an
/// ErrorDetail in `safeloop-error-bin`. Transport failures get an actionable message naming the backend.
Status StatusFromGrpc(const grpc::Status& status,
                      const std::multimap<grpc::string_ref, grpc::string_ref>& trailing_metadata,
                      std::string_view backend = "risk");

/// {"error":{"code","message","field"?,"request_id"}}.
nlohmann::json ErrorJson(const Status& status, const std::string& request_id);

}  // namespace safeloop::gateway
