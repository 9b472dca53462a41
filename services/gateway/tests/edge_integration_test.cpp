// The edge against the test profile's real Redis and PostgreSQL (tools/infra start --profile test;
// source tools/lib/env.sh test): the admission scripts, the blocklist store and its Redis mirror, the
// statistics flush, and the audit writer. One case stops and restarts the test Redis.
#include <catch2/catch.hpp>

#include <prometheus/text_serializer.h>

#include <cstdlib>
#include <random>
#include <thread>

#include "audit_log.hpp"
#include "blocklist_sync.hpp"
#include "ip_blocklist.hpp"
#include "rate_limiter.hpp"
#include "route_stats.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/migrations.hpp"
#include "safeloop/obs/metrics.hpp"

namespace safeloop::gateway {
std::vector<db::Migration> EmbeddedMigrations();
}

using namespace safeloop;
using namespace safeloop::gateway;
using namespace std::chrono_literals;

namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') FAIL(std::string(name) + " is not set: source tools/lib/env.sh test");
  return v;
}

template <typename Pred>
bool WaitFor(Pred pred, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return pred();
}

int Random(int lo, int hi) {
  static std::mt19937 rng(std::random_device{}());
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

// A client address of its own per test run (TEST-NET-2), its buckets cleared first.
ClientAddress FreshClient(cache::RedisClient& redis) {
  std::string ip = "198.51.100." + std::to_string(Random(1, 254));
  redis.Command({"DEL", IpBucketKey(ip), LoginBucketKey(ip)});
  return {ip, IpAddress::Parse(ip), false};
}

// A network of its own per test run inside 2001:db8::/32 (documentation), so runs never collide.
std::string FreshNetwork() {
  char buf[64];
  std::snprintf(buf, sizeof buf, "2001:db8:%x:%x::/64", Random(1, 0xfffe), Random(1, 0xfffe));
  return buf;
}

ClientAddress Inside(const std::string& network, const char* suffix = "5") {
  std::string ip = network.substr(0, network.find("::/")) + "::" + suffix;
  return {ip, IpAddress::Parse(ip), false};
}

struct Harness {
  obs::MetricsServer metrics;  // no exposer
  HostPort redis_addr = *ParseHostPort(Env("SAFELOOP_REDIS_ADDR"));
  cache::RedisClient redis{{redis_addr}};
  RedisPool pool{RedisPoolOptions{redis_addr}};
  db::ConnectionPool pg{Env("SAFELOOP_PG_URL"), 2};
  SystemClock clock;
  BlocklistStore blocklist{pg, clock};
  BlocklistSync sync{blocklist, redis, metrics.registry(), 200ms};

  Harness() {
    pqxx::connection conn(Env("SAFELOOP_PG_URL"));
    auto applied = db::ApplyMigrations(conn, "gateway", EmbeddedMigrations());
    INFO(applied.status().ToString());
    REQUIRE(applied.ok());
  }

  double Metric(const std::string& needle) {
    auto text = prometheus::TextSerializer().Serialize(metrics.registry().Collect());
    auto pos = text.find("\n" + needle);  // a sample line, not the # HELP line
    if (pos == std::string::npos) return 0;
    return std::stod(text.substr(pos + 1 + needle.size()));
  }

  BlocklistEntry Block(const std::string& network, std::optional<TimePoint> expires = std::nullopt) {
    auto added = blocklist.Add({*Cidr::Parse(network), "integration test", expires}, "it-admin", NewUuidV7());
    INFO(added.status().ToString());
    REQUIRE(added.ok());
    REQUIRE(sync.SyncNow().ok());
    return *added;
  }
};

// Restarts the test Redis however the test ends.
struct RedisOutage {
  explicit RedisOutage(std::string root) : root_(std::move(root)) { Run("stop"); }
  ~RedisOutage() { End(); }
  void End() {
    if (ended_) return;
    ended_ = true;
    Run("start");
  }

 private:
  void Run(const char* what) {
    std::string cmd = root_ + "/tools/infra " + what + " --only redis --profile test >/dev/null 2>&1";
    int rc = std::system(cmd.c_str());
    if (rc != 0) WARN("tools/infra " << what << " --only redis failed with " << rc);
  }
  std::string root_;
  bool ended_ = false;
};

using Kind = AdmissionDecision::Kind;

}  // namespace

