#include "dispatcher.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "error_mapping.hpp"
#include "request_parsing.hpp"

namespace safeloop::gateway {
namespace {
std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::map<std::string, std::string> DecodeQuery(const std::string& raw_query) {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : web::uri::split_query(raw_query)) {
    std::string plus_as_space = value;
    std::replace(plus_as_space.begin(), plus_as_space.end(), '+', ' ');
    auto k = PercentDecode(key);
    auto v = PercentDecode(plus_as_space);
    if (k && v) out[*k] = *v;
  }
  return out;
}

std::string MetricLabel(const RequestContext& ctx) {
  if (ctx.route != nullptr) return ctx.route->method + " " + ctx.route->pattern;
  if (ctx.path == "/api" || ctx.path.starts_with("/api/")) return "unmatched";
  return "static";
}
}  // namespace

Dispatcher::Dispatcher(Router router, HandlerMap handlers, const Authenticator& authenticator,
                       StaticFiles static_files, obs::RpcMetrics* metrics, Edge* edge)
    : router_(std::move(router)),
      handlers_(std::move(handlers)),
      authenticator_(&authenticator),
      static_files_(std::move(static_files)),
      metrics_(metrics),
      edge_(edge) {
  for (const auto& route : router_.routes()) {
    if (handlers_.find(route.operation_id) == handlers_.end()) {
      throw std::logic_error("route " + route.method + " " + route.pattern + " has no handler '" +
                             route.operation_id + "'");
    }
  }
}

void Dispatcher::Handle(web::http::http_request request) {
  std::string request_id;
  if (auto it = request.headers().find("X-Request-Id"); it != request.headers().end()) request_id = it->second;
  auto ctx = std::make_shared<RequestContext>(
      request, RequestIdFrom(request_id),
      [this](const RequestContext& c, int http_status, StatusCode code) { Finish(c, http_status, code); });
  if (edge_) ctx->decorate_response = [edge = edge_](const RequestContext& c, auto& r) { edge->DecorateResponse(c, r); };
  LogScope scope(ctx->log_context());
  if (metrics_) metrics_->Started();
  try {
    ctx->method = request.method();
    ctx->path = request.relative_uri().path();
    ctx->query = DecodeQuery(request.relative_uri().query());

    RouteMatch match = router_.Find(ctx->method, ctx->path);
    ctx->route = match.route;  // null when nothing matched
    ctx->params = std::move(match.params);
    if (edge_ && !edge_->Admit(ctx, match.route)) return;  // preflight, blocked, rate-limited or too large
    if (match.route != nullptr) {
      HandleRoute(ctx, handlers_.at(match.route->operation_id));
      return;
    }
    bool api = ctx->path == "/api" || ctx->path.starts_with("/api/");
    if (!match.allowed_methods.empty()) {
      web::http::http_response response(web::http::status_codes::MethodNotAllowed);
      response.headers()["Allow"] = Join(match.allowed_methods);
      Status status(StatusCode::kUnimplemented,
                    ctx->method + " is not allowed on " + ctx->path + "; allowed: " + Join(match.allowed_methods));
      response.set_body(ErrorJson(status, ctx->request_id).dump(), "application/json; charset=utf-8");
      ctx->Send(std::move(response), status.code());
      return;
    }
    if (api) {
      ctx->ReplyError(NotFound("no API route " + ctx->method + " " + ctx->path + "; see /api/v1/openapi.json"));
      return;
    }
    HandleStatic(ctx);
  } catch (const std::exception& e) {
    LogError("http", "request failed", {{"error", e.what()}});
    ctx->ReplyError(Internal("internal error in the gateway"));
  }
}

