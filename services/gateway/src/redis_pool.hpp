#pragma once
// A few Redis connections for calls made on request threads (hiredis contexts are single-threaded, so each
// caller takes one connection at a time), with short timeouts and a breaker: after a failure the pool
// answers UNAVAILABLE at once for a cool-down instead of making every request wait for a timeout, then
// lets one call probe again. Scripts run with EVALSHA and fall back to EVAL on NOSCRIPT (a Redis that
// restarted has an empty script cache; EVAL loads it again).
//
// These calls block the calling (cpprestsdk) thread for one round trip — bounded by the timeout — which
// is a wait on a socket, not on a future, so it cannot deadlock the pool (STACK.md §3.2).

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "safeloop/cache/redis.hpp"

namespace safeloop::gateway {

struct RedisScript {
  explicit RedisScript(std::string source_text);
  std::string source;
  std::string sha1;  ///< lowercase hex, as SCRIPT LOAD / EVALSHA name it
};

/// Lowercase hex SHA-1 of `text`.
std::string Sha1Hex(const std::string& text);

struct RedisPoolOptions {
  HostPort address;
  int size = 4;
  std::chrono::milliseconds timeout{50};   ///< connect and command
  std::chrono::milliseconds cooldown{1000};  ///< after a failure, how long calls skip Redis
  std::string client_name = "safeloop-gateway-edge";
};

class RedisPool {
 public:
  explicit RedisPool(RedisPoolOptions options);

  /// Runs `script` with `keys` and `args`. A Redis error reply is returned as a reply of type kError;
  /// a connection problem, a timeout or an open breaker is UNAVAILABLE.
  Result<cache::RedisReply> Eval(const RedisScript& script, const std::vector<std::string>& keys,
                                 const std::vector<std::string>& args);

  /// Called once each time a call succeeds after the pool had failed (Redis is back): the owner rebuilds
  /// state Redis may have lost. Runs on the calling request thread, so it must only signal. Set before use.
  void SetOnRecovered(std::function<void()> callback) { on_recovered_ = std::move(callback); }

 private:
  cache::RedisClient& Next();
  void MarkFailed();
  void MarkOk();

  RedisPoolOptions options_;
  std::vector<std::unique_ptr<cache::RedisClient>> clients_;
  std::atomic<unsigned> next_{0};
  std::atomic<std::int64_t> skip_until_ns_{0};  // steady_clock; the breaker is open while now < this
  std::atomic<bool> failing_{false};
  std::function<void()> on_recovered_;
};

}  // namespace safeloop::gateway
