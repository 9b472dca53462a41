#include "rate_limiter.hpp"

#include <cstdio>

#include "safeloop/core/log.hpp"

namespace safeloop::gateway {
namespace {

// Token buckets shared by both scripts. A bucket is a hash {t = tokens, ts = last update in ms}; time is
// Redis' own clock (TIME), so replicas with skewed clocks still agree. A refused request writes nothing.
constexpr const char* kBucketLua = R"LUA(
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)

-- returns allowed, retry_after_ms, tokens left after taking one
local function peek(key, rate, burst)
  local s = redis.call('HMGET', key, 't', 'ts')
  local tokens, ts = tonumber(s[1]), tonumber(s[2])
  if tokens == nil or ts == nil then tokens, ts = burst, now end
  if now > ts then tokens = math.min(burst, tokens + (now - ts) * rate) end
  if tokens >= 1 then return true, 0, tokens - 1 end
  return false, math.ceil((1 - tokens) / rate), tokens
end

local function take(key, rate, burst, left)
  redis.call('HSET', key, 't', left, 'ts', now)
  -- a bucket untouched for longer than a full refill is the same as no bucket
  redis.call('PEXPIRE', key, math.ceil(burst / rate) + 1000)
end
)LUA";

// Before authentication. KEYS: blocklist hash, IP bucket[, login bucket]. ARGV: IP rate (tokens/ms), IP burst
// (0 = off), login rate, login burst, then the networks containing the client address.
// Returns {0} admitted, {1} blocked, {2, retry_after_ms} over a limit.
constexpr const char* kClientLua = R"LUA(
if #ARGV > 4 then
  local expiries = redis.call('HMGET', KEYS[1], unpack(ARGV, 5))
  for i = 1, #expiries do
    local e = expiries[i]
    if e then
      local until_ms = tonumber(e)
      if until_ms == 0 or until_ms > now then return {1} end
    end
  end
end
local buckets = {}
if tonumber(ARGV[2]) > 0 then buckets[#buckets + 1] = {KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2])} end
if KEYS[3] and tonumber(ARGV[4]) > 0 then
  buckets[#buckets + 1] = {KEYS[3], tonumber(ARGV[3]), tonumber(ARGV[4])}
end
local lefts, wait = {}, 0
for i, b in ipairs(buckets) do
  local ok, retry, left = peek(b[1], b[2], b[3])
  if not ok and retry > wait then wait = retry end
  lefts[i] = left
end
if wait > 0 then return {2, wait} end
for i, b in ipairs(buckets) do take(b[1], b[2], b[3], lefts[i]) end
return {0}
)LUA";

// After authentication. KEYS: account bucket[, revoked-session key]. ARGV: rate (tokens/ms), burst (0 = off).
// Returns {0} admitted, {3} session logged out, {2, retry_after_ms} over the limit.
constexpr const char* kAccountLua = R"LUA(
if KEYS[2] and redis.call('EXISTS', KEYS[2]) == 1 then return {3} end
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
if burst <= 0 then return {0} end
local ok, retry, left = peek(KEYS[1], rate, burst)
if not ok then return {2, retry} end
take(KEYS[1], rate, burst, left)
return {0}
)LUA";

std::string PerMs(double per_second) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", per_second / 1000.0);
  return buf;
}

std::int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int RetryAfterSeconds(std::int64_t ms) { return ms <= 1000 ? 1 : static_cast<int>((ms + 999) / 1000); }

Result<AdmissionDecision> DecisionFromReply(const cache::RedisReply& reply) {
  using Type = cache::RedisReply::Type;
  if (reply.type == Type::kError) return Internal("admission script failed: " + reply.str);
  if (reply.type != Type::kArray || reply.elements.empty() || reply.elements[0].type != Type::kInteger) {
    return Internal("admission script answered an unexpected reply");
  }
  AdmissionDecision d;
  switch (reply.elements[0].integer) {
    case 0: d.kind = AdmissionDecision::Kind::kAllow; break;
    case 1: d.kind = AdmissionDecision::Kind::kBlocked; break;
    case 2:
      if (reply.elements.size() < 2 || reply.elements[1].type != Type::kInteger) {
        return Internal("admission script answered 'limited' without a wait");
      }
      d.kind = AdmissionDecision::Kind::kLimited;
      d.retry_after_s = RetryAfterSeconds(reply.elements[1].integer);
      break;
    case 3: d.kind = AdmissionDecision::Kind::kRevoked; break;
    default: return Internal("admission script answered code " + std::to_string(reply.elements[0].integer));
  }
  return d;
}

Status AdmissionStatus(const AdmissionDecision& decision) {
  switch (decision.kind) {
    case AdmissionDecision::Kind::kAllow: return Status::Ok();
    case AdmissionDecision::Kind::kBlocked: return PermissionDenied("address blocked");
    case AdmissionDecision::Kind::kLimited:
      return Status(StatusCode::kResourceExhausted,
                    "too many requests; retry after " + std::to_string(decision.retry_after_s) + " s");
    case AdmissionDecision::Kind::kRevoked: return Unauthenticated("session has been logged out");
  }
  return Status::Ok();
}

