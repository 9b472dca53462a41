#pragma once
// gRPC adapter of roles and the permission catalogue (personnel.role.read / .write).

#include "pg_identity_store.hpp"
#include "safeloop/personnel/v1/identity.grpc.pb.h"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::personnel::identity {

class GrpcRoleService final : public v1::RoleService::Service {
 public:
  GrpcRoleService(PgIdentityStore& store, rpc::CallGuard guard) : store_(store), guard_(guard) {}

  grpc::Status ListPermissionCatalog(grpc::ServerContext*, const v1::ListPermissionCatalogRequest*,
                                     v1::ListPermissionCatalogResponse*) override;
  grpc::Status ListRoles(grpc::ServerContext*, const v1::ListRolesRequest*, v1::ListRolesResponse*) override;
  grpc::Status GetRole(grpc::ServerContext*, const v1::GetRoleRequest*, v1::Role*) override;
  grpc::Status CreateRole(grpc::ServerContext*, const v1::CreateRoleRequest*, v1::Role*) override;
  grpc::Status UpdateRole(grpc::ServerContext*, const v1::UpdateRoleRequest*, v1::Role*) override;
  grpc::Status DeleteRole(grpc::ServerContext*, const v1::DeleteRoleRequest*, v1::DeleteRoleResponse*) override;

 private:
  PgIdentityStore& store_;
  rpc::CallGuard guard_;
};

}  // namespace safeloop::personnel::identity
