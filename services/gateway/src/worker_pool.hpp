#pragma once
// A few threads for handler work that must block (PostgreSQL queries of the admin routes), so it never
// occupies the cpprestsdk pool (STACK.md §3.2: blocked pool threads starve every other request).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace safeloop::gateway {

class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t max_queued);
  ~WorkerPool();  // runs what is queued, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// False when the queue is full or the pool is stopping (the caller answers UNAVAILABLE).
  bool Post(std::function<void()> work);

 private:
  void Run();

  std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace safeloop::gateway
