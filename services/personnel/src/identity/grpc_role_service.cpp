#include "grpc_role_service.hpp"

#include "identity_proto_mapping.hpp"
#include "identity_validation.hpp"
#include "rpc_actor.hpp"

namespace safeloop::personnel::identity {
namespace {

namespace perm = auth::permission;

// Name, description, scope and grants, shared by create and update.
Result<RoleInput> RoleFields(const std::string& name, const std::string& description, const std::string& scope,
                             const google::protobuf::RepeatedPtrField<std::string>& grants, bool builtin_allowed) {
  SAFELOOP_RETURN_IF_ERROR(RequireText(name, "name", 50, "角色名称"));
  SAFELOOP_RETURN_IF_ERROR(OptionalText(description, "description", 200, "角色描述"));
  SAFELOOP_RETURN_IF_ERROR(ValidateRoleScope(scope, builtin_allowed));
  auto normalized = NormalizeGrants({grants.begin(), grants.end()});
  if (!normalized.ok()) return normalized.status();
  RoleInput input;
  input.name = name;
  input.description = description;
  input.data_scope = scope;
  input.grants = *normalized;
  return input;
}

}  // namespace

grpc::Status GrpcRoleService::ListPermissionCatalog(grpc::ServerContext* ctx, const v1::ListPermissionCatalogRequest*,
                                                    v1::ListPermissionCatalogResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRoleRead, [&](const rpc::CallContext&) -> Status {
    for (const auto& p : auth::TenantPermissionCatalog()) {
      auto* out = resp->add_permissions();
      out->set_code(std::string(p.code));
      out->set_kind(std::string(auth::PermissionKindName(p.kind)));
      out->set_group(std::string(p.group));
      out->set_name(std::string(p.name_zh));
    }
    return Status::Ok();
  });
}

grpc::Status GrpcRoleService::ListRoles(grpc::ServerContext* ctx, const v1::ListRolesRequest*,
                                        v1::ListRolesResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRoleRead, [&](const rpc::CallContext& call) -> Status {
    auto roles = store_.ListRoles(ActorOf(call));
    if (!roles.ok()) return roles.status();
    for (const auto& r : *roles) ToProto(r, *resp->add_roles());
    return Status::Ok();
  });
}

grpc::Status GrpcRoleService::GetRole(grpc::ServerContext* ctx, const v1::GetRoleRequest* req, v1::Role* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRoleRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->role_id(), "role_id"));
    auto role = store_.GetRole(ActorOf(call), req->role_id());
    if (!role.ok()) return role.status();
    ToProto(*role, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcRoleService::CreateRole(grpc::ServerContext* ctx, const v1::CreateRoleRequest* req, v1::Role* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRoleWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(ValidateRoleCode(req->code(), "code"));
    auto input = RoleFields(req->name(), req->description(), req->data_scope(), req->grants(), false);
    if (!input.ok()) return input.status();
    input->code = req->code();
    auto role = store_.CreateRole(ActorOf(call), *input);
    if (!role.ok()) return role.status();
    ToProto(*role, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcRoleService::UpdateRole(grpc::ServerContext* ctx, const v1::UpdateRoleRequest* req, v1::Role* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRoleWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->role_id(), "role_id"));
    if (req->version() <= 0) return InvalidArgument("version is required (the version you read)", "version");
    // "park" passes here; the store refuses it for any role but the built-in park supervisor.
    auto input = RoleFields(req->name(), req->description(), req->data_scope(), req->grants(), true);
    if (!input.ok()) return input.status();
    input->role_id = req->role_id();
    input->version = req->version();
    auto role = store_.UpdateRole(ActorOf(call), *input);
    if (!role.ok()) return role.status();
    ToProto(*role, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcRoleService::DeleteRole(grpc::ServerContext* ctx, const v1::DeleteRoleRequest* req,
                                         v1::DeleteRoleResponse*) {
  return rpc::HandleCall(ctx, guard_, perm::kRoleWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->role_id(), "role_id"));
    return store_.DeleteRole(ActorOf(call), req->role_id());
  });
}

}  // namespace safeloop::personnel::identity
