// safeloop-bench-limits: the raw throughput of Kafka, PostgreSQL COPY and Redis on this machine, in one
// bounded run over loopback. The last line is machine-readable:
//   limits kafka_msgs_per_s=N pg_copy_rows_per_s=N redis_ops_per_s=N

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "limits.hpp"
#include "safeloop/core/config.hpp"

namespace {

using namespace std::chrono_literals;
using safeloop::bench::Rate;

constexpr std::int64_t kKafkaRecords = 500'000;
constexpr std::int64_t kPgRows = 1'000'000;
constexpr std::int64_t kRedisPipelinedOps = 200'000;
constexpr int kRedisBatch = 1000;
constexpr std::int64_t kRedisUnpipelinedOps = 20'000;

std::string FirstMatch(const std::string& path, const std::string& prefix) {
  std::ifstream file(path);
  for (std::string line; std::getline(file, line);) {
    if (line.rfind(prefix, 0) == 0) {
      std::string value = line.substr(line.find(':') + 1);
      return value.substr(std::min(value.size(), value.find_first_not_of(" \t")));
    }
  }
  return "unknown";
}

void PrintMachine() {
  std::printf("machine: %u cores, MemTotal %s, CPU %s\n", std::thread::hardware_concurrency(),
              FirstMatch("/proc/meminfo", "MemTotal").c_str(), FirstMatch("/proc/cpuinfo", "model name").c_str());
}

long long Report(const char* what, const safeloop::Result<Rate>& rate, const char* unit) {
  if (!rate.ok()) {
    std::printf("%s: FAILED: %s\n", what, rate.status().ToString().c_str());
    return 0;
  }
  std::printf("%s: %lld %s in %.2f s = %.0f %s/s\n", what, static_cast<long long>(rate->items), unit, rate->seconds,
              rate->PerSecond(), unit);
  return std::llround(rate->PerSecond());
}

}  // namespace

int main() {
  std::string brokers;
  std::string pg_url;
  safeloop::HostPort redis;
  try {
    safeloop::EnvReader env;
    brokers = env.String("SAFELOOP_KAFKA_BROKERS");
    pg_url = env.String("SAFELOOP_PG_URL");
    redis = env.Address("SAFELOOP_REDIS_ADDR");
    env.Finish();
  } catch (const safeloop::ConfigError& e) {
    std::fprintf(stderr, "safeloop-bench-limits: %s\nHint: run it through tools/bench/limits, which sources "
                         "tools/lib/env.sh\n", e.what());
    return 2;
  }
  PrintMachine();
  std::printf("note: client and servers share this machine's cores (loopback), so each figure is what is left\n"
              "      for one stage when it runs alone, not a sum that the stages can reach together.\n");

  std::printf("== kafka: %lld x 100-byte records (max 10 s), idempotent, acks=all, linger.ms=5, 3 partitions, %s\n",
              static_cast<long long>(kKafkaRecords), brokers.c_str());
  std::fflush(stdout);
  long long kafka = Report("kafka produce", safeloop::bench::MeasureKafkaProduce(brokers, kKafkaRecords, 10s), "msgs");

  std::printf("== postgres: COPY (pqxx::stream_to) of %lld rows (max 15 s) into a temp table\n",
              static_cast<long long>(kPgRows));
  std::fflush(stdout);
  long long pg = Report("postgres copy", safeloop::bench::MeasurePgCopy(pg_url, kPgRows, 15s), "rows");

  std::printf("== redis: SET/HSET alternating, 100-byte values, %s\n", redis.ToString().c_str());
  std::fflush(stdout);
  long long redis_ops = 0;
  auto rates = safeloop::bench::MeasureRedis(redis, kRedisPipelinedOps, kRedisBatch, kRedisUnpipelinedOps, 10s);
  if (rates.ok()) {
    redis_ops = Report("redis pipelined (batches of 1000)", safeloop::Result<Rate>(rates->pipelined), "ops");
    Report("redis unpipelined (1 round trip per op)", safeloop::Result<Rate>(rates->unpipelined), "ops");
  } else {
    std::printf("redis: FAILED: %s\n", rates.status().ToString().c_str());
  }
  safeloop::bench::RunRedisBenchmarkTool(redis);

  const bool all_ok = kafka > 0 && pg > 0 && redis_ops > 0;
  std::printf("limits kafka_msgs_per_s=%lld pg_copy_rows_per_s=%lld redis_ops_per_s=%lld\n", kafka, pg, redis_ops);
  return all_ok ? 0 : 1;
}
