#pragma once
// Request body size limits (SAFELOOP_MAX_BODY_BYTES, or RouteSpec::max_body_bytes for routes that take
// uploads). A declared Content-Length over the limit is refused before any of the body is read; a chunked
// body is counted while it is read and refused as soon as it passes the limit.
//
// cpprestsdk 2.10 sends no response until the request body is complete (it waits for content_ready), and
// keeps buffering whatever arrives. So a refusal also closes the body stream with an error: the listener's
// next write into it (after its next socket read, at most 64 KiB) fails, it stops reading the socket, and
// the 413 (with Connection: close) goes out. The rest of the body is never read. The ingress should still
// cap bodies (e.g. nginx client_max_body_size) as the first line.

#include <utility>  // before any Boost.Asio header (STACK.md §3.7)

#include <cpprest/http_msg.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "route_table.hpp"

namespace safeloop::gateway {

class RequestContext;

inline constexpr std::size_t kDefaultMaxBodyBytes = 1 << 20;

enum class DeclaredBody { kWithinLimit, kTooLarge, kInvalid };

/// The Content-Length header's verdict ("" = absent: within the limit, a chunked body is counted instead).
DeclaredBody CheckContentLength(std::string_view content_length, std::size_t limit);

/// The route's own limit when it has one, else the default. `route` may be null (unmatched, static).
std::size_t BodyLimitFor(const RouteSpec* route, std::size_t default_limit);

/// Thrown (inside the task) by ReadBodyLimited when the body passes the limit.
class BodyTooLarge : public std::runtime_error {
 public:
  explicit BodyTooLarge(std::size_t limit)
      : std::runtime_error("request body exceeds " + std::to_string(limit) + " bytes"), limit_(limit) {}
  std::size_t limit() const { return limit_; }

 private:
  std::size_t limit_;
};

/// The whole body as bytes, read as it arrives; fails with BodyTooLarge once more than `limit` bytes came
/// (and stops the listener from receiving the rest). Never blocks the calling thread.
pplx::task<std::string> ReadBodyLimited(web::http::http_request request, std::size_t limit);

/// 413 with the JSON error (INVALID_ARGUMENT, field "body") and Connection: close; stops the listener
/// from receiving the rest of the body.
void ReplyBodyTooLarge(RequestContext& ctx, std::size_t limit);

/// For a reply about to go out: when the request's body has not fully arrived and is large (chunked, or a
/// Content-Length over 64 KiB) — a request refused before its body was read (401, 403, 404, 429 …) — stops
/// receiving it and adds Connection: close. Otherwise cpprestsdk would buffer the whole body before sending
/// the refusal, which lets anyone make the gateway hold gigabytes without a valid token.
void AbandonUnreadBody(const web::http::http_request& request, web::http::http_response& response);

}  // namespace safeloop::gateway
