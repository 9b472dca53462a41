#include "route_stats.hpp"

#include <algorithm>
#include <charconv>

#include "safeloop/core/log.hpp"

namespace safeloop::gateway {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;

std::int64_t UnixMinuteFloor(TimePoint t) {
  std::int64_t ms = UnixMillis(t);
  return ms >= 0 ? ms / kMinuteMs : (ms - kMinuteMs + 1) / kMinuteMs;
}

std::int64_t UnixMinuteCeil(TimePoint t) {
  std::int64_t floor = UnixMinuteFloor(t);
  return floor * kMinuteMs == UnixMillis(t) ? floor : floor + 1;
}

bool ParseU64(std::string_view s, std::uint64_t& out) {
  auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), out);
  return error == std::errc() && end == s.data() + s.size();
}

}  // namespace

RouteCounts& RouteCounts::operator+=(const RouteCounts& o) {
  count += o.count;
  errors_4xx += o.errors_4xx;
  errors_5xx += o.errors_5xx;
  total_us += o.total_us;
  for (std::size_t i = 0; i < kLatencyBuckets; ++i) latency[i] += o.latency[i];
  return *this;
}

std::size_t LatencyBucket(double ms) {
  for (std::size_t i = 0; i < kLatencyBoundsMs.size(); ++i) {
    if (ms <= kLatencyBoundsMs[i]) return i;
  }
  return kLatencyBoundsMs.size();
}

double PercentileMs(const LatencyCounts& buckets, double p) {
  std::uint64_t total = 0;
  for (auto n : buckets) total += n;
  if (total == 0) return 0;
  double rank = std::clamp(p, 0.0, 1.0) * static_cast<double>(total);
  std::uint64_t before = 0;
  for (std::size_t i = 0; i < kLatencyBuckets; ++i) {
    if (buckets[i] == 0 || static_cast<double>(before + buckets[i]) < rank) {
      before += buckets[i];
      continue;
    }
    double lower = i == 0 ? 0.0 : kLatencyBoundsMs[i - 1];
    if (i == kLatencyBoundsMs.size()) return lower;  // the overflow bucket has no upper bound
    double upper = kLatencyBoundsMs[i];
    double fraction = (rank - static_cast<double>(before)) / static_cast<double>(buckets[i]);
    return lower + (upper - lower) * std::clamp(fraction, 0.0, 1.0);
  }
  return kLatencyBoundsMs.back();
}

RouteStatsRecorder::RouteStatsRecorder(const std::vector<RouteSpec>& routes) {
  for (const auto& route : routes) {
    if (index_.emplace(route.operation_id, names_.size()).second) names_.push_back(route.operation_id);
  }
  if (index_.emplace(kUnmatchedRoute, names_.size()).second) names_.push_back(kUnmatchedRoute);
  slots_ = std::make_unique<Slot[]>(names_.size());
}

void RouteStatsRecorder::Record(const std::string& route, int http_status, std::chrono::microseconds elapsed) {
  auto it = index_.find(route);
  Slot& slot = slots_[it == index_.end() ? index_.at(kUnmatchedRoute) : it->second];
  constexpr auto relaxed = std::memory_order_relaxed;
  slot.count.fetch_add(1, relaxed);
  if (http_status >= 500) {
    slot.errors_5xx.fetch_add(1, relaxed);
  } else if (http_status >= 400) {
    slot.errors_4xx.fetch_add(1, relaxed);
  }
  auto us = std::max<std::int64_t>(0, elapsed.count());
  slot.total_us.fetch_add(static_cast<std::uint64_t>(us), relaxed);
  slot.latency[LatencyBucket(static_cast<double>(us) / 1000.0)].fetch_add(1, relaxed);
}

std::map<std::string, RouteCounts> RouteStatsRecorder::Take() {
  std::map<std::string, RouteCounts> out;
  for (std::size_t i = 0; i < names_.size(); ++i) {
    Slot& slot = slots_[i];
    if (slot.count.load(std::memory_order_relaxed) == 0) continue;
    RouteCounts c;
    c.count = slot.count.exchange(0);
    c.errors_4xx = slot.errors_4xx.exchange(0);
    c.errors_5xx = slot.errors_5xx.exchange(0);
    c.total_us = slot.total_us.exchange(0);
    for (std::size_t b = 0; b < kLatencyBuckets; ++b) c.latency[b] = slot.latency[b].exchange(0);
    out.emplace(names_[i], c);
  }
  return out;
}

std::string StatsMinuteKey(std::int64_t unix_minute) { return "safeloop:gateway:stats:m:" + std::to_string(unix_minute); }
std::string StatsHourKey(std::int64_t unix_hour) { return "safeloop:gateway:stats:h:" + std::to_string(unix_hour); }

std::vector<std::vector<std::string>> StatsFlushCommands(std::int64_t unix_minute,
                                                         const std::map<std::string, RouteCounts>& counts) {
  std::vector<std::vector<std::string>> commands;
  if (counts.empty()) return commands;
  std::int64_t hour = unix_minute >= 0 ? unix_minute / 60 : (unix_minute - 59) / 60;
  const std::string ttl = std::to_string(std::chrono::seconds(kStatsRetention).count());
  for (const std::string& key : {StatsMinuteKey(unix_minute), StatsHourKey(hour)}) {
    for (const auto& [route, c] : counts) {
      auto add = [&](const std::string& field, std::uint64_t n) {
        if (n > 0) commands.push_back({"HINCRBY", key, route + "|" + field, std::to_string(n)});
      };
      add("n", c.count);
      add("4", c.errors_4xx);
      add("5", c.errors_5xx);
      add("us", c.total_us);
      for (std::size_t b = 0; b < kLatencyBuckets; ++b) add("b" + std::to_string(b), c.latency[b]);
    }
    commands.push_back({"EXPIRE", key, ttl});
  }
  return commands;
}

