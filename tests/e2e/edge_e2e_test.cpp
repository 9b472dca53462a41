// The internet-facing edge through the running gateway: rate limits, the IP blocklist, body limits,
// security headers, CORS, API call statistics and the audit log. The test profile trusts 127.0.0.1 as a
// proxy (SAFELOOP_TRUSTED_PROXIES), so X-Forwarded-For from TEST-NET-3 (203.0.113.0/24) simulates distinct
// clients; 127.0.0.1 itself, our "proxy", is never limited or blocked.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>
#include <thread>

#include "e2e_client.hpp"

using namespace safeloop::e2e;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// Each test draws from its own part of 203.0.113.0/24, so one test's drained bucket never meets another's.
std::string FakeClient(int lo, int hi) {
  static std::mt19937 rng(std::random_device{}());
  return "203.0.113." + std::to_string(std::uniform_int_distribution<int>(lo, hi)(rng));
}

std::map<std::string, std::string> From(const std::string& ip) { return {{"X-Forwarded-For", ip}}; }

std::string AllowedOrigin() {
  const char* list = std::getenv("SAFELOOP_CORS_ORIGINS");
  std::string origins = list && *list ? list : "https://console.safeloop.test";
  return origins.substr(0, origins.find(','));
}

// A raw HTTP/1.1 exchange on loopback, for bodies cpprestsdk's client will not send the way we need
// (a huge declared length without the body, a chunked body that never ends).
class RawHttp {
 public:
  RawHttp() {
    std::string addr = GatewayUrl().substr(7);  // host:port
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(static_cast<uint16_t>(std::stoi(addr.substr(addr.find(':') + 1))));
    inet_pton(AF_INET, addr.substr(0, addr.find(':')).c_str(), &sa.sin_addr);
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0);
  }
  ~RawHttp() { ::close(fd_); }
  bool Send(const std::string& data) {
    return ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
  }
  bool Readable(std::chrono::milliseconds wait) {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(wait.count())) > 0;
  }
  /// Whatever arrives within `wait` (the response head and body; the server closes after it).
  std::string Receive(std::chrono::milliseconds wait) {
    std::string out;
    auto deadline = std::chrono::steady_clock::now() + wait;
    char buf[4096];
    while (std::chrono::steady_clock::now() < deadline && Readable(50ms)) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }

 private:
  int fd_ = -1;
};

json StatsOf(const std::string& token, const std::string& route) {
  auto r = Call("GET", "/api/v1/admin/api-stats?route=" + route, token);
  INFO(r.text);
  REQUIRE(r.status == 200);
  REQUIRE(r.json["items"].size() == 1);
  return r.json["items"][0];
}

}  // namespace

TEST_CASE("an address over its rate limit gets 429 with Retry-After, then recovers", "[e2e][edge]") {
  std::string ip = FakeClient(201, 254);
  HttpResult limited;
  int allowed = 0;
  for (int i = 0; i < 1000; ++i) {
    auto r = Call("GET", "/api/v1/openapi.json", "", std::nullopt, std::nullopt, From(ip));
    if (r.status == 429) {
      limited = r;
      break;
    }
    REQUIRE(r.status == 200);
    ++allowed;
  }
  INFO("allowed before the limit: " << allowed);
  REQUIRE(limited.status == 429);
  CHECK(allowed >= 1);
  CHECK(limited.ErrorCode() == "RESOURCE_EXHAUSTED");
  CHECK_FALSE(limited.json["error"].value("request_id", "").empty());
  int retry_after = std::stoi(limited.Header("Retry-After"));
  CHECK(retry_after >= 1);
  CHECK(retry_after <= 60);
  CHECK(limited.Header("X-Content-Type-Options") == "nosniff");

  // Other clients, and the proxy itself, are not affected.
  std::string other = FakeClient(201, 254);
  while (other == ip) other = FakeClient(201, 254);
  CHECK(Call("GET", "/api/v1/openapi.json", "", std::nullopt, std::nullopt, From(other)).status == 200);
  CHECK(Call("GET", "/api/v1/openapi.json").status == 200);

  std::this_thread::sleep_for(std::chrono::seconds(retry_after) + 100ms);
  CHECK(Call("GET", "/api/v1/openapi.json", "", std::nullopt, std::nullopt, From(ip)).status == 200);
}

