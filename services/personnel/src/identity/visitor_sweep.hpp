#pragma once
// Once a minute, ends the sessions of visitor accounts whose time ran out (login already refuses them; this
// stops refresh tokens and, through Redis, access tokens of sessions opened before the expiry).

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "pg_identity_store.hpp"
#include "session_tokens.hpp"

namespace safeloop::personnel::identity {

class VisitorSweep {
 public:
  VisitorSweep(PgIdentityStore& store, SessionRevocations& revocations, prometheus::Registry& registry,
               std::chrono::milliseconds period = std::chrono::minutes(1));
  ~VisitorSweep();

  /// One pass; returns the number of sessions ended.
  Result<int> RunOnce();
  void Start();
  void Stop();

 private:
  void Run();

  PgIdentityStore& store_;
  SessionRevocations& revocations_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
  // Metrics last: destroyed first.
  prometheus::Family<prometheus::Counter>& sweeps_;
  prometheus::Counter& passes_;
  prometheus::Counter& failures_;
  prometheus::Counter& revoked_;
};

}  // namespace safeloop::personnel::identity
