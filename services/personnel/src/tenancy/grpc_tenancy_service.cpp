#include "tenancy/grpc_tenancy_services.hpp"

namespace safeloop::personnel::tenancy {
namespace {

namespace perm = auth::permission;

// Park-wide calls are for park accounts; an enterprise account holding personnel.park.read through a broad
// grant ("personnel.*") still only sees its own enterprise through GetMyEnterprise.
Status RequireParkAccount(const rpc::CallContext& call) {
  if (call.caller.scope != "park" || call.caller.park.empty()) {
    return PermissionDenied("only park accounts (data scope park) may address the enterprises of a park");
  }
  return Status::Ok();
}

Status ValidateUpdate(bool has_profile, const v1::EnterpriseProfile& profile, int version) {
  if (!has_profile) return InvalidArgument("profile is required", "profile");
  if (version <= 0) return InvalidArgument("version is required (the version you read)", "version");
  return ValidateEnterpriseProfile(profile);
}

}  // namespace

grpc::Status GrpcTenancyService::GetMyEnterprise(grpc::ServerContext* ctx, const v1::GetMyEnterpriseRequest*,
                                                 v1::Enterprise* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kEnterpriseRead, [&](const rpc::CallContext& call) {
    return Fill(store_.GetOwn(ActorOf(call)), *resp);
  });
}

grpc::Status GrpcTenancyService::UpdateMyEnterprise(grpc::ServerContext* ctx, const v1::UpdateMyEnterpriseRequest* req,
                                                    v1::Enterprise* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kEnterpriseWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(ValidateUpdate(req->has_profile(), req->profile(), req->version()));
    std::optional<bool> grant;
    if (req->has_park_write_granted()) grant = req->park_write_granted();
    return Fill(store_.UpdateOwn(ActorOf(call), req->profile(), req->version(), grant), *resp);
  });
}

grpc::Status GrpcTenancyService::ListParkEnterprises(grpc::ServerContext* ctx, const v1::ListParkEnterprisesRequest* req,
                                                     v1::ListParkEnterprisesResponse* resp) {
  return rpc::HandleCall(
      ctx, guard_, perm::kParkRead,
      [&](const rpc::CallContext& call) -> Status {
        SAFELOOP_RETURN_IF_ERROR(RequireParkAccount(call));
        SAFELOOP_RETURN_IF_ERROR(OptionalText(req->name_contains(), "name_contains", "企业名称", 200));
        return Fill(store_.ListInPark(ActorOf(call), req->name_contains()), *resp);
      },
      rpc::TenantNeed::kParkOrEnterprise);
}

grpc::Status GrpcTenancyService::GetParkEnterprise(grpc::ServerContext* ctx, const v1::GetParkEnterpriseRequest* req,
                                                   v1::Enterprise* resp) {
  return rpc::HandleCall(
      ctx, guard_, perm::kParkRead,
      [&](const rpc::CallContext& call) -> Status {
        SAFELOOP_RETURN_IF_ERROR(RequireParkAccount(call));
        SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->enterprise_id(), "enterprise_id"));
        return Fill(store_.GetInPark(ActorOf(call), req->enterprise_id()), *resp);
      },
      rpc::TenantNeed::kParkOrEnterprise);
}

grpc::Status GrpcTenancyService::UpdateParkEnterprise(grpc::ServerContext* ctx,
                                                      const v1::UpdateParkEnterpriseRequest* req,
                                                      v1::Enterprise* resp) {
  return rpc::HandleCall(
      ctx, guard_, perm::kEnterpriseWrite,
      [&](const rpc::CallContext& call) -> Status {
        SAFELOOP_RETURN_IF_ERROR(RequireParkAccount(call));
        SAFELOOP_RETURN_IF_ERROR(auth::RequirePermission(call.caller, perm::kParkRead));
        SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->enterprise_id(), "enterprise_id"));
        SAFELOOP_RETURN_IF_ERROR(ValidateUpdate(req->has_profile(), req->profile(), req->version()));
        return Fill(store_.UpdateInPark(ActorOf(call), req->enterprise_id(), req->profile(), req->version()), *resp);
      },
      rpc::TenantNeed::kParkOrEnterprise);
}

}  // namespace safeloop::personnel::tenancy
