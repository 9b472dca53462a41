#pragma once
// The gateway's configuration, from the environment (docs/CONVENTIONS.md).

#include <chrono>
#include <string>

#include "safeloop/auth/jwt_config.hpp"
#include "safeloop/core/config.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::gateway {

struct GatewayConfig {
  HostPort http_addr;     ///< SAFELOOP_HTTP_ADDR, default 127.0.0.1:8080
  HostPort risk_addr;     ///< SAFELOOP_RISK_ADDR, default 127.0.0.1:50051
  HostPort redis_addr;    ///< SAFELOOP_REDIS_ADDR, default 127.0.0.1:56379
  HostPort metrics_addr;  ///< SAFELOOP_METRICS_ADDR, default 127.0.0.1:9464
  std::string web_root;   ///< SAFELOOP_WEB_ROOT; empty = no console
  auth::JwtConfig jwt;    ///< SAFELOOP_JWT_* (verify only)
  LogLevel log_level = LogLevel::kInfo;  ///< SAFELOOP_LOG_LEVEL
  std::chrono::milliseconds rpc_deadline{5000};
  std::chrono::milliseconds sse_keepalive{15000};

  /// Throws ConfigError listing every problem.
  static GatewayConfig FromEnv(EnvReader& env);
};

}  // namespace safeloop::gateway
