#pragma once
// The login, refresh, logout, password-change, Me and enterprise-token flows: credentials and lockout
// rules around the store, tokens out. No protos here.

#include <string>
#include <vector>

#include "pg_identity_store.hpp"
#include "personnel_config.hpp"
#include "session_tokens.hpp"

namespace safeloop::personnel::identity {

struct TokenPairOut {
  std::string access_token;
  std::string refresh_token;  // empty for enterprise tokens of park accounts
  int expires_in = 0;
  int refresh_expires_in = 0;
};

struct ClientInfo {
  std::string ip;
  std::string user_agent;
  std::string request_id;
};

struct MeView {
  MeRecord record;
  std::string data_scope;
  std::vector<std::string> function_permissions;
  std::vector<std::string> operation_permissions;
  std::vector<std::string> api_permissions;
};

/// Every catalogue code (of each kind) that at least one of the grants matches, in catalogue order.
void ExpandPermissions(const std::vector<std::vector<std::string>>& grants_per_role, std::vector<std::string>& function,
                       std::vector<std::string>& operation, std::vector<std::string>& api);

class AuthFlows {
 public:
  AuthFlows(PgIdentityStore& store, const PersonnelConfig& config, const Clock& clock, const TokenIssuer& issuer,
            SessionRevocations& revocations)
      : store_(store), config_(config), clock_(clock), issuer_(issuer), revocations_(revocations) {}

  /// UNAUTHENTICATED for every refusal (same message for an unknown user and a wrong password).
  Result<TokenPairOut> Login(const std::string& username, const std::string& password, const ClientInfo& client);
  Result<TokenPairOut> Refresh(const std::string& refresh_token);
  Status Logout(const Actor& actor);
  /// Returns how many other sessions were ended.
  Result<int> ChangePassword(const Actor& actor, const std::string& old_password, const std::string& new_password);
  Result<MeView> Me(const Actor& actor, const std::string& token_enterprise);
  Result<TokenPairOut> IssueEnterpriseToken(const Actor& actor, const std::string& enterprise_id);

 private:
  Result<TokenPairOut> Pair(const AccountGrants& grants, const std::string& session_id,
                            const std::string& refresh_token);
  personnel_domain::LockoutPolicy Policy() const { return {config_.lockout_threshold, config_.lockout_duration}; }

  PgIdentityStore& store_;
  const PersonnelConfig& config_;
  const Clock& clock_;
  const TokenIssuer& issuer_;
  SessionRevocations& revocations_;
};

/// "账号已锁定，请于 2026-11-23 16:15 (UTC+8) 后再试" — China has one time zone.
std::string LockedMessage(TimePoint until);

}  // namespace safeloop::personnel::identity
