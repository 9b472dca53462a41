#include "personnel_config.hpp"

namespace safeloop::personnel {

PersonnelConfig PersonnelConfig::FromEnv(EnvReader& env) {
  PersonnelConfig c;
  c.grpc_address = env.Address("SAFELOOP_PERSONNEL_ADDR", std::string("127.0.0.1:50052"));
  c.metrics_address = env.Address("SAFELOOP_METRICS_ADDR", std::string("127.0.0.1:9466"));
  c.pg_url = env.String("SAFELOOP_PG_URL");
  c.pg_pool_size = static_cast<int>(env.Int("SAFELOOP_PG_POOL_SIZE", 8, 1, 200));
  c.redis_address = env.Address("SAFELOOP_REDIS_ADDR");
  c.kafka_brokers = env.String("SAFELOOP_KAFKA_BROKERS");
  c.jwt = auth::JwtConfig::FromEnv(env, auth::JwtKeyUse::kSign);
  c.access_ttl = std::chrono::seconds(env.Int("SAFELOOP_ACCESS_TTL_S", 900, 30, 24 * 3600));
  c.refresh_ttl = std::chrono::seconds(env.Int("SAFELOOP_REFRESH_TTL_S", 7 * 24 * 3600, 300, 90 * 24 * 3600));
  c.lockout_threshold = static_cast<int>(env.Int("SAFELOOP_LOCKOUT_THRESHOLD", 5, 1, 100));
  c.lockout_duration = std::chrono::seconds(env.Int("SAFELOOP_LOCKOUT_S", 15 * 60, 1, 7 * 24 * 3600));
  c.certificate_reminder_days = static_cast<int>(env.Int("SAFELOOP_CERT_REMINDER_DAYS", 60, 1, 365));
  auto level = env.OneOf("SAFELOOP_LOG_LEVEL", {"debug", "info", "warn", "error"}, std::string("info"));
  ParseLogLevel(level, c.log_level);
  env.Finish();
  return c;
}

}  // namespace safeloop::personnel
