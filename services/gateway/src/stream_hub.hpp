#pragma once
// Fans the live risk map out to open SSE streams. One Redis subscription per gateway process feeds
// Dispatch(); each message goes to the streams of the enterprise named in its channel. A background
// thread writes keepalive comments, which is also how streams of vanished clients are found and dropped.

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sse_stream.hpp"

namespace safeloop::gateway {

class StreamHub {
 public:
  /// Metrics go to `registry`: safeloop_gateway_sse_streams (gauge) and
  /// safeloop_gateway_riskmap_changes_total{result} (counter).
  StreamHub(prometheus::Registry& registry, std::chrono::milliseconds keepalive_interval);
  ~StreamHub();
  StreamHub(const StreamHub&) = delete;
  StreamHub& operator=(const StreamHub&) = delete;

  /// Registers a stream before its snapshot is fetched, so no change between snapshot and subscription is lost.
  /// After Shutdown() the returned stream is already closed.
  std::shared_ptr<SseStream> Open(const std::string& enterprise_id, const std::string& map_id);
  /// Forgets a stream (closing it); safe to call twice.
  void Remove(const std::shared_ptr<SseStream>& stream);
  /// One Redis pub/sub message (channel safeloop:{enterprise}:riskmap:changes).
  void Dispatch(const std::string& channel, const std::string& payload);
  /// Ends every open stream; clients reconnect and get a fresh snapshot (used after a Redis reconnect,
  /// when changes may have been missed).
  void CloseAll();
  /// CloseAll() and refuse new streams; stops the keepalive thread.
  void Shutdown();
  std::size_t size() const;
  /// Waits until every stream has been removed (their responses finished) or `timeout` passes; true when empty.
  bool WaitUntilEmpty(std::chrono::milliseconds timeout);

 private:
  void KeepaliveLoop(std::chrono::milliseconds interval);
  std::vector<std::shared_ptr<SseStream>> Snapshot() const;

  mutable std::mutex mutex_;
  std::map<std::string, std::vector<std::shared_ptr<SseStream>>> by_enterprise_;
  std::size_t count_ = 0;
  bool shutting_down_ = false;
  std::condition_variable wake_;
  std::thread keepalive_thread_;
  // Metrics last: destroyed first.
  prometheus::Gauge& open_streams_;
  prometheus::Family<prometheus::Counter>& changes_;
};

}  // namespace safeloop::gateway
