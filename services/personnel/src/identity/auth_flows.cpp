#include "auth_flows.hpp"

#include <ctime>

#include "credentials.hpp"
#include "safeloop/auth/permissions.hpp"
#include "safeloop/core/log.hpp"
#include "safeloop/personnel_domain/password_policy.hpp"

namespace safeloop::personnel::identity {
namespace {

const char* kBadCredentials = "用户名或密码错误";

int Seconds(std::chrono::seconds s) { return static_cast<int>(s.count()); }

}  // namespace

std::string LockedMessage(TimePoint until) {
  std::time_t t = std::chrono::system_clock::to_time_t(until) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return std::string("登录失败次数过多，账号已锁定，请于 ") + buf + " (北京时间) 后再试";
}

void ExpandPermissions(const std::vector<std::vector<std::string>>& grants_per_role, std::vector<std::string>& function,
                       std::vector<std::string>& operation, std::vector<std::string>& api) {
  for (const auto& p : auth::TenantPermissionCatalog()) {  // a tenant account never holds platform permissions
    bool granted = false;
    for (const auto& grants : grants_per_role) granted = granted || auth::AnyGrantMatches(grants, p.code);
    if (!granted) continue;
    auto& out = p.kind == auth::PermissionKind::kFunction    ? function
                : p.kind == auth::PermissionKind::kOperation ? operation
                                                             : api;
    out.emplace_back(p.code);
  }
}

Result<TokenPairOut> AuthFlows::Pair(const AccountGrants& grants, const std::string& session_id,
                                     const std::string& refresh_token) {
  auto access = issuer_.Issue(grants, session_id);
  if (!access.ok()) return access.status();
  return TokenPairOut{*access, refresh_token, Seconds(issuer_.ttl()), Seconds(config_.refresh_ttl)};
}

Result<TokenPairOut> AuthFlows::Login(const std::string& username, const std::string& password,
                                      const ClientInfo& client) {
  auto found = store_.FindLoginAccount(username);
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    VerifyAgainstDummy(password);  // the same work as for a real account: timing must not reveal usernames
    return Unauthenticated(kBadCredentials);
  }
  const LoginAccount& account = **found;
  if (personnel_domain::IsLocked(account.lockout, clock_.Now())) {
    return Unauthenticated(LockedMessage(*account.lockout.locked_until));
  }
  if (!VerifyPassword(account.password_hash, password)) {
    auto failure = store_.RecordLoginFailure(account, Policy(), client.ip, client.request_id);
    if (!failure.ok()) return failure.status();
    if (failure->locked_now) return Unauthenticated(LockedMessage(*failure->state.locked_until));
    return Unauthenticated(kBadCredentials);
  }
  // Only a caller who knows the password learns that the account is disabled or expired.
  if (account.status != "active") return Unauthenticated("账号已停用，请联系管理员");
  if (account.expires_at && *account.expires_at <= clock_.Now()) return Unauthenticated("访客账号已过期");
  const std::string refresh = NewRefreshToken();
  auto session = store_.OpenSession(account, Sha256Hex(refresh), clock_.Now() + config_.refresh_ttl, client.ip,
                                    client.user_agent, client.request_id);
  if (!session.ok()) return session.status();
  return Pair(session->grants, session->session_id, refresh);
}

Result<TokenPairOut> AuthFlows::Refresh(const std::string& refresh_token) {
  if (refresh_token.empty() || refresh_token.size() > 256) return Unauthenticated("刷新令牌无效");
  const std::string next = NewRefreshToken();
  auto outcome =
      store_.RotateRefreshToken(Sha256Hex(refresh_token), Sha256Hex(next), clock_.Now() + config_.refresh_ttl);
  if (!outcome.ok()) return outcome.status();
  using K = RefreshOutcome::Kind;
  switch (outcome->kind) {
    case K::kRotated: return Pair(outcome->grants, outcome->session_id, next);
    case K::kUnknown: return Unauthenticated("刷新令牌无效");
    case K::kReused:
      LogWarn("identity", "used-up refresh token presented again; session revoked",
              {{"session_id", outcome->session_id}});
      revocations_.Publish({outcome->session_id});
      return Unauthenticated("刷新令牌已使用过，为安全起见该会话已注销，请重新登录");
    case K::kRevoked: return Unauthenticated("会话已注销，请重新登录");
    case K::kExpired: return Unauthenticated("会话已过期，请重新登录");
    case K::kAccountUnusable:
      revocations_.Publish({outcome->session_id});
      return Unauthenticated("账号已停用或已过期");
  }
  return Internal("unhandled refresh outcome");
}

Status AuthFlows::Logout(const Actor& actor) {
  if (actor.session_id.empty()) return FailedPrecondition("this token belongs to no login session");
  SAFELOOP_RETURN_IF_ERROR(store_.RevokeSession(actor, "logout"));
  revocations_.Publish({actor.session_id});
  return Status::Ok();
}

Result<int> AuthFlows::ChangePassword(const Actor& actor, const std::string& old_password,
                                      const std::string& new_password) {
  auto creds = store_.LoadCredentials(actor);
  if (!creds.ok()) return creds.status();
  if (personnel_domain::IsLocked(creds->lockout, clock_.Now())) {
    return FailedPrecondition(LockedMessage(*creds->lockout.locked_until));
  }
  if (!VerifyPassword(creds->password_hash, old_password)) {
    // Counts towards the lockout: a stolen access token must not allow guessing the password here.
    LoginAccount self{actor.account_id, actor.park_account ? "" : actor.enterprise_id, actor.park_id, "", "", "",
                      std::nullopt, creds->lockout};
    auto failure = store_.RecordLoginFailure(self, Policy(), "", actor.request_id);
    if (!failure.ok()) return failure.status();
    return InvalidArgument("原密码错误", "old_password");
  }
  SAFELOOP_RETURN_IF_ERROR(personnel_domain::ValidatePassword(new_password, creds->username, old_password,
                                                              "new_password"));
  auto revoked = store_.ChangePassword(actor, HashPassword(new_password));
  if (!revoked.ok()) return revoked.status();
  revocations_.Publish(*revoked);
  return static_cast<int>(revoked->size());
}

Result<MeView> AuthFlows::Me(const Actor& actor, const std::string& token_enterprise) {
  auto record = store_.LoadMe(actor, token_enterprise);
  if (!record.ok()) return record.status();
  MeView view;
  view.record = std::move(*record);
  AccountGrants g;
  g.kind = view.record.account.kind;
  g.role_scopes = view.record.role_scopes;
  view.data_scope = TokenScope(g);
  ExpandPermissions(view.record.grants_per_role, view.function_permissions, view.operation_permissions,
                    view.api_permissions);
  return view;
}

Result<TokenPairOut> AuthFlows::IssueEnterpriseToken(const Actor& actor, const std::string& enterprise_id) {
  if (!actor.park_account) {
    return FailedPrecondition("only park accounts choose an enterprise; this account belongs to one already");
  }
  auto grants = store_.GrantsForEnterpriseToken(actor, enterprise_id);
  if (!grants.ok()) return grants.status();
  auto access = issuer_.Issue(*grants, actor.session_id, enterprise_id);
  if (!access.ok()) return access.status();
  return TokenPairOut{*access, "", Seconds(issuer_.ttl()), 0};
}

}  // namespace safeloop::personnel::identity