TEST_CASE("an IP bucket drains to 429 with a Retry-After, then refills and recovers", "[redis][admission]") {
  Harness h;
  Admission admission(h.pool, {.ip_per_s = 5, .ip_burst = 5, .account_per_s = 0, .account_burst = 0,
                               .login_per_min = 0},
                      h.metrics.registry());
  auto client = FreshClient(h.redis);
  for (int i = 0; i < 5; ++i) {
    INFO("request " << i);
    CHECK(admission.CheckClient(client, false).kind == Kind::kAllow);
  }
  auto limited = admission.CheckClient(client, false);
  CHECK(limited.kind == Kind::kLimited);
  CHECK(limited.retry_after_s == 1);  // 5/s: the next token is at most 200 ms away
  CHECK_FALSE(limited.failed_open);
  // Another address has its own bucket.
  CHECK(admission.CheckClient(FreshClient(h.redis), false).kind == Kind::kAllow);

  std::this_thread::sleep_for(250ms);  // one token back
  CHECK(admission.CheckClient(client, false).kind == Kind::kAllow);
  CHECK(admission.CheckClient(client, false).kind == Kind::kLimited);
  std::this_thread::sleep_for(1100ms);  // full again
  for (int i = 0; i < 5; ++i) CHECK(admission.CheckClient(client, false).kind == Kind::kAllow);

  // Our own proxies are never limited.
  ClientAddress proxy{"127.0.0.1", IpAddress::Parse("127.0.0.1"), true};
  for (int i = 0; i < 20; ++i) CHECK(admission.CheckClient(proxy, false).kind == Kind::kAllow);
  CHECK(h.Metric("safeloop_gateway_admission_decisions_total{decision=\"limited\",phase=\"client\"} ") >= 2);
}

TEST_CASE("login attempts drain a stricter bucket of their own", "[redis][admission]") {
  Harness h;
  Admission admission(h.pool, {.ip_per_s = 1000, .ip_burst = 1000, .account_per_s = 0, .account_burst = 0,
                               .login_per_min = 3},
                      h.metrics.registry());
  auto client = FreshClient(h.redis);
  for (int i = 0; i < 3; ++i) CHECK(admission.CheckClient(client, true).kind == Kind::kAllow);
  auto limited = admission.CheckClient(client, true);
  CHECK(limited.kind == Kind::kLimited);
  CHECK(limited.retry_after_s >= 19);  // 3 per minute: one every 20 s
  CHECK(limited.retry_after_s <= 20);
  CHECK(admission.CheckClient(client, false).kind == Kind::kAllow);  // other requests still pass
}

TEST_CASE("accounts have their own bucket, and a logged-out session is refused", "[redis][admission]") {
  Harness h;
  Admission admission(h.pool, {.ip_per_s = 0, .ip_burst = 0, .account_per_s = 2, .account_burst = 2,
                               .login_per_min = 0},
                      h.metrics.registry());
  std::string account = "it-" + NewUuidV7();
  CHECK(admission.CheckAccount(account, "").kind == Kind::kAllow);
  CHECK(admission.CheckAccount(account, "").kind == Kind::kAllow);
  auto limited = admission.CheckAccount(account, "");
  CHECK(limited.kind == Kind::kLimited);
  CHECK(limited.retry_after_s == 1);

  std::string other = "it-" + NewUuidV7();
  std::string sid = NewUuidV7();
  CHECK(admission.CheckAccount(other, sid).kind == Kind::kAllow);
  REQUIRE(h.redis.Command({"SET", RevokedSessionKey(sid), "1", "EX", "60"}).ok());
  auto revoked = admission.CheckAccount(other, sid);
  CHECK(revoked.kind == Kind::kRevoked);
  CHECK(AdmissionStatus(revoked).message() == "session has been logged out");
  CHECK(admission.CheckAccount(other, NewUuidV7()).kind == Kind::kAllow);  // another session of the account
}

