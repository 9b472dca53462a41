#pragma once
/// @file pool.hpp
/// A fixed-size pool of libpqxx 6.4 connections. libpqxx has no locking: one connection is used by one
/// thread at a time, so a Lease hands a connection out exclusively and gives it back on destruction.
/// Connections are opened lazily; a broken one is dropped and reopened on a later Acquire.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include <pqxx/pqxx>

#include "safeloop/core/status.hpp"

namespace safeloop::db {

class ConnectionPool;

/// Exclusive use of one pooled connection.
class Lease {
 public:
  Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> conn) : pool_(pool), conn_(std::move(conn)) {}
  Lease(Lease&&) noexcept = default;
  Lease& operator=(Lease&&) noexcept = default;
  ~Lease();
  pqxx::connection& operator*() { return *conn_; }
  pqxx::connection* operator->() { return conn_.get(); }

 private:
  ConnectionPool* pool_;
  std::unique_ptr<pqxx::connection> conn_;
};

class ConnectionPool {
 public:
  /// `url` is a libpq connection string or URI. `size` is the most connections ever open.
  ConnectionPool(std::string url, int size);
  /// Waits up to `timeout` for a free connection; UNAVAILABLE when the database cannot be reached or
  /// every connection stays busy.
  Result<Lease> Acquire(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  const std::string& url() const { return url_; }

 private:
  friend class Lease;
  void Release(std::unique_ptr<pqxx::connection> conn);

  std::string url_;
  int size_;
  int open_ = 0;
  std::mutex mutex_;
  std::condition_variable available_;
  std::deque<std::unique_ptr<pqxx::connection>> idle_;
};

}  // namespace safeloop::db
