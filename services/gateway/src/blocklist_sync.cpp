#include "blocklist_sync.hpp"

#include "safeloop/core/log.hpp"

namespace safeloop::gateway {

BlocklistSync::BlocklistSync(BlocklistStore& store, cache::RedisClient& redis, prometheus::Registry& registry,
                             std::chrono::milliseconds period)
    : store_(&store),
      redis_(&redis),
      period_(period),
      entries_(prometheus::BuildGauge()
                   .Name("safeloop_gateway_blocklist_entries")
                   .Help("IP blocklist entries in force at the last mirror sync")
                   .Register(registry)
                   .Add({})),
      syncs_(prometheus::BuildCounter()
                 .Name("safeloop_gateway_blocklist_syncs_total")
                 .Help("Rebuilds of the Redis mirror of the IP blocklist from PostgreSQL")
                 .Register(registry)
                 .Add({})),
      failures_(prometheus::BuildCounter()
                    .Name("safeloop_gateway_blocklist_sync_failures_total")
                    .Help("Mirror rebuilds that failed (PostgreSQL or Redis unreachable); retried")
                    .Register(registry)
                    .Add({})) {}

BlocklistSync::~BlocklistSync() { Stop(); }

void BlocklistSync::Start() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;  // first sync right away
    stop_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void BlocklistSync::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void BlocklistSync::Poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_all();
}

Status BlocklistSync::SyncNow() {
  std::lock_guard lock(sync_mutex_);
  auto snapshot = store_->Snapshot();
  Status status = snapshot.ok() ? WriteMirror(*redis_, *snapshot) : snapshot.status();
  if (!status.ok()) {
    failures_.Increment();
    return status;
  }
  syncs_.Increment();
  entries_.Set(static_cast<double>(snapshot->active.size()));
  return status;
}

void BlocklistSync::Run() {
  bool failing = false;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      // While failing, retry every second rather than every period.
      auto wait = failing ? std::chrono::milliseconds(1000) : period_;
      wake_.wait_for(lock, wait, [this] { return stop_ || poked_; });
      if (stop_) return;
      poked_ = false;
    }
    Status status = SyncNow();
    if (!status.ok() && !failing) {
      LogWarn("edge", "IP blocklist mirror sync failed; retrying every second", {{"error", status.ToString()}});
    } else if (status.ok() && failing) {
      LogInfo("edge", "IP blocklist mirror synced again");
    }
    failing = !status.ok();
  }
}

}  // namespace safeloop::gateway
