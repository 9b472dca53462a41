#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "gateway_config.hpp"
#include "safeloop/auth/encoding.hpp"

using namespace safeloop;
using namespace safeloop::gateway;
using Vars = std::map<std::string, std::string>;

namespace {
std::string PublicKeyFile() {
  auto path = std::filesystem::temp_directory_path() / ("safeloop-gw-config-" + std::to_string(::getpid()) + ".pub");
  std::ofstream(path) << auth::HexEncode(auth::GenerateEd25519KeyPair().public_key) << "\n";
  return path.string();
}
}  // namespace

TEST_CASE("defaults follow the dev profile; JWT settings are required") {
  std::string pub = PublicKeyFile();
  EnvReader env(Vars{{"SAFELOOP_JWT_PUBLIC_KEY_FILE", pub},
                     {"SAFELOOP_JWT_ISSUER", "safeloop-local"},
                     {"SAFELOOP_PG_URL", "postgresql://safeloop@127.0.0.1:55432/safeloop"}});
  auto config = GatewayConfig::FromEnv(env);
  CHECK(config.http_addr.ToString() == "127.0.0.1:8080");
  CHECK(config.risk_addr.ToString() == "127.0.0.1:50051");
  CHECK(config.personnel_addr.ToString() == "127.0.0.1:50052");
  CHECK(config.redis_addr.ToString() == "127.0.0.1:56379");
  CHECK(config.metrics_addr.ToString() == "127.0.0.1:9464");
  CHECK(config.web_root.empty());
  CHECK(config.log_level == LogLevel::kInfo);
  CHECK(config.jwt.algorithm == auth::JwtAlgorithm::kEdDSA);
  CHECK(config.jwt.verify_key.size() == 32);
  CHECK(config.rpc_deadline == std::chrono::seconds(5));
  // The edge: production-minded defaults, nothing trusted, no CORS, no HSTS.
  CHECK(config.pg_url == "postgresql://safeloop@127.0.0.1:55432/safeloop");
  CHECK(config.pg_pool_size == 4);
  CHECK(config.rate_limits.ip_per_s == 50);
  CHECK(config.rate_limits.ip_burst == 100);
  CHECK(config.rate_limits.account_per_s == 20);
  CHECK(config.rate_limits.account_burst == 60);
  CHECK(config.rate_limits.login_per_min == 10);
  CHECK(config.trusted_proxies.networks().empty());
  CHECK(config.cors_origins.empty());
  CHECK_FALSE(config.hsts);
  CHECK(config.max_body_bytes == 1024 * 1024);
  std::filesystem::remove(pub);
}

TEST_CASE("the edge settings are read and checked") {
  std::string pub = PublicKeyFile();
  EnvReader env(Vars{{"SAFELOOP_JWT_PUBLIC_KEY_FILE", pub},
                     {"SAFELOOP_JWT_ISSUER", "safeloop-local"},
                     {"SAFELOOP_PG_URL", "postgresql://x@db/safeloop"},
                     {"SAFELOOP_PG_POOL_SIZE", "6"},
                     {"SAFELOOP_RATE_IP_PER_S", "200"},
                     {"SAFELOOP_RATE_IP_BURST", "400"},
                     {"SAFELOOP_RATE_ACCOUNT_PER_S", "0"},
                     {"SAFELOOP_RATE_ACCOUNT_BURST", "0"},
                     {"SAFELOOP_RATE_LOGIN_PER_MIN", "30"},
                     {"SAFELOOP_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8"},
                     {"SAFELOOP_CORS_ORIGINS", "https://console.example.com"},
                     {"SAFELOOP_HSTS", "1"},
                     {"SAFELOOP_MAX_BODY_BYTES", "2097152"}});
  auto config = GatewayConfig::FromEnv(env);
  CHECK(config.pg_pool_size == 6);
  CHECK(config.rate_limits.ip_per_s == 200);
  CHECK(config.rate_limits.ip_burst == 400);
  CHECK(config.rate_limits.account_per_s == 0);
  CHECK(config.rate_limits.login_per_min == 30);
  CHECK(config.trusted_proxies.networks().size() == 2);
  CHECK(config.trusted_proxies.Contains(*IpAddress::Parse("10.3.2.1")));
  CHECK(config.cors_origins == std::vector<std::string>{"https://console.example.com"});
  CHECK(config.hsts);
  CHECK(config.max_body_bytes == 2097152);
  std::filesystem::remove(pub);
}

TEST_CASE("bad edge settings are reported together with the others") {
  EnvReader env(Vars{{"SAFELOOP_TRUSTED_PROXIES", "10.0.0.0/8, lb.internal"},
                     {"SAFELOOP_CORS_ORIGINS", "*"},
                     {"SAFELOOP_RATE_IP_PER_S", "-1"},
                     {"SAFELOOP_RATE_ACCOUNT_PER_S", "5"},
                     {"SAFELOOP_RATE_ACCOUNT_BURST", "0"},
                     {"SAFELOOP_HSTS", "maybe"},
                     {"SAFELOOP_MAX_BODY_BYTES", "10"}});
  std::string text;
  try {
    GatewayConfig::FromEnv(env);
  } catch (const ConfigError& e) {
    text = e.what();
  }
  CHECK_THAT(text, Catch::Contains("SAFELOOP_PG_URL is required"));
  CHECK_THAT(text, Catch::Contains("SAFELOOP_TRUSTED_PROXIES: 'lb.internal'"));
  CHECK_THAT(text, Catch::Contains("SAFELOOP_CORS_ORIGINS: '*'"));
  CHECK_THAT(text, Catch::Contains("SAFELOOP_RATE_IP_PER_S"));
  CHECK_THAT(text, Catch::Contains("SAFELOOP_RATE_ACCOUNT_BURST must be at least 1"));
  CHECK_THAT(text, Catch::Contains("SAFELOOP_HSTS"));
  CHECK_THAT(text, Catch::Contains("SAFELOOP_MAX_BODY_BYTES"));
  CHECK_THAT(text, Catch::Contains("SAFELOOP_JWT_ISSUER is required"));
}

TEST_CASE("every problem is reported at once") {
  EnvReader env(Vars{{"SAFELOOP_HTTP_ADDR", "localhost"},
                     {"SAFELOOP_RISK_ADDR", "127.0.0.1:99999"},
                     {"SAFELOOP_LOG_LEVEL", "loud"}});
  std::string text;
  try {
    GatewayConfig::FromEnv(env);
  } catch (const ConfigError& e) {
    text = e.what();
  }
  CHECK_THAT(text, Catch::Contains("SAFELOOP_HTTP_ADDR='localhost' is not host:port"));
  CHECK_THAT(text, Catch::Contains("SAFELOOP_RISK_ADDR='127.0.0.1:99999'"));
  CHECK_THAT(text, Catch::Contains("SAFELOOP_LOG_LEVEL='loud' must be one of"));
  CHECK_THAT(text, Catch::Contains("SAFELOOP_JWT_ISSUER is required"));
  CHECK_THAT(text, Catch::Contains("SAFELOOP_JWT_PUBLIC_KEY_FILE is required"));
}
