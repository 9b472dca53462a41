#include "tenancy/grpc_tenancy_services.hpp"

namespace safeloop::personnel::tenancy {
namespace {

namespace perm = auth::permission;

Status ValidateUnitFields(const std::string& name, const std::string& code) {
  SAFELOOP_RETURN_IF_ERROR(RequireText(name, "name", "单位名称", 100));
  if (name.find('/') != std::string::npos || name.find("／") != std::string::npos) {
    return InvalidArgument("单位名称不能包含“/”（导入时用它分隔路径）", "name");
  }
  return OptionalText(code, "code", "单位编码", 50);
}

Status RequireVersion(int version) {
  if (version <= 0) return InvalidArgument("version is required (the version you read)", "version");
  return Status::Ok();
}

}  // namespace

grpc::Status GrpcOrgService::GetOrgTree(grpc::ServerContext* ctx, const v1::GetOrgTreeRequest* req, v1::OrgTree* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kOrgRead, [&](const rpc::CallContext& call) {
    return Fill(store_.Tree(ActorOf(call), req->include_closed()), *resp);
  });
}

grpc::Status GrpcOrgService::CreateUnit(grpc::ServerContext* ctx, const v1::CreateUnitRequest* req, v1::OrgUnit* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kOrgWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->parent_id(), "parent_id"));
    if (!personnel_domain::ParseUnitKind(req->kind())) {
      return InvalidArgument("kind must be one of company, department, workshop, team, post", "kind");
    }
    SAFELOOP_RETURN_IF_ERROR(ValidateUnitFields(req->name(), req->code()));
    return Fill(store_.Create(ActorOf(call), *req), *resp);
  });
}

grpc::Status GrpcOrgService::UpdateUnit(grpc::ServerContext* ctx, const v1::UpdateUnitRequest* req, v1::OrgUnit* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kOrgWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->unit_id(), "unit_id"));
    SAFELOOP_RETURN_IF_ERROR(ValidateUnitFields(req->name(), req->code()));
    SAFELOOP_RETURN_IF_ERROR(RequireVersion(req->version()));
    return Fill(store_.Update(ActorOf(call), *req), *resp);
  });
}

grpc::Status GrpcOrgService::MoveUnit(grpc::ServerContext* ctx, const v1::MoveUnitRequest* req, v1::OrgUnit* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kOrgWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->unit_id(), "unit_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->new_parent_id(), "new_parent_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireVersion(req->version()));
    return Fill(store_.Move(ActorOf(call), *req), *resp);
  });
}

grpc::Status GrpcOrgService::CloseUnit(grpc::ServerContext* ctx, const v1::CloseUnitRequest* req, v1::OrgUnit* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kOrgWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->unit_id(), "unit_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireVersion(req->version()));
    return Fill(store_.Close(ActorOf(call), req->unit_id(), req->version()), *resp);
  });
}

grpc::Status GrpcOrgService::ReopenUnit(grpc::ServerContext* ctx, const v1::ReopenUnitRequest* req, v1::OrgUnit* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kOrgWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->unit_id(), "unit_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireVersion(req->version()));
    return Fill(store_.Reopen(ActorOf(call), req->unit_id(), req->version()), *resp);
  });
}

grpc::Status GrpcOrgService::ListUnitHistory(grpc::ServerContext* ctx, const v1::ListUnitHistoryRequest* req,
                                             v1::ListUnitHistoryResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kOrgRead, [&](const rpc::CallContext& call) -> Status {
    if (!req->unit_id().empty()) SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->unit_id(), "unit_id"));
    if (req->page_size() < 0) return InvalidArgument("page_size must not be negative", "page_size");
    return Fill(store_.History(ActorOf(call), *req), *resp);
  });
}

}  // namespace safeloop::personnel::tenancy
