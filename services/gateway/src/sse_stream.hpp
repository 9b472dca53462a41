#pragma once
// One open SSE connection of the live risk map. The HTTP response body is a producer_consumer_buffer that
// this class writes events into (the listener drains it to the socket as chunks). Changes that arrive
// before the snapshot is written are held back and replayed after it, minus those the snapshot covers.

#include <utility>  // before any Boost.Asio header (STACK.md §3.7)

#include <cpprest/containerstream.h>
#include <cpprest/producerconsumerstream.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "map_change.hpp"

namespace safeloop::gateway {

/// "event: <name>\nid: <id>\ndata: <data>\n\n" (no id line when id is nullopt). `data` must be one line.
std::string FormatSseEvent(std::string_view event, std::optional<std::int64_t> id, std::string_view data);
/// ": keepalive\n\n"
std::string_view SseKeepalive();

class SseStream {
 public:
  /// `map_id` is the requested map (empty = not known until the snapshot). `max_backlog` bounds the bytes
  /// a slow client may leave unread before the stream is closed.
  SseStream(std::string enterprise_id, std::string map_id, std::size_t max_backlog = 1 << 20);
  ~SseStream();
  SseStream(const SseStream&) = delete;
  SseStream& operator=(const SseStream&) = delete;

  /// The response body to hand to http_response::set_body.
  concurrency::streams::istream body() const { return buffer_.create_istream(); }

  /// Writes `event: snapshot` (the RiskMap JSON) and the held-back changes newer than `version`.
  void SendSnapshot(const nlohmann::json& risk_map, const std::string& map_id, std::int64_t version);
  /// An area of this stream's enterprise changed; forwarded when it belongs to the stream's map.
  void OnChange(const AreaChange& change);
  /// Writes a keepalive comment. False once the stream is closed (the hub then drops it).
  bool Keepalive();
  /// Ends the response (the client sees the end of the body; EventSource reconnects).
  void Close();

  bool closed() const { return closed_.load(); }
  const std::string& enterprise_id() const { return enterprise_id_; }
  std::uint64_t events_sent() const { return events_sent_.load(); }

 private:
  void WriteLocked(const std::string& text);
  void CloseLocked();
  void ForwardLocked(const AreaChange& change);

  const std::string enterprise_id_;
  const std::size_t max_backlog_;
  mutable concurrency::streams::producer_consumer_buffer<uint8_t> buffer_;
  std::mutex mutex_;
  std::string map_id_;  // guarded by mutex_
  std::int64_t snapshot_version_ = 0;
  bool snapshot_sent_ = false;
  std::vector<AreaChange> held_back_;
  std::atomic<bool> closed_{false};
  std::atomic<std::uint64_t> events_sent_{0};
};

}  // namespace safeloop::gateway
