#include "sse_reader.hpp"

#include <thread>

#include "e2e_client.hpp"

namespace safeloop::e2e {
namespace {
web::http::client::http_client_config StreamConfig() {
  web::http::client::http_client_config config;
  config.set_timeout(std::chrono::seconds(60));  // > the 15 s keepalive period
  return config;
}
}  // namespace

SseReader::SseReader(const std::string& path, const std::string& bearer_token)
    : client_(GatewayUrl(), StreamConfig()) {
  web::http::http_request request(web::http::methods::GET);
  request.set_request_uri(path);
  request.headers().add("Accept", "text/event-stream");
  if (!bearer_token.empty()) request.headers().add("Authorization", "Bearer " + bearer_token);
  // Completes once the headers are in; the body keeps arriving into response_.body().
  response_ = client_.request(request, cancel_.get_token()).get();
  status_ = response_.status_code();
}

SseReader::~SseReader() {
  cancel_.cancel();
  try {
    response_.body().close().wait();
  } catch (...) {
  }
}

bool SseReader::ReadMore(std::chrono::steady_clock::time_point deadline) {
  auto buf = response_.body().streambuf();
  while (std::chrono::steady_clock::now() < deadline) {
    std::size_t available = buf.in_avail();
    if (available > 0) {
      std::string chunk(available, '\0');
      std::size_t n = buf.getn(reinterpret_cast<uint8_t*>(chunk.data()), available).get();
      pending_.append(chunk.data(), n);
      return true;
    }
    if (!buf.can_write() && buf.in_avail() == 0) {  // the server ended the response
      ended_ = true;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::optional<SseEvent> SseReader::Next(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    // One event (or comment) ends at a blank line.
    auto end = pending_.find("\n\n");
    while (end != std::string::npos) {
      std::string block = pending_.substr(0, end);
      pending_.erase(0, end + 2);
      SseEvent event{"message", "", ""};
      bool has_field = false;
      std::size_t pos = 0;
      while (pos <= block.size()) {
        auto nl = block.find('\n', pos);
        std::string line = block.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? block.size() + 1 : nl + 1;
        if (line.empty()) continue;
        if (line[0] == ':') {
          ++comments_;
          continue;
        }
        auto colon = line.find(':');
        std::string field = line.substr(0, colon);
        std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);
        if (field == "event") event.event = value, has_field = true;
        if (field == "id") event.id = value, has_field = true;
        if (field == "data") event.data += (event.data.empty() ? "" : "\n") + value, has_field = true;
      }
      if (has_field && !event.data.empty()) return event;
      end = pending_.find("\n\n");
    }
    if (ended_ || !ReadMore(deadline)) return std::nullopt;
  }
}

std::optional<SseEvent> SseReader::NextNamed(const std::string& name, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto event = Next(left);
    if (!event) return std::nullopt;
    if (event->event == name) return event;
  }
}

}  // namespace safeloop::e2e
