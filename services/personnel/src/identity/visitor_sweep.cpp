#include "visitor_sweep.hpp"

#include "safeloop/core/log.hpp"

namespace safeloop::personnel::identity {

VisitorSweep::VisitorSweep(PgIdentityStore& store, SessionRevocations& revocations, prometheus::Registry& registry,
                           std::chrono::milliseconds period)
    : store_(store),
      revocations_(revocations),
      period_(period),
      sweeps_(prometheus::BuildCounter()
                  .Name("safeloop_personnel_visitor_sweeps_total")
                  .Help("Passes of the expired-visitor session sweep, by result")
                  .Register(registry)),
      passes_(sweeps_.Add({{"result", "ok"}})),
      failures_(sweeps_.Add({{"result", "error"}})),
      revoked_(prometheus::BuildCounter()
                   .Name("safeloop_personnel_visitor_sessions_revoked_total")
                   .Help("Sessions of expired visitor accounts ended by the sweep")
                   .Register(registry)
                   .Add({})) {}

VisitorSweep::~VisitorSweep() { Stop(); }

Result<int> VisitorSweep::RunOnce() {
  auto revoked = store_.RevokeExpiredVisitorSessions();
  if (!revoked.ok()) {
    failures_.Increment();
    return revoked.status();
  }
  passes_.Increment();
  revoked_.Increment(static_cast<double>(revoked->size()));
  if (!revoked->empty()) {
    revocations_.Publish(*revoked);
    LogInfo("identity", "ended sessions of expired visitor accounts", {{"count", revoked->size()}});
  }
  return static_cast<int>(revoked->size());
}

void VisitorSweep::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void VisitorSweep::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void VisitorSweep::Run() {
  LogInfo("identity", "visitor sweep started", {{"period_ms", period_.count()}});
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, period_, [this] { return stop_; })) {
    lock.unlock();
    auto result = RunOnce();
    if (!result.ok()) LogError("identity", "visitor sweep failed", {{"error", result.status().ToString()}});
    lock.lock();
  }
  LogInfo("identity", "visitor sweep stopped");
}

}  // namespace safeloop::personnel::identity
