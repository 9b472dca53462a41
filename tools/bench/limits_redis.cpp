// Redis SET/HSET throughput with raw hiredis, pipelined and one command per round trip.

#include <hiredis/hiredis.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "limits.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr int kKeySpace = 1000;  // bounded so cleanup is one small DEL

struct ContextFree {
  void operator()(redisContext* context) const { redisFree(context); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextFree>;

/// The i-th benchmark command: even i → SET key value, odd i → HSET hash field value.
struct CommandMaker {
  std::string prefix;
  std::string value = std::string(100, 'v');
  std::string hash;
  std::vector<std::string> keys;
  std::vector<std::string> fields;

  explicit CommandMaker(std::string p) : prefix(std::move(p)), hash(prefix + "hash") {
    for (int i = 0; i < kKeySpace; ++i) {
      keys.push_back(prefix + "k" + std::to_string(i));
      fields.push_back("f" + std::to_string(i));
    }
  }
  int Append(redisContext* context, std::int64_t i) const {
    const auto slot = static_cast<std::size_t>(i % kKeySpace);
    if (i % 2 == 0) {
      const char* argv[] = {"SET", keys[slot].data(), value.data()};
      const size_t lens[] = {3, keys[slot].size(), value.size()};
      return redisAppendCommandArgv(context, 3, argv, lens);
    }
    const char* argv[] = {"HSET", hash.data(), fields[slot].data(), value.data()};
    const size_t lens[] = {4, hash.size(), fields[slot].size(), value.size()};
    return redisAppendCommandArgv(context, 4, argv, lens);
  }
};

/// Reads `count` replies; false on a connection error or an error reply.
bool ReadReplies(redisContext* context, std::int64_t count, std::string& error) {
  for (std::int64_t i = 0; i < count; ++i) {
    void* raw = nullptr;
    if (redisGetReply(context, &raw) != REDIS_OK || raw == nullptr) {
      error = context->errstr;
      return false;
    }
    auto* reply = static_cast<redisReply*>(raw);
    bool failed = reply->type == REDIS_REPLY_ERROR;
    if (failed) error.assign(reply->str, reply->len);
    freeReplyObject(reply);
    if (failed) return false;
  }
  return true;
}

Status Cleanup(redisContext* context, const CommandMaker& maker) {
  std::vector<const char*> argv{"DEL", maker.hash.data()};
  std::vector<size_t> lens{3, maker.hash.size()};
  for (const auto& key : maker.keys) {
    argv.push_back(key.data());
    lens.push_back(key.size());
  }
  void* reply = redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lens.data());
  if (reply == nullptr) return Unavailable(std::string("redis cleanup: ") + context->errstr);
  freeReplyObject(reply);
  return Status::Ok();
}

}  // namespace

Result<RedisRates> MeasureRedis(const HostPort& address, std::int64_t pipelined_ops, int batch,
                                std::int64_t unpipelined_ops, std::chrono::seconds max_time) {
  timeval connect_timeout{2, 0};
  ContextPtr context(redisConnectWithTimeout(address.host.c_str(), address.port, connect_timeout));
  if (!context || context->err) {
    return Unavailable("redis " + address.ToString() + ": " + (context ? context->errstr : "out of memory"));
  }
  timeval command_timeout{10, 0};
  redisSetTimeout(context.get(), command_timeout);
  const CommandMaker maker("safeloop:bench:" + NewUuidV7() + ":");
  std::string error;
  RedisRates rates;

  auto start = SteadyClock::now();
  auto stop_at = start + max_time;
  std::int64_t done = 0;
  while (done < pipelined_ops && SteadyClock::now() < stop_at) {
    const std::int64_t n = std::min<std::int64_t>(batch, pipelined_ops - done);
    for (std::int64_t i = 0; i < n; ++i) maker.Append(context.get(), done + i);
    if (!ReadReplies(context.get(), n, error)) return Unavailable("redis pipelined bench: " + error);
    done += n;
  }
  rates.pipelined = {done, std::chrono::duration<double>(SteadyClock::now() - start).count()};

  start = SteadyClock::now();
  stop_at = start + max_time;
  done = 0;
  while (done < unpipelined_ops && SteadyClock::now() < stop_at) {
    maker.Append(context.get(), done);
    if (!ReadReplies(context.get(), 1, error)) return Unavailable("redis unpipelined bench: " + error);
    ++done;
  }
  rates.unpipelined = {done, std::chrono::duration<double>(SteadyClock::now() - start).count()};
  SAFELOOP_RETURN_IF_ERROR(Cleanup(context.get(), maker));
  return rates;
}

void RunRedisBenchmarkTool(const HostPort& address) {
  if (std::system("command -v redis-benchmark >/dev/null 2>&1") != 0) {
    std::printf("redis-benchmark: not installed, skipped\n");
    return;
  }
  // Database 15 keeps its fixed keys (key:__rand_int__, myhash) away from the application's db 0.
  const std::string command = "redis-benchmark -h " + address.host + " -p " + std::to_string(address.port) +
                              " --dbnum 15 -t set,hset -n 100000 -P 16 -q 2>&1";
  std::printf("redis-benchmark (reference): %s\n", command.c_str());
  std::fflush(stdout);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return;
  // -q redraws a progress line with '\r'; keep only the final summary of each test.
  std::string output;
  char buffer[4096];
  while (size_t n = std::fread(buffer, 1, sizeof(buffer), pipe)) output.append(buffer, n);
  pclose(pipe);
  std::string segment;
  for (char c : output + "\n") {
    if (c != '\r' && c != '\n') {
      segment += c;
      continue;
    }
    if (segment.find("requests per second") != std::string::npos) std::printf("  %s\n", segment.c_str());
    segment.clear();
  }
}

}  // namespace safeloop::bench
