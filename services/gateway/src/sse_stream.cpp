#include "sse_stream.hpp"

#include "json_mapping.hpp"

namespace safeloop::gateway {
namespace {
constexpr std::size_t kMaxHeldBack = 1000;

// Stream operations return tasks; an exceptional task nobody observes terminates the process (pplx), so
// every task we do not need gets a continuation that swallows its outcome.
template <typename T>
void Observe(pplx::task<T> task) {
  task.then([](pplx::task<T> done) {
    try {
      done.get();  // already complete: does not block
    } catch (...) {
    }
  });
}
}  // namespace

std::string FormatSseEvent(std::string_view event, std::optional<std::int64_t> id, std::string_view data) {
  std::string out = "event: ";
  out += event;
  out += '\n';
  if (id) out += "id: " + std::to_string(*id) + "\n";
  out += "data: ";
  out += data;
  out += "\n\n";
  return out;
}

std::string_view SseKeepalive() { return ": keepalive\n\n"; }

SseStream::SseStream(std::string enterprise_id, std::string map_id, std::size_t max_backlog)
    : enterprise_id_(std::move(enterprise_id)), max_backlog_(max_backlog), map_id_(std::move(map_id)) {}

SseStream::~SseStream() { Close(); }

void SseStream::SendSnapshot(const nlohmann::json& risk_map, const std::string& map_id, std::int64_t version) {
  std::lock_guard lock(mutex_);
  map_id_ = map_id;
  snapshot_version_ = version;
  snapshot_sent_ = true;
  // retry: how long EventSource waits before reconnecting after the stream ends.
  WriteLocked("retry: 3000\n" + FormatSseEvent("snapshot", version, risk_map.dump()));
  for (const auto& change : held_back_) ForwardLocked(change);
  held_back_.clear();
}

void SseStream::OnChange(const AreaChange& change) {
  std::lock_guard lock(mutex_);
  if (closed_) return;
  if (!snapshot_sent_) {
    if (held_back_.size() < kMaxHeldBack) held_back_.push_back(change);
    return;
  }
  ForwardLocked(change);
}

void SseStream::ForwardLocked(const AreaChange& change) {
  if (change.map_id != map_id_) return;
  if (change.version <= snapshot_version_) return;  // already part of the snapshot
  WriteLocked(FormatSseEvent("area-level", change.version, AreaChangeJson(change).dump()));
  ++events_sent_;
}

bool SseStream::Keepalive() {
  std::lock_guard lock(mutex_);
  if (snapshot_sent_) WriteLocked(std::string(SseKeepalive()));
  return !closed_;
}

void SseStream::Close() {
  std::lock_guard lock(mutex_);
  CloseLocked();
}

void SseStream::WriteLocked(const std::string& text) {
  if (closed_) return;
  // The listener closes the read side when the connection is gone: nobody will read what we write.
  if (!buffer_.can_read()) {
    CloseLocked();
    return;
  }
  if (buffer_.in_avail() + text.size() > max_backlog_) {  // the client stopped reading
    CloseLocked();
    return;
  }
  try {
    Observe(buffer_.putn_nocopy(reinterpret_cast<const uint8_t*>(text.data()), text.size()));  // copies now
    Observe(buffer_.sync());  // lets the pending chunk read return what we have instead of waiting for 64 KiB
  } catch (...) {
    CloseLocked();
  }
}

void SseStream::CloseLocked() {
  if (closed_.exchange(true)) return;
  try {
    Observe(buffer_.close(std::ios_base::out));
  } catch (...) {
  }
}

}  // namespace safeloop::gateway
