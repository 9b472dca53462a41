#include "body_limits.hpp"

#include <charconv>
#include <memory>

#include "error_mapping.hpp"
#include "request_context.hpp"

namespace safeloop::gateway {
namespace {

constexpr std::size_t kReadChunk = 64 * 1024;

// Makes the listener's next write into the body stream fail, which ends its reading of the socket.
void StopReceiving(web::http::http_request& request, std::size_t limit) {
  try {
    request.body().streambuf().close(std::ios_base::out, std::make_exception_ptr(BodyTooLarge(limit)));
  } catch (...) {  // already closed: the body was complete
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
          StopReceiving(read->request, read->limit);
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
  StopReceiving(ctx.request, limit);
  Status status = InvalidArgument("the request body exceeds the limit of " + std::to_string(limit) +
                                      " bytes for " + ctx.method + " " + ctx.path,
                                  "body");
  web::http::http_response response(web::http::status_codes::RequestEntityTooLarge);
  response.set_body(ErrorJson(status, ctx.request_id).dump(), "application/json; charset=utf-8");
  response.headers()["Connection"] = "close";  // the rest of the body is never read
  ctx.Send(std::move(response), status.code());
}

}  // namespace safeloop::gateway
