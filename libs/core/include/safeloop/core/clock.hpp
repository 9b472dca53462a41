#pragma once
/// @file clock.hpp
/// Time comes from a Clock so tests can control it. Production code receives a Clock& by injection.

#include <atomic>
#include <chrono>
#include <string>

namespace safeloop {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

/// A clock that only moves when told to.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void Advance(std::chrono::nanoseconds by) {
    now_ += std::chrono::duration_cast<TimePoint::duration>(by).count();
  }
  void Set(TimePoint to) { now_ = to.time_since_epoch().count(); }

 private:
  std::atomic<TimePoint::rep> now_;
};

/// RFC 3339 UTC with milliseconds: 2026-11-23T08:00:00.123Z
std::string FormatRfc3339(TimePoint t);
/// Milliseconds since the Unix epoch.
std::int64_t UnixMillis(TimePoint t);
TimePoint FromUnixMillis(std::int64_t ms);

}  // namespace safeloop