void Dispatcher::HandleRoute(const std::shared_ptr<RequestContext>& ctx, const Handler& handler) {
  const RouteSpec& route = *ctx->route;
  if (route.auth != AuthMode::kPublic) {
    std::string authorization;
    if (auto it = ctx->request.headers().find("Authorization"); it != ctx->request.headers().end()) {
      authorization = it->second;
    }
    auto token = Authenticator::ExtractToken(route, authorization, ctx->query);
    if (!token.ok()) return ctx->ReplyError(token.status());
    auto claims = authenticator_->Authenticate(*token);
    if (!claims.ok()) return ctx->ReplyError(claims.status());
    ctx->token = std::move(*token);
    ctx->claims = std::move(*claims);
    LogScope scope(ctx->log_context());
    if (edge_ && !edge_->AdmitAccount(ctx)) return;  // account rate limit, logged-out session
    if (Status allowed = authenticator_->Authorize(*ctx->claims, route); !allowed.ok()) {
      return ctx->ReplyError(allowed);
    }
  }
  if (route.request_schema.empty() && route.raw_request_field.empty()) return RunHandler(ctx, handler);

  // The body arrives asynchronously; continue when it is complete (never wait for it here).
  // Read with the size limit: a chunked body is refused as soon as it passes it.
  std::size_t limit = BodyLimitFor(ctx->route, edge_ ? edge_->options().max_body_bytes : kDefaultMaxBodyBytes);
  ReadBodyLimited(ctx->request, limit)
      .then([this, ctx, handler](pplx::task<std::string> body_task) {
        LogScope scope(ctx->log_context());
        std::string text;
        try {
          text = body_task.get();  // complete already
        } catch (const BodyTooLarge& e) {
          return ReplyBodyTooLarge(*ctx, e.limit());
        } catch (const std::exception& e) {
          return ctx->ReplyError(InvalidArgument(std::string("could not read the request body: ") + e.what(), "body"));
        }
        if (!ctx->route->raw_request_field.empty()) {  // a file upload: the handler takes the bytes as they are
          ctx->raw_body = std::move(text);
          return RunHandler(ctx, handler);
        }
        auto body = ParseJsonBody(text);
        if (!body.ok()) return ctx->ReplyError(body.status());
        ctx->body = std::move(*body);
        RunHandler(ctx, handler);
      });
}

void Dispatcher::RunHandler(const std::shared_ptr<RequestContext>& ctx, const Handler& handler) {
  LogScope scope(ctx->log_context());
  try {
    handler(ctx);
  } catch (const std::exception& e) {
    LogError("http", "handler threw", {{"error", e.what()}});
    ctx->ReplyError(Internal("internal error in the gateway"));
  }
}

void Dispatcher::HandleStatic(const std::shared_ptr<RequestContext>& ctx) {
  if (ctx->method != "GET" && ctx->method != "HEAD") {
    web::http::http_response response(web::http::status_codes::MethodNotAllowed);
    response.headers()["Allow"] = "GET, HEAD";
    ctx->Send(std::move(response), StatusCode::kUnimplemented);
    return;
  }
  auto file = static_files_.Resolve(ctx->path);
  if (!file) return ctx->ReplyError(NotFound("no such file: " + ctx->path));

  web::http::http_response response(web::http::status_codes::OK);
  response.headers()["Cache-Control"] = file->cache_control;
  response.headers()["ETag"] = file->etag;
  response.headers()["X-Content-Type-Options"] = "nosniff";
  auto if_none_match = ctx->request.headers().find("If-None-Match");
  if (if_none_match != ctx->request.headers().end() && if_none_match->second == file->etag) {
    response.set_status_code(web::http::status_codes::NotModified);
    return ctx->Send(std::move(response));
  }
  if (ctx->method == "HEAD") {
    // No Content-Length of the file: cpprestsdk adds "Content-Length: 0" to every bodiless response.
    response.headers().set_content_type(file->content_type);
    return ctx->Send(std::move(response));
  }
  // Console files are small; reading one is a short local disk read, not a wait on another service.
  std::ifstream in(file->path, std::ios::binary);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return ctx->ReplyError(Internal("could not read " + ctx->path));
  response.set_body(std::move(bytes));
  response.headers().set_content_type(file->content_type);
  ctx->Send(std::move(response));
}

void Dispatcher::Finish(const RequestContext& ctx, int http_status, StatusCode code) {
  auto elapsed = std::chrono::steady_clock::now() - ctx.started;
  std::string label = MetricLabel(ctx);
  if (metrics_) metrics_->Finished(label, code, elapsed);
  if (edge_) edge_->Finished(ctx, http_status, code, elapsed);
  LogScope scope(ctx.log_context());
  LogInfo("http", "request",
          {{"method", ctx.method},
           {"route", label},
           {"path", ctx.path},
           {"status", http_status},
           {"client", ctx.client_address},
           {"ms", std::chrono::duration<double, std::milli>(elapsed).count()}});
}

}  // namespace safeloop::gateway
