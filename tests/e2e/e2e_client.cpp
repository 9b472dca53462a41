#include "e2e_client.hpp"

#include "safeloop/auth/permissions.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <thread>

#include "safeloop/auth/jwt.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::e2e {
namespace {
const SystemClock& TestClock() {
  static const SystemClock clock;
  return clock;
}

auth::JwtConfig SigningConfig() {
  EnvReader env;
  auto config = auth::JwtConfig::FromEnv(env, auth::JwtKeyUse::kSign);
  env.Finish();  // throws with the missing SAFELOOP_JWT_* variables: source tools/lib/env.sh test
  return config;
}

std::string Issue(const auth::JwtConfig& config, const Tenant& tenant, std::vector<std::string> roles,
                  std::chrono::seconds ttl, const Clock& clock) {
  auto signer = auth::JwtSigner::Create(config, clock);
  REQUIRE(signer.ok());
  auto grants = auth::GrantsOfDefaultRoles(roles);
  REQUIRE(grants.ok());
  const bool platform = grants->scope == "platform";  // names no tenant
  auto token = signer->Issue({.subject = platform ? "e2e-ops" : "e2e-" + tenant.enterprise_id.substr(24),
                              .enterprise_id = platform ? "" : tenant.enterprise_id,
                              .park_id = platform ? "" : tenant.park_id,
                              .roles = std::move(roles),
                              .perms = grants->perms,
                              .scope = grants->scope,
                              .ttl = ttl,
                              .not_before = std::nullopt});
  REQUIRE(token.ok());
  return *token;
}
}  // namespace

std::string GatewayUrl() {
  const char* addr = std::getenv("SAFELOOP_HTTP_ADDR");
  return std::string("http://") + (addr && *addr ? addr : "127.0.0.1:18080");
}

std::string HttpResult::Header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return v;
    }
  }
  return "";
}

std::string HttpResult::ErrorField() const {
  if (!json.is_object() || !json.contains("error")) return "";
  return json["error"].value("field", "");
}

std::string HttpResult::ErrorCode() const {
  if (!json.is_object() || !json.contains("error")) return "";
  return json["error"].value("code", "");
}

HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                const std::optional<nlohmann::json>& body, const std::optional<std::string>& raw_body,
                const std::map<std::string, std::string>& headers) {
  web::http::client::http_client_config config;
  config.set_timeout(std::chrono::seconds(15));
  web::http::client::http_client client(GatewayUrl(), config);
  web::http::http_request request(method);
  request.set_request_uri(path);
  if (!token.empty()) request.headers().add("Authorization", "Bearer " + token);
  for (const auto& [k, v] : headers) request.headers().add(k, v);
  if (raw_body) {
    request.set_body(*raw_body, "application/json");
  } else if (body) {
    request.set_body(body->dump(), "application/json");
  }
  auto response = client.request(request).get();  // tests may block
  HttpResult result;
  result.status = response.status_code();
  result.text = response.extract_utf8string(true).get();
  result.json = nlohmann::json::parse(result.text, nullptr, false);
  for (const auto& [k, v] : response.headers()) result.headers[k] = v;
  return result;
}

HttpResult PollGet(const std::string& path, const std::string& token,
                   const std::function<bool(const HttpResult&)>& done, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    HttpResult result = Call("GET", path, token);
    if (done(result) || std::chrono::steady_clock::now() >= deadline) return result;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::string Tenant::Token(std::vector<std::string> roles, std::chrono::seconds ttl) const {
  static const auth::JwtConfig config = SigningConfig();
  return Issue(config, *this, std::move(roles), ttl, TestClock());
}

Tenant NewTenant() { return {NewUuidV7(), NewUuidV7()}; }

std::string PlatformOperatorToken() {
  static const auth::JwtConfig config = SigningConfig();
  return Issue(config, Tenant{}, {std::string(auth::role::kPlatformOperator)}, std::chrono::minutes(10), TestClock());
}

std::string ExpiredToken(const Tenant& tenant) {
  ManualClock past(std::chrono::system_clock::now() - std::chrono::hours(2));
  return Issue(SigningConfig(), tenant, {"safety_officer"}, std::chrono::hours(1), past);
}

std::string ForeignKeyToken(const Tenant& tenant) {
  auth::JwtConfig config = SigningConfig();
  auto pair = auth::GenerateEd25519KeyPair();
  config.algorithm = auth::JwtAlgorithm::kEdDSA;
  config.signing_key = pair.secret_key;
  config.verify_key = pair.public_key;
  return Issue(config, tenant, {"safety_officer"}, std::chrono::minutes(10), TestClock());
}

Plant CreatePlant(const std::string& token, const std::string& map_name) {
  Plant plant;
  auto map = Call("POST", "/api/v1/risk/maps", token,
                  nlohmann::json{{"name", map_name}, {"image_url", "/images/plant.png"}, {"width", 1600}, {"height", 900}});
  INFO(map.text);
  REQUIRE(map.status == 201);
  plant.map_id = map.json["id"];
  auto area = Call("POST", "/api/v1/risk/maps/" + plant.map_id + "/areas", token,
                   nlohmann::json::parse(
                       R"({"name":"液氨罐区","polygon":[{"x":100,"y":100},{"x":400,"y":100},{"x":400,"y":300},{"x":100,"y":300}]})"));
  INFO(area.text);
  REQUIRE(area.status == 201);
  plant.area_id = area.json["id"];
  auto point = Call("POST", "/api/v1/risk/areas/" + plant.area_id + "/points", token,
                    nlohmann::json{{"name", "液氨储罐"}, {"description", "泄漏 中毒 火灾爆炸"}});
  INFO(point.text);
  REQUIRE(point.status == 201);
  plant.point_id = point.json["id"];
  return plant;
}

std::string RandomId() { return NewUuidV7(); }

}  // namespace safeloop::e2e
