// Authentication at the edge: every /api route but the OpenAPI document needs a valid token.
#include <catch2/catch.hpp>

#include "e2e_client.hpp"

using namespace safeloop::e2e;

namespace {
void RequireUnauthenticated(const HttpResult& r, const std::string& message_part) {
  INFO(r.status << " " << r.text);
  CHECK(r.status == 401);
  CHECK(r.ErrorCode() == "UNAUTHENTICATED");
  CHECK_THAT(r.json["error"].value("message", ""), Catch::Contains(message_part));
  CHECK_FALSE(r.json["error"].value("request_id", "").empty());
  CHECK_THAT(r.Header("WWW-Authenticate"), Catch::StartsWith("Bearer"));
}
}  // namespace

TEST_CASE("requests without a valid token get 401 with the JSON error", "[e2e][auth]") {
  auto tenant = NewTenant();
  RequireUnauthenticated(Call("GET", "/api/v1/risk/maps"), "missing token");
  RequireUnauthenticated(Call("POST", "/api/v1/risk/maps", "", nlohmann::json{{"name", "x"}}), "missing token");
  RequireUnauthenticated(Call("GET", "/api/v1/risk/maps", ForeignKeyToken(tenant)), "bad signature");
  RequireUnauthenticated(Call("GET", "/api/v1/risk/maps", ExpiredToken(tenant)), "token expired at");
  RequireUnauthenticated(Call("GET", "/api/v1/risk/maps", "not.a.token"), "malformed token");
  RequireUnauthenticated(Call("GET", "/api/v1/risk/maps", "", std::nullopt, std::nullopt,
                              {{"Authorization", "Basic dXNlcjpwYXNz"}}),
                         "Bearer");
  // Tampered: a valid token whose payload was swapped for another tenant's.
  auto good = tenant.Token();
  auto other = NewTenant().Token();
  auto tampered = good.substr(0, good.find('.')) + other.substr(other.find('.'), other.rfind('.') - other.find('.')) +
                  good.substr(good.rfind('.'));
  RequireUnauthenticated(Call("GET", "/api/v1/risk/maps", tampered), "bad signature");
  CHECK(Call("GET", "/api/v1/risk/maps", good).status == 200);
}

TEST_CASE("request ids are echoed when sane and made up otherwise", "[e2e][auth]") {
  auto echoed = Call("GET", "/api/v1/risk/maps", "", std::nullopt, std::nullopt, {{"X-Request-Id", "e2e-req-42"}});
  CHECK(echoed.Header("X-Request-Id") == "e2e-req-42");
  CHECK(echoed.json["error"]["request_id"] == "e2e-req-42");
  auto replaced = Call("GET", "/api/v1/risk/maps", "", std::nullopt, std::nullopt, {{"X-Request-Id", "bad id<>"}});
  CHECK(replaced.Header("X-Request-Id").size() == 36);
}

TEST_CASE("health is public", "[e2e]") {
  auto health = Call("GET", "/healthz");
  INFO(health.text);
  CHECK(health.status == 200);
  CHECK(health.json == nlohmann::json::parse(R"({"status":"ok"})"));
}