TEST_CASE("a blocklisted address is refused until it is unblocked", "[e2e][edge]") {
  auto admin = PlatformOperatorToken();
  std::string ip = FakeClient(1, 100);
  std::string other = FakeClient(1, 100);
  while (other == ip) other = FakeClient(1, 100);
  auto add = Call("POST", "/api/v1/admin/ip-blocklist", admin,
                  json{{"cidr", ip}, {"reason", "e2e: credential stuffing"}});
  if (add.status == 409) {  // left over by an interrupted run: take it away and add it again
    auto list = Call("GET", "/api/v1/admin/ip-blocklist", admin);
    for (const auto& e : list.json["items"]) {
      if (e["cidr"] == ip + "/32") Call("DELETE", "/api/v1/admin/ip-blocklist/" + e["id"].get<std::string>(), admin);
    }
    add = Call("POST", "/api/v1/admin/ip-blocklist", admin, json{{"cidr", ip}, {"reason", "e2e: credential stuffing"}});
  }
  INFO(add.text);
  REQUIRE(add.status == 201);
  CHECK(add.json["cidr"] == ip + "/32");
  CHECK(add.json["active"] == true);
  CHECK(add.json["expires_at"].is_null());
  std::string id = add.json["id"];

  auto refused = Call("GET", "/api/v1/openapi.json", "", std::nullopt, std::nullopt, From(ip));
  CHECK(refused.status == 403);
  CHECK(refused.ErrorCode() == "PERMISSION_DENIED");
  CHECK(refused.json["error"]["message"] == "address blocked");
  // Blocked before anything else: with a valid token, for the console, for any path.
  CHECK(Call("GET", "/api/v1/risk/maps", admin, std::nullopt, std::nullopt, From(ip)).status == 403);
  CHECK(Call("GET", "/", "", std::nullopt, std::nullopt, From(ip)).status == 403);
  CHECK(Call("GET", "/api/v1/openapi.json", "", std::nullopt, std::nullopt, From(other)).status == 200);

  auto list = Call("GET", "/api/v1/admin/ip-blocklist", admin);
  REQUIRE(list.status == 200);
  CHECK(std::any_of(list.json["items"].begin(), list.json["items"].end(), [&](const json& e) { return e["id"] == id; }));

  // Nobody can lock themselves out: the caller here is 127.0.0.1.
  auto self = Call("POST", "/api/v1/admin/ip-blocklist", admin, json{{"cidr", "127.0.0.0/8"}, {"reason", "oops"}});
  CHECK(self.status == 400);
  CHECK(self.ErrorField() == "cidr");
  CHECK(Call("POST", "/api/v1/admin/ip-blocklist", admin, json{{"cidr", "not-an-ip"}, {"reason", "x"}}).ErrorField() ==
        "cidr");
  // Blocklist management needs its permission.
  CHECK(Call("POST", "/api/v1/admin/ip-blocklist", NewTenant().Token({"worker"}), json{{"cidr", ip}, {"reason", "x"}})
            .status == 403);

  auto removed = Call("DELETE", "/api/v1/admin/ip-blocklist/" + id, admin);
  INFO(removed.text);
  CHECK(removed.status == 200);
  CHECK(removed.json["id"] == id);
  CHECK(Call("GET", "/api/v1/openapi.json", "", std::nullopt, std::nullopt, From(ip)).status == 200);
  CHECK(Call("DELETE", "/api/v1/admin/ip-blocklist/" + id, admin).status == 404);
}

