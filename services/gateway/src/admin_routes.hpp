#pragma once
// The API management routes of the edge (API管理: 分组管理, 授权管理, 调用统计, 流量控制, 黑名单IP), appended to
// GatewayRoutes() by route_table.cpp; handlers in admin_handlers.cpp.

#include <vector>

#include "route_table.hpp"

namespace safeloop::gateway {

/// GET/POST /api/v1/admin/ip-blocklist, DELETE …/{entry_id}, GET /api/v1/admin/api-routes, api-stats, audit-log.
std::vector<RouteSpec> AdminRoutes();

}  // namespace safeloop::gateway
