#include "session_tokens.hpp"

#include <algorithm>

#include "safeloop/auth/permissions.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::personnel::identity {

std::string TokenScope(const AccountGrants& grants) {
  if (grants.kind == "park") return std::string(auth::DataScopeName(auth::DataScope::kPark));
  std::vector<auth::DataScope> scopes;
  for (const auto& s : grants.role_scopes) {
    if (auto parsed = auth::ParseDataScope(s)) scopes.push_back(std::min(*parsed, auth::DataScope::kEnterprise));
  }
  return std::string(auth::DataScopeName(auth::BroadestScope(scopes)));
}

Result<std::string> TokenIssuer::Issue(const AccountGrants& grants, const std::string& session_id,
                                       const std::string& enterprise_id) const {
  return signer_.Issue({.subject = grants.account_id,
                        .enterprise_id = enterprise_id.empty() ? grants.enterprise_id : enterprise_id,
                        .park_id = grants.park_id,
                        .roles = grants.role_codes,
                        .perms = auth::ApiGrantsFor(grants.grants_per_role),
                        .scope = TokenScope(grants),
                        .session_id = session_id,
                        .person_id = grants.person_id,
                        .unit_id = grants.unit_id,
                        .ttl = ttl_});
}

void SessionRevocations::Publish(const std::vector<std::string>& session_ids) {
  if (session_ids.empty()) return;
  // One minute beyond the access TTL covers clock skew between this service and the gateway.
  const std::string seconds = std::to_string((ttl_ + std::chrono::seconds(60)).count());
  std::vector<std::vector<std::string>> commands;
  for (const auto& sid : session_ids) commands.push_back({"SET", KeyFor(sid), "1", "EX", seconds});
  auto replies = redis_.Pipeline(commands);
  bool failed = !replies.ok();
  if (replies.ok()) {
    for (const auto& r : *replies) failed = failed || r.type == cache::RedisReply::Type::kError;
  }
  if (failed) {
    LogError("identity", "could not mark revoked sessions in Redis; their access tokens stay valid until they expire",
             {{"sessions", session_ids}, {"error", replies.ok() ? "error reply" : replies.status().ToString()}});
  }
}

}  // namespace safeloop::personnel::identity
