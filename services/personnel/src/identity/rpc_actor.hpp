#pragma once
// The identity module's view of a verified call, and the wrapper for the two calls that come without a
// token (Login, Refresh).

#include <grpcpp/grpcpp.h>

#include "identity_model.hpp"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::personnel::identity {

inline Actor ActorOf(const rpc::CallContext& call) {
  return {call.caller.ent, call.caller.park, call.caller.sub, call.caller.sid, call.request_id,
          call.caller.scope == "park"};
}

/// The value of a metadata key ("" when absent), cut to `max_bytes`.
std::string ClientMetadata(const grpc::ServerContext& context, const char* key, std::size_t max_bytes);

/// A fresh request id for calls that came without one.
std::string NewRequestId();

/// Like rpc::HandleCall for calls without a bearer token: request id for the logs, no exception escapes,
/// the Status becomes a grpc::Status. `fn(request_id)` returns Status.
template <typename Fn>
grpc::Status HandlePublicCall(grpc::ServerContext* context, Fn&& fn) {
  std::string request_id = ClientMetadata(*context, "x-request-id", 128);
  if (request_id.empty() || request_id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                         "0123456789-_.") != std::string::npos) {
    request_id = NewRequestId();
  }
  LogScope scope({request_id, "", ""});
  try {
    Status status = fn(request_id);
    if (!status.ok() && (status.code() == StatusCode::kInternal || status.code() == StatusCode::kUnknown)) {
      LogError("rpc", "call failed", {{"error", status.ToString()}});
    }
    return rpc::ToGrpcStatus(status, context);
  } catch (const std::exception& e) {
    LogError("rpc", "unhandled exception in handler", {{"error", e.what()}});
    return rpc::ToGrpcStatus(Internal("internal error; see the service log for request " + request_id), context);
  }
}

}  // namespace safeloop::personnel::identity
