#pragma once
// REST routes of the risk model chain (analysis objects, units, point profiles, risk events and control
// measures), transcoded to safeloop.risk.v1.RiskModelService.

#include <vector>

#include "route_table.hpp"

namespace safeloop::gateway {

std::vector<RouteSpec> RiskModelRoutes();

}  // namespace safeloop::gateway
