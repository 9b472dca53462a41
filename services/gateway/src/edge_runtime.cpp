#include "edge_runtime.hpp"

#include <stdexcept>

#include "safeloop/db/migrations.hpp"

namespace safeloop::gateway {

std::vector<db::Migration> EmbeddedMigrations();  // generated from services/gateway/migrations

namespace {
constexpr const char* kSchema = "gateway";
}  // namespace

EdgeRuntime::EdgeRuntime(const GatewayConfig& config, prometheus::Registry& registry, const Clock& clock,
                         const std::vector<RouteSpec>& routes)
    : clock_(&clock) {
  {
    pqxx::connection conn(config.pg_url);
    auto applied = db::ApplyMigrations(conn, kSchema, EmbeddedMigrations());
    if (!applied.ok()) throw std::runtime_error("gateway migrations failed: " + applied.status().ToString());
  }
  pool_ = std::make_unique<db::ConnectionPool>(config.pg_url, config.pg_pool_size);
  redis_pool_ = std::make_unique<RedisPool>(RedisPoolOptions{config.redis_addr});
  background_redis_ = std::make_unique<cache::RedisClient>(
      cache::RedisOptions{config.redis_addr, std::chrono::milliseconds(1000), std::chrono::milliseconds(1000),
                          "safeloop-gateway-background"});
  query_redis_ = std::make_unique<cache::RedisClient>(
      cache::RedisOptions{config.redis_addr, std::chrono::milliseconds(1000), std::chrono::milliseconds(3000),
                          "safeloop-gateway-admin"});
  admission_ = std::make_unique<Admission>(*redis_pool_, config.rate_limits, registry);
  blocklist_ = std::make_unique<BlocklistStore>(*pool_, clock);
  blocklist_sync_ = std::make_unique<BlocklistSync>(*blocklist_, *background_redis_, registry);
  // A Redis that comes back after an outage may have restarted empty: rebuild the mirror at once.
  redis_pool_->SetOnRecovered([sync = blocklist_sync_.get()] { sync->Poke(); });
  stats_ = std::make_unique<RouteStatsRecorder>(routes);
  stats_flusher_ = std::make_unique<StatsFlusher>(*stats_, *background_redis_, clock, registry);
  audit_writer_ = std::make_unique<AuditWriter>(*pool_, registry, AuditWriter::Options{});
  audit_reader_ = std::make_unique<AuditLogReader>(*pool_);
  workers_ = std::make_unique<WorkerPool>(2, 256);

  EdgeOptions options;
  options.trusted_proxies = config.trusted_proxies;
  options.cors = CorsPolicy(config.cors_origins);
  options.hsts = config.hsts;
  options.max_body_bytes = config.max_body_bytes;
  edge_ = std::make_unique<Edge>(std::move(options), admission_.get(), stats_.get(), audit_writer_.get(), clock);
}

EdgeRuntime::~EdgeRuntime() { Stop(); }

void EdgeRuntime::Start() {
  if (started_) return;
  started_ = true;
  blocklist_sync_->Start();
  stats_flusher_->Start();
  audit_writer_->Start();
}

void EdgeRuntime::Stop() {
  if (!started_) return;
  started_ = false;
  workers_.reset();  // finishes queued admin requests
  audit_writer_->Stop();
  stats_flusher_->Stop();
  blocklist_sync_->Stop();
}

AdminServices EdgeRuntime::AdminServicesFor(std::vector<RouteSpec> routes) {
  AdminServices s;
  s.blocklist = blocklist_.get();
  s.blocklist_sync = blocklist_sync_.get();
  s.redis = query_redis_.get();
  s.audit = audit_reader_.get();
  s.workers = workers_.get();
  s.clock = clock_;
  s.routes = std::move(routes);
  return s;
}

}  // namespace safeloop::gateway
