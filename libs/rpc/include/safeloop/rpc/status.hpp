#pragma once
/// @file status.hpp
/// safeloop::Status <-> grpc::Status. The offending field of a validation error travels in the trailing
/// metadata key `safeloop-error-field` (plain text), so the gateway can answer {"error":{..., "field": ...}}.
/// Clients also accept a binary safeloop.common.v1.ErrorDetail under `safeloop-error-bin`.

#include <grpcpp/grpcpp.h>

#include <map>
#include <string>

#include "safeloop/core/status.hpp"

namespace safeloop::rpc {

inline constexpr const char* kErrorFieldKey = "safeloop-error-field";
inline constexpr const char* kErrorDetailKey = "safeloop-error-bin";

/// Server side: the grpc::Status to return; also sets the field trailer on `context` (may be null).
grpc::Status ToGrpcStatus(const Status& status, grpc::ServerContext* context);
/// Client side: rebuilds a Status from a finished call (field from the trailers of `context`, may be null).
Status FromGrpcStatus(const grpc::Status& status, const grpc::ClientContext* context);
/// The same from the trailing metadata itself.
Status FromGrpcStatus(const grpc::Status& status, const std::multimap<grpc::string_ref, grpc::string_ref>& trailers);

}  // namespace safeloop::rpc
