#pragma once
// Keeps the Redis mirror of the IP blocklist equal to PostgreSQL: syncs at start (retrying until it
// works), when poked (after a change, or when Redis came back after an outage: a restarted Redis is
// empty), and every `period` anyway (changes made through another replica, expiries, a flushed Redis).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "ip_blocklist.hpp"

namespace safeloop::gateway {

class BlocklistSync {
 public:
  /// `store` and `redis` must outlive the sync.
  BlocklistSync(BlocklistStore& store, cache::RedisClient& redis, prometheus::Registry& registry,
                std::chrono::milliseconds period = std::chrono::seconds(30));
  ~BlocklistSync();

  void Start();
  void Stop();
  /// Asks for a sync soon, without waiting (any thread; cheap).
  void Poke();
  /// Reads PostgreSQL and rewrites the mirror now, on the calling thread.
  Status SyncNow();

 private:
  void Run();

  BlocklistStore* store_;
  cache::RedisClient* redis_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::mutex sync_mutex_;  // one sync at a time (the thread and admin requests)
  std::condition_variable wake_;
  bool poked_ = false;
  bool stop_ = false;
  std::thread thread_;
  prometheus::Gauge& entries_;
  prometheus::Counter& syncs_;
  prometheus::Counter& failures_;
};

}  // namespace safeloop::gateway
