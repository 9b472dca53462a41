// Integration tests against a real Redis (SAFELOOP_REDIS_ADDR); no mocks.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "safeloop/cache/redis.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::cache {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

RedisOptions Options() {
  const char* value = std::getenv("SAFELOOP_REDIS_ADDR");
  if (value == nullptr || *value == '\0') {
    FAIL("SAFELOOP_REDIS_ADDR is not set. Start the test Redis with `tools/infra start --profile test`, then "
         "`source tools/lib/env.sh test` (tools/test does both).");
  }
  auto address = ParseHostPort(value);
  if (!address) FAIL("SAFELOOP_REDIS_ADDR='" << value << "' is not host:port");
  RedisOptions options;
  options.address = *address;
  return options;
}

std::string UniqueKey(const std::string& what) { return "safeloop:test:" + NewUuidV7() + ":" + what; }

/// Collects messages delivered on the subscriber thread.
class Inbox {
 public:
  void Add(const std::string& channel, const std::string& payload) {
    std::lock_guard lock(mutex_);
    messages_.emplace_back(channel, payload);
  }
  bool Contains(const std::string& channel, const std::string& payload) {
    std::lock_guard lock(mutex_);
    for (const auto& message : messages_) {
      if (message.first == channel && message.second == payload) return true;
    }
    return false;
  }

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> messages_;
};

