#include "grpc_account_service.hpp"

#include <algorithm>
#include <charconv>

#include "credentials.hpp"
#include "identity_proto_mapping.hpp"
#include "identity_validation.hpp"
#include "rpc_actor.hpp"
#include "safeloop/personnel_domain/identifiers.hpp"
#include "safeloop/personnel_domain/password_policy.hpp"

namespace safeloop::personnel::identity {
namespace {

namespace perm = auth::permission;

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 200;

std::vector<std::string> Codes(const google::protobuf::RepeatedPtrField<std::string>& codes) {
  return {codes.begin(), codes.end()};
}

// Page tokens are the offset of the next page (opaque to clients).
Result<int> Offset(const std::string& token) {
  if (token.empty()) return 0;
  int offset = 0;
  auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), offset);
  if (ec != std::errc() || end != token.data() + token.size() || offset < 0) {
    return InvalidArgument("page_token is not one this service issued", "page.page_token");
  }
  return offset;
}

}  // namespace

grpc::Status GrpcAccountService::ListAccounts(grpc::ServerContext* ctx, const v1::ListAccountsRequest* req,
                                              v1::ListAccountsResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kAccountRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(OptionalText(req->query(), "query", 64, "搜索内容"));
    if (!req->status().empty()) SAFELOOP_RETURN_IF_ERROR(ValidateAccountStatus(req->status()));
    if (!req->kind().empty() && req->kind() != "user" && req->kind() != "visitor") {
      return InvalidArgument("kind must be user or visitor", "kind");
    }
    int size = req->page().page_size();
    if (size < 0) return InvalidArgument("page_size must not be negative", "page.page_size");
    size = size == 0 ? kDefaultPageSize : std::min(size, kMaxPageSize);
    auto offset = Offset(req->page().page_token());
    if (!offset.ok()) return offset.status();
    // One row more than asked tells whether another page follows.
    auto accounts = store_.ListAccounts(ActorOf(call), {req->query(), req->status(), req->kind(), size + 1, *offset});
    if (!accounts.ok()) return accounts.status();
    for (int i = 0; i < static_cast<int>(accounts->size()) && i < size; ++i) {
      ToProto((*accounts)[i], *resp->add_accounts());
    }
    if (static_cast<int>(accounts->size()) > size) resp->mutable_page()->set_next_page_token(std::to_string(*offset + size));
    return Status::Ok();
  });
}

grpc::Status GrpcAccountService::GetAccount(grpc::ServerContext* ctx, const v1::GetAccountRequest* req,
                                            v1::Account* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kAccountRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->account_id(), "account_id"));
    auto account = store_.GetAccount(ActorOf(call), req->account_id());
    if (!account.ok()) return account.status();
    ToProto(*account, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcAccountService::CreateAccount(grpc::ServerContext* ctx, const v1::CreateAccountRequest* req,
                                               v1::Account* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kAccountWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->person_id(), "person_id"));
    SAFELOOP_RETURN_IF_ERROR(ValidateUsername(req->username()));
    SAFELOOP_RETURN_IF_ERROR(personnel_domain::ValidatePassword(req->password(), req->username(), {}, "password"));
    if (!req->display_name().empty()) {
      SAFELOOP_RETURN_IF_ERROR(RequireText(req->display_name(), "display_name", 50, "显示名称"));
    }
    SAFELOOP_RETURN_IF_ERROR(ValidateOptionalMobile(req->mobile()));
    auto roles = NormalizeRoleCodes(Codes(req->role_codes()), "role_codes");
    if (!roles.ok()) return roles.status();
    auto account = store_.CreateAccount(ActorOf(call), {req->person_id(), req->username(), HashPassword(req->password()),
                                                        req->display_name(), req->mobile(), *roles});
    if (!account.ok()) return account.status();
    ToProto(*account, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcAccountService::UpdateAccount(grpc::ServerContext* ctx, const v1::UpdateAccountRequest* req,
                                               v1::Account* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kAccountWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->account_id(), "account_id"));
    if (req->version() <= 0) return InvalidArgument("version is required (the version you read)", "version");
    SAFELOOP_RETURN_IF_ERROR(RequireText(req->display_name(), "display_name", 50, "显示名称"));
    SAFELOOP_RETURN_IF_ERROR(ValidateOptionalMobile(req->mobile()));
    SAFELOOP_RETURN_IF_ERROR(ValidateAccountStatus(req->status()));
    auto roles = NormalizeRoleCodes(Codes(req->role_codes()), "role_codes");
    if (!roles.ok()) return roles.status();
    auto change = store_.UpdateAccount(
        ActorOf(call), {req->account_id(), req->version(), req->display_name(), req->mobile(), req->status(), *roles});
    if (!change.ok()) return change.status();
    revocations_.Publish(change->revoked_sessions);
    ToProto(change->account, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcAccountService::ResetPassword(grpc::ServerContext* ctx, const v1::ResetPasswordRequest* req,
                                               v1::Account* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kAccountWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->account_id(), "account_id"));
    Actor actor = ActorOf(call);
    auto current = store_.GetAccount(actor, req->account_id());
    if (!current.ok()) return current.status();
    SAFELOOP_RETURN_IF_ERROR(
        personnel_domain::ValidatePassword(req->new_password(), current->username, {}, "new_password"));
    auto change = store_.ResetPassword(actor, req->account_id(), HashPassword(req->new_password()));
    if (!change.ok()) return change.status();
    revocations_.Publish(change->revoked_sessions);
    ToProto(change->account, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcAccountService::UnlockAccount(grpc::ServerContext* ctx, const v1::UnlockAccountRequest* req,
                                               v1::Account* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kAccountWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->account_id(), "account_id"));
    auto account = store_.UnlockAccount(ActorOf(call), req->account_id());
    if (!account.ok()) return account.status();
    ToProto(*account, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcAccountService::CreateVisitorAccount(grpc::ServerContext* ctx,
                                                      const v1::CreateVisitorAccountRequest* req, v1::Account* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kAccountWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->unit_id(), "unit_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireText(req->name(), "name", 50, "姓名"));
    if (req->gender() != "male" && req->gender() != "female") {
      return InvalidArgument("性别须为 male 或 female", "gender");
    }
    SAFELOOP_RETURN_IF_ERROR(ValidateOptionalMobile(req->mobile()));
    if (!req->id_number().empty()) SAFELOOP_RETURN_IF_ERROR(personnel_domain::ValidateIdNumber(req->id_number()));
    SAFELOOP_RETURN_IF_ERROR(ValidateUsername(req->username()));
    SAFELOOP_RETURN_IF_ERROR(personnel_domain::ValidatePassword(req->password(), req->username(), {}, "password"));
    auto expires = ValidateVisitorExpiry(req->expires_at(), clock_.Now());
    if (!expires.ok()) return expires.status();
    std::vector<std::string> codes = Codes(req->role_codes());
    if (codes.empty()) codes.emplace_back(auth::role::kWorker);
    auto roles = NormalizeRoleCodes(codes, "role_codes");
    if (!roles.ok()) return roles.status();
    auto account = store_.CreateVisitorAccount(
        ActorOf(call), {req->unit_id(), req->name(), req->gender(), req->mobile(), req->id_number(), req->username(),
                        HashPassword(req->password()), *expires, *roles});
    if (!account.ok()) return account.status();
    ToProto(*account, *resp);
    return Status::Ok();
  });
}

}  // namespace safeloop::personnel::identity
