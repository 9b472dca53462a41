#include "grpc_auth_service.hpp"

#include "identity_proto_mapping.hpp"
#include "identity_validation.hpp"
#include "rpc_actor.hpp"

namespace safeloop::personnel::identity {
namespace {

constexpr auto kAnyTenant = rpc::TenantNeed::kParkOrEnterprise;

}  // namespace

grpc::Status GrpcAuthService::Login(grpc::ServerContext* ctx, const v1::LoginRequest* req, v1::TokenPair* resp) {
  return HandlePublicCall(ctx, [&](const std::string& request_id) -> Status {
    if (req->username().empty()) return InvalidArgument("用户名不能为空", "username");
    if (req->password().empty()) return InvalidArgument("密码不能为空", "password");
    // Longer input cannot be a valid account or password; refusing it early bounds the hashing work.
    if (req->username().size() > 64 || req->password().size() > 256) return Unauthenticated("用户名或密码错误");
    // gRPC clients replace a "user-agent" entry with their own, so the gateway forwards the browser's agent
    // as x-safeloop-user-agent; plain user-agent is the fallback for direct gRPC callers.
    std::string agent = ClientMetadata(*ctx, "x-safeloop-user-agent", 256);
    if (agent.empty()) agent = ClientMetadata(*ctx, "user-agent", 256);
    ClientInfo client{ClientMetadata(*ctx, "x-safeloop-client-ip", 64), agent, request_id};
    auto pair = flows_.Login(req->username(), req->password(), client);
    if (!pair.ok()) return pair.status();
    ToProto(*pair, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcAuthService::Refresh(grpc::ServerContext* ctx, const v1::RefreshRequest* req, v1::TokenPair* resp) {
  return HandlePublicCall(ctx, [&](const std::string&) -> Status {
    if (req->refresh_token().empty()) return InvalidArgument("refresh_token is required", "refresh_token");
    auto pair = flows_.Refresh(req->refresh_token());
    if (!pair.ok()) return pair.status();
    ToProto(*pair, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcAuthService::Logout(grpc::ServerContext* ctx, const v1::LogoutRequest*, v1::LogoutResponse*) {
  return rpc::HandleCall(
      ctx, guard_, "", [&](const rpc::CallContext& call) { return flows_.Logout(ActorOf(call)); }, kAnyTenant);
}

grpc::Status GrpcAuthService::ChangePassword(grpc::ServerContext* ctx, const v1::ChangePasswordRequest* req,
                                             v1::ChangePasswordResponse* resp) {
  return rpc::HandleCall(
      ctx, guard_, "",
      [&](const rpc::CallContext& call) -> Status {
        if (req->old_password().empty()) return InvalidArgument("原密码不能为空", "old_password");
        auto revoked = flows_.ChangePassword(ActorOf(call), req->old_password(), req->new_password());
        if (!revoked.ok()) return revoked.status();
        resp->set_sessions_revoked(*revoked);
        return Status::Ok();
      },
      kAnyTenant);
}

grpc::Status GrpcAuthService::Me(grpc::ServerContext* ctx, const v1::MeRequest*, v1::MeResponse* resp) {
  return rpc::HandleCall(
      ctx, guard_, "",
      [&](const rpc::CallContext& call) -> Status {
        Actor actor = ActorOf(call);
        auto me = flows_.Me(actor, call.caller.ent);
        if (!me.ok()) return me.status();
        ToProto(*me, actor, *resp);
        return Status::Ok();
      },
      kAnyTenant);
}

grpc::Status GrpcAuthService::IssueEnterpriseToken(grpc::ServerContext* ctx, const v1::IssueEnterpriseTokenRequest* req,
                                                   v1::TokenPair* resp) {
  return rpc::HandleCall(
      ctx, guard_, auth::permission::kParkRead,
      [&](const rpc::CallContext& call) -> Status {
        SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->enterprise_id(), "enterprise_id"));
        auto pair = flows_.IssueEnterpriseToken(ActorOf(call), req->enterprise_id());
        if (!pair.ok()) return pair.status();
        ToProto(*pair, *resp);
        return Status::Ok();
      },
      kAnyTenant);
}

}  // namespace safeloop::personnel::identity
