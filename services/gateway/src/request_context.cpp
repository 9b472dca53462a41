#include "request_context.hpp"

#include "error_mapping.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::gateway {

RequestContext::RequestContext(web::http::http_request request_in, std::string request_id_in, FinishHook on_finish)
    : request(std::move(request_in)), request_id(std::move(request_id_in)), on_finish_(std::move(on_finish)) {}

std::string RequestContext::Param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::string RequestContext::Query(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

LogContext RequestContext::log_context() const {
  LogContext context;
  context.request_id = request_id;
  if (claims) {
    context.enterprise_id = claims->ent;
    context.park_id = claims->park;
  }
  return context;
}

pplx::task<void> RequestContext::Reply(web::http::http_response response, StatusCode code) {
  if (replied_.exchange(true)) return pplx::task_from_result();
  response.headers()["X-Request-Id"] = request_id;
  if (decorate_response) decorate_response(*this, response);
  int http_status = response.status_code();
  pplx::task<void> sent;
  try {
    sent = request.reply(response);
  } catch (...) {
    sent = pplx::task_from_exception<void>(std::current_exception());
  }
  if (on_finish_) on_finish_(*this, http_status, code);
  return sent;
}

void RequestContext::Send(web::http::http_response response, StatusCode code) {
  Reply(std::move(response), code).then([](pplx::task<void> sent) {
    try {
      sent.get();  // complete already: observes a failure so pplx does not treat it as unhandled
    } catch (...) {
    }
  });
}

void RequestContext::ReplyJson(web::http::status_code status, const nlohmann::json& body_json) {
  web::http::http_response response(status);
  // Invalid UTF-8 from a backend must not turn into an exception here.
  response.set_body(body_json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json; charset=utf-8");
  Send(std::move(response));
}

void RequestContext::ReplyError(const Status& status) {
  web::http::http_response response(static_cast<web::http::status_code>(HttpStatusFor(status.code())));
  response.set_body(ErrorJson(status, request_id).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json; charset=utf-8");
  if (status.code() == StatusCode::kUnauthenticated) {
    response.headers()["WWW-Authenticate"] = "Bearer realm=\"safeloop\"";
  }
  Send(std::move(response), status.code());
}

std::string RequestIdFrom(std::string_view header_value) {
  bool sane = !header_value.empty() && header_value.size() <= 128;
  for (char c : header_value) {
    sane = sane && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == ':' || c == '-');
  }
  return sane ? std::string(header_value) : NewUuidV7();
}

}  // namespace safeloop::gateway
