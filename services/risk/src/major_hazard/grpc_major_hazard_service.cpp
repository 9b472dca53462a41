#include "major_hazard/grpc_major_hazard_service.hpp"

#include "risk_validation.hpp"
#include "safeloop/auth/permissions.hpp"

namespace safeloop::risk::major_hazard_module {
namespace perm = auth::permission;

grpc::Status GrpcMajorHazardService::SaveMajorHazardInstallation(grpc::ServerContext* ctx,
                                                                 const v1::SaveMajorHazardInstallationRequest* req,
                                                                 v1::MajorHazardInstallation* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    if (!req->installation_id().empty()) SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->installation_id(), "installation_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->object_id(), "object_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireName(req->name(), "name", 100));
    if (req->exposed_population() < 0) return InvalidArgument("exposed_population must not be negative", "exposed_population");
    if (req->substances_size() > 100) return InvalidArgument("at most 100 substances per unit", "substances");
    for (int i = 0; i < req->substances_size(); ++i) {
      SAFELOOP_RETURN_IF_ERROR(
          OptionalText(req->substances(i).label(), ("substances[" + std::to_string(i) + "].label").c_str(), 100));
    }
    auto saved = store_.Save(ActorOf(call), *req);
    if (!saved.ok()) return saved.status();
    *resp = std::move(*saved);
    return Status::Ok();
  });
}

grpc::Status GrpcMajorHazardService::DeleteMajorHazardInstallation(grpc::ServerContext* ctx,
                                                                   const v1::DeleteMajorHazardInstallationRequest* req,
                                                                   v1::MajorHazardInstallation* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->installation_id(), "installation_id"));
    auto deleted = store_.Delete(ActorOf(call), req->installation_id(), req->version());
    if (!deleted.ok()) return deleted.status();
    *resp = std::move(*deleted);
    return Status::Ok();
  });
}

grpc::Status GrpcMajorHazardService::ListMajorHazardInstallations(grpc::ServerContext* ctx,
                                                                  const v1::ListMajorHazardInstallationsRequest* req,
                                                                  v1::ListMajorHazardInstallationsResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointRead, [&](const rpc::CallContext& call) -> Status {
    if (!req->object_id().empty()) SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->object_id(), "object_id"));
    auto listed = store_.List(ActorOf(call), req->object_id());
    if (!listed.ok()) return listed.status();
    for (auto& i : *listed) *resp->add_items() = std::move(i);
    return Status::Ok();
  });
}

}  // namespace safeloop::risk::major_hazard_module
