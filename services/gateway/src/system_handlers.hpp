#pragma once
// GET /healthz and GET /api/v1/openapi.json.

#include <vector>

#include "handler.hpp"
#include "risk_client.hpp"
#include "route_table.hpp"

namespace safeloop::gateway {

/// Adds "health" (risk service reachable → 200 {"status":"ok"}, else 503) and "getOpenApi" (the document
/// generated from `routes`, built once). `client` must outlive the handlers.
void AddSystemHandlers(RiskClient& client, const std::vector<RouteSpec>& routes, HandlerMap& handlers);

}  // namespace safeloop::gateway
