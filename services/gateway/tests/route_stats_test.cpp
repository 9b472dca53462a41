#include <catch2/catch.hpp>

#include "route_stats.hpp"
#include "rfc3339.hpp"

using namespace safeloop;
using namespace safeloop::gateway;
using namespace std::chrono_literals;

TEST_CASE("latencies fall into fixed buckets") {
  CHECK(LatencyBucket(0) == 0);
  CHECK(LatencyBucket(1) == 0);
  CHECK(LatencyBucket(1.01) == 1);
  CHECK(LatencyBucket(10) == 3);
  CHECK(LatencyBucket(10000) == 12);
  CHECK(LatencyBucket(10000.1) == 13);
  CHECK(LatencyBucket(1e9) == 13);
}

TEST_CASE("percentiles interpolate inside the bucket the rank falls in") {
  LatencyCounts none{};
  CHECK(PercentileMs(none, 0.5) == 0);

  LatencyCounts b{};
  b[3] = 100;  // 100 calls in (5, 10] ms
  CHECK(PercentileMs(b, 0.5) == Approx(7.5));
  CHECK(PercentileMs(b, 0.99) == Approx(9.95));
  CHECK(PercentileMs(b, 1.0) == Approx(10));

  LatencyCounts mixed{};
  mixed[0] = 90;  // ≤ 1 ms
  mixed[6] = 10;  // (50, 100] ms
  CHECK(PercentileMs(mixed, 0.5) == Approx(0.5 / 0.9));
  CHECK(PercentileMs(mixed, 0.9) == Approx(1.0));
  CHECK(PercentileMs(mixed, 0.95) == Approx(75));
  CHECK(PercentileMs(mixed, 0.99) == Approx(95));

  LatencyCounts slow{};
  slow[13] = 5;  // beyond the last bound: only the lower bound is known
  CHECK(PercentileMs(slow, 0.99) == Approx(10000));
}

TEST_CASE("the recorder counts per route and resets on Take") {
  std::vector<RouteSpec> routes = {{"GET", "/a", "getA", "", "t"}, {"POST", "/b", "postB", "", "t"}};
  RouteStatsRecorder recorder(routes);
  recorder.Record("getA", 200, 3ms);
  recorder.Record("getA", 404, 30ms);
  recorder.Record("getA", 503, 3000ms);
  recorder.Record("nonsense", 404, 1ms);
  auto taken = recorder.Take();
  REQUIRE(taken.size() == 2);
  const auto& a = taken.at("getA");
  CHECK(a.count == 3);
  CHECK(a.errors_4xx == 1);
  CHECK(a.errors_5xx == 1);
  CHECK(a.total_us == 3'033'000);
  CHECK(a.latency[2] == 1);
  CHECK(a.latency[5] == 1);
  CHECK(a.latency[11] == 1);
  CHECK(taken.at(kUnmatchedRoute).count == 1);
  CHECK(recorder.Take().empty());
}

TEST_CASE("flush commands and the hashes they build sum back to the counts") {
  RouteCounts c;
  c.count = 5;
  c.errors_4xx = 2;
  c.total_us = 12345;
  c.latency[1] = 3;
  c.latency[4] = 2;
  auto commands = StatsFlushCommands(29'000'000, {{"getA", c}});
  std::map<std::string, std::map<std::string, std::string>> hashes;
  int expires = 0;
  for (const auto& cmd : commands) {
    if (cmd[0] == "EXPIRE") {
      ++expires;
      CHECK(cmd[2] == std::to_string(8 * 24 * 3600));
      continue;
    }
    REQUIRE(cmd[0] == "HINCRBY");
    hashes[cmd[1]][cmd[2]] = cmd[3];
  }
  CHECK(expires == 2);
  REQUIRE(hashes.size() == 2);
  CHECK(hashes.count(StatsMinuteKey(29'000'000)) == 1);
  CHECK(hashes.count(StatsHourKey(29'000'000 / 60)) == 1);
  for (const auto& [key, hash] : hashes) {
    std::map<std::string, RouteCounts> sums;
    AddStatsHash(hash, sums);
    CHECK(sums.at("getA") == c);
  }
  CHECK(StatsFlushCommands(1, {}).empty());
}

TEST_CASE("a window reads whole hours from hour hashes and the edges from minute hashes") {
  auto at = [](const char* t) { return *ParseRfc3339(t); };
  std::int64_t m0 = UnixMillis(at("2026-11-23T08:00:00Z")) / 60000;
  auto keys = StatsKeysFor(at("2026-11-23T07:58:30Z"), at("2026-11-23T09:01:10Z"));
  std::vector<std::string> want = {StatsMinuteKey(m0 - 2), StatsMinuteKey(m0 - 1), StatsHourKey(m0 / 60),
                                   StatsMinuteKey(m0 + 60), StatsMinuteKey(m0 + 61)};
  CHECK(keys == want);
  CHECK(StatsKeysFor(at("2026-11-23T08:00:00Z"), at("2026-11-23T08:00:00Z")).empty());
  CHECK(StatsKeysFor(at("2026-11-23T08:10:00Z"), at("2026-11-23T08:12:00Z")) ==
        std::vector<std::string>{StatsMinuteKey(m0 + 10), StatsMinuteKey(m0 + 11)});
  CHECK(StatsKeysFor(at("2026-11-23T08:00:00Z"), at("2026-11-23T10:00:00Z")) ==
        std::vector<std::string>{StatsHourKey(m0 / 60), StatsHourKey(m0 / 60 + 1)});
}

TEST_CASE("hash fields that are not ours are ignored") {
  std::map<std::string, RouteCounts> sums;
  AddStatsHash({{"getA|n", "2"}, {"getA|b99", "5"}, {"junk", "1"}, {"getA|4", "x"}, {"getA|b0", "2"}}, sums);
  CHECK(sums.at("getA").count == 2);
  CHECK(sums.at("getA").errors_4xx == 0);
  CHECK(sums.at("getA").latency[0] == 2);
}
