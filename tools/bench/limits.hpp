#pragma once
// Shared declarations of the limits benchmark: one function per measured system.

#include <chrono>
#include <cstdint>
#include <string>

#include "safeloop/core/config.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::bench {

struct Rate {
  std::int64_t items = 0;       // items that succeeded
  double seconds = 0;           // wall time they took
  double PerSecond() const { return seconds > 0 ? static_cast<double>(items) / seconds : 0; }
};

/// Idempotent acks=all produce of `max_records` 100-byte records (or `max_time`) to a fresh topic;
/// counts delivered-OK reports, timed until flush() returns. The topic is deleted afterwards.
Result<Rate> MeasureKafkaProduce(const std::string& brokers, std::int64_t max_records,
                                 std::chrono::seconds max_time);

/// pqxx::stream_to (COPY) of (id bigint, ts timestamptz, v double precision) rows into a temp table.
Result<Rate> MeasurePgCopy(const std::string& url, std::int64_t max_rows, std::chrono::seconds max_time);

struct RedisRates {
  Rate pipelined;
  Rate unpipelined;
};
/// Alternating SET / HSET with 100-byte values, pipelined in batches of `batch`, then one by one.
Result<RedisRates> MeasureRedis(const HostPort& address, std::int64_t pipelined_ops, int batch,
                                std::int64_t unpipelined_ops, std::chrono::seconds max_time);
/// Runs redis-benchmark (when installed) for reference and prints its summary lines.
void RunRedisBenchmarkTool(const HostPort& address);

}  // namespace safeloop::bench