TEST_CASE("EVALSHA falls back to EVAL when Redis has forgotten the script", "[redis][admission]") {
  Harness h;
  Admission admission(h.pool, {}, h.metrics.registry());
  auto client = FreshClient(h.redis);
  CHECK(admission.CheckClient(client, false).kind == Kind::kAllow);
  REQUIRE(h.redis.Command({"SCRIPT", "FLUSH"}).ok());
  auto after = admission.CheckClient(client, false);
  CHECK(after.kind == Kind::kAllow);
  CHECK_FALSE(after.failed_open);
  CHECK(h.Metric("safeloop_gateway_admission_fail_open_total{phase=\"client\"} ") == 0);
}

TEST_CASE("a blocklisted network is refused at once, and admitted again when removed", "[redis][pg][blocklist]") {
  Harness h;
  Admission admission(h.pool, {}, h.metrics.registry());
  std::string network = FreshNetwork();
  auto entry = h.Block(network);
  CHECK(entry.network == network);
  CHECK(admission.CheckClient(Inside(network), false).kind == Kind::kBlocked);
  CHECK(admission.CheckClient(Inside(network, "ffff:1"), false).kind == Kind::kBlocked);
  CHECK(admission.CheckClient(FreshClient(h.redis), false).kind == Kind::kAllow);

  // One entry per network: a second one is a conflict.
  auto again = h.blocklist.Add({*Cidr::Parse(network), "again", std::nullopt}, "it-admin", "");
  CHECK(again.status().code() == StatusCode::kAlreadyExists);
  CHECK(again.status().field() == "cidr");

  auto listed = h.blocklist.List();
  REQUIRE(listed.ok());
  CHECK(std::any_of(listed->begin(), listed->end(), [&](const BlocklistEntry& e) { return e.id == entry.id; }));

  auto removed = h.blocklist.Remove(entry.id);
  REQUIRE(removed.ok());
  CHECK(removed->network == network);
  REQUIRE(h.sync.SyncNow().ok());
  CHECK(admission.CheckClient(Inside(network), false).kind == Kind::kAllow);
  CHECK(h.blocklist.Remove(entry.id).status().code() == StatusCode::kNotFound);
}

TEST_CASE("a blocklist entry with an expiry stops blocking when it expires", "[redis][pg][blocklist]") {
  Harness h;
  Admission admission(h.pool, {}, h.metrics.registry());
  std::string network = FreshNetwork();
  auto entry = h.Block(network, h.clock.Now() + 1500ms);
  REQUIRE(entry.expires_at);
  CHECK(admission.CheckClient(Inside(network), false).kind == Kind::kBlocked);
  std::this_thread::sleep_for(1700ms);
  CHECK(admission.CheckClient(Inside(network), false).kind == Kind::kAllow);  // the script checks the expiry
  // An expired entry no longer holds the network.
  auto renewed = h.blocklist.Add({*Cidr::Parse(network), "again", std::nullopt}, "it-admin", "");
  REQUIRE(renewed.ok());
  REQUIRE(h.blocklist.Remove(renewed->id).ok());
  REQUIRE(h.sync.SyncNow().ok());
}

