// safeloop-bench-risk: the graded-control targets of issue 4 against a running suite (tools/bench/risk).
// For a fresh bench enterprise bulk-loaded into PostgreSQL (default 2,000 areas, 50,000 risk points):
//   (a) map:    a dynamic factor (AreaFactorChanged on safeloop.risk.area-factor.v1) → the area's colour on the
//               gateway's SSE stream; N sequential raise/clear events on distinct areas; target p99 < 200 ms;
//   (b) ledger: GET /api/v1/risk/ledger with filters and paging from C closed-loop clients for S seconds, each
//               client its own loopback address and account (the edge's per-IP and per-account buckets see
//               C distinct users); target p99 < 100 ms at 200 clients; the same-run reference is GET /healthz
//               at the same concurrency;
//   (c) xlsx:   GET /api/v1/risk/documents/E1?format=xlsx, the whole ledger; target < 3 s; also timed straight
//               at the risk service (gRPC, 120 s deadline) so a timeout at the edge still yields the figure.
// Every run removes the earlier runs' bench enterprises first (rows and Redis live map; unless --keep-old).
// Bounded: the load is one transaction; (a) waits at most 5 s per sample; (b) runs S ≤ 60 s; (c) ≤ 5 runs.
//   env: SAFELOOP_HTTP_ADDR, SAFELOOP_RISK_ADDR, SAFELOOP_REDIS_ADDR, SAFELOOP_KAFKA_BROKERS, SAFELOOP_PG_URL, SAFELOOP_JWT_* (signing key)
//   args: [--keep-old | --cleanup-only] [--areas 2000] [--points 50000] [--factor-events 200] [--clients 200] [--seconds 20]
//         [--ref-seconds 5] [--think-ms 0 (closed loop, like wrk; N: each client thinks 0.5–1.5 N between requests)]
//         [--xlsx-runs 3]
// The last line is: risk map_p99_ms=N ledger_p99_ms=N ledger_xlsx_s=N
// Exit status: 0 all targets met, 3 measured but a target missed, 1 the run failed.

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <random>
#include <thread>

#include "risk_bench.hpp"
#include "safeloop/auth/jwt.hpp"
#include "safeloop/bus/producer.hpp"
#include "safeloop/cache/redis.hpp"
#include "safeloop/core/config.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/events/envelope.hpp"
#include "safeloop/events/v1/area_factor_events.pb.h"
#include "safeloop/risk/v1/risk_ledger.grpc.pb.h"

namespace bench = safeloop::bench;
using bench::SteadyClock;
using namespace std::chrono_literals;

namespace {

constexpr const char* kAreaFactorTopic = "safeloop.risk.area-factor.v1";
constexpr const char* kLevelNames[] = {"RISK_LEVEL_MAJOR", "RISK_LEVEL_HIGH", "RISK_LEVEL_MEDIUM", "RISK_LEVEL_LOW"};
constexpr const char* kTierNames[] = {"company", "department", "workshop", "team", "post"};

struct Options {
  bool keep_old = false, cleanup_only = false;
  int areas = 2000, points = 50000, factor_events = 200, clients = 200, seconds = 20, ref_seconds = 5, think_ms = 0,
      xlsx_runs = 3;
};

Options ParseOptions(int argc, char** argv) {
  Options o;
  std::map<std::string, std::pair<int*, std::pair<int, int>>> flags = {
      {"--areas", {&o.areas, {10, 10000}}},           {"--points", {&o.points, {10, 60000}}},
      {"--factor-events", {&o.factor_events, {2, 2000}}}, {"--clients", {&o.clients, {1, 1000}}},
      {"--seconds", {&o.seconds, {1, 60}}},           {"--ref-seconds", {&o.ref_seconds, {0, 30}}},
      {"--think-ms", {&o.think_ms, {0, 10000}}},      {"--xlsx-runs", {&o.xlsx_runs, {0, 5}}}};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--keep-old") == 0 || std::strcmp(argv[i], "--cleanup-only") == 0) {
      (argv[i][2] == 'k' ? o.keep_old : o.cleanup_only) = true;
      continue;
    }
    auto f = flags.find(argv[i]);
    if (f == flags.end() || i + 1 >= argc) throw std::runtime_error(std::string("unknown or incomplete argument ") + argv[i]);
    int v = std::atoi(argv[++i]);
    auto [lo, hi] = f->second.second;
    if (v < lo || v > hi) throw std::runtime_error(f->first + " must be " + std::to_string(lo) + ".." + std::to_string(hi));
    *f->second.first = v;
  }
  if (o.points < o.areas) throw std::runtime_error("--points must be at least --areas");
  return o;
}

