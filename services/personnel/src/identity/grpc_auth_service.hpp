#pragma once
// gRPC adapter of login and sessions: Login and Refresh come without a token; the other calls act on the
// caller's own session, so they need no permission beyond a valid token (park accounts included).

#include "auth_flows.hpp"
#include "safeloop/personnel/v1/identity.grpc.pb.h"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::personnel::identity {

class GrpcAuthService final : public v1::AuthService::Service {
 public:
  GrpcAuthService(AuthFlows& flows, rpc::CallGuard guard) : flows_(flows), guard_(guard) {}

  grpc::Status Login(grpc::ServerContext*, const v1::LoginRequest*, v1::TokenPair*) override;
  grpc::Status Refresh(grpc::ServerContext*, const v1::RefreshRequest*, v1::TokenPair*) override;
  grpc::Status Logout(grpc::ServerContext*, const v1::LogoutRequest*, v1::LogoutResponse*) override;
  grpc::Status ChangePassword(grpc::ServerContext*, const v1::ChangePasswordRequest*,
                              v1::ChangePasswordResponse*) override;
  grpc::Status Me(grpc::ServerContext*, const v1::MeRequest*, v1::MeResponse*) override;
  grpc::Status IssueEnterpriseToken(grpc::ServerContext*, const v1::IssueEnterpriseTokenRequest*,
                                    v1::TokenPair*) override;

 private:
  AuthFlows& flows_;
  rpc::CallGuard guard_;
};

}  // namespace safeloop::personnel::identity
