#pragma once
// Per-request admission at the edge, one Redis round trip per phase (a Lua script, so the check and the
// token take are atomic across every gateway replica):
//   before authentication — the IP blocklist, the client IP's token bucket and, for POST
//                           /api/v1/auth/login, a stricter per-IP login bucket;
//   after authentication  — the account's token bucket (claims.sub) and the revoked-session marker
//                           safeloop:revoked:sid:<sid> (set by logout).
// Buckets refill continuously (rate per second, capacity = burst); a refused request takes no token.
//
// Redis down → FAIL OPEN: the request is admitted, counted in safeloop_gateway_admission_fail_open_total and
// logged (at most once per 10 s). Redis holds only rebuildable state (DESIGN.md §1) and is not replicated
// here; refusing every request while it restarts would turn a cache outage into a full outage of the API,
// whereas the tokens are still verified, permissions still enforced, and the outage is short and alerted on.
// The price: while Redis is away, blocklisted addresses, floods and logged-out sessions (until their short
// access-token expiry) are not stopped at the edge.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/registry.h>

#include "client_address.hpp"
#include "redis_pool.hpp"

namespace safeloop::gateway {

struct RateLimits {
  int ip_per_s = 50;          ///< SAFELOOP_RATE_IP_PER_S (0 = no IP limit)
  int ip_burst = 100;         ///< SAFELOOP_RATE_IP_BURST
  int account_per_s = 20;     ///< SAFELOOP_RATE_ACCOUNT_PER_S (0 = no account limit)
  int account_burst = 60;     ///< SAFELOOP_RATE_ACCOUNT_BURST
  int login_per_min = 10;     ///< SAFELOOP_RATE_LOGIN_PER_MIN, per IP, burst = the same number (0 = none)
};

struct AdmissionDecision {
  enum class Kind { kAllow, kBlocked, kLimited, kRevoked };
  Kind kind = Kind::kAllow;
  int retry_after_s = 0;    ///< kLimited: whole seconds, at least 1
  bool failed_open = false; ///< allowed because Redis could not be asked
};

/// The Lua scripts' answer {code[, retry_after_ms]} → a decision. Anything unexpected is an error.
Result<AdmissionDecision> DecisionFromReply(const cache::RedisReply& reply);
/// Retry-After for a wait of `ms` milliseconds: whole seconds, rounded up, at least 1.
int RetryAfterSeconds(std::int64_t ms);
/// The Status a refusal answers with (403 / 429 / 401); OK for kAllow.
Status AdmissionStatus(const AdmissionDecision& decision);

/// Redis keys of the edge (docs/CONVENTIONS.md).
inline constexpr const char* kBlocklistKey = "safeloop:gateway:blocklist";
std::string IpBucketKey(const std::string& client);
std::string LoginBucketKey(const std::string& client);
std::string AccountBucketKey(const std::string& account);
std::string RevokedSessionKey(const std::string& sid);

/// Whether a request is a login attempt (the stricter per-IP bucket applies).
bool IsLoginAttempt(std::string_view method, std::string_view path);

class Admission {
 public:
  /// `pool` must outlive the admission.
  Admission(RedisPool& pool, RateLimits limits, prometheus::Registry& registry);

  /// Before authentication. A client that is one of our trusted proxies is always allowed.
  AdmissionDecision CheckClient(const ClientAddress& client, bool login_attempt);
  /// After authentication; `sid` empty = a token without a login session (tools): no revocation check.
  AdmissionDecision CheckAccount(const std::string& account, const std::string& sid);

  const RateLimits& limits() const { return limits_; }

 private:
  AdmissionDecision Run(const char* phase, const RedisScript& script, const std::vector<std::string>& keys,
                        const std::vector<std::string>& args);
  void Count(const char* phase, const AdmissionDecision& decision);

  RedisPool* pool_;
  RateLimits limits_;
  RedisScript client_script_;
  RedisScript account_script_;
  // [phase: client, account][decision: allow, blocked, limited, revoked, fail_open], built once
  prometheus::Counter* decisions_[2][5] = {};
  prometheus::Counter* fail_open_[2] = {};
  std::atomic<std::int64_t> last_warn_ns_{0};
  std::atomic<std::int64_t> unlogged_failures_{0};
};

}  // namespace safeloop::gateway
