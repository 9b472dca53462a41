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
  EnvReader env(Vars{{"SAFELOOP_JWT_PUBLIC_KEY_FILE", pub}, {"SAFELOOP_JWT_ISSUER", "safeloop-local"}});
  auto config = GatewayConfig::FromEnv(env);
  CHECK(config.http_addr.ToString() == "127.0.0.1:8080");
  CHECK(config.risk_addr.ToString() == "127.0.0.1:50051");
  CHECK(config.redis_addr.ToString() == "127.0.0.1:56379");
  CHECK(config.metrics_addr.ToString() == "127.0.0.1:9464");
  CHECK(config.web_root.empty());
  CHECK(config.log_level == LogLevel::kInfo);
  CHECK(config.jwt.algorithm == auth::JwtAlgorithm::kEdDSA);
  CHECK(config.jwt.verify_key.size() == 32);
  CHECK(config.rpc_deadline == std::chrono::seconds(5));
  std::filesystem::remove(pub);
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
