#include "stream_hub.hpp"

#include <algorithm>

#include "safeloop/core/log.hpp"

namespace safeloop::gateway {

StreamHub::StreamHub(prometheus::Registry& registry, std::chrono::milliseconds keepalive_interval)
    : open_streams_(prometheus::BuildGauge()
                        .Name("safeloop_gateway_sse_streams")
                        .Help("Open server-sent-event streams of the live risk map")
                        .Register(registry)
                        .Add({})),
      changes_(prometheus::BuildCounter()
                   .Name("safeloop_gateway_riskmap_changes_total")
                   .Help("Risk map change messages received from Redis, by result")
                   .Register(registry)) {
  keepalive_thread_ = std::thread([this, keepalive_interval] { KeepaliveLoop(keepalive_interval); });
}

StreamHub::~StreamHub() { Shutdown(); }

std::shared_ptr<SseStream> StreamHub::Open(const std::string& enterprise_id, const std::string& map_id) {
  auto stream = std::make_shared<SseStream>(enterprise_id, map_id);
  std::lock_guard lock(mutex_);
  if (shutting_down_) {
    stream->Close();
    return stream;
  }
  by_enterprise_[enterprise_id].push_back(stream);
  ++count_;
  open_streams_.Set(static_cast<double>(count_));
  return stream;
}

void StreamHub::Remove(const std::shared_ptr<SseStream>& stream) {
  stream->Close();
  std::lock_guard lock(mutex_);
  auto it = by_enterprise_.find(stream->enterprise_id());
  if (it == by_enterprise_.end()) return;
  auto& list = it->second;
  auto pos = std::find(list.begin(), list.end(), stream);
  if (pos == list.end()) return;
  list.erase(pos);
  if (list.empty()) by_enterprise_.erase(it);
  --count_;
  open_streams_.Set(static_cast<double>(count_));
  if (count_ == 0) wake_.notify_all();
}

void StreamHub::Dispatch(const std::string& channel, const std::string& payload) {
  auto enterprise = EnterpriseOfChannel(channel);
  auto change = ParseAreaChange(payload);
  if (!enterprise || !change.ok()) {
    changes_.Add({{"result", "malformed"}}).Increment();
    LogWarn("stream_hub", "ignoring malformed risk map change",
            {{"channel", channel}, {"problem", enterprise ? change.status().message() : "unexpected channel"}});
    return;
  }
  changes_.Add({{"result", "ok"}}).Increment();
  std::vector<std::shared_ptr<SseStream>> targets;
  {
    std::lock_guard lock(mutex_);
    auto it = by_enterprise_.find(*enterprise);
    if (it != by_enterprise_.end()) targets = it->second;
  }
  // Written outside the hub lock: a slow buffer must not hold up Open/Remove of other clients.
  for (const auto& stream : targets) stream->OnChange(*change);
}

std::vector<std::shared_ptr<SseStream>> StreamHub::Snapshot() const {
  std::vector<std::shared_ptr<SseStream>> all;
  std::lock_guard lock(mutex_);
  for (const auto& [_, list] : by_enterprise_) all.insert(all.end(), list.begin(), list.end());
  return all;
}

void StreamHub::CloseAll() {
  // Closing ends each response; its completion handler then calls Remove().
  for (const auto& stream : Snapshot()) stream->Close();
}

void StreamHub::Shutdown() {
  {
    std::lock_guard lock(mutex_);
    shutting_down_ = true;
  }
  wake_.notify_all();
  if (keepalive_thread_.joinable() && keepalive_thread_.get_id() != std::this_thread::get_id()) {
    keepalive_thread_.join();
  }
  CloseAll();
}

std::size_t StreamHub::size() const {
  std::lock_guard lock(mutex_);
  return count_;
}

bool StreamHub::WaitUntilEmpty(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return wake_.wait_for(lock, timeout, [this] { return count_ == 0; });
}

void StreamHub::KeepaliveLoop(std::chrono::milliseconds interval) {
  std::unique_lock lock(mutex_);
  while (!shutting_down_) {
    if (wake_.wait_for(lock, interval, [this] { return shutting_down_; })) break;
    lock.unlock();
    for (const auto& stream : Snapshot()) {
      if (!stream->Keepalive()) Remove(stream);  // the client went away (or stopped reading)
    }
    lock.lock();
  }
}

}  // namespace safeloop::gateway
