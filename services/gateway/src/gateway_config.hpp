#pragma once
// The gateway's configuration, from the environment (docs/CONVENTIONS.md).

#include <chrono>
#include <string>

#include "client_address.hpp"
#include "rate_limiter.hpp"
#include "safeloop/auth/jwt_config.hpp"
#include "safeloop/core/config.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::gateway {

struct GatewayConfig {
  HostPort http_addr;     ///< SAFELOOP_HTTP_ADDR, default 127.0.0.1:8080
  HostPort risk_addr;     ///< SAFELOOP_RISK_ADDR, default 127.0.0.1:50051
  HostPort personnel_addr;  ///< SAFELOOP_PERSONNEL_ADDR, default 127.0.0.1:50052
  HostPort redis_addr;    ///< SAFELOOP_REDIS_ADDR, default 127.0.0.1:56379
  HostPort metrics_addr;  ///< SAFELOOP_METRICS_ADDR, default 127.0.0.1:9464
  std::string web_root;   ///< SAFELOOP_WEB_ROOT; empty = no console
  auth::JwtConfig jwt;    ///< SAFELOOP_JWT_* (verify only)
  LogLevel log_level = LogLevel::kInfo;  ///< SAFELOOP_LOG_LEVEL
  std::chrono::milliseconds rpc_deadline{5000};
  std::chrono::milliseconds sse_keepalive{15000};

  // The edge (docs/CONVENTIONS.md, "Gateway edge").
  std::string pg_url;                  ///< SAFELOOP_PG_URL (required): the gateway schema (blocklist, audit log)
  int pg_pool_size = 4;                ///< SAFELOOP_PG_POOL_SIZE
  RateLimits rate_limits;              ///< SAFELOOP_RATE_{IP,ACCOUNT}_{PER_S,BURST}, SAFELOOP_RATE_LOGIN_PER_MIN
  TrustedProxies trusted_proxies;      ///< SAFELOOP_TRUSTED_PROXIES, default none
  std::vector<std::string> cors_origins;  ///< SAFELOOP_CORS_ORIGINS, default none
  bool hsts = false;                   ///< SAFELOOP_HSTS
  std::size_t max_body_bytes = 1 << 20;  ///< SAFELOOP_MAX_BODY_BYTES, default 1 MiB

  /// Throws ConfigError listing every problem.
  static GatewayConfig FromEnv(EnvReader& env);
};

}  // namespace safeloop::gateway
