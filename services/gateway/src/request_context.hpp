#pragma once
// Everything one REST request carries through the gateway: the cpprestsdk request, its id, the matched
// route and parameters, the verified caller, the parsed body, and the one-shot reply that also records
// metrics and the access log line.

#include <utility>  // before any Boost.Asio header (STACK.md §3.7)

#include <cpprest/http_msg.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "risk_client.hpp"
#include "route_table.hpp"
#include "safeloop/auth/claims.hpp"
#include "safeloop/core/log.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::gateway {

class RequestContext {
 public:
  /// Called once, when the reply is handed to the listener (status line known).
  using FinishHook = std::function<void(const RequestContext&, int http_status, StatusCode code)>;

  RequestContext(web::http::http_request request, std::string request_id, FinishHook on_finish);

  // Filled by the dispatcher before the handler runs.
  web::http::http_request request;
  std::string request_id;
  std::string method;
  std::string path;
  const RouteSpec* route = nullptr;
  std::map<std::string, std::string> params;  ///< path parameters
  std::map<std::string, std::string> query;   ///< decoded query parameters
  std::string token;
  std::optional<auth::Claims> claims;
  nlohmann::json body;
  std::string raw_body;  ///< the body as received, for routes that take a file (RouteSpec::raw_request_field)
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  /// The client: the TCP peer, or X-Forwarded-For through trusted proxies (set by the edge).
  std::string client_address;
  /// Adds headers to every reply just before it is sent (the edge: security headers, CORS).
  std::function<void(const RequestContext&, web::http::http_response&)> decorate_response;

  /// Path parameter or query value, empty when absent.
  std::string Param(const std::string& name) const;
  std::string Query(const std::string& name) const;
  /// Metadata for backend calls on behalf of this request.
  CallMeta call_meta() const { return {token, request_id}; }
  /// Request id and tenant for LogScope.
  LogContext log_context() const;

  /// Sends `response` (adding X-Request-Id). Only the first reply counts; the task completes when the
  /// response has been fully written (for a stream: when it ends) and fails when the client went away.
  pplx::task<void> Reply(web::http::http_response response, StatusCode code = StatusCode::kOk);
  /// Reply() for responses whose delivery nobody waits for (failures, e.g. a vanished client, are ignored).
  void Send(web::http::http_response response, StatusCode code = StatusCode::kOk);
  void ReplyJson(web::http::status_code status, const nlohmann::json& body);
  /// The JSON error body with the HTTP status matching `status.code()`.
  void ReplyError(const Status& status);
  bool replied() const { return replied_.load(); }

 private:
  FinishHook on_finish_;
  std::atomic<bool> replied_{false};
};

/// The X-Request-Id header if it is a sane token (1–128 of [A-Za-z0-9._:-]), else a new UUIDv7.
std::string RequestIdFrom(std::string_view header_value);

}  // namespace safeloop::gateway
