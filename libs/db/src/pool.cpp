#include "safeloop/db/pool.hpp"

#include "safeloop/core/log.hpp"

namespace safeloop::db {

Lease::~Lease() {
  if (pool_ != nullptr && conn_) pool_->Release(std::move(conn_));
}

ConnectionPool::ConnectionPool(std::string url, int size) : url_(std::move(url)), size_(size) {}

Result<Lease> ConnectionPool::Acquire(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!available_.wait_for(lock, timeout, [&] { return !idle_.empty() || open_ < size_; })) {
    return Status(StatusCode::kUnavailable,
                  "all " + std::to_string(size_) + " database connections are busy; Hint: raise the pool size");
  }
  if (!idle_.empty()) {
    auto conn = std::move(idle_.front());
    idle_.pop_front();
    if (conn->is_open()) return Lease(this, std::move(conn));
    --open_;  // broken while idle: fall through and open a new one
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(this, std::make_unique<pqxx::connection>(url_));
  } catch (const std::exception& e) {
    lock.lock();
    --open_;
    available_.notify_one();
    LogWarn("db.pool", "cannot connect to PostgreSQL", {{"error", e.what()}});
    return Unavailable(std::string("cannot connect to PostgreSQL: ") + e.what());
  }
}

void ConnectionPool::Release(std::unique_ptr<pqxx::connection> conn) {
  std::lock_guard lock(mutex_);
  if (conn->is_open()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  available_.notify_one();
}

}  // namespace safeloop::db
