#pragma once
// Logs the first problem of each kind at once, then at most one line per interval carrying the number
// skipped meanwhile: a device that fails every poll must not flood the log, and nothing goes unsaid.

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace safeloop::iot {

class LogLimiter {
 public:
  explicit LogLimiter(std::chrono::milliseconds interval = std::chrono::seconds(10)) : interval_(interval) {}

  /// Whether to log this occurrence of `key` (0..15); when true, `suppressed` is the number skipped since
  /// the last logged one.
  bool Allow(int key, std::uint64_t& suppressed) {
    std::lock_guard lock(mu_);
    Slot& s = slots_[static_cast<std::size_t>(key) % slots_.size()];
    const auto now = std::chrono::steady_clock::now();
    if (s.used && now - s.last < interval_) {
      ++s.suppressed;
      return false;
    }
    suppressed = s.suppressed;
    s = Slot{now, 0, true};
    return true;
  }

 private:
  struct Slot {
    std::chrono::steady_clock::time_point last{};
    std::uint64_t suppressed = 0;
    bool used = false;
  };
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::array<Slot, 16> slots_{};  // guarded by mu_
};

}  // namespace safeloop::iot
