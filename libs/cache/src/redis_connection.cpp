#include "redis_connection.hpp"

#include <sys/time.h>

namespace safeloop::cache {
namespace {

timeval ToTimeval(std::chrono::milliseconds duration) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(duration.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((duration.count() % 1000) * 1000);
  return tv;
}

}  // namespace

ArgvView::ArgvView(const std::vector<std::string>& args) {
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (const auto& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
}

Status ConnectionLost(const RedisOptions& options, const std::string& what, const redisContext* context) {
  std::string detail = context != nullptr && context->err != 0 ? context->errstr : "no reply";
  return Unavailable("redis " + options.address.ToString() + ": " + what + ": " + detail +
                     ". Hint: check that Redis is running and reachable at that address (SAFELOOP_REDIS_ADDR)");
}

Result<RedisContextPtr> ConnectRedis(const RedisOptions& options) {
  RedisContextPtr context(redisConnectWithTimeout(options.address.host.c_str(), options.address.port,
                                                  ToTimeval(options.connect_timeout)));
  if (!context) {
    return Unavailable("redis " + options.address.ToString() + ": connect failed: out of memory");
  }
  if (context->err != 0) return ConnectionLost(options, "connect failed", context.get());
  if (redisSetTimeout(context.get(), ToTimeval(options.command_timeout)) != REDIS_OK ||
      redisEnableKeepAlive(context.get()) != REDIS_OK) {
    return ConnectionLost(options, "socket setup failed", context.get());
  }
  if (!options.client_name.empty()) {
    const std::vector<std::string> args = {"CLIENT", "SETNAME", options.client_name};
    ArgvView argv(args);  // points into args, which must outlive it
    RedisReplyPtr reply(
        static_cast<redisReply*>(redisCommandArgv(context.get(), argv.argc(), argv.argv.data(), argv.lengths.data())));
    if (!reply) return ConnectionLost(options, "CLIENT SETNAME failed", context.get());
    if (reply->type == REDIS_REPLY_ERROR) {
      return InvalidArgument("redis " + options.address.ToString() + ": CLIENT SETNAME " + options.client_name +
                                 " rejected: " + std::string(reply->str, reply->len) +
                                 ". Hint: names cannot contain spaces",
                             "client_name");
    }
  }
  return context;
}

RedisReply ConvertReply(const redisReply& reply) {
  RedisReply out;
  switch (reply.type) {
    case REDIS_REPLY_STRING:
      out.type = RedisReply::Type::kString;
      out.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = RedisReply::Type::kStatus;
      out.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = RedisReply::Type::kError;
      out.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::kInteger;
      out.integer = reply.integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::kArray;
      out.elements.reserve(reply.elements);
      for (size_t i = 0; i < reply.elements; ++i) out.elements.push_back(ConvertReply(*reply.element[i]));
      break;
    default:
      out.type = RedisReply::Type::kNil;
      break;
  }
  return out;
}

}  // namespace safeloop::cache
