#include <catch2/catch.hpp>

#include "admin_handlers.hpp"
#include "admin_routes.hpp"
#include "rfc3339.hpp"

using namespace safeloop;
using namespace safeloop::gateway;
using namespace std::chrono_literals;
using nlohmann::json;

TEST_CASE("the admin routes carry the gateway permission codes") {
  std::map<std::string, std::string> want = {{"listIpBlocklist", "gateway.blocklist.read"},
                                             {"addIpBlocklistEntry", "gateway.blocklist.write"},
                                             {"deleteIpBlocklistEntry", "gateway.blocklist.write"},
                                             {"listApiRoutes", "gateway.api.read"},
                                             {"getApiStats", "gateway.api.read"},
                                             {"listAuditLog", "gateway.audit.read"}};
  auto routes = AdminRoutes();
  CHECK(routes.size() == want.size());
  for (const auto& r : routes) {
    INFO(r.operation_id);
    CHECK(want.at(r.operation_id) == r.permission);
    CHECK(r.auth == AuthMode::kBearer);
    CHECK(r.tag == "admin");
  }
  // They are part of what the gateway serves.
  auto all = GatewayRoutes();
  CHECK(std::count_if(all.begin(), all.end(), [](const RouteSpec& r) { return r.tag == "admin"; }) == 6);
}

TEST_CASE("api-routes lists every route with its group, auth mode and permission") {
  std::vector<RouteSpec> routes = {{"GET", "/healthz", "health", "Health", "system", AuthMode::kPublic},
                                   {"POST", "/api/v1/x", "createX", "Make x", "risk", AuthMode::kBearer, "risk.x.write"}};
  auto j = ApiRoutesJson(routes);
  REQUIRE(j["items"].size() == 2);
  CHECK(j["items"][0] == json::parse(R"({"method":"GET","pattern":"/healthz","operation_id":"health",
      "summary":"Health","group":"system","auth":"public","permission":""})"));
  CHECK(j["items"][1]["auth"] == "bearer");
  CHECK(j["items"][1]["permission"] == "risk.x.write");
}

TEST_CASE("api-stats has a row per route, zeros for routes never called") {
  std::vector<RouteSpec> routes = {{"GET", "/a", "getA", "", "g1"}, {"POST", "/b", "postB", "", "g2"}};
  RouteCounts a;
  a.count = 4;
  a.errors_5xx = 1;
  a.total_us = 40'000;
  a.latency[3] = 4;
  RouteCounts unmatched;
  unmatched.count = 2;
  unmatched.errors_4xx = 2;
  unmatched.latency[0] = 2;
  auto since = *ParseRfc3339("2026-11-23T08:00:00Z");
  auto j = ApiStatsJson(routes, {{"getA", a}, {kUnmatchedRoute, unmatched}}, since, since + 1h, "");
  CHECK(j["since"] == "2026-11-23T08:00:00.000Z");
  CHECK(j["until"] == "2026-11-23T09:00:00.000Z");
  REQUIRE(j["items"].size() == 3);
  CHECK(j["items"][0]["operation_id"] == "getA");
  CHECK(j["items"][0]["group"] == "g1");
  CHECK(j["items"][0]["count"] == 4);
  CHECK(j["items"][0]["errors_5xx"] == 1);
  CHECK(j["items"][0]["latency_ms"]["mean"] == 10.0);
  CHECK(j["items"][0]["latency_ms"]["p50"] == 7.5);
  CHECK(j["items"][1]["count"] == 0);
  CHECK(j["items"][1]["latency_ms"]["p99"] == 0.0);
  CHECK(j["items"][2]["operation_id"] == "unmatched");
  CHECK(j["items"][2]["errors_4xx"] == 2);

  auto one = ApiStatsJson(routes, {{"getA", a}}, since, since + 1h, "postB");
  REQUIRE(one["items"].size() == 1);
  CHECK(one["items"][0]["operation_id"] == "postB");
}

TEST_CASE("the stats window defaults to the last hour and stays within the retention") {
  auto now = *ParseRfc3339("2026-11-23T08:00:00Z");
  auto w = StatsWindow({}, now);
  REQUIRE(w.ok());
  CHECK(w->first == now - 1h);
  CHECK(w->second == now);
  auto old = StatsWindow({{"since", "2026-01-01T00:00:00Z"}}, now);
  REQUIRE(old.ok());
  CHECK(old->first == now - std::chrono::hours(8 * 24));
  CHECK(StatsWindow({{"since", "2026-11-23T09:00:00Z"}}, now).status().field() == "since");
  CHECK(StatsWindow({{"until", "soon"}}, now).status().field() == "until");
}

TEST_CASE("a blocklist entry needs a network and a reason; expiry is optional and in the future") {
  auto now = *ParseRfc3339("2026-11-23T08:00:00Z");
  auto e = ParseNewBlocklistEntry(json{{"cidr", "203.0.113.9/24"}, {"reason", "credential stuffing"}}, now);
  REQUIRE(e.ok());
  CHECK(e->network.ToString() == "203.0.113.0/24");
  CHECK_FALSE(e->expires_at);
  auto timed = ParseNewBlocklistEntry(
      json{{"cidr", "2001:db8::1"}, {"reason", "scan"}, {"expires_at", "2026-11-24T08:00:00Z"}}, now);
  REQUIRE(timed.ok());
  CHECK(timed->network.ToString() == "2001:db8::1/128");
  CHECK(timed->expires_at == now + 24h);

  CHECK(ParseNewBlocklistEntry(json{{"reason", "x"}}, now).status().field() == "cidr");
  CHECK(ParseNewBlocklistEntry(json{{"cidr", "somewhere"}, {"reason", "x"}}, now).status().field() == "cidr");
  CHECK(ParseNewBlocklistEntry(json{{"cidr", "203.0.113.9"}}, now).status().field() == "reason");
  CHECK(ParseNewBlocklistEntry(json{{"cidr", "203.0.113.9"}, {"reason", ""}}, now).status().field() == "reason");
  CHECK(ParseNewBlocklistEntry(json{{"cidr", "203.0.113.9"}, {"reason", std::string(501, 'x')}}, now)
            .status()
            .field() == "reason");
  CHECK(ParseNewBlocklistEntry(json{{"cidr", "203.0.113.9"}, {"reason", "x"}, {"expires_at", "2026-11-23T07:00:00Z"}},
                               now)
            .status()
            .field() == "expires_at");
  CHECK(ParseNewBlocklistEntry(json{{"cidr", "203.0.113.9"}, {"reason", "x"}, {"expires_at", 5}}, now)
            .status()
            .field() == "expires_at");
}

TEST_CASE("the Redis mirror is keyed by canonical network with the expiry in ms") {
  auto now = *ParseRfc3339("2026-11-23T08:00:00Z");
  BlocklistEntry forever{"1", "203.0.113.0/24", "r", "u", "", now, std::nullopt};
  BlocklistEntry timed{"2", "198.51.100.7/32", "r", "u", "", now, now + 1h};
  auto fields = MirrorFields({forever, timed});
  CHECK(fields == std::map<std::string, std::string>{{"203.0.113.0/24", "0"},
                                                     {"198.51.100.7/32", std::to_string(UnixMillis(now + 1h))}});
  auto j = BlocklistEntryJson(timed, now);
  CHECK(j["cidr"] == "198.51.100.7/32");
  CHECK(j["active"] == true);
  CHECK(BlocklistEntryJson(timed, now + 2h)["active"] == false);
  CHECK(BlocklistEntryJson(forever, now)["expires_at"].is_null());
}
