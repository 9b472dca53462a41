#pragma once
// The background thread of the qualification module: makes sure its topics exist, then runs the
// certificate reminder sweep at start and every hour until stopped.

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "pg_certificate_store.hpp"

namespace safeloop::personnel::qualification {

class ReminderJob {
 public:
  ReminderJob(PgCertificateStore& store, const Clock& clock, std::string kafka_brokers, prometheus::Registry& registry,
              std::chrono::milliseconds period = std::chrono::hours(1));
  ~ReminderJob();
  void Start();
  /// Wakes the thread and joins it; a sweep in progress finishes first.
  void Stop();

 private:
  void Run();

  PgCertificateStore& store_;
  const Clock& clock_;
  std::string kafka_brokers_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;

  prometheus::Family<prometheus::Counter>& sweep_family_;
  prometheus::Counter& sweeps_;
  prometheus::Counter& failures_;
  prometheus::Counter& emitted_;
};

}  // namespace safeloop::personnel::qualification