TEST_CASE("an older mirror never overwrites a newer one", "[redis][pg][blocklist]") {
  Harness h;
  Admission admission(h.pool, {}, h.metrics.registry());
  std::string network = FreshNetwork();
  auto stale = h.blocklist.Snapshot();  // before the entry exists
  REQUIRE(stale.ok());
  auto entry = h.Block(network);
  REQUIRE(WriteMirror(h.redis, *stale).ok());  // a slow replica's late rebuild
  CHECK(admission.CheckClient(Inside(network), false).kind == Kind::kBlocked);
  REQUIRE(h.blocklist.Remove(entry.id).ok());
  REQUIRE(h.sync.SyncNow().ok());
}

TEST_CASE("Redis down: requests are admitted unchecked and counted; the mirror is rebuilt when Redis is back",
          "[redis][pg][outage]") {
  Harness h;
  Admission admission(h.pool, {}, h.metrics.registry());
  h.pool.SetOnRecovered([&h] { h.sync.Poke(); });
  std::string network = FreshNetwork();
  auto entry = h.Block(network);
  REQUIRE(admission.CheckClient(Inside(network), false).kind == Kind::kBlocked);
  h.sync.Start();
  {
    RedisOutage outage(Env("SAFELOOP_ROOT"));
    auto first = admission.CheckClient(Inside(network), false);
    CHECK(first.kind == Kind::kAllow);
    CHECK(first.failed_open);
    // While the breaker is open no request waits for Redis.
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 100; ++i) CHECK(admission.CheckAccount("it-outage", "").failed_open);
    CHECK(std::chrono::steady_clock::now() - start < 500ms);
    CHECK(h.Metric("safeloop_gateway_admission_fail_open_total{phase=\"client\"} ") >= 1);
    CHECK(h.Metric("safeloop_gateway_admission_fail_open_total{phase=\"account\"} ") >= 100);
    outage.End();  // Redis comes back empty (no persistence in the test profile)
  }
  // The first admitted call after the cool-down notices the recovery and the sync rebuilds the mirror.
  bool blocked_again = WaitFor([&] { return admission.CheckClient(Inside(network), false).kind == Kind::kBlocked; },
                               15s);
  h.sync.Stop();
  CHECK(blocked_again);
  REQUIRE(h.blocklist.Remove(entry.id).ok());
  REQUIRE(h.sync.SyncNow().ok());
}

