#pragma once
/// @file consumer_loop.hpp
/// The loop every at-least-once consumer runs, on its own thread: poll a batch, hand each record to the
/// handler in order, commit, repeat. A handler that fails (a database away) gets the same record again
/// with backoff, so order within a partition holds and nothing is skipped; a record that can never be
/// applied is the handler's to count and accept. The consumer is recreated after a fatal error.

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "safeloop/bus/consumer.hpp"

namespace safeloop::bus {

class ConsumerLoop {
 public:
  /// OK: applied (or deliberately skipped); anything else: retry this record.
  using Handler = std::function<Status(const ConsumedRecord&)>;

  struct Options {
    std::string log_component;  ///< e.g. "risk.projector"
    std::size_t max_batch = 200;
    std::chrono::milliseconds poll_timeout{200};
    /// Called between polls (housekeeping such as re-syncing a cache); may be empty.
    std::function<void()> idle;
    /// Receives the consumer lag about once a second; may be empty.
    std::function<void(std::int64_t)> on_lag;
  };

  ConsumerLoop(ConsumerConfig config, Handler handler, Options options);
  ~ConsumerLoop();
  ConsumerLoop(const ConsumerLoop&) = delete;
  ConsumerLoop& operator=(const ConsumerLoop&) = delete;

  void Start();
  /// Finishes the record in hand, leaves the group, joins the thread. Idempotent.
  void Stop();

 private:
  void Run();

  ConsumerConfig config_;
  Handler handler_;
  Options options_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace safeloop::bus
