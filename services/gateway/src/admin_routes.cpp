#include "admin_routes.hpp"

namespace safeloop::gateway {

std::vector<RouteSpec> AdminRoutes() {
  const std::string kAdmin = "admin";
  // Permission codes of the edge (the catalogue in libs/auth lists them for the role editor).
  const std::string kBlocklistRead = "gateway.blocklist.read";
  const std::string kBlocklistWrite = "gateway.blocklist.write";
  const std::string kApiRead = "gateway.api.read";
  const std::string kAuditRead = "gateway.audit.read";
  const QueryParam since{"since", "RFC 3339 start (inclusive); default: one hour ago", false};
  const QueryParam until{"until", "RFC 3339 end (exclusive); default: now", false};
  return {
      {"GET", "/api/v1/admin/ip-blocklist", "listIpBlocklist", "IP blocklist entries, expired ones included (黑名单IP)",
       kAdmin, AuthMode::kBearer, kBlocklistRead, "", 200, "IpBlocklist"},
      {"POST", "/api/v1/admin/ip-blocklist", "addIpBlocklistEntry",
       "Block an IP address or CIDR network at the edge (403 'address blocked' from then on)", kAdmin,
       AuthMode::kBearer, kBlocklistWrite, "CreateIpBlocklistEntryRequest", 201, "IpBlocklistEntry"},
      {"DELETE", "/api/v1/admin/ip-blocklist/{entry_id}", "deleteIpBlocklistEntry",
       "Remove a blocklist entry (unblock); answers the removed entry", kAdmin, AuthMode::kBearer, kBlocklistWrite, "",
       200, "IpBlocklistEntry"},
      {"GET", "/api/v1/admin/api-routes", "listApiRoutes",
       "Every API route with its group, authentication and required permission (分组管理, 授权管理)", kAdmin,
       AuthMode::kBearer, kApiRead, "", 200, "ApiRouteList"},
      {"GET", "/api/v1/admin/api-stats", "getApiStats",
       "Calls, 4xx/5xx errors and latency percentiles per route over every gateway replica (调用统计)", kAdmin,
       AuthMode::kBearer, kApiRead, "", 200, "ApiStats", "application/json",
       {since, until, {"route", "Only this route (operation id)", false}}},
      {"GET", "/api/v1/admin/audit-log", "listAuditLog",
       "The enterprise's audit log of writes through the API, newest first (cursor paging)", kAdmin, AuthMode::kBearer,
       kAuditRead, "", 200, "AuditLogPage", "application/json",
       {{"since", "RFC 3339 start (inclusive)", false},
        {"until", "RFC 3339 end (exclusive)", false},
        {"account", "Only this account (token sub)", false},
        {"operation", "Only this operation id", false},
        {"limit", "Page size 1..500, default 50", false},
        {"cursor", "next_cursor of the previous page", false}}},
  };
}

}  // namespace safeloop::gateway
