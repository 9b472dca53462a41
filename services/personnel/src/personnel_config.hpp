#pragma once
// Typed configuration of the personnel service, read from the environment and validated at start.

#include <chrono>
#include <string>

#include "safeloop/auth/jwt_config.hpp"
#include "safeloop/core/config.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::personnel {

inline constexpr char kSchema[] = "personnel";

struct PersonnelConfig {
  HostPort grpc_address;      // SAFELOOP_PERSONNEL_ADDR
  HostPort metrics_address;   // SAFELOOP_METRICS_ADDR
  std::string pg_url;         // SAFELOOP_PG_URL
  int pg_pool_size = 8;       // SAFELOOP_PG_POOL_SIZE
  HostPort redis_address;     // SAFELOOP_REDIS_ADDR (revoked sessions for the gateway)
  std::string kafka_brokers;  // SAFELOOP_KAFKA_BROKERS
  auth::JwtConfig jwt;        // SAFELOOP_JWT_* with the signing key: this service issues tokens
  std::chrono::seconds access_ttl{900};             // SAFELOOP_ACCESS_TTL_S
  std::chrono::seconds refresh_ttl{7 * 24 * 3600};  // SAFELOOP_REFRESH_TTL_S
  int lockout_threshold = 5;                        // SAFELOOP_LOCKOUT_THRESHOLD failed logins in a row
  std::chrono::seconds lockout_duration{15 * 60};   // SAFELOOP_LOCKOUT_S
  int certificate_reminder_days = 60;               // SAFELOOP_CERT_REMINDER_DAYS before expiry/review
  LogLevel log_level = LogLevel::kInfo;

  /// Throws ConfigError listing every problem.
  static PersonnelConfig FromEnv(EnvReader& env);
};

}  // namespace safeloop::personnel
