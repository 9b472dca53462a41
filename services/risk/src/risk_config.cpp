#include "risk_config.hpp"

namespace safeloop::risk {

RiskConfig RiskConfig::FromEnv(EnvReader& env) {
  RiskConfig c;
  c.grpc_address = env.Address("SAFELOOP_RISK_ADDR", std::string("127.0.0.1:50051"));
  c.metrics_address = env.Address("SAFELOOP_METRICS_ADDR", std::string("127.0.0.1:9465"));
  c.pg_url = env.String("SAFELOOP_PG_URL");
  c.pg_pool_size = static_cast<int>(env.Int("SAFELOOP_PG_POOL_SIZE", 8, 1, 200));
  c.redis_address = env.Address("SAFELOOP_REDIS_ADDR");
  c.kafka_brokers = env.String("SAFELOOP_KAFKA_BROKERS");
  c.jwt = auth::JwtConfig::FromEnv(env, auth::JwtKeyUse::kVerify);
  auto level = env.OneOf("SAFELOOP_LOG_LEVEL", {"debug", "info", "warn", "error"}, std::string("info"));
  ParseLogLevel(level, c.log_level);
  env.Finish();
  return c;
}

}  // namespace safeloop::risk
