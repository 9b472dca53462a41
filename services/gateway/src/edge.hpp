#pragma once
// The internet-facing checks around every request, as the Dispatcher's hooks:
//   Admit()            start of a request: CORS preflight, client address, IP blocklist and rate limits,
//                      body size;
//   AdmitAccount()     after authentication: the account's rate limit and logged-out sessions;
//   DecorateResponse() every reply: security headers and CORS;
//   Finished()         every finished request: API call statistics and the audit log of writes.
// Each part lives in its own file; this class only sequences them.

#include <utility>  // before any Boost.Asio header (STACK.md §3.7)

#include <cpprest/http_msg.h>

#include <chrono>
#include <memory>

#include "audit_log.hpp"
#include "body_limits.hpp"
#include "client_address.hpp"
#include "cors.hpp"
#include "rate_limiter.hpp"
#include "request_context.hpp"
#include "route_stats.hpp"

namespace safeloop::gateway {

struct EdgeOptions {
  TrustedProxies trusted_proxies;  ///< SAFELOOP_TRUSTED_PROXIES
  CorsPolicy cors;                 ///< SAFELOOP_CORS_ORIGINS
  bool hsts = false;               ///< SAFELOOP_HSTS
  std::size_t max_body_bytes = kDefaultMaxBodyBytes;  ///< SAFELOOP_MAX_BODY_BYTES
};

class Edge {
 public:
  /// `admission`, `stats` and `audit` may be null (that part is off); the others must outlive the edge.
  Edge(EdgeOptions options, Admission* admission, RouteStatsRecorder* stats, AuditWriter* audit, const Clock& clock);

  /// After routing (`route` null when nothing matched). False when the edge has replied.
  bool Admit(const std::shared_ptr<RequestContext>& ctx, const RouteSpec* route);
  /// After the token is verified (ctx->claims set). False when the edge has replied.
  bool AdmitAccount(const std::shared_ptr<RequestContext>& ctx);
  void DecorateResponse(const RequestContext& ctx, web::http::http_response& response) const;
  void Finished(const RequestContext& ctx, int http_status, StatusCode code,
                std::chrono::steady_clock::duration elapsed);

  std::size_t BodyLimit(const RouteSpec* route) const { return BodyLimitFor(route, options_.max_body_bytes); }
  const EdgeOptions& options() const { return options_; }

 private:
  void Refuse(RequestContext& ctx, const AdmissionDecision& decision) const;

  EdgeOptions options_;
  Admission* admission_;
  RouteStatsRecorder* stats_;
  AuditWriter* audit_;
  const Clock* clock_;
};

}  // namespace safeloop::gateway