void Report(const char* name, const std::vector<double>& ms) {
  std::printf("  %-34s n %6zu  p50 %8.1f ms  p95 %8.1f ms  p99 %8.1f ms  max %8.1f ms\n", name, ms.size(),
              bench::Percentile(ms, 0.5), bench::Percentile(ms, 0.95), bench::Percentile(ms, 0.99),
              bench::Percentile(ms, 1.0));
}

double Ms(SteadyClock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// Client i's loopback address: 127.0.2.1, 127.0.2.2, … (250 per /24).
std::string SourceIp(int i) { return "127.0." + std::to_string(2 + i / 250) + "." + std::to_string(1 + i % 250); }

std::string MachineContext() {
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  char text[160];
  std::snprintf(text, sizeof text, "%u cores, load average %.2f %.2f %.2f", std::thread::hardware_concurrency(), load[0],
                load[1], load[2]);
  return text;
}

// ---------------------------------------------------------------------------------------------------------
// (a) factor → SSE

struct SeenLevel {
  int level = -1;
  SteadyClock::time_point at;
};

struct MapResult {
  std::vector<double> total_ms, ack_ms, after_ack_ms;
  int missed = 0;
};

MapResult MeasureMap(const safeloop::HostPort& http, const std::string& brokers, const bench::BenchPlant& plant,
                     const std::string& token, int samples) {
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::string, SeenLevel> seen;
  bool snapshot = false, ended = false;
  std::size_t snapshot_areas = 0, snapshot_bytes = 0;
  SteadyClock::time_point snapshot_at;

  bench::HttpConnection sse(http.host, http.port, "127.0.1.1");
  const auto opened = SteadyClock::now();
  std::thread reader([&] {
    int status = sse.Stream("/api/v1/risk/map/stream?map_id=" + plant.map_id + "&access_token=" + token,
                            {"Accept: text/event-stream"},
                            [&](const std::string& event, const std::string& data, SteadyClock::time_point at) {
                              std::lock_guard lock(mutex);
                              if (event == "snapshot") {
                                auto j = nlohmann::json::parse(data);
                                snapshot_areas = j["areas"].size();
                                snapshot_bytes = data.size();
                                snapshot_at = at;
                                snapshot = true;
                              } else if (event == "area-level") {
                                auto j = nlohmann::json::parse(data);
                                seen[j["area_id"].get<std::string>()] = {j["level"].get<int>(), at};
                              }
                              changed.notify_all();
                              return true;
                            });
    std::lock_guard lock(mutex);
    if (status != 200) std::fprintf(stderr, "map stream answered HTTP %d\n", status);
    ended = true;
    changed.notify_all();
  });

  MapResult out;
  {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, 60s, [&] { return snapshot || ended; });
    if (!snapshot) {
      lock.unlock();
      sse.Shutdown();
      reader.join();
      throw std::runtime_error("the map stream sent no snapshot");
    }
    std::printf("  SSE snapshot: %zu areas, %zu bytes, %.0f ms after opening the stream\n", snapshot_areas,
                snapshot_bytes, Ms(snapshot_at - opened));
  }

  auto producer = safeloop::bus::MakeKafkaProducer({brokers, "safeloop-bench-risk", /*linger_ms=*/0},
                                                   [](const safeloop::bus::DeliveryReport&) {});
  if (!producer.ok()) throw std::runtime_error(producer.status().ToString());
  safeloop::SystemClock clock;
  // Areas whose colour a factor can raise (not already 重大), each used for one raise and one clear.
  std::vector<std::size_t> targets;
  for (std::size_t a = 0; a < plant.area_ids.size(); ++a) {
    if (plant.area_levels[a] > 1) targets.push_back(a);
  }
  if (targets.size() < 2) throw std::runtime_error("no area a factor can raise");
  // The last such area warms the path up (producer metadata and connections): one raise and one clear,
  // not counted. The measured events use the others, each at most once per direction while they last.
  const std::size_t warm = targets.back();
  targets.pop_back();
  for (int i = -2; i < samples; ++i) {
    std::size_t a = i < 0 ? warm : targets[static_cast<std::size_t>(i / 2) % targets.size()];
    const std::string& area = plant.area_ids[a];
    bool raise = (i + 2) % 2 == 0;
    int expected = raise ? plant.area_levels[a] - 1 : plant.area_levels[a];
    safeloop::events::v1::AreaFactorChanged payload;
    payload.set_area_id(area);
    payload.set_kind(safeloop::events::v1::AREA_FACTOR_KIND_FREQUENT_ALARMS);
    payload.set_source_id("bench:alarm-rule:" + area);
    payload.set_active(raise);
    payload.set_detail(raise ? "60 分钟内报警 12 次" : "");
    std::int64_t version = 1 + std::max(0, i) / static_cast<int>(2 * targets.size()) * 2 + (raise ? 0 : 1);
    payload.set_source_version(version);
    auto envelope = safeloop::events::MakeEnvelope(
        {kAreaFactorTopic, plant.enterprise_id, plant.park_id, "area", area, version, "alarm", safeloop::NewUuidV7()},
        payload, clock);
    const auto start = SteadyClock::now();
    auto produced = (*producer)->Produce({kAreaFactorTopic, area, envelope.SerializeAsString(),
                                          safeloop::events::EnvelopeHeaders(envelope), 0});
    if (!produced.ok()) throw std::runtime_error(produced.ToString());
    auto flushed = (*producer)->Flush(5000ms);
    const auto acked = SteadyClock::now();
    if (!flushed.ok()) throw std::runtime_error("kafka: " + flushed.ToString());
    std::unique_lock lock(mutex);
    bool ok = changed.wait_until(lock, start + 5s, [&] {
      auto it = seen.find(area);
      return ended || (it != seen.end() && it->second.level == expected && it->second.at >= start);
    });
    if (i < 0) continue;
    if (!ok || ended) {
      ++out.missed;
      if (ended) break;
      continue;
    }
    auto at = seen[area].at;
    out.total_ms.push_back(Ms(at - start));
    out.ack_ms.push_back(Ms(acked - start));
    out.after_ack_ms.push_back(std::max(0.0, Ms(at - acked)));
  }
  sse.Shutdown();
  reader.join();
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// (b) concurrent clients

struct LoadResult {
  std::vector<double> ms;
  std::int64_t non2xx = 0, errors = 0;
  std::map<int, std::int64_t> statuses;
  std::map<int, std::string> first_body;  // per non-2xx status, what the edge said
  double seconds = 0;
  double rps() const { return seconds > 0 ? static_cast<double>(ms.size()) / seconds : 0; }
};

// Each client: its own connection, address and token; `next(client, rng, last_body)` gives the next target.
using NextTarget = std::function<std::string(int client, std::mt19937& rng, const std::string& last_body)>;

LoadResult RunClients(const safeloop::HostPort& http, const std::vector<std::string>& tokens, int seconds, int think_ms,
                      const NextTarget& next) {
  const int clients = static_cast<int>(tokens.size());
  std::vector<LoadResult> per(static_cast<std::size_t>(clients));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  SteadyClock::time_point stop_at;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      auto& mine = per[static_cast<std::size_t>(c)];
      bench::HttpConnection conn(http.host, http.port, SourceIp(c));
      std::mt19937 rng(static_cast<unsigned>(c) * 7919u + 17u);
      std::vector<std::string> headers = {"Authorization: Bearer " + tokens[static_cast<std::size_t>(c)],
                                          "Accept: application/json"};
      // With think time, users arrive spread over one think time and think 0.5–1.5× of it (no lock-step bursts).
      std::uniform_int_distribution<int> think(think_ms / 2, think_ms + think_ms / 2);
      ready.fetch_add(1);
      while (!go.load()) std::this_thread::sleep_for(1ms);
      if (think_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(rng() % static_cast<unsigned>(think_ms)));
      std::string body;
      while (SteadyClock::now() < stop_at) {
        std::string target = next(c, rng, body);
        auto start = SteadyClock::now();
        try {
          auto r = conn.Get(target, headers, 10000ms);
          mine.ms.push_back(Ms(SteadyClock::now() - start));
          mine.statuses[r.status]++;
          if (r.status < 200 || r.status > 299) {
            ++mine.non2xx;
            if (!mine.first_body.count(r.status)) mine.first_body[r.status] = r.body.substr(0, 240);
            body.clear();
          } else {
            body = std::move(r.body);
          }
        } catch (const std::exception&) {
          ++mine.errors;
          body.clear();
          std::this_thread::sleep_for(10ms);
        }
        if (think_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(think(rng)));
      }
    });
  }
  while (ready.load() < clients) std::this_thread::sleep_for(5ms);
  const auto start = SteadyClock::now();
  stop_at = start + std::chrono::seconds(seconds);
  go = true;
  for (auto& t : threads) t.join();
  LoadResult all;
  all.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  for (auto& p : per) {
    all.ms.insert(all.ms.end(), p.ms.begin(), p.ms.end());
    all.non2xx += p.non2xx;
    all.errors += p.errors;
    for (auto [s, n] : p.statuses) all.statuses[s] += n;
    for (const auto& [s, b] : p.first_body) all.first_body.emplace(s, b);
  }
  return all;
}

