#pragma once
/// @file redis.hpp
/// Redis over hiredis 0.14 (RESP2). RedisClient: one connection guarded by a mutex (hiredis contexts are
/// not thread-safe), reconnecting transparently on the next call after a failure; commands are argv
/// vectors (binary-safe, no format strings). RedisSubscriber: a dedicated connection and thread for
/// SUBSCRIBE/PSUBSCRIBE that re-subscribes after a reconnect.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <atomic>
#include <vector>

#include "safeloop/core/config.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::cache {

/// A RESP2 reply, converted out of hiredis' structs.
struct RedisReply {
  enum class Type { kNil, kString, kStatus, kInteger, kArray, kError };
  Type type = Type::kNil;
  std::string str;            // kString, kStatus, kError
  std::int64_t integer = 0;   // kInteger
  std::vector<RedisReply> elements;  // kArray
};

struct RedisOptions {
  HostPort address;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds command_timeout{2000};
  /// Sent as CLIENT SETNAME on every (re)connect when not empty, so CLIENT LIST shows who is who.
  std::string client_name;
};

class RedisClient {
 public:
  explicit RedisClient(RedisOptions options);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  /// One command. A Redis error reply is returned as a reply of type kError (not a failed Status);
  /// a connection problem is UNAVAILABLE (and the next call reconnects).
  Result<RedisReply> Command(const std::vector<std::string>& argv);
  /// Many commands in one round trip (pipelining); replies in order.
  Result<std::vector<RedisReply>> Pipeline(const std::vector<std::vector<std::string>>& commands);

  // Conveniences over Command().
  Status HSet(const std::string& key, const std::map<std::string, std::string>& fields);
  Result<std::map<std::string, std::string>> HGetAll(const std::string& key);
  Result<std::optional<std::string>> Get(const std::string& key);
  Result<std::int64_t> Incr(const std::string& key);
  /// Returns the number of subscribers that received it.
  Result<std::int64_t> Publish(const std::string& channel, const std::string& message);

 private:
  Status EnsureConnected();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Calls `on_message(channel, payload)` on its own thread for each message on the subscribed channels
/// or patterns (a pattern is any name containing '*'). Reconnects with back-off and re-subscribes.
/// `on_reconnect` (optional) runs after each re-subscription so the owner can re-read state it may have
/// missed while disconnected.
class RedisSubscriber {
 public:
  using MessageHandler = std::function<void(const std::string& channel, const std::string& payload)>;
  RedisSubscriber(RedisOptions options, std::vector<std::string> channels, MessageHandler on_message,
                  std::function<void()> on_reconnect = {});
  ~RedisSubscriber();  // stops and joins
  void Stop();
  /// True once the first subscription is confirmed (tests wait for it).
  bool subscribed() const { return subscribed_.load(); }

 private:
  void Run();
  RedisOptions options_;
  std::vector<std::string> channels_;
  MessageHandler on_message_;
  std::function<void()> on_reconnect_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> subscribed_{false};
  std::thread thread_;
};

}  // namespace safeloop::cache