template <typename Predicate>
bool WaitFor(Predicate predicate, std::chrono::milliseconds limit) {
  const auto deadline = SteadyClock::now() + limit;
  while (!predicate()) {
    if (SteadyClock::now() >= deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

/// Publishes until the subscriber got it (a publish before the (re-)subscription is simply lost).
bool PublishUntilReceived(RedisClient& client, Inbox& inbox, const std::string& channel, const std::string& payload,
                          std::chrono::milliseconds limit) {
  const auto deadline = SteadyClock::now() + limit;
  while (SteadyClock::now() < deadline) {
    REQUIRE(client.Publish(channel, payload).ok());
    if (WaitFor([&] { return inbox.Contains(channel, payload); }, 100ms)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("RedisClient hashes, counters, strings and publish", "[redis]") {
  RedisClient client(Options());
  const std::string hash = UniqueKey("hash");
  REQUIRE(client.HSet(hash, {{"a", "1"}, {"b", "two"}}).ok());
  REQUIRE(client.HSet(hash, {{"b", "2"}}).ok());
  auto fields = client.HGetAll(hash);
  REQUIRE(fields.ok());
  CHECK(*fields == std::map<std::string, std::string>{{"a", "1"}, {"b", "2"}});
  CHECK(client.HGetAll(UniqueKey("absent"))->empty());

  const std::string counter = UniqueKey("counter");
  CHECK(*client.Incr(counter) == 1);
  CHECK(*client.Incr(counter) == 2);
  auto value = client.Get(counter);
  REQUIRE(value.ok());
  REQUIRE(value->has_value());
  CHECK(**value == "2");
  auto missing = client.Get(UniqueKey("missing"));
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());

  auto receivers = client.Publish(UniqueKey("nobody-listens"), "hello");
  REQUIRE(receivers.ok());
  CHECK(*receivers == 0);
  client.Command({"DEL", hash, counter});
}

TEST_CASE("RedisClient pipelines 1000 commands in order", "[redis]") {
  RedisClient client(Options());
  const std::string counter = UniqueKey("pipeline");
  std::vector<std::vector<std::string>> commands(1000, {"INCR", counter});
  auto replies = client.Pipeline(commands);
  REQUIRE(replies.ok());
  REQUIRE(replies->size() == 1000);
  for (std::size_t i = 0; i < replies->size(); ++i) {
    REQUIRE((*replies)[i].type == RedisReply::Type::kInteger);
    REQUIRE((*replies)[i].integer == static_cast<std::int64_t>(i) + 1);
  }
  CHECK(client.Pipeline({})->empty());
  client.Command({"DEL", counter});
}

TEST_CASE("RedisClient is binary-safe", "[redis]") {
  RedisClient client(Options());
  const std::string key = UniqueKey(std::string("bin\0key", 7));
  const std::string value = std::string("a\0b\r\n", 5) + "危险区域 — 安全";
  REQUIRE(client.Command({"SET", key, value})->type == RedisReply::Type::kStatus);
  auto read = client.Get(key);
  REQUIRE(read.ok());
  REQUIRE(read->has_value());
  CHECK(read->value() == value);
  CHECK(read->value().size() == value.size());

  const std::string hash = UniqueKey("binhash");
  REQUIRE(client.HSet(hash, {{std::string("f\0", 2), value}}).ok());
  CHECK(client.HGetAll(hash)->at(std::string("f\0", 2)) == value);
  client.Command({"DEL", key, hash});
}

TEST_CASE("Redis error replies are replies, not failed statuses", "[redis]") {
  RedisClient client(Options());
  auto unknown = client.Command({"NO-SUCH-COMMAND", "x"});
  REQUIRE(unknown.ok());
  CHECK(unknown->type == RedisReply::Type::kError);
  CHECK(unknown->str.find("unknown command") != std::string::npos);

  const std::string key = UniqueKey("not-a-number");
  REQUIRE(client.Command({"SET", key, "abc"}).ok());
  auto wrong = client.Command({"INCR", key});
  REQUIRE(wrong.ok());
  CHECK(wrong->type == RedisReply::Type::kError);
  auto incr = client.Incr(key);  // the convenience turns it into a Status
  CHECK(incr.status().code() == StatusCode::kInternal);
  CHECK(incr.status().message().find("not an integer") != std::string::npos);
  CHECK(client.Command({}).status().code() == StatusCode::kInvalidArgument);
  client.Command({"DEL", key});
}

TEST_CASE("RedisClient reports UNAVAILABLE for a dead port and reconnects after a dropped connection", "[redis]") {
  RedisOptions dead = Options();
  dead.address = {"127.0.0.1", 1};
  RedisClient unreachable(dead);
  auto ping = unreachable.Command({"PING"});
  CHECK(ping.status().code() == StatusCode::kUnavailable);
  CHECK(ping.status().message().find("127.0.0.1:1") != std::string::npos);
  CHECK(unreachable.Get("x").status().code() == StatusCode::kUnavailable);

  RedisOptions options = Options();
  options.client_name = "safeloop-test-" + NewUuidV7();
  RedisClient client(options);
  auto id = client.Command({"CLIENT", "ID"});
  REQUIRE(id.ok());
  RedisClient killer(Options());
  REQUIRE(killer.Command({"CLIENT", "KILL", "ID", std::to_string(id->integer)})->integer == 1);
  // The first call may notice the drop (UNAVAILABLE); the one after must have reconnected.
  auto first = client.Command({"PING"});
  if (!first.ok()) CHECK(first.status().code() == StatusCode::kUnavailable);
  auto second = client.Command({"PING"});
  REQUIRE(second.ok());
  CHECK(second->str == "PONG");
}

TEST_CASE("RedisSubscriber receives channel and pattern messages and stops promptly", "[redis]") {
  const std::string base = UniqueKey("sub");
  const std::string channel = base + ":chan";
  const std::string pattern = base + ":*:pat";
  const std::string pattern_channel = base + ":zone-7:pat";
  Inbox inbox;
  RedisClient publisher(Options());
  RedisSubscriber subscriber(Options(), {channel, pattern},
                             [&](const std::string& c, const std::string& p) { inbox.Add(c, p); });
  REQUIRE(WaitFor([&] { return subscriber.subscribed(); }, 5000ms));

  CHECK(*publisher.Publish(channel, "plain") == 1);
  CHECK(*publisher.Publish(pattern_channel, std::string("pat\0tern", 8)) == 1);
  CHECK(WaitFor([&] { return inbox.Contains(channel, "plain"); }, 5000ms));
  CHECK(WaitFor([&] { return inbox.Contains(pattern_channel, std::string("pat\0tern", 8)); }, 5000ms));

  const auto start = SteadyClock::now();
  subscriber.Stop();
  CHECK(SteadyClock::now() - start < 1500ms);
  CHECK(*publisher.Publish(channel, "after-stop") == 0);  // the connection is gone
}

TEST_CASE("RedisSubscriber re-subscribes after its connection is killed", "[redis]") {
  const std::string base = UniqueKey("resub");
  const std::string channel = base + ":chan";
  const std::string pattern = base + ":*:pat";
  const std::string name = "safeloop-sub-" + NewUuidV7();
  RedisOptions options = Options();
  options.client_name = name;
  Inbox inbox;
  std::atomic<int> reconnects{0};
  RedisSubscriber subscriber(
      options, {channel, pattern}, [&](const std::string& c, const std::string& p) { inbox.Add(c, p); },
      [&] { ++reconnects; });
  REQUIRE(WaitFor([&] { return subscriber.subscribed(); }, 5000ms));
  RedisClient admin(Options());
  REQUIRE(PublishUntilReceived(admin, inbox, channel, "before", 5000ms));
  CHECK(reconnects == 0);

  // Find our subscriber among the pub/sub clients (others may share this Redis) and kill only it.
  auto list = admin.Command({"CLIENT", "LIST", "TYPE", "pubsub"});
  REQUIRE(list.ok());
  std::string id;
  std::istringstream lines(list->str);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(" name=" + name + " ") != std::string::npos) id = line.substr(3, line.find(' ') - 3);
  }
  REQUIRE_FALSE(id.empty());
  auto killed = admin.Command({"CLIENT", "KILL", "TYPE", "pubsub", "ID", id});
  REQUIRE(killed.ok());
  REQUIRE(killed->integer == 1);

  CHECK(PublishUntilReceived(admin, inbox, channel, "after-kill", 10000ms));
  CHECK(PublishUntilReceived(admin, inbox, base + ":z:pat", "pattern-after-kill", 10000ms));
  CHECK(WaitFor([&] { return reconnects.load() >= 1; }, 2000ms));
}

}  // namespace safeloop::cache
