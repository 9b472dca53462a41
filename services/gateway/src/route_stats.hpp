#pragma once
// API call statistics per route (调用统计), summed over every gateway replica: each replica counts in memory
// (lock-free: fixed slots per route, fixed latency buckets), and once a second adds its counts to Redis
// hashes per minute and per hour (pipelined HINCRBY, kept 8 days). A query reads whole hours from the hour
// hashes and the ragged edges from the minute hashes, sums them, and computes percentiles from the buckets.
//
// Redis: safeloop:gateway:stats:m:<unix minute> and safeloop:gateway:stats:h:<unix hour>, fields
// "<operation_id>|n" (calls), "|4" (4xx), "|5" (5xx), "|us" (total µs), "|b<i>" (latency bucket i).

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include "route_table.hpp"
#include "safeloop/cache/redis.hpp"
#include "safeloop/core/clock.hpp"

namespace safeloop::gateway {

/// Upper bounds (ms) of the latency buckets; one more bucket catches everything slower.
inline constexpr std::array<double, 13> kLatencyBoundsMs = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000,
                                                            10000};
inline constexpr std::size_t kLatencyBuckets = kLatencyBoundsMs.size() + 1;
using LatencyCounts = std::array<std::uint64_t, kLatencyBuckets>;

/// Calls to unmatched /api paths are counted under this name.
inline constexpr const char* kUnmatchedRoute = "unmatched";
inline constexpr std::chrono::hours kStatsRetention{8 * 24};

struct RouteCounts {
  std::uint64_t count = 0;
  std::uint64_t errors_4xx = 0;
  std::uint64_t errors_5xx = 0;
  std::uint64_t total_us = 0;
  LatencyCounts latency{};

  RouteCounts& operator+=(const RouteCounts& other);
  friend bool operator==(const RouteCounts&, const RouteCounts&) = default;
};

/// Index of the bucket a latency falls in.
std::size_t LatencyBucket(double ms);
/// The p-quantile (0 < p ≤ 1) in ms, interpolated linearly inside its bucket; the overflow bucket answers
/// its lower bound (nothing finer is known). 0 when there are no calls.
double PercentileMs(const LatencyCounts& buckets, double p);

/// In-memory counts of this replica since the last Take(). Record() is wait-free.
class RouteStatsRecorder {
 public:
  /// One slot per operation id of `routes`, plus kUnmatchedRoute.
  explicit RouteStatsRecorder(const std::vector<RouteSpec>& routes);
  /// `route` = an operation id of the table, or anything else for kUnmatchedRoute.
  void Record(const std::string& route, int http_status, std::chrono::microseconds elapsed);
  /// The counts since the last Take (routes without calls left out), and resets them.
  std::map<std::string, RouteCounts> Take();

 private:
  struct Slot {
    std::atomic<std::uint64_t> count{0}, errors_4xx{0}, errors_5xx{0}, total_us{0};
    std::array<std::atomic<std::uint64_t>, kLatencyBuckets> latency{};
  };
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::string> names_;
  std::unique_ptr<Slot[]> slots_;
};

std::string StatsMinuteKey(std::int64_t unix_minute);
std::string StatsHourKey(std::int64_t unix_hour);
/// Pipelined commands adding `counts` to the minute's and its hour's hashes (with the retention TTL).
std::vector<std::vector<std::string>> StatsFlushCommands(std::int64_t unix_minute,
                                                         const std::map<std::string, RouteCounts>& counts);
/// The hashes covering the minutes [floor(since), ceil(until)): hour hashes for whole hours, minute hashes
/// for the rest.
std::vector<std::string> StatsKeysFor(TimePoint since, TimePoint until);
/// Adds one hash (HGETALL) to per-route sums; unknown fields are ignored.
void AddStatsHash(const std::map<std::string, std::string>& hash, std::map<std::string, RouteCounts>& into);

/// Adds a replica's counts to Redis once per `interval`. On failure the counts wait (per minute, so they
/// land in the right minute later) and are retried; nothing is lost while Redis is briefly away.
class StatsFlusher {
 public:
  /// All three must outlive the flusher.
  StatsFlusher(RouteStatsRecorder& recorder, cache::RedisClient& redis, const Clock& clock,
               prometheus::Registry& registry, std::chrono::milliseconds interval = std::chrono::seconds(1));
  ~StatsFlusher();
  void Start();
  /// Stops after one last flush.
  void Stop();
  /// One flush now (tests; the thread calls it every interval).
  Status FlushOnce();

 private:
  void Run();

  RouteStatsRecorder* recorder_;
  cache::RedisClient* redis_;
  const Clock* clock_;
  std::chrono::milliseconds interval_;
  std::map<std::int64_t, std::map<std::string, RouteCounts>> pending_;  // unix minute → counts not yet written
  std::mutex flush_mutex_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
  prometheus::Counter& failures_;
};

/// Per-route sums over [since, until) from Redis.
Result<std::map<std::string, RouteCounts>> ReadRouteStats(cache::RedisClient& redis, TimePoint since,
                                                          TimePoint until);

}  // namespace safeloop::gateway
