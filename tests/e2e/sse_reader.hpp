#pragma once
// Reads a text/event-stream response incrementally, with deadlines, from cpprestsdk's http_client.

#include <utility>  // before any Boost.Asio header (STACK.md §3.7)

#include <cpprest/http_client.h>

#include <chrono>
#include <optional>
#include <string>

namespace safeloop::e2e {

struct SseEvent {
  std::string event;  ///< "message" when the stream sent no event: line
  std::string id;
  std::string data;
};

class SseReader {
 public:
  /// Opens GET `path` (with its query) and waits for the response headers.
  explicit SseReader(const std::string& path, const std::string& bearer_token = "");
  ~SseReader();

  int status() const { return status_; }
  const web::http::http_response& response() const { return response_; }

  /// The next event (comments such as ": keepalive" are skipped and counted), or nullopt when none
  /// arrives within `timeout` or the stream ended.
  std::optional<SseEvent> Next(std::chrono::milliseconds timeout);
  /// The next event named `name` within `timeout`, skipping others.
  std::optional<SseEvent> NextNamed(const std::string& name, std::chrono::milliseconds timeout);
  int comments_seen() const { return comments_; }

 private:
  bool ReadMore(std::chrono::steady_clock::time_point deadline);

  pplx::cancellation_token_source cancel_;
  web::http::client::http_client client_;
  web::http::http_response response_;
  int status_ = 0;
  std::string pending_;
  int comments_ = 0;
  bool ended_ = false;
};

}  // namespace safeloop::e2e