std::string IpBucketKey(const std::string& client) { return "safeloop:gateway:rate:ip:" + client; }
std::string LoginBucketKey(const std::string& client) { return "safeloop:gateway:rate:login:" + client; }
std::string AccountBucketKey(const std::string& account) { return "safeloop:gateway:rate:account:" + account; }
std::string RevokedSessionKey(const std::string& sid) { return "safeloop:revoked:sid:" + sid; }

bool IsLoginAttempt(std::string_view method, std::string_view path) {
  return method == "POST" && (path == "/api/v1/auth/login" || path == "/api/v1/auth/login/");
}

Admission::Admission(RedisPool& pool, RateLimits limits, prometheus::Registry& registry)
    : pool_(&pool),
      limits_(limits),
      client_script_(std::string(kBucketLua) + kClientLua),
      account_script_(std::string(kBucketLua) + kAccountLua) {
  auto& decisions = prometheus::BuildCounter()
                        .Name("safeloop_gateway_admission_decisions_total")
                        .Help("Edge admission decisions by phase (client|account) and decision")
                        .Register(registry);
  auto& fail_open = prometheus::BuildCounter()
                        .Name("safeloop_gateway_admission_fail_open_total")
                        .Help("Requests admitted without a check because Redis could not be asked")
                        .Register(registry);
  const char* phases[2] = {"client", "account"};
  const char* kinds[5] = {"allow", "blocked", "limited", "revoked", "fail_open"};
  for (int p = 0; p < 2; ++p) {
    fail_open_[p] = &fail_open.Add({{"phase", phases[p]}});
    for (int k = 0; k < 5; ++k) decisions_[p][k] = &decisions.Add({{"phase", phases[p]}, {"decision", kinds[k]}});
  }
}

AdmissionDecision Admission::CheckClient(const ClientAddress& client, bool login_attempt) {
  if (client.trusted_proxy) return {};
  int login = login_attempt ? limits_.login_per_min : 0;
  std::vector<std::string> keys = {kBlocklistKey, IpBucketKey(client.text)};
  if (login > 0) keys.push_back(LoginBucketKey(client.text));
  std::vector<std::string> args = {PerMs(limits_.ip_per_s), std::to_string(limits_.ip_per_s > 0 ? limits_.ip_burst : 0),
                                   PerMs(login / 60.0), std::to_string(login)};
  if (client.ip) {
    auto networks = EnclosingNetworks(*client.ip);
    args.insert(args.end(), networks.begin(), networks.end());
  }
  return Run("client", client_script_, keys, args);
}

AdmissionDecision Admission::CheckAccount(const std::string& account, const std::string& sid) {
  std::vector<std::string> keys = {AccountBucketKey(account)};
  if (!sid.empty()) keys.push_back(RevokedSessionKey(sid));
  int burst = limits_.account_per_s > 0 ? limits_.account_burst : 0;
  if (burst == 0 && sid.empty()) return {};  // nothing to check
  return Run("account", account_script_, keys, {PerMs(limits_.account_per_s), std::to_string(burst)});
}

AdmissionDecision Admission::Run(const char* phase, const RedisScript& script, const std::vector<std::string>& keys,
                                 const std::vector<std::string>& args) {
  auto reply = pool_->Eval(script, keys, args);
  Result<AdmissionDecision> decision = reply.ok() ? DecisionFromReply(*reply) : Result<AdmissionDecision>(reply.status());
  if (decision.ok()) {
    Count(phase, *decision);
    return *decision;
  }
  AdmissionDecision open;
  open.failed_open = true;
  Count(phase, open);
  // One line per 10 s at most: during an outage every request fails the same way.
  std::int64_t now = NowNs();
  std::int64_t last = last_warn_ns_.load();
  if (now - last >= std::chrono::nanoseconds(std::chrono::seconds(10)).count() &&
      last_warn_ns_.compare_exchange_strong(last, now)) {
    LogWarn("edge", "admission check failed; admitting requests unchecked (fail open)",
            {{"phase", phase}, {"error", decision.status().ToString()},
             {"failed_since_last_line", unlogged_failures_.exchange(0)}});
  } else {
    unlogged_failures_.fetch_add(1);
  }
  return open;
}

void Admission::Count(const char* phase, const AdmissionDecision& decision) {
  int p = std::string_view(phase) == "client" ? 0 : 1;
  if (decision.failed_open) {
    fail_open_[p]->Increment();
    decisions_[p][4]->Increment();
    return;
  }
  decisions_[p][static_cast<int>(decision.kind)]->Increment();
}

}  // namespace safeloop::gateway
