#pragma once
// The OpenAPI 3.0.3 document served at /api/v1/openapi.json, generated from the route table.

#include <nlohmann/json.hpp>
#include <vector>

#include "route_table.hpp"

namespace safeloop::gateway {

nlohmann::json BuildOpenApi(const std::vector<RouteSpec>& routes);

}  // namespace safeloop::gateway