TEST_CASE("statistics from two replicas add up in Redis per minute and hour", "[redis][stats]") {
  Harness h;
  // A minute of its own, far from real traffic.
  ManualClock clock(FromUnixMillis((std::int64_t{30'000'000} + Random(0, 100'000)) * 60'000 + 5'000));
  std::vector<RouteSpec> routes = {{"GET", "/a", "itRouteA", "", "t"}, {"POST", "/b", "itRouteB", "", "t"}};
  RouteStatsRecorder replica1(routes), replica2(routes);
  StatsFlusher flusher1(replica1, h.redis, clock, h.metrics.registry());
  StatsFlusher flusher2(replica2, h.redis, clock, h.metrics.registry());
  replica1.Record("itRouteA", 200, 4ms);
  replica1.Record("itRouteA", 500, 40ms);
  replica2.Record("itRouteA", 404, 400ms);
  replica2.Record("itRouteB", 201, 2ms);
  REQUIRE(flusher1.FlushOnce().ok());
  REQUIRE(flusher2.FlushOnce().ok());
  auto sums = ReadRouteStats(h.redis, clock.Now() - 5s, clock.Now() + 1min);
  REQUIRE(sums.ok());
  const auto& a = sums->at("itRouteA");
  CHECK(a.count == 3);
  CHECK(a.errors_4xx == 1);
  CHECK(a.errors_5xx == 1);
  CHECK(a.total_us == 444'000);
  CHECK(PercentileMs(a.latency, 0.5) > 25);
  CHECK(PercentileMs(a.latency, 0.5) <= 50);
  CHECK(sums->at("itRouteB").count == 1);
  // The hour hash has the same counts (whole-hour windows read it instead of 60 minutes).
  std::int64_t minute = UnixMillis(clock.Now()) / 60'000;
  auto hour = h.redis.HGetAll(StatsHourKey(minute / 60));
  REQUIRE(hour.ok());
  CHECK(hour->at("itRouteA|n") == "3");
  auto ttl = h.redis.Command({"TTL", StatsMinuteKey(minute)});
  REQUIRE(ttl.ok());
  CHECK(ttl->integer > 7 * 24 * 3600);
  h.redis.Command({"DEL", StatsMinuteKey(minute), StatsHourKey(minute / 60)});
}

TEST_CASE("the audit writer COPYs batches; each enterprise reads only its own rows, newest first",
          "[pg][audit]") {
  Harness h;
  AuditWriter writer(h.pg, h.metrics.registry(), {.capacity = 100, .max_batch = 50, .interval = 50ms});
  AuditLogReader reader(h.pg);
  std::string ent_a = NewUuidV7(), ent_b = NewUuidV7(), park = NewUuidV7();
  TimePoint t0 = std::chrono::time_point_cast<std::chrono::milliseconds>(h.clock.Now());
  auto record = [&](const std::string& ent, int i, const std::string& op) {
    AuditRecord r;
    r.occurred_at = t0 + std::chrono::milliseconds(i);
    r.enterprise_id = ent;
    r.park_id = park;
    r.account = "acct-" + std::to_string(i % 2);
    r.roles = {"admin", "safety_officer"};
    r.operation_id = op;
    r.method = "POST";
    r.path = "/api/v1/risk/maps/m" + std::to_string(i) + "/areas";
    r.path_params = {{"map_id", "m" + std::to_string(i)}};
    r.http_status = i == 3 ? 400 : 201;
    r.code = i == 3 ? "INVALID_ARGUMENT" : "OK";
    r.client_address = i == 4 ? "" : "203.0.113." + std::to_string(i + 1);
    r.user_agent = "it\ttab\nnewline\\backslash";  // COPY escaping
    r.request_id = "req-" + std::to_string(i);
    r.elapsed_ms = 1.5 * i;
    return r;
  };
  for (int i = 0; i < 5; ++i) CHECK(writer.Submit(record(ent_a, i, i < 3 ? "createArea" : "createPlantMap")));
  CHECK(writer.Submit(record(ent_b, 9, "createArea")));
  AuditRecord login = record("", 10, "");  // a failed login: no tenant, a username, never a password
  login.path = "/api/v1/auth/login";
  login.username = "zhangsan";
  login.http_status = 401;
  CHECK(writer.Submit(login));
  writer.Start();

  Result<AuditPage> page = AuditPage{};
  REQUIRE(WaitFor([&] {
    page = reader.List(ent_a, {});
    return page.ok() && page->items.size() == 5;
  }, 10s));
  writer.Stop();
  const auto& newest = page->items.front();
  CHECK(newest.request_id == "req-4");
  CHECK(newest.client_address.empty());  // NULL
  CHECK(newest.username.empty());
  CHECK(newest.user_agent == "it\ttab\nnewline\\backslash");
  CHECK(newest.roles == std::vector<std::string>{"admin", "safety_officer"});
  CHECK(newest.park_id == park);
  CHECK(page->items.back().request_id == "req-0");
  CHECK(page->items.back().path_params.at("map_id") == "m0");
  CHECK(page->items.back().client_address == "203.0.113.1");
  CHECK(page->items[1].http_status == 400);
  CHECK(page->items[1].code == "INVALID_ARGUMENT");
  CHECK(page->items[1].elapsed_ms == Approx(4.5));
  CHECK(h.Metric("safeloop_gateway_audit_written_total ") >= 7);

  // Paging: two at a time, newest first, the cursor continuing exactly.
  AuditQuery q;
  q.limit = 2;
  std::vector<std::string> seen;
  for (int pages = 0; pages < 5; ++pages) {
    auto p = reader.List(ent_a, q);
    REQUIRE(p.ok());
    for (const auto& r : p->items) seen.push_back(r.request_id);
    if (p->next_cursor.empty()) break;
    auto next = ParseAuditQuery({{"limit", "2"}, {"cursor", p->next_cursor}});
    REQUIRE(next.ok());
    q = *next;
  }
  CHECK(seen == std::vector<std::string>{"req-4", "req-3", "req-2", "req-1", "req-0"});

  // Filters.
  auto by_op = reader.List(ent_a, *ParseAuditQuery({{"operation", "createPlantMap"}}));
  REQUIRE(by_op.ok());
  CHECK(by_op->items.size() == 2);
  auto by_account = reader.List(ent_a, *ParseAuditQuery({{"account", "acct-1"}}));
  REQUIRE(by_account.ok());
  CHECK(by_account->items.size() == 2);
  AuditQuery window;
  window.since = t0 + 1ms;
  window.until = t0 + 3ms;
  auto windowed = reader.List(ent_a, window);
  REQUIRE(windowed.ok());
  REQUIRE(windowed->items.size() == 2);
  CHECK(windowed->items[0].request_id == "req-2");

  // Row-level security: B sees only its own row; nobody sees the tenant-less login through the API.
  auto b = reader.List(ent_b, {});
  REQUIRE(b.ok());
  REQUIRE(b->items.size() == 1);
  CHECK(b->items[0].request_id == "req-9");
  CHECK(reader.List("", {}).status().code() == StatusCode::kFailedPrecondition);
  pqxx::connection conn(Env("SAFELOOP_PG_URL"));
  pqxx::work tx(conn);
  auto row = tx.exec_params1("SELECT username, enterprise_id IS NULL FROM gateway.audit_log WHERE request_id = $1 "
                             "AND path = '/api/v1/auth/login' ORDER BY id DESC LIMIT 1",
                             "req-10");
  CHECK(row[0].as<std::string>() == "zhangsan");
  CHECK(row[1].as<bool>());
  // Tenant sessions may not rewrite history.
  tx.exec("SET LOCAL ROLE safeloop_app");
  tx.exec_params("SELECT set_config('safeloop.enterprise_id', $1, true)", ent_a);
  CHECK_THROWS(tx.exec("DELETE FROM gateway.audit_log"));
}

TEST_CASE("with PostgreSQL unreachable the audit queue stays bounded and drops are counted", "[pg][audit]") {
  obs::MetricsServer metrics;
  db::ConnectionPool nowhere("postgresql://safeloop@127.0.0.1:1/safeloop?connect_timeout=1", 1);
  AuditWriter writer(nowhere, metrics.registry(), {.capacity = 5, .max_batch = 2, .interval = 20ms});
  writer.Start();
  auto start = std::chrono::steady_clock::now();
  int accepted = 0;
  for (int i = 0; i < 20; ++i) {
    AuditRecord r;
    r.occurred_at = std::chrono::system_clock::now();
    r.method = "POST";
    r.path = "/api/v1/x";
    r.request_id = "r" + std::to_string(i);
    accepted += writer.Submit(r) ? 1 : 0;
  }
  CHECK(std::chrono::steady_clock::now() - start < 100ms);  // Submit never waits for the database
  CHECK(accepted <= 7);  // the queue (5) plus at most one batch (2) in the writer's hands
  std::this_thread::sleep_for(300ms);
  writer.Stop(0ms);
  auto text = prometheus::TextSerializer().Serialize(metrics.registry().Collect());
  auto value = [&](const std::string& name) {
    auto pos = text.find("\n" + name + " ");
    return pos == std::string::npos ? -1.0 : std::stod(text.substr(pos + name.size() + 2));
  };
  CHECK(value("safeloop_gateway_audit_dropped_total") == 20 - accepted);
  CHECK(value("safeloop_gateway_audit_write_failures_total") >= 1);
  CHECK(value("safeloop_gateway_audit_written_total") == 0);
}
