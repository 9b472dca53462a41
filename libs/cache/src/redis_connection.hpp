#pragma once
// Shared hiredis plumbing for RedisClient and RedisSubscriber: RAII, connect, reply conversion.

#include <hiredis/hiredis.h>

#include <memory>
#include <string>
#include <vector>

#include "safeloop/cache/redis.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::cache {

struct HiredisDeleter {
  void operator()(redisContext* context) const { redisFree(context); }
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using RedisContextPtr = std::unique_ptr<redisContext, HiredisDeleter>;
using RedisReplyPtr = std::unique_ptr<redisReply, HiredisDeleter>;

/// Connects with options.connect_timeout, sets options.command_timeout as the socket timeout, enables
/// TCP keep-alive and sends CLIENT SETNAME when a name is set. UNAVAILABLE naming host:port on failure.
Result<RedisContextPtr> ConnectRedis(const RedisOptions& options);

/// Copies a hiredis reply tree into a RedisReply.
RedisReply ConvertReply(const redisReply& reply);

/// argv/argvlen arrays pointing into `args` (binary-safe: lengths, not NUL terminators).
struct ArgvView {
  explicit ArgvView(const std::vector<std::string>& args);
  int argc() const { return static_cast<int>(argv.size()); }
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
};

/// "redis 127.0.0.1:6379: <what>: <context error>. Hint: …" as UNAVAILABLE.
Status ConnectionLost(const RedisOptions& options, const std::string& what, const redisContext* context);

}  // namespace safeloop::cache
