// RedisClient: one hiredis connection behind a mutex, reconnecting on the call after a failure.

#include <mutex>

#include "redis_connection.hpp"
#include "safeloop/cache/redis.hpp"

namespace safeloop::cache {

struct RedisClient::Impl {
  RedisOptions options;
  std::mutex mutex;
  RedisContextPtr context;  // guarded by mutex; null while disconnected

  // A context that saw an I/O error is unusable in hiredis: drop it so the next call reconnects.
  Status Drop(const std::string& what) {
    Status status = ConnectionLost(options, what, context.get());
    context.reset();
    return Unavailable(status.message() + "; the next call reconnects");
  }
};

namespace {

std::string CommandName(const std::vector<std::string>& argv) { return argv.empty() ? "(empty)" : argv.front(); }

Status UnexpectedReply(const RedisOptions& options, const std::string& command, const RedisReply& reply) {
  if (reply.type == RedisReply::Type::kError) {
    return Internal("redis " + options.address.ToString() + ": " + command + " failed: " + reply.str);
  }
  return Internal("redis " + options.address.ToString() + ": " + command + ": unexpected reply type " +
                  std::to_string(static_cast<int>(reply.type)));
}

}  // namespace

RedisClient::RedisClient(RedisOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}

RedisClient::~RedisClient() = default;

Status RedisClient::EnsureConnected() {
  if (impl_->context) return Status::Ok();
  auto context = ConnectRedis(impl_->options);
  if (!context.ok()) return context.status();
  impl_->context = std::move(*context);
  return Status::Ok();
}

Result<RedisReply> RedisClient::Command(const std::vector<std::string>& argv) {
  if (argv.empty()) return InvalidArgument("redis command is empty");
  std::lock_guard lock(impl_->mutex);
  SAFELOOP_RETURN_IF_ERROR(EnsureConnected());
  ArgvView view(argv);
  RedisReplyPtr reply(static_cast<redisReply*>(
      redisCommandArgv(impl_->context.get(), view.argc(), view.argv.data(), view.lengths.data())));
  if (!reply) return impl_->Drop(CommandName(argv) + " failed");
  return ConvertReply(*reply);
}

Result<std::vector<RedisReply>> RedisClient::Pipeline(const std::vector<std::vector<std::string>>& commands) {
  std::vector<RedisReply> replies;
  if (commands.empty()) return replies;
  for (const auto& argv : commands) {
    if (argv.empty()) return InvalidArgument("redis pipeline contains an empty command");
  }
  std::lock_guard lock(impl_->mutex);
  SAFELOOP_RETURN_IF_ERROR(EnsureConnected());
  // Appending only fills the output buffer; the first redisGetReply writes it all in one go.
  for (const auto& argv : commands) {
    ArgvView view(argv);
    if (redisAppendCommandArgv(impl_->context.get(), view.argc(), view.argv.data(), view.lengths.data()) != REDIS_OK) {
      return impl_->Drop("pipeline append failed");
    }
  }
  replies.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(impl_->context.get(), &raw) != REDIS_OK || raw == nullptr) {
      // Earlier commands may have run; the caller sees UNAVAILABLE and retries idempotent work.
      return impl_->Drop("pipeline of " + std::to_string(commands.size()) + " commands failed at reply " +
                         std::to_string(i));
    }
    RedisReplyPtr reply(static_cast<redisReply*>(raw));
    replies.push_back(ConvertReply(*reply));
  }
  return replies;
}

Status RedisClient::HSet(const std::string& key, const std::map<std::string, std::string>& fields) {
  if (fields.empty()) return Status::Ok();  // HSET needs at least one pair; nothing to write
  std::vector<std::string> argv{"HSET", key};
  argv.reserve(2 + 2 * fields.size());
  for (const auto& [field, value] : fields) {
    argv.push_back(field);
    argv.push_back(value);
  }
  auto reply = Command(argv);
  if (!reply.ok()) return reply.status();
  if (reply->type != RedisReply::Type::kInteger) return UnexpectedReply(impl_->options, "HSET", *reply);
  return Status::Ok();
}

Result<std::map<std::string, std::string>> RedisClient::HGetAll(const std::string& key) {
  auto reply = Command({"HGETALL", key});
  if (!reply.ok()) return reply.status();
  if (reply->type != RedisReply::Type::kArray || reply->elements.size() % 2 != 0) {
    return UnexpectedReply(impl_->options, "HGETALL", *reply);
  }
  std::map<std::string, std::string> fields;
  for (size_t i = 0; i + 1 < reply->elements.size(); i += 2) {
    fields.emplace(std::move(reply->elements[i].str), std::move(reply->elements[i + 1].str));
  }
  return fields;
}

Result<std::optional<std::string>> RedisClient::Get(const std::string& key) {
  auto reply = Command({"GET", key});
  if (!reply.ok()) return reply.status();
  if (reply->type == RedisReply::Type::kNil) return std::optional<std::string>();
  if (reply->type != RedisReply::Type::kString) return UnexpectedReply(impl_->options, "GET", *reply);
  return std::optional<std::string>(std::move(reply->str));
}

Result<std::int64_t> RedisClient::Incr(const std::string& key) {
  auto reply = Command({"INCR", key});
  if (!reply.ok()) return reply.status();
  if (reply->type != RedisReply::Type::kInteger) return UnexpectedReply(impl_->options, "INCR", *reply);
  return reply->integer;
}

Result<std::int64_t> RedisClient::Publish(const std::string& channel, const std::string& message) {
  auto reply = Command({"PUBLISH", channel, message});
  if (!reply.ok()) return reply.status();
  if (reply->type != RedisReply::Type::kInteger) return UnexpectedReply(impl_->options, "PUBLISH", *reply);
  return reply->integer;
}

}  // namespace safeloop::cache