void ReportLoad(const char* name, const LoadResult& r) {
  std::printf("  %-34s %8.0f req/s  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  max %7.1f ms  n %zu  non-2xx %lld  errors %lld\n",
              name, r.rps(), bench::Percentile(r.ms, 0.5), bench::Percentile(r.ms, 0.95), bench::Percentile(r.ms, 0.99),
              bench::Percentile(r.ms, 1.0), r.ms.size(), static_cast<long long>(r.non2xx), static_cast<long long>(r.errors));
  if (r.non2xx > 0) {
    std::printf("  %-34s statuses:", "");
    for (auto [s, n] : r.statuses) std::printf(" %d×%lld", s, static_cast<long long>(n));
    std::printf("\n");
    for (const auto& [s, b] : r.first_body) std::printf("  %-34s first %d: %s\n", "", s, b.c_str());
  }
}

// The next_page_token of a ledger page, or "" (a plain search keeps the client's CPU out of the figures).
std::string NextPageToken(const std::string& body) {
  auto key = body.rfind("\"next_page_token\"");
  if (key == std::string::npos) return "";
  auto open = body.find('"', body.find(':', key) + 1);
  if (open == std::string::npos) return "";
  auto close = body.find('"', open + 1);
  return close == std::string::npos ? "" : body.substr(open + 1, close - open - 1);
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows while it runs, also into a file
  try {
    Options opt = ParseOptions(argc, argv);
    safeloop::EnvReader env;
    auto http = env.Address("SAFELOOP_HTTP_ADDR");
    auto brokers = env.String("SAFELOOP_KAFKA_BROKERS");
    auto pg_url = env.String("SAFELOOP_PG_URL");
    auto risk_addr = env.Address("SAFELOOP_RISK_ADDR");
    auto redis_addr = env.Address("SAFELOOP_REDIS_ADDR");
    auto jwt = safeloop::auth::JwtConfig::FromEnv(env, safeloop::auth::JwtKeyUse::kSign);
    env.Finish();
    if (http.host == "localhost") http.host = "127.0.0.1";
    std::printf("risk bench against http://%s, %s\n", http.ToString().c_str(), MachineContext().c_str());

    safeloop::SystemClock clock;
    auto signer = safeloop::auth::JwtSigner::Create(jwt, clock);
    if (!signer.ok()) throw std::runtime_error(signer.status().ToString());
    const std::string enterprise = safeloop::NewUuidV7(), park = safeloop::NewUuidV7();
    auto mint = [&](const std::string& subject) {
      auto t = signer->Issue({.subject = subject,
                              .enterprise_id = enterprise,
                              .park_id = park,
                              .roles = {"admin"},
                              .perms = {"*"},
                              .ttl = std::chrono::hours(1)});
      if (!t.ok()) throw std::runtime_error(t.status().ToString());
      return *t;
    };
    const std::string token = mint("bench.risk");

    // ---- load. Earlier bench enterprises go first: their rows would otherwise pile up run after run in the
    // profile's database and weigh on every later run's queries.
    if (!opt.keep_old) {
      auto start = SteadyClock::now();
      std::vector<std::string> removed;
      auto [old_enterprises, old_rows] = bench::RemoveBenchEnterprises(pg_url, &removed);
      // Their live maps in Redis too (the projector only writes the keys; nothing else removes them).
      safeloop::cache::RedisClient redis({redis_addr, 2000ms, 2000ms, "safeloop-bench-risk"});
      for (const auto& id : removed) {
        auto r = redis.Command({"DEL", "safeloop:" + id + ":riskmap", "safeloop:" + id + ":riskmap:version"});
        if (!r.ok()) throw std::runtime_error("redis: " + r.status().ToString());
      }
      std::printf("removed %d earlier bench enterprise(s), %lld rows, in %.2f s (--keep-old keeps them)\n", old_enterprises,
                  static_cast<long long>(old_rows), std::chrono::duration<double>(SteadyClock::now() - start).count());
    }
    if (opt.cleanup_only) return 0;
    std::printf("load: enterprise %s, %d areas, %d risk points (COPY, one transaction)\n", enterprise.c_str(), opt.areas,
                opt.points);
    auto plant = bench::LoadPlant(pg_url, enterprise, park, opt.areas, opt.points);
    std::printf("  %lld rows (%lld points, %lld events, %lld measures) in %.2f s = %.0f rows/s\n",
                static_cast<long long>(plant.rows), static_cast<long long>(plant.points),
                static_cast<long long>(plant.events), static_cast<long long>(plant.measures), plant.seconds,
                static_cast<double>(plant.rows) / plant.seconds);
    {
      auto start = SteadyClock::now();
      pqxx::connection pg(pg_url);
      pqxx::nontransaction tx(pg);
      tx.exec0("ANALYZE risk.risk_point, risk.risk_unit, risk.risk_event, risk.control_measure, risk.area, "
               "risk.directory_unit, risk.directory_person");
      std::printf("  ANALYZE of the loaded tables: %.2f s (what autovacuum would do after such a load)\n",
                  std::chrono::duration<double>(SteadyClock::now() - start).count());
    }

    // ---- (a)
    std::printf("(a) dynamic factor → SSE colour change: %d sequential raise/clear events on distinct areas\n",
                opt.factor_events);
    auto map = MeasureMap(http, brokers, plant, token, opt.factor_events);
    Report("publish → Kafka ack (acks=all)", map.ack_ms);
    Report("ack → projector → Redis → SSE", map.after_ack_ms);
    Report("publish → SSE area-level event", map.total_ms);
    std::printf("  missed the 5 s bound: %d\n", map.missed);

    // ---- (c) before the load test, on a quiet suite. Straight from the risk service with a long deadline (the
    // generation time itself), then through the gateway (what a user gets). A REST call the edge gives up on
    // keeps the service busy until the document is done, so REST runs stop at the first failure and (b) waits
    // that long before it starts.
    std::vector<double> xlsx_s, xlsx_direct_s;
    std::size_t xlsx_bytes = 0;
    int xlsx_failed = 0;
    if (opt.xlsx_runs > 0) {
      std::printf("(c) E1 xlsx (the full ledger) straight from the risk service: gRPC ExportRiskDocument, deadline 120 s\n");
      auto channel_args = grpc::ChannelArguments();
      channel_args.SetMaxReceiveMessageSize(64 << 20);
      auto stub = safeloop::risk::v1::RiskLedgerService::NewStub(
          grpc::CreateCustomChannel(risk_addr.ToString(), grpc::InsecureChannelCredentials(), channel_args));
      for (int i = 0; i < opt.xlsx_runs; ++i) {
        grpc::ClientContext ctx;
        ctx.AddMetadata("authorization", "Bearer " + token);
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
        safeloop::risk::v1::ExportRiskDocumentRequest req;
        req.set_kind("E1");
        req.set_format("xlsx");
        safeloop::risk::v1::ExportRiskDocumentResponse resp;
        auto start = SteadyClock::now();
        auto status = stub->ExportRiskDocument(&ctx, req, &resp);
        double s = std::chrono::duration<double>(SteadyClock::now() - start).count();
        if (!status.ok()) throw std::runtime_error("ExportRiskDocument: " + status.error_message());
        xlsx_direct_s.push_back(s);
        xlsx_bytes = resp.data().size();
        std::printf("  run %d: %.2f s, %zu bytes\n", i + 1, s, resp.data().size());
      }
      std::printf("(c) GET /api/v1/risk/documents/E1?format=xlsx through the gateway, up to %d runs\n", opt.xlsx_runs);
      bench::HttpConnection conn(http.host, http.port, "127.0.1.2");
      for (int i = 0; i < opt.xlsx_runs && xlsx_failed == 0; ++i) {
        auto start = SteadyClock::now();
        auto r = conn.Get("/api/v1/risk/documents/E1?format=xlsx", {"Authorization: Bearer " + token}, 120000ms);
        double s = std::chrono::duration<double>(SteadyClock::now() - start).count();
        if (r.status == 200 && r.body.rfind("PK", 0) == 0) {
          xlsx_s.push_back(s);
          std::printf("  run %d: %.2f s, %zu bytes\n", i + 1, s, r.body.size());
        } else {
          ++xlsx_failed;
          std::printf("  run %d: HTTP %d after %.2f s: %s\n", i + 1, r.status, s, r.body.substr(0, 200).c_str());
          double wait = *std::max_element(xlsx_direct_s.begin(), xlsx_direct_s.end()) - s + 1;
          if (wait > 0) {
            std::printf("  waiting %.0f s for the abandoned generation to finish before (b)\n", wait);
            std::this_thread::sleep_for(std::chrono::duration<double>(wait));
          }
        }
      }
    }

    // ---- (b)
    std::vector<std::string> tokens;
    for (int c = 0; c < opt.clients; ++c) tokens.push_back(mint("bench.risk." + std::to_string(c)));
    LoadResult reference;
    if (opt.ref_seconds > 0) {
      std::printf("(b) reference: GET /healthz (edge + one gRPC health check), %d clients, %d s\n", opt.clients,
                  opt.ref_seconds);
      reference = RunClients(http, tokens, opt.ref_seconds, opt.think_ms,
                             [](int, std::mt19937&, const std::string&) { return std::string("/healthz"); });
      ReportLoad("GET /healthz", reference);
    }
    // One client, no load: what each kind of search costs on its own (the first page, page_size 50).
    {
      std::printf("(b) unloaded: one client, 10 first pages (page_size=50) of each search kind, sequential\n");
      bench::HttpConnection conn(http.host, http.port, "127.0.1.3");
      const std::vector<std::pair<const char*, std::function<std::string(int)>>> kinds = {
          {"no filter", [](int) { return std::string(); }},
          {"level", [](int i) { return std::string("level=") + kLevelNames[i % 4]; }},
          {"control_tier", [](int i) { return std::string("control_tier=") + kTierNames[i % 5]; }},
          {"unit_id (一级单元 + sub-units)",
           [&](int i) { return "unit_id=" + plant.top_unit_ids[static_cast<std::size_t>(i * 7) % plant.top_unit_ids.size()]; }},
          {"liable_person_id",
           [&](int i) { return "liable_person_id=" + plant.person_ids[static_cast<std::size_t>(i * 13) % plant.person_ids.size()]; }},
      };
      for (const auto& [name, query] : kinds) {
        std::vector<double> ms;
        std::size_t bytes = 0;
        for (int i = 0; i < 10; ++i) {
          auto q = query(i);
          auto start = SteadyClock::now();
          auto r = conn.Get("/api/v1/risk/ledger?" + (q.empty() ? "" : q + "&") + "page_size=50",
                            {"Authorization: Bearer " + token}, 30000ms);
          ms.push_back(Ms(SteadyClock::now() - start));
          bytes = std::max(bytes, r.body.size());
          if (r.status != 200) std::printf("  %s: HTTP %d %s\n", name, r.status, r.body.substr(0, 200).c_str());
        }
        char label[80];
        std::snprintf(label, sizeof label, "%s (≤%zu KB)", name, (bytes + 1023) / 1024);
        Report(label, ms);
      }
    }
    std::printf("(b) GET /api/v1/risk/ledger with filters and paging: %d clients (own address and account each), %d s, "
                "think time %d ms\n",
                opt.clients, opt.seconds, opt.think_ms);
    struct Browse {
      std::string query;
      int pages_left = 0;
    };
    std::vector<Browse> browse(static_cast<std::size_t>(opt.clients));
    std::vector<std::int64_t> by_kind(6, 0);
    std::mutex kind_mutex;
    auto ledger = RunClients(http, tokens, opt.seconds, opt.think_ms,
                             [&](int c, std::mt19937& rng, const std::string& last) {
                               auto& b = browse[static_cast<std::size_t>(c)];
                               std::string page = b.pages_left > 0 ? NextPageToken(last) : "";
                               if (!page.empty()) {
                                 --b.pages_left;
                                 return "/api/v1/risk/ledger?" + b.query + "&page_token=" + page;
                               }
                               // A new search: one of the filters a safety officer uses, then up to 2 more pages.
                               int r = static_cast<int>(rng() % 100), kind;
                               std::string q;
                               if (r < 25) {
                                 kind = 0;
                               } else if (r < 45) {
                                 kind = 1;
                                 q = std::string("level=") + kLevelNames[rng() % 4];
                               } else if (r < 60) {
                                 kind = 2;
                                 q = std::string("control_tier=") + kTierNames[rng() % 5];
                               } else if (r < 80) {
                                 kind = 3;
                                 q = "unit_id=" + plant.top_unit_ids[rng() % plant.top_unit_ids.size()];
                                 if (rng() % 3 == 0) q += std::string("&level=") + kLevelNames[rng() % 4];
                               } else if (r < 95) {
                                 kind = 4;
                                 q = "liable_person_id=" + plant.person_ids[rng() % plant.person_ids.size()];
                               } else {
                                 kind = 5;
                                 q = std::string("level=") + kLevelNames[rng() % 4] + "&control_tier=" + kTierNames[rng() % 5];
                               }
                               {
                                 std::lock_guard lock(kind_mutex);
                                 ++by_kind[static_cast<std::size_t>(kind)];
                               }
                               b.query = (q.empty() ? "" : q + "&") + "page_size=" + (rng() % 2 ? "20" : "50");
                               b.pages_left = 2;
                               return "/api/v1/risk/ledger?" + b.query;
                             });
    ReportLoad("GET /api/v1/risk/ledger", ledger);
    std::printf("  searches by filter: none %lld, level %lld, tier %lld, unit(+level) %lld, person %lld, level+tier %lld; "
                "each followed by up to 2 next pages\n",
                static_cast<long long>(by_kind[0]), static_cast<long long>(by_kind[1]),
                static_cast<long long>(by_kind[2]), static_cast<long long>(by_kind[3]),
                static_cast<long long>(by_kind[4]), static_cast<long long>(by_kind[5]));
    if (opt.ref_seconds > 0 && reference.rps() > 0) {
      std::printf("  ledger throughput = %.0f %% of the same-run /healthz reference\n", 100 * ledger.rps() / reference.rps());
    }
    // Little's law: a closed loop of C clients answers in C / throughput on average.
    if (opt.think_ms == 0 && ledger.rps() > 0) {
      std::printf("  closed loop: mean latency ≈ clients / throughput = %.0f ms; p99 < 100 ms at %d clients needs ≳ %.0f "
                  "req/s\n",
                  1000.0 * opt.clients / ledger.rps(), opt.clients, opt.clients / 0.1);
    }

    double map_p99 = bench::Percentile(map.total_ms, 0.99), ledger_p99 = bench::Percentile(ledger.ms, 0.99);
    // The REST route's worst time; when the route failed, the generation time measured at the service.
    const auto& xlsx_runs = xlsx_failed == 0 ? xlsx_s : xlsx_direct_s;
    double xlsx = xlsx_runs.empty() ? 0 : *std::max_element(xlsx_runs.begin(), xlsx_runs.end());
    bool map_ok = map.missed == 0 && !map.total_ms.empty() && map_p99 < 200;
    bool ledger_ok = ledger.non2xx == 0 && ledger.errors == 0 && !ledger.ms.empty() && ledger_p99 < 100;
    bool xlsx_ok = xlsx_failed == 0 && !xlsx_s.empty() && xlsx < 3;
    std::printf("targets: map p99 %.1f ms < 200 ms %s; ledger p99 %.1f ms < 100 ms at %d clients %s; E1 xlsx %.2f s "
                "(worst of %zu %s, %zu bytes) < 3 s %s\n",
                map_p99, map_ok ? "met" : "MISSED", ledger_p99, opt.clients, ledger_ok ? "met" : "MISSED", xlsx,
                xlsx_runs.size(), xlsx_failed == 0 ? "REST runs" : "direct gRPC runs; the REST route FAILED", xlsx_bytes,
                xlsx_ok ? "met" : "MISSED");
    std::printf("risk map_p99_ms=%.1f ledger_p99_ms=%.1f ledger_xlsx_s=%.2f\n", map_p99, ledger_p99, xlsx);
    std::fflush(stdout);
    return map_ok && ledger_ok && xlsx_ok ? 0 : 3;
  } catch (const std::exception& e) {
    std::cerr << "safeloop-bench-risk: " << e.what() << '\n';
    return 1;
  }
}
