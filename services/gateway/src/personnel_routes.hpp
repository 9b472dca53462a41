#pragma once
// REST routes of the personnel service (auth, tenancy, org, people, accounts, roles, certificates,
// contractors), transcoded to its gRPC methods.

#include <string>
#include <string_view>
#include <vector>

#include "route_table.hpp"

namespace safeloop::gateway {

/// A bearer route to "safeloop.personnel.v1.<grpc_method>" ("PeopleService.ListPeople").
RouteSpec PersonnelRpc(std::string method, std::string pattern, std::string operation_id, std::string summary,
                       std::string tag, std::string_view permission, std::string grpc_method,
                       int success_status = 200);

std::vector<RouteSpec> PersonnelRoutes();

}  // namespace safeloop::gateway
