#include "edge.hpp"

#include "error_mapping.hpp"
#include "security_headers.hpp"

namespace safeloop::gateway {
namespace {

std::string Header(const web::http::http_request& request, const char* name) {
  auto it = request.headers().find(name);
  return it == request.headers().end() ? std::string() : it->second;
}

bool IsApiPath(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

// Vary lists several header names; add ours without dropping a handler's.
void AddVary(web::http::http_headers& headers, const std::string& value) {
  auto it = headers.find("Vary");
  if (it == headers.end()) {
    headers.add("Vary", value);
  } else if (it->second.find(value) == std::string::npos) {
    it->second += ", " + value;
  }
}

void AddHeaders(web::http::http_headers& headers, const HeaderList& list) {
  for (const auto& [name, value] : list) {
    if (name == "Vary") {
      AddVary(headers, value);
    } else if (!headers.has(name)) {  // a handler's own choice (e.g. Cache-Control of a stream) stands
      headers.add(name, value);
    }
  }
}

std::string Truncate(std::string s, std::size_t max) {
  if (s.size() > max) s.resize(max);
  return s;
}

}  // namespace

Edge::Edge(EdgeOptions options, Admission* admission, RouteStatsRecorder* stats, AuditWriter* audit,
           const Clock& clock)
    : options_(std::move(options)), admission_(admission), stats_(stats), audit_(audit), clock_(&clock) {}

bool Edge::Admit(const std::shared_ptr<RequestContext>& ctx, const RouteSpec* route) {
  if (ctx->method == "OPTIONS") {  // a CORS preflight, or a client asking what it may do
    web::http::http_response response(web::http::status_codes::NoContent);
    AddHeaders(response.headers(), options_.cors.PreflightHeaders(Header(ctx->request, "Origin")));
    response.headers().add("Allow", std::string(kCorsAllowedMethods) + ", HEAD, OPTIONS");
    ctx->Send(std::move(response));
    return false;
  }

  ClientAddress client = ResolveClientAddress(ctx->request.remote_address(), Header(ctx->request, "X-Forwarded-For"),
                                              options_.trusted_proxies);
  ctx->client_address = client.text;
  if (admission_ != nullptr) {
    AdmissionDecision decision = admission_->CheckClient(client, IsLoginAttempt(ctx->method, ctx->path));
    if (decision.kind != AdmissionDecision::Kind::kAllow) {
      Refuse(*ctx, decision);
      return false;
    }
  }

  std::size_t limit = BodyLimit(route);
  switch (CheckContentLength(Header(ctx->request, "Content-Length"), limit)) {
    case DeclaredBody::kWithinLimit:
      return true;
    case DeclaredBody::kTooLarge:
      ReplyBodyTooLarge(*ctx, limit);
      return false;
    case DeclaredBody::kInvalid:
      ctx->ReplyError(InvalidArgument("the Content-Length header is not a number", "body"));
      return false;
  }
  return true;
}

bool Edge::AdmitAccount(const std::shared_ptr<RequestContext>& ctx) {
  if (admission_ == nullptr || !ctx->claims) return true;
  AdmissionDecision decision = admission_->CheckAccount(ctx->claims->sub, ctx->claims->sid);
  if (decision.kind == AdmissionDecision::Kind::kAllow) return true;
  Refuse(*ctx, decision);
  return false;
}

void Edge::Refuse(RequestContext& ctx, const AdmissionDecision& decision) const {
  Status status = AdmissionStatus(decision);
  if (decision.kind != AdmissionDecision::Kind::kLimited) return ctx.ReplyError(status);
  web::http::http_response response(static_cast<web::http::status_code>(HttpStatusFor(status.code())));
  response.set_body(ErrorJson(status, ctx.request_id).dump(), "application/json; charset=utf-8");
  response.headers().add("Retry-After", std::to_string(decision.retry_after_s));
  ctx.Send(std::move(response), status.code());
}

void Edge::DecorateResponse(const RequestContext& ctx, web::http::http_response& response) const {
  AbandonUnreadBody(ctx.request, response);
  AddHeaders(response.headers(), SecurityHeaders(ctx.path, options_.hsts));
  AddHeaders(response.headers(), options_.cors.ResponseHeaders(Header(ctx.request, "Origin")));
}

void Edge::Finished(const RequestContext& ctx, int http_status, StatusCode code,
                    std::chrono::steady_clock::duration elapsed) {
  if (stats_ != nullptr && IsApiPath(ctx.path) && ctx.method != "OPTIONS") {
    stats_->Record(ctx.route != nullptr ? ctx.route->operation_id : std::string(kUnmatchedRoute), http_status,
                   std::chrono::duration_cast<std::chrono::microseconds>(elapsed));
  }
  if (audit_ == nullptr || !IsAuditedRequest(ctx.method, ctx.path)) return;
  AuditRecord r;
  r.occurred_at = clock_->Now();
  if (ctx.claims) {
    r.enterprise_id = ctx.claims->ent;
    r.park_id = ctx.claims->park;
    r.account = ctx.claims->sub;
    r.roles = ctx.claims->roles;
  }
  // The attempted login name, when the login body was parsed (never the password).
  if (IsLoginAttempt(ctx.method, ctx.path) && ctx.body.is_object() && ctx.body.contains("username") &&
      ctx.body["username"].is_string()) {
    r.username = Truncate(ctx.body["username"].get<std::string>(), 128);
  }
  if (ctx.route != nullptr) r.operation_id = ctx.route->operation_id;
  r.method = ctx.method;
  r.path = Truncate(ctx.path, 1024);
  r.path_params = ctx.params;
  r.http_status = http_status;
  r.code = std::string(StatusCodeName(code));
  if (IpAddress::Parse(ctx.client_address)) r.client_address = ctx.client_address;
  r.user_agent = Truncate(Header(ctx.request, "User-Agent"), 512);
  r.request_id = ctx.request_id;
  r.elapsed_ms = std::chrono::duration<double, std::milli>(elapsed).count();
  audit_->Submit(std::move(r));
}

}  // namespace safeloop::gateway
