// The edge's hooks on in-memory requests (no listener, no Redis: admission is off here; the integration and
// e2e tests cover it).
#include <catch2/catch.hpp>

#include "edge.hpp"

using namespace safeloop;
using namespace safeloop::gateway;
using namespace std::chrono_literals;

namespace {

struct Harness {
  SystemClock clock;
  std::vector<RouteSpec> routes = {{"POST", "/api/v1/things", "createThing", "", "t", AuthMode::kBearer, "", "Thing"}};
  RouteStatsRecorder stats{routes};
  std::unique_ptr<Edge> edge;
  std::vector<std::pair<int, StatusCode>> finished;

  explicit Harness(const char* origins = "https://console.example.com", bool hsts = false) {
    EdgeOptions options;
    options.cors = CorsPolicy(*CorsPolicy::ParseOrigins(origins));
    options.hsts = hsts;
    options.max_body_bytes = 1024;
    options.trusted_proxies = *TrustedProxies::Parse("127.0.0.1");
    edge = std::make_unique<Edge>(std::move(options), nullptr, &stats, nullptr, clock);
  }

  std::shared_ptr<RequestContext> Request(const std::string& method, const std::string& path,
                                          std::map<std::string, std::string> headers = {}) {
    web::http::http_request request(method);
    request.set_request_uri(path);
    for (const auto& [k, v] : headers) request.headers().add(k, v);
    auto ctx = std::make_shared<RequestContext>(request, "req-1", [this](const RequestContext& c, int s, StatusCode code) {
      finished.emplace_back(s, code);
      edge->Finished(c, s, code, 5ms);
    });
    ctx->method = method;
    ctx->path = path;
    Edge* e = edge.get();
    ctx->decorate_response = [e](const RequestContext& c, web::http::http_response& r) { e->DecorateResponse(c, r); };
    return ctx;
  }
};

web::http::http_response ResponseOf(const std::shared_ptr<RequestContext>& ctx) {
  REQUIRE(ctx->replied());
  return ctx->request.get_response().get();  // replied already: complete
}

std::string H(const web::http::http_response& r, const std::string& name) {
  auto it = r.headers().find(name);
  return it == r.headers().end() ? "" : it->second;
}

}  // namespace

TEST_CASE("a preflight from a listed origin is answered 204 with the CORS grant") {
  Harness h;
  auto ctx = h.Request("OPTIONS", "/api/v1/things",
                       {{"Origin", "https://console.example.com"}, {"Access-Control-Request-Method", "POST"}});
  CHECK_FALSE(h.edge->Admit(ctx, nullptr));
  auto r = ResponseOf(ctx);
  CHECK(r.status_code() == 204);
  CHECK(H(r, "Access-Control-Allow-Origin") == "https://console.example.com");
  CHECK_THAT(H(r, "Access-Control-Allow-Headers"), Catch::Contains("Authorization"));
  CHECK_THAT(H(r, "Access-Control-Allow-Methods"), Catch::Contains("DELETE"));
  CHECK(H(r, "Vary") == "Origin");
  CHECK(H(r, "X-Frame-Options") == "DENY");
  CHECK(h.stats.Take().empty());  // preflights are not API calls
}

TEST_CASE("a preflight from another origin gets no CORS headers") {
  Harness h;
  auto ctx = h.Request("OPTIONS", "/api/v1/things", {{"Origin", "https://evil.example"}});
  CHECK_FALSE(h.edge->Admit(ctx, nullptr));
  auto r = ResponseOf(ctx);
  CHECK(r.status_code() == 204);
  CHECK(H(r, "Access-Control-Allow-Origin").empty());
  CHECK(H(r, "Access-Control-Allow-Methods").empty());
}

TEST_CASE("ordinary replies carry security headers, CORS for listed origins, and keep a handler's Cache-Control") {
  Harness h("https://console.example.com", /*hsts=*/true);
  auto ctx = h.Request("GET", "/api/v1/things", {{"Origin", "https://console.example.com"}});
  REQUIRE(h.edge->Admit(ctx, nullptr));
  ctx->ReplyJson(web::http::status_codes::OK, {{"ok", true}});
  auto r = ResponseOf(ctx);
  CHECK(H(r, "X-Content-Type-Options") == "nosniff");
  CHECK(H(r, "Referrer-Policy") == "no-referrer");
  CHECK_THAT(H(r, "Content-Security-Policy"), Catch::Contains("default-src 'self'"));
  CHECK_THAT(H(r, "Strict-Transport-Security"), Catch::StartsWith("max-age="));
  CHECK(H(r, "Cache-Control") == "no-store");
  CHECK(H(r, "Access-Control-Allow-Origin") == "https://console.example.com");
  CHECK(H(r, "X-Request-Id") == "req-1");

  auto own = h.Request("GET", "/api/v1/openapi.json");
  REQUIRE(h.edge->Admit(own, nullptr));
  web::http::http_response response(web::http::status_codes::OK);
  response.headers()["Cache-Control"] = "no-cache";
  response.headers()["Vary"] = "Accept-Encoding";
  own->Send(std::move(response));
  auto r2 = ResponseOf(own);
  CHECK(H(r2, "Cache-Control") == "no-cache");
  CHECK(H(r2, "Vary") == "Accept-Encoding, Origin");
  CHECK(H(r2, "Strict-Transport-Security").size() > 0);
}

TEST_CASE("a declared body over the limit is refused with 413 before anything is read") {
  Harness h;
  auto ctx = h.Request("POST", "/api/v1/things", {{"Content-Length", "4096"}});
  CHECK_FALSE(h.edge->Admit(ctx, &h.routes[0]));
  auto r = ResponseOf(ctx);
  CHECK(r.status_code() == 413);
  CHECK(H(r, "Connection") == "close");
  auto body = nlohmann::json::parse(r.extract_utf8string(true).get());
  CHECK(body["error"]["code"] == "INVALID_ARGUMENT");
  CHECK(body["error"]["field"] == "body");

  auto bad = h.Request("POST", "/api/v1/things", {{"Content-Length", "lots"}});
  CHECK_FALSE(h.edge->Admit(bad, &h.routes[0]));
  CHECK(ResponseOf(bad).status_code() == 400);

  auto ok = h.Request("POST", "/api/v1/things", {{"Content-Length", "1024"}});
  CHECK(h.edge->Admit(ok, &h.routes[0]));
}

TEST_CASE("the client address is resolved through trusted proxies and calls are counted per route") {
  Harness h;
  auto ctx = h.Request("POST", "/api/v1/things", {{"X-Forwarded-For", "203.0.113.50"}});
  REQUIRE(h.edge->Admit(ctx, &h.routes[0]));
  // (no listener: the request's peer address is empty, so the header is not trusted)
  CHECK(ctx->client_address == "unknown");
  ctx->route = &h.routes[0];
  ctx->ReplyError(InvalidArgument("nope", "name"));
  auto counts = h.stats.Take();
  REQUIRE(counts.count("createThing") == 1);
  CHECK(counts["createThing"].count == 1);
  CHECK(counts["createThing"].errors_4xx == 1);
  REQUIRE(h.finished.size() == 1);
  CHECK(h.finished[0].first == 400);
}