std::vector<std::string> StatsKeysFor(TimePoint since, TimePoint until) {
  std::vector<std::string> keys;
  std::int64_t m = UnixMinuteFloor(since);
  std::int64_t end = UnixMinuteCeil(until);
  while (m < end) {
    if (m % 60 == 0 && m + 60 <= end) {
      keys.push_back(StatsHourKey(m / 60));
      m += 60;
    } else {
      keys.push_back(StatsMinuteKey(m));
      m += 1;
    }
  }
  return keys;
}

void AddStatsHash(const std::map<std::string, std::string>& hash, std::map<std::string, RouteCounts>& into) {
  for (const auto& [field, value] : hash) {
    auto bar = field.rfind('|');
    std::uint64_t n = 0;
    if (bar == std::string::npos || !ParseU64(value, n)) continue;
    std::string_view what = std::string_view(field).substr(bar + 1);
    RouteCounts& c = into[field.substr(0, bar)];
    if (what == "n") {
      c.count += n;
    } else if (what == "4") {
      c.errors_4xx += n;
    } else if (what == "5") {
      c.errors_5xx += n;
    } else if (what == "us") {
      c.total_us += n;
    } else if (what.size() > 1 && what[0] == 'b') {
      std::uint64_t b = 0;
      if (ParseU64(what.substr(1), b) && b < kLatencyBuckets) c.latency[b] += n;
    }
  }
}

StatsFlusher::StatsFlusher(RouteStatsRecorder& recorder, cache::RedisClient& redis, const Clock& clock,
                           prometheus::Registry& registry, std::chrono::milliseconds interval)
    : recorder_(&recorder),
      redis_(&redis),
      clock_(&clock),
      interval_(interval),
      failures_(prometheus::BuildCounter()
                    .Name("safeloop_gateway_stats_flush_failures_total")
                    .Help("API call statistics flushes to Redis that failed (counts kept and retried)")
                    .Register(registry)
                    .Add({})) {}

StatsFlusher::~StatsFlusher() { Stop(); }

void StatsFlusher::Start() {
  {
    std::lock_guard lock(mutex_);
    stop_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void StatsFlusher::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
    FlushOnce();  // what the last second counted
  }
}

Status StatsFlusher::FlushOnce() {
  std::lock_guard lock(flush_mutex_);
  auto taken = recorder_->Take();
  TimePoint now = clock_->Now();
  if (!taken.empty()) {
    auto& minute = pending_[UnixMinuteFloor(now)];
    for (const auto& [route, counts] : taken) minute[route] += counts;
  }
  // Counts older than the retention would expire at once: drop them rather than retry forever.
  std::int64_t oldest = UnixMinuteFloor(now - kStatsRetention);
  while (!pending_.empty() && pending_.begin()->first < oldest) pending_.erase(pending_.begin());
  if (pending_.empty()) return Status::Ok();

  std::vector<std::vector<std::string>> commands;
  for (const auto& [minute, counts] : pending_) {
    auto more = StatsFlushCommands(minute, counts);
    commands.insert(commands.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  auto replies = redis_->Pipeline(commands);
  Status status = replies.status();
  if (status.ok()) {
    for (const auto& r : *replies) {
      if (r.type == cache::RedisReply::Type::kError) status = Internal("redis: stats flush: " + r.str);
    }
  }
  if (!status.ok()) {
    // A pipeline that broke half-way may have applied some increments; retrying them double-counts at
    // most one second of one replica, which is better than losing a whole outage's worth.
    failures_.Increment();
    return status;
  }
  pending_.clear();
  return status;
}

void StatsFlusher::Run() {
  bool failing = false;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, interval_, [this] { return stop_; })) return;
    }
    Status status = FlushOnce();
    if (!status.ok() && !failing) {
      LogWarn("edge", "API call statistics could not be flushed to Redis; keeping them and retrying",
              {{"error", status.ToString()}});
    }
    failing = !status.ok();
  }
}

Result<std::map<std::string, RouteCounts>> ReadRouteStats(cache::RedisClient& redis, TimePoint since,
                                                          TimePoint until) {
  std::vector<std::vector<std::string>> commands;
  for (auto& key : StatsKeysFor(since, until)) commands.push_back({"HGETALL", std::move(key)});
  auto replies = redis.Pipeline(commands);
  if (!replies.ok()) replies = redis.Pipeline(commands);  // a connection gone stale (Redis restarted) reconnects once
  if (!replies.ok()) return replies.status();
  std::map<std::string, RouteCounts> sums;
  for (const auto& reply : *replies) {
    if (reply.type == cache::RedisReply::Type::kError) return Internal("redis: api stats: " + reply.str);
    if (reply.type != cache::RedisReply::Type::kArray) continue;
    std::map<std::string, std::string> hash;
    for (std::size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
      hash.emplace(reply.elements[i].str, reply.elements[i + 1].str);
    }
    AddStatsHash(hash, sums);
  }
  return sums;
}

}  // namespace safeloop::gateway
