#pragma once
// gRPC adapter of account administration (personnel.account.read / .write): validate, hash, call the store,
// publish revoked sessions, map the answer.

#include "pg_identity_store.hpp"
#include "safeloop/personnel/v1/identity.grpc.pb.h"
#include "safeloop/rpc/call_context.hpp"
#include "session_tokens.hpp"

namespace safeloop::personnel::identity {

class GrpcAccountService final : public v1::AccountService::Service {
 public:
  GrpcAccountService(PgIdentityStore& store, SessionRevocations& revocations, const Clock& clock, rpc::CallGuard guard)
      : store_(store), revocations_(revocations), clock_(clock), guard_(guard) {}

  grpc::Status ListAccounts(grpc::ServerContext*, const v1::ListAccountsRequest*, v1::ListAccountsResponse*) override;
  grpc::Status GetAccount(grpc::ServerContext*, const v1::GetAccountRequest*, v1::Account*) override;
  grpc::Status CreateAccount(grpc::ServerContext*, const v1::CreateAccountRequest*, v1::Account*) override;
  grpc::Status UpdateAccount(grpc::ServerContext*, const v1::UpdateAccountRequest*, v1::Account*) override;
  grpc::Status ResetPassword(grpc::ServerContext*, const v1::ResetPasswordRequest*, v1::Account*) override;
  grpc::Status UnlockAccount(grpc::ServerContext*, const v1::UnlockAccountRequest*, v1::Account*) override;
  grpc::Status CreateVisitorAccount(grpc::ServerContext*, const v1::CreateVisitorAccountRequest*,
                                    v1::Account*) override;

 private:
  PgIdentityStore& store_;
  SessionRevocations& revocations_;
  const Clock& clock_;
  rpc::CallGuard guard_;
};

}  // namespace safeloop::personnel::identity
