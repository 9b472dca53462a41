#include "gateway_config.hpp"

namespace safeloop::gateway {

GatewayConfig GatewayConfig::FromEnv(EnvReader& env) {
  GatewayConfig c;
  c.http_addr = env.Address("SAFELOOP_HTTP_ADDR", std::string("127.0.0.1:8080"));
  c.risk_addr = env.Address("SAFELOOP_RISK_ADDR", std::string("127.0.0.1:50051"));
  c.redis_addr = env.Address("SAFELOOP_REDIS_ADDR", std::string("127.0.0.1:56379"));
  c.metrics_addr = env.Address("SAFELOOP_METRICS_ADDR", std::string("127.0.0.1:9464"));
  c.web_root = env.String("SAFELOOP_WEB_ROOT", std::string());
  std::string level = env.OneOf("SAFELOOP_LOG_LEVEL", {"debug", "info", "warn", "error"}, std::string("info"));
  ParseLogLevel(level, c.log_level);
  c.jwt = auth::JwtConfig::FromEnv(env, auth::JwtKeyUse::kVerify);
  env.Finish();
  return c;
}

}  // namespace safeloop::gateway
