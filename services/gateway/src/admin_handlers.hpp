#pragma once
// Handlers of AdminRoutes(). Their PostgreSQL and Redis reads run on the WorkerPool, never on a cpprestsdk
// pool thread.

#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "audit_log.hpp"
#include "blocklist_sync.hpp"
#include "handler.hpp"
#include "ip_blocklist.hpp"
#include "route_stats.hpp"
#include "worker_pool.hpp"

namespace safeloop::gateway {

struct AdminServices {
  BlocklistStore* blocklist = nullptr;
  BlocklistSync* blocklist_sync = nullptr;
  cache::RedisClient* redis = nullptr;  ///< statistics reads
  AuditLogReader* audit = nullptr;
  WorkerPool* workers = nullptr;
  const Clock* clock = nullptr;
  std::vector<RouteSpec> routes;  ///< every route served (the api-routes listing and the stats rows)
};

/// Adds listIpBlocklist, addIpBlocklistEntry, deleteIpBlocklistEntry, listApiRoutes, getApiStats,
/// listAuditLog. Everything in `services` must outlive the handlers.
void AddAdminHandlers(AdminServices services, HandlerMap& handlers);

/// {"items":[{"method","pattern","operation_id","summary","group","auth","permission"}]}
nlohmann::json ApiRoutesJson(const std::vector<RouteSpec>& routes);

/// {"since","until","items":[{"operation_id","method","pattern","group","count","errors_4xx","errors_5xx",
///  "latency_ms":{"mean","p50","p95","p99"}}]}: one item per route (zeros when never called), plus
/// "unmatched" when it has calls; only `route_filter` when it is not empty.
nlohmann::json ApiStatsJson(const std::vector<RouteSpec>& routes, const std::map<std::string, RouteCounts>& sums,
                            TimePoint since, TimePoint until, const std::string& route_filter);

/// The stats window from ?since=&until= (RFC 3339): default the last hour; since is clamped to the
/// retention. INVALID_ARGUMENT naming the parameter.
Result<std::pair<TimePoint, TimePoint>> StatsWindow(const std::map<std::string, std::string>& query, TimePoint now);

}  // namespace safeloop::gateway
