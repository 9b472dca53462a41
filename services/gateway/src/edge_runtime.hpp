#pragma once
// The edge's components, built from the configuration in dependency order, so main.cpp only wires:
// the gateway schema's migrations, the PostgreSQL pool, the Redis pool for admission, the blocklist store
// and its mirror sync, the statistics recorder and flusher, the audit writer and reader, and the Edge.

#include <memory>
#include <vector>

#include "admin_handlers.hpp"
#include "edge.hpp"
#include "gateway_config.hpp"

namespace safeloop::gateway {

class EdgeRuntime {
 public:
  /// Applies the migrations of the gateway schema first; throws std::runtime_error when they fail (the
  /// gateway does not start without its tables). Everything passed in must outlive the runtime.
  EdgeRuntime(const GatewayConfig& config, prometheus::Registry& registry, const Clock& clock,
              const std::vector<RouteSpec>& routes);
  ~EdgeRuntime();

  /// Starts the background threads (blocklist sync, statistics flush, audit writer).
  void Start();
  /// Stops them, flushing statistics and the audit queue. Call after the HTTP server has closed.
  void Stop();

  Edge& edge() { return *edge_; }
  /// What the admin handlers use; `routes` is every route served.
  AdminServices AdminServicesFor(std::vector<RouteSpec> routes);

 private:
  const Clock* clock_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<RedisPool> redis_pool_;
  std::unique_ptr<cache::RedisClient> background_redis_;  // mirror writes and statistics flushes
  std::unique_ptr<cache::RedisClient> query_redis_;       // statistics reads of the admin routes
  std::unique_ptr<Admission> admission_;
  std::unique_ptr<BlocklistStore> blocklist_;
  std::unique_ptr<BlocklistSync> blocklist_sync_;
  std::unique_ptr<RouteStatsRecorder> stats_;
  std::unique_ptr<StatsFlusher> stats_flusher_;
  std::unique_ptr<AuditWriter> audit_writer_;
  std::unique_ptr<AuditLogReader> audit_reader_;
  std::unique_ptr<WorkerPool> workers_;
  std::unique_ptr<Edge> edge_;
  bool started_ = false;
};

}  // namespace safeloop::gateway
