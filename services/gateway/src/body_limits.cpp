#include "body_limits.hpp"

#include <charconv>
#include <memory>

#include "error_mapping.hpp"
#include "request_context.hpp"

namespace safeloop::gateway {
namespace {

constexpr std::size_t kReadChunk = 64 * 1024;

// Makes the listener's next write into the body stream fail, which ends its reading of the socket, and marks
// the body complete (with the error) so the listener sends the reply now instead of after a body that may
// never end — it may already be waiting on the socket for the next chunk.
void StopReceiving(web::http::http_request request, std::exception_ptr error) {
  try {
    request.body().streambuf().close(std::ios_base::out, error);
  } catch (...) {  // already closed: the body was complete
  }
  try {
    request._get_impl()->_complete(0, error);  // a second completion (the listener's own) is ignored
  } catch (...) {
  }
}

struct BodyRead {
  web::http::http_request request;
  std::size_t limit;
  std::string data;
};

pplx::task<std::string> ReadMore(std::shared_ptr<BodyRead> read) {
  std::size_t old_size = read->data.size();
  read->data.resize(old_size + kReadChunk);
  auto* target = reinterpret_cast<std::uint8_t*>(read->data.data() + old_size);
  return read->request.body().streambuf().getn(target, kReadChunk).then(
      [read, old_size](std::size_t n) -> pplx::task<std::string> {
        read->data.resize(old_size + n);
        if (n == 0) return pplx::task_from_result(std::move(read->data));  // end of the body
        if (read->data.size() > read->limit) {
          StopReceiving(read->request, std::make_exception_ptr(BodyTooLarge(read->limit)));
          throw BodyTooLarge(read->limit);
        }
        return ReadMore(read);
      });
}

}  // namespace

DeclaredBody CheckContentLength(std::string_view content_length, std::size_t limit) {
  while (!content_length.empty() && content_length.front() == ' ') content_length.remove_prefix(1);
  while (!content_length.empty() && content_length.back() == ' ') content_length.remove_suffix(1);
  if (content_length.empty()) return DeclaredBody::kWithinLimit;
  unsigned long long value = 0;
  auto [end, error] = std::from_chars(content_length.data(), content_length.data() + content_length.size(), value);
  if (error == std::errc::result_out_of_range) return DeclaredBody::kTooLarge;
  if (error != std::errc() || end != content_length.data() + content_length.size()) return DeclaredBody::kInvalid;
  return value > limit ? DeclaredBody::kTooLarge : DeclaredBody::kWithinLimit;
}

std::size_t BodyLimitFor(const RouteSpec* route, std::size_t default_limit) {
  return route != nullptr && route->max_body_bytes > 0 ? route->max_body_bytes : default_limit;
}

pplx::task<std::string> ReadBodyLimited(web::http::http_request request, std::size_t limit) {
  return ReadMore(std::make_shared<BodyRead>(BodyRead{std::move(request), limit, {}}));
}

void ReplyBodyTooLarge(RequestContext& ctx, std::size_t limit) {
  StopReceiving(ctx.request, std::make_exception_ptr(BodyTooLarge(limit)));
  Status status = InvalidArgument("the request body exceeds the limit of " + std::to_string(limit) +
                                      " bytes for " + ctx.method + " " + ctx.path,
                                  "body");
  web::http::http_response response(web::http::status_codes::RequestEntityTooLarge);
  response.set_body(ErrorJson(status, ctx.request_id).dump(), "application/json; charset=utf-8");
  response.headers()["Connection"] = "close";  // the rest of the body is never read
  ctx.Send(std::move(response), status.code());
}

void AbandonUnreadBody(const web::http::http_request& request, web::http::http_response& response) {
  if (pplx::create_task(request._get_impl()->_get_data_available()).is_done()) return;  // all here (or none sent)
  const auto& headers = request.headers();
  bool chunked = headers.has("Transfer-Encoding");
  std::size_t declared = 0;
  if (auto it = headers.find("Content-Length"); it != headers.end()) {
    declared = CheckContentLength(it->second, 64 * 1024) == DeclaredBody::kWithinLimit ? 0 : 64 * 1024 + 1;
  }
  if (!chunked && declared == 0) return;  // small: letting it arrive keeps the connection usable
  StopReceiving(request, std::make_exception_ptr(std::runtime_error("request answered before its body was read")));
  response.headers()["Connection"] = "close";
}

}  // namespace safeloop::gateway
