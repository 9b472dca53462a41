#pragma once
// The gateway's front door: every HTTP request goes through Handle(). It assigns the request id, routes
// (API routes → handler, everything else → console static files), authenticates and authorizes, reads
// and parses JSON bodies asynchronously, and records metrics and one access log line per request.

#include <utility>  // before any Boost.Asio header (STACK.md §3.7)

#include <cpprest/http_msg.h>

#include <memory>

#include "authenticator.hpp"
#include "edge.hpp"
#include "handler.hpp"
#include "router.hpp"
#include "safeloop/obs/metrics.hpp"
#include "static_files.hpp"

namespace safeloop::gateway {

class Dispatcher {
 public:
  /// Throws std::logic_error when a route has no handler (the route table and the handlers must agree).
  /// `authenticator` and `metrics` must outlive the dispatcher; `metrics` may be null (tests).
  /// `edge` (may be null: tests) adds the internet-facing checks, headers, statistics and audit log.
  Dispatcher(Router router, HandlerMap handlers, const Authenticator& authenticator, StaticFiles static_files,
             obs::RpcMetrics* metrics, Edge* edge = nullptr);

  /// Entry point for the listener (a cpprestsdk pool thread). Never blocks, never throws.
  void Handle(web::http::http_request request);

 private:
  void HandleRoute(const std::shared_ptr<RequestContext>& ctx, const Handler& handler);
  void HandleStatic(const std::shared_ptr<RequestContext>& ctx);
  void RunHandler(const std::shared_ptr<RequestContext>& ctx, const Handler& handler);
  void Finish(const RequestContext& ctx, int http_status, StatusCode code);

  Router router_;
  HandlerMap handlers_;
  const Authenticator* authenticator_;
  StaticFiles static_files_;
  obs::RpcMetrics* metrics_;
  Edge* edge_;
};

}  // namespace safeloop::gateway
