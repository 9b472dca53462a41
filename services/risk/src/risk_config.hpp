#pragma once
// Typed configuration of the risk service, read from the environment and validated at start.

#include <string>

#include "safeloop/auth/jwt_config.hpp"
#include "safeloop/core/config.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::risk {

struct RiskConfig {
  HostPort grpc_address;     // SAFELOOP_RISK_ADDR
  HostPort metrics_address;  // SAFELOOP_METRICS_ADDR
  std::string pg_url;        // SAFELOOP_PG_URL
  int pg_pool_size = 8;      // SAFELOOP_PG_POOL_SIZE
  HostPort redis_address;    // SAFELOOP_REDIS_ADDR
  std::string kafka_brokers; // SAFELOOP_KAFKA_BROKERS
  auth::JwtConfig jwt;       // SAFELOOP_JWT_*
  LogLevel log_level = LogLevel::kInfo;

  /// Throws ConfigError listing every problem.
  static RiskConfig FromEnv(EnvReader& env);
};

}  // namespace safeloop::risk
