#pragma once
/// @file call_context.hpp
/// Every RPC handler runs inside HandleCall: it reads the request id, verifies the caller's JWT (the gateway
/// forwards it; services check it again as defence in depth), checks the permission, refuses calls whose
/// deadline has passed, attaches request id and tenant to the thread's logs, turns the handler's Status
/// into a grpc::Status, and makes sure no exception escapes.
///
///   grpc::Status AssessLec(grpc::ServerContext* ctx, const Req* req, Resp* resp) override {
///     return rpc::HandleCall(ctx, guard_, permission::kRiskAssessmentWrite, [&](const rpc::CallContext& call) {
///       return service_.AssessLec(call, *req, *resp);
///     });
///   }

#include <grpcpp/grpcpp.h>

#include <string>
#include <string_view>

#include "safeloop/auth/jwt.hpp"
#include "safeloop/auth/permissions.hpp"
#include "safeloop/core/log.hpp"
#include "safeloop/rpc/status.hpp"

namespace safeloop::rpc {

struct CallContext {
  std::string request_id;
  auth::Claims caller;
  std::chrono::system_clock::time_point deadline;
  const std::string& enterprise_id() const { return caller.ent; }
};

/// What a service needs to authenticate calls (permissions travel in the token itself).
struct CallGuard {
  const auth::JwtVerifier* verifier;
};

/// Whether a call acts on one enterprise (almost all) or may come from a park account that has not chosen one.
enum class TenantNeed { kEnterprise, kParkOrEnterprise };

/// Reads and verifies the metadata of a call. UNAUTHENTICATED without a valid bearer token.
Result<CallContext> Authenticate(const grpc::ServerContext& context, const CallGuard& guard);

template <typename Fn>
grpc::Status HandleCall(grpc::ServerContext* context, const CallGuard& guard, std::string_view permission, Fn&& fn,
                        TenantNeed tenant = TenantNeed::kEnterprise) {
  auto call = Authenticate(*context, guard);
  if (!call.ok()) return ToGrpcStatus(call.status(), context);
  LogScope scope({call->request_id, call->caller.ent, call->caller.park});
  if (!permission.empty()) {
    if (auto allowed = auth::RequirePermission(call->caller, permission); !allowed.ok()) {
      return ToGrpcStatus(allowed, context);
    }
  }
  if (call->caller.scope == "platform") {
    // Platform operators run the edge; no service call acts on a tenant on their behalf.
    return ToGrpcStatus(PermissionDenied("a platform operator token acts on no enterprise or park"), context);
  }
  if (tenant == TenantNeed::kEnterprise && call->caller.ent.empty()) {
    return ToGrpcStatus(PermissionDenied("a park account must choose an enterprise first "
                                         "(POST /api/v1/auth/enterprise-token)"),
                        context);
  }
  if (context->IsCancelled() || std::chrono::system_clock::now() >= call->deadline) {
    return ToGrpcStatus(Status(StatusCode::kDeadlineExceeded, "deadline passed before the call was handled"), context);
  }
  try {
    Status status = fn(*call);
    if (!status.ok() && (status.code() == StatusCode::kInternal || status.code() == StatusCode::kUnknown)) {
      LogError("rpc", "call failed", {{"error", status.ToString()}});
    }
    return ToGrpcStatus(status, context);
  } catch (const std::exception& e) {
    LogError("rpc", "unhandled exception in handler", {{"error", e.what()}});
    return ToGrpcStatus(Internal("internal error; see the service log for request " + call->request_id), context);
  }
}

}  // namespace safeloop::rpc
