#include "redis_pool.hpp"

#include <openssl/evp.h>

namespace safeloop::gateway {
namespace {

std::int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool IsNoScript(const cache::RedisReply& reply) {
  return reply.type == cache::RedisReply::Type::kError && reply.str.rfind("NOSCRIPT", 0) == 0;
}

}  // namespace

std::string Sha1Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha1(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    unsigned char b = digest[i];
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

RedisScript::RedisScript(std::string source_text) : source(std::move(source_text)), sha1(Sha1Hex(source)) {}

RedisPool::RedisPool(RedisPoolOptions options) : options_(std::move(options)) {
  cache::RedisOptions redis{options_.address, options_.timeout, options_.timeout, options_.client_name};
  for (int i = 0; i < std::max(1, options_.size); ++i) clients_.push_back(std::make_unique<cache::RedisClient>(redis));
}

cache::RedisClient& RedisPool::Next() { return *clients_[next_.fetch_add(1) % clients_.size()]; }

void RedisPool::MarkFailed() {
  skip_until_ns_.store(NowNs() + std::chrono::nanoseconds(options_.cooldown).count());
  failing_.store(true);
}

void RedisPool::MarkOk() {
  if (failing_.exchange(false) && on_recovered_) on_recovered_();
}

Result<cache::RedisReply> RedisPool::Eval(const RedisScript& script, const std::vector<std::string>& keys,
                                          const std::vector<std::string>& args) {
  if (NowNs() < skip_until_ns_.load()) {
    return Unavailable("redis " + options_.address.ToString() + " failed recently; skipped until the cool-down ends");
  }
  std::vector<std::string> argv;
  argv.reserve(3 + keys.size() + args.size());
  argv.push_back("EVALSHA");
  argv.push_back(script.sha1);
  argv.push_back(std::to_string(keys.size()));
  argv.insert(argv.end(), keys.begin(), keys.end());
  argv.insert(argv.end(), args.begin(), args.end());

  cache::RedisClient& client = Next();
  auto reply = client.Command(argv);
  // A connection that broke while idle (e.g. Redis restarted) fails once; the client has dropped it, so one
  // retry reconnects. If Redis is really down the retry fails fast too and the breaker opens.
  if (!reply.ok()) reply = client.Command(argv);
  if (reply.ok() && IsNoScript(*reply)) {
    argv[0] = "EVAL";
    argv[1] = script.source;
    reply = client.Command(argv);
  }
  if (!reply.ok()) {
    MarkFailed();
    return reply;
  }
  MarkOk();
  return reply;
}

}  // namespace safeloop::gateway
