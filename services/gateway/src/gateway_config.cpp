#include "gateway_config.hpp"

#include <tuple>

#include "cors.hpp"

namespace safeloop::gateway {

GatewayConfig GatewayConfig::FromEnv(EnvReader& env) {
  GatewayConfig c;
  c.http_addr = env.Address("SAFELOOP_HTTP_ADDR", std::string("127.0.0.1:8080"));
  c.risk_addr = env.Address("SAFELOOP_RISK_ADDR", std::string("127.0.0.1:50051"));
  c.personnel_addr = env.Address("SAFELOOP_PERSONNEL_ADDR", std::string("127.0.0.1:50052"));
  c.redis_addr = env.Address("SAFELOOP_REDIS_ADDR", std::string("127.0.0.1:56379"));
  c.metrics_addr = env.Address("SAFELOOP_METRICS_ADDR", std::string("127.0.0.1:9464"));
  c.web_root = env.String("SAFELOOP_WEB_ROOT", std::string());
  std::string level = env.OneOf("SAFELOOP_LOG_LEVEL", {"debug", "info", "warn", "error"}, std::string("info"));
  ParseLogLevel(level, c.log_level);
  c.jwt = auth::JwtConfig::FromEnv(env, auth::JwtKeyUse::kVerify);

  c.pg_url = env.String("SAFELOOP_PG_URL");
  c.pg_pool_size = static_cast<int>(env.Int("SAFELOOP_PG_POOL_SIZE", 4, 1, 200));
  auto rate = [&env](const char* name, int fallback) { return static_cast<int>(env.Int(name, fallback, 0, 10'000'000)); };
  RateLimits defaults;
  c.rate_limits.ip_per_s = rate("SAFELOOP_RATE_IP_PER_S", defaults.ip_per_s);
  c.rate_limits.ip_burst = rate("SAFELOOP_RATE_IP_BURST", defaults.ip_burst);
  c.rate_limits.account_per_s = rate("SAFELOOP_RATE_ACCOUNT_PER_S", defaults.account_per_s);
  c.rate_limits.account_burst = rate("SAFELOOP_RATE_ACCOUNT_BURST", defaults.account_burst);
  c.rate_limits.login_per_min = rate("SAFELOOP_RATE_LOGIN_PER_MIN", defaults.login_per_min);
  c.hsts = env.Bool("SAFELOOP_HSTS", false);
  c.max_body_bytes = static_cast<std::size_t>(env.Int("SAFELOOP_MAX_BODY_BYTES", 1 << 20, 1024, 1LL << 30));

  // Lists are parsed here; their problems join EnvReader's so everything is reported at once.
  std::vector<std::string> problems;
  auto proxies = TrustedProxies::Parse(env.String("SAFELOOP_TRUSTED_PROXIES", std::string()));
  if (proxies.ok()) {
    c.trusted_proxies = *proxies;
  } else {
    problems.push_back("SAFELOOP_TRUSTED_PROXIES: " + proxies.status().message());
  }
  auto origins = CorsPolicy::ParseOrigins(env.String("SAFELOOP_CORS_ORIGINS", std::string()));
  if (origins.ok()) {
    c.cors_origins = *origins;
  } else {
    problems.push_back("SAFELOOP_CORS_ORIGINS: " + origins.status().message());
  }
  for (auto [per_s, burst, name] : {std::tuple{c.rate_limits.ip_per_s, c.rate_limits.ip_burst, "IP"},
                                    std::tuple{c.rate_limits.account_per_s, c.rate_limits.account_burst, "ACCOUNT"}}) {
    if (per_s > 0 && burst < 1) {
      problems.push_back(std::string("SAFELOOP_RATE_") + name + "_BURST must be at least 1 when SAFELOOP_RATE_" + name +
                         "_PER_S is set (0 turns the limit off)");
    }
  }
  try {
    env.Finish();
  } catch (const ConfigError& e) {
    problems.insert(problems.begin(), e.problems().begin(), e.problems().end());
  }
  if (!problems.empty()) throw ConfigError(problems);
  return c;
}

}  // namespace safeloop::gateway
