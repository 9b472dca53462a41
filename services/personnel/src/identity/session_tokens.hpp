#pragma once
// Access tokens for accounts (claims from the account's roles) and the Redis list of revoked sessions that
// lets the gateway refuse a still-valid access token after logout.

#include <chrono>
#include <string>
#include <vector>

#include "identity_model.hpp"
#include "safeloop/auth/jwt.hpp"
#include "safeloop/cache/redis.hpp"

namespace safeloop::personnel::identity {

/// The data scope a token carries: "park" for park accounts; for enterprise accounts the broadest scope of
/// their roles, capped at "enterprise" (a park scope means "acting for a park", which only park accounts do).
std::string TokenScope(const AccountGrants& grants);

class TokenIssuer {
 public:
  TokenIssuer(const auth::JwtSigner& signer, std::chrono::seconds access_ttl) : signer_(signer), ttl_(access_ttl) {}

  /// An access token for the session. `enterprise_id` overrides the account's (park accounts acting on one
  /// enterprise of their park).
  Result<std::string> Issue(const AccountGrants& grants, const std::string& session_id,
                            const std::string& enterprise_id = {}) const;
  std::chrono::seconds ttl() const { return ttl_; }

 private:
  const auth::JwtSigner& signer_;
  std::chrono::seconds ttl_;
};

/// Redis keys `safeloop:revoked:sid:<sid>` = "1", living as long as an access token of the session can.
class SessionRevocations {
 public:
  SessionRevocations(cache::RedisClient& redis, std::chrono::seconds access_ttl) : redis_(redis), ttl_(access_ttl) {}
  static std::string KeyFor(const std::string& session_id) { return "safeloop:revoked:sid:" + session_id; }
  /// Best effort: the database revocation is already committed (refresh is refused); when Redis is down the
  /// access tokens of these sessions stay usable until they expire (at most access_ttl), which is logged.
  void Publish(const std::vector<std::string>& session_ids);

 private:
  cache::RedisClient& redis_;
  std::chrono::seconds ttl_;
};

}  // namespace safeloop::personnel::identity