TEST_CASE("every response carries the security headers; API responses are not cached", "[e2e][edge]") {
  auto token = NewTenant().Token();
  for (const auto& r : {Call("GET", "/api/v1/risk/maps", token), Call("GET", "/"), Call("GET", "/healthz"),
                        Call("GET", "/api/v1/nothing-here", token)}) {
    INFO(r.status << " " << r.text.substr(0, 200));
    CHECK(r.Header("X-Content-Type-Options") == "nosniff");
    CHECK(r.Header("X-Frame-Options") == "DENY");
    CHECK(r.Header("Referrer-Policy") == "no-referrer");
    CHECK_THAT(r.Header("Content-Security-Policy"), Catch::Contains("default-src 'self'"));
    CHECK_THAT(r.Header("Content-Security-Policy"), Catch::Contains("frame-ancestors 'none'"));
  }
  CHECK(Call("GET", "/api/v1/risk/maps", token).Header("Cache-Control") == "no-store");
  CHECK(Call("GET", "/api/v1/risk/maps").Header("Cache-Control") == "no-store");  // errors too
  CHECK(Call("GET", "/healthz").Header("Cache-Control") != "no-store");
}

TEST_CASE("CORS preflights are answered for listed origins only", "[e2e][edge]") {
  std::string origin = AllowedOrigin();
  auto ok = Call("OPTIONS", "/api/v1/risk/maps", "", std::nullopt, std::nullopt,
                 {{"Origin", origin},
                  {"Access-Control-Request-Method", "POST"},
                  {"Access-Control-Request-Headers", "authorization,content-type,x-request-id"}});
  INFO(ok.text);
  CHECK(ok.status == 204);
  CHECK(ok.Header("Access-Control-Allow-Origin") == origin);
  CHECK_THAT(ok.Header("Access-Control-Allow-Methods"), Catch::Contains("POST"));
  for (const char* h : {"Authorization", "Content-Type", "X-Request-Id"}) {
    CHECK_THAT(ok.Header("Access-Control-Allow-Headers"), Catch::Contains(h));
  }
  CHECK_THAT(ok.Header("Vary"), Catch::Contains("Origin"));
  CHECK(ok.Header("Access-Control-Allow-Credentials").empty());

  auto refused = Call("OPTIONS", "/api/v1/risk/maps", "", std::nullopt, std::nullopt,
                      {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  CHECK(refused.status == 204);
  CHECK(refused.Header("Access-Control-Allow-Origin").empty());
  CHECK(refused.Header("Access-Control-Allow-Methods").empty());

  // The actual request from the listed origin may read the answer (and its request id).
  auto actual = Call("GET", "/api/v1/risk/maps", NewTenant().Token(), std::nullopt, std::nullopt, {{"Origin", origin}});
  CHECK(actual.status == 200);
  CHECK(actual.Header("Access-Control-Allow-Origin") == origin);
  CHECK_THAT(actual.Header("Access-Control-Expose-Headers"), Catch::Contains("X-Request-Id"));
  CHECK(Call("GET", "/api/v1/risk/maps", "", std::nullopt, std::nullopt, {{"Origin", "https://evil.example"}})
            .Header("Access-Control-Allow-Origin")
            .empty());
}

TEST_CASE("bodies over the limit are refused with 413, declared or chunked", "[e2e][edge]") {
  auto token = NewTenant().Token();
  std::string host = GatewayUrl().substr(7);
  {
    RawHttp http;
    REQUIRE(http.Send("POST /api/v1/risk/maps HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token +
                      "\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n"));
    // cpprestsdk's listener sends nothing before its first read of the body; that read (64 KiB) is where it
    // learns the gateway refused the rest. The other 49.9 MiB are never sent, never read.
    http.Send(std::string(128 * 1024, ' '));
    std::string response = http.Receive(5s);
    INFO(response);
    CHECK_THAT(response, Catch::StartsWith("HTTP/1.1 413"));
    CHECK_THAT(response, Catch::Contains("\"field\":\"body\""));
  }
  {
    RawHttp http;
    REQUIRE(http.Send("POST /api/v1/risk/maps HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token +
                      "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
    std::string chunk(64 * 1024, ' ');
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
    // Past the 1 MiB limit, then stop and wait: the answer must come without the body ever ending.
    for (int i = 0; i < 18 && !http.Readable(0ms); ++i) {
      if (!http.Send(size + chunk + "\r\n")) break;
    }
    std::string response = http.Receive(5s);
    INFO(response);
    CHECK_THAT(response, Catch::StartsWith("HTTP/1.1 413"));
  }
  // A normal body still goes through.
  CHECK(Call("POST", "/api/v1/risk/maps", token,
             json{{"name", "限额内"}, {"image_url", "/images/p.png"}, {"width", 10}, {"height", 10}})
            .status == 201);
}

TEST_CASE("api-routes lists the routes and api-stats counts calls over all replicas", "[e2e][edge]") {
  auto admin = PlatformOperatorToken();
  auto routes = Call("GET", "/api/v1/admin/api-routes", admin);
  INFO(routes.text.substr(0, 500));
  REQUIRE(routes.status == 200);
  json blocklist_route;
  for (const auto& r : routes.json["items"]) {
    if (r["operation_id"] == "addIpBlocklistEntry") blocklist_route = r;
  }
  CHECK(blocklist_route["permission"] == "gateway.blocklist.write");
  CHECK(blocklist_route["group"] == "admin");
  CHECK(blocklist_route["auth"] == "bearer");
  CHECK(blocklist_route["method"] == "POST");

  auto before = StatsOf(admin, "listApiRoutes");
  for (int i = 0; i < 3; ++i) CHECK(Call("GET", "/api/v1/admin/api-routes", admin).status == 200);
  CHECK(Call("GET", "/api/v1/admin/api-routes", NewTenant().Token({"worker"})).status == 403);
  // Each replica flushes once a second.
  json after;
  auto deadline = std::chrono::steady_clock::now() + 10s;
  do {
    std::this_thread::sleep_for(300ms);
    after = StatsOf(admin, "listApiRoutes");
  } while (after["count"].get<int>() < before["count"].get<int>() + 4 && std::chrono::steady_clock::now() < deadline);
  CHECK(after["count"].get<int>() >= before["count"].get<int>() + 4);
  CHECK(after["errors_4xx"].get<int>() >= before["errors_4xx"].get<int>() + 1);
  CHECK(after["pattern"] == "/api/v1/admin/api-routes");
  CHECK(after["latency_ms"]["p50"].get<double>() > 0);
  CHECK(after["latency_ms"]["p99"].get<double>() >= after["latency_ms"]["p50"].get<double>());

  CHECK(Call("GET", "/api/v1/admin/api-stats?since=yesterday", admin).ErrorField() == "since");
  CHECK(Call("GET", "/api/v1/admin/api-stats", NewTenant().Token({"worker"})).status == 403);
}

TEST_CASE("the edge's platform functions are closed to every tenant, its administrators included", "[e2e][edge]") {
  // The blocklist and the call statistics act on (and sum over) every tenant: an enterprise administrator,
  // whose role grants "*", must neither block an address for everyone nor read other tenants' traffic.
  auto tenant_admin = NewTenant().Token({"admin"});
  auto add = Call("POST", "/api/v1/admin/ip-blocklist", tenant_admin,
                  json{{"cidr", FakeClient(1, 100)}, {"reason", "e2e: not mine to block"}});
  CHECK(add.status == 403);
  CHECK_THAT(add.text, Catch::Contains("platform operators"));
  CHECK(Call("GET", "/api/v1/admin/ip-blocklist", tenant_admin).status == 403);
  CHECK(Call("GET", "/api/v1/admin/api-stats", tenant_admin).status == 403);
  CHECK(Call("GET", "/api/v1/admin/api-routes", tenant_admin).status == 403);
  // And the operator reaches no tenant's data: no audit log, no service call.
  auto ops = PlatformOperatorToken();
  CHECK(Call("GET", "/api/v1/admin/audit-log", ops).status == 403);
  CHECK(Call("GET", "/api/v1/risk/maps", ops).status == 403);
  CHECK(Call("GET", "/api/v1/personnel/people", ops).status == 403);
}

TEST_CASE("writes land in the audit log of their enterprise, failed ones too", "[e2e][edge]") {
  auto tenant = NewTenant();
  auto admin = tenant.Token({"admin"});
  std::string ip = FakeClient(101, 200);
  std::string request_id = "e2e-audit-" + RandomId();
  auto created = Call("POST", "/api/v1/risk/maps", admin,
                      json{{"name", "审计"}, {"image_url", "/images/p.png"}, {"width", 10}, {"height", 10}}, std::nullopt,
                      {{"X-Request-Id", request_id}, {"X-Forwarded-For", ip}, {"User-Agent", "edge-e2e/1.0"}});
  REQUIRE(created.status == 201);
  auto failed = Call("POST", "/api/v1/risk/maps", admin, json{{"name", ""}}, std::nullopt,
                     {{"X-Request-Id", request_id + "-bad"}});
  CHECK(failed.status == 400);
  Call("GET", "/api/v1/risk/maps", admin);  // reads are not audited

  HttpResult log;
  auto deadline = std::chrono::steady_clock::now() + 10s;
  do {
    std::this_thread::sleep_for(200ms);
    log = Call("GET", "/api/v1/admin/audit-log?limit=10", admin);
  } while ((log.status != 200 || log.json["items"].size() < 2) && std::chrono::steady_clock::now() < deadline);
  INFO(log.text);
  REQUIRE(log.status == 200);
  REQUIRE(log.json["items"].size() == 2);  // a fresh enterprise: exactly its two writes
  const json& bad = log.json["items"][0];  // newest first
  const json& good = log.json["items"][1];
  CHECK(bad["request_id"] == request_id + "-bad");
  CHECK(bad["http_status"] == 400);
  CHECK(bad["code"] == "INVALID_ARGUMENT");
  CHECK(good["request_id"] == request_id);
  CHECK(good["operation_id"] == "createPlantMap");
  CHECK(good["method"] == "POST");
  CHECK(good["path"] == "/api/v1/risk/maps");
  CHECK(good["http_status"] == 201);
  CHECK(good["code"] == "OK");
  CHECK(good["account"] == "e2e-" + tenant.enterprise_id.substr(24));
  CHECK(good["roles"] == json::array({"admin"}));
  CHECK(good["enterprise_id"] == tenant.enterprise_id);
  CHECK(good["client_address"] == ip);
  CHECK(good["user_agent"] == "edge-e2e/1.0");
  CHECK(good["elapsed_ms"].get<double>() > 0);
  CHECK(log.json["next_cursor"].is_null());

  auto filtered = Call("GET", "/api/v1/admin/audit-log?operation=createPlantMap&account=" + good["account"].get<std::string>(),
                       admin);
  REQUIRE(filtered.status == 200);
  CHECK(filtered.json["items"].size() == 2);  // both attempts were createPlantMap
  auto paged = Call("GET", "/api/v1/admin/audit-log?limit=1", admin);
  REQUIRE(paged.status == 200);
  REQUIRE(paged.json["next_cursor"].is_string());
  auto next = Call("GET", "/api/v1/admin/audit-log?limit=1&cursor=" + paged.json["next_cursor"].get<std::string>(), admin);
  REQUIRE(next.status == 200);
  REQUIRE(next.json["items"].size() == 1);
  CHECK(next.json["items"][0]["request_id"] == request_id);

  // Another enterprise sees none of it; reading the log needs its permission.
  auto other = Call("GET", "/api/v1/admin/audit-log", NewTenant().Token({"admin"}));
  REQUIRE(other.status == 200);
  CHECK(other.json["items"].empty());
  CHECK(Call("GET", "/api/v1/admin/audit-log", tenant.Token({"worker"})).status == 403);
}
