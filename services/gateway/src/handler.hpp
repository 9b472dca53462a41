#pragma once
// A route handler runs on a cpprestsdk pool thread after authentication, authorization and body parsing.
// It must not block: it starts backend calls and replies from their completion callbacks.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "request_context.hpp"

namespace safeloop::gateway {

using Handler = std::function<void(const std::shared_ptr<RequestContext>&)>;
/// Handlers by RouteSpec::operation_id.
using HandlerMap = std::map<std::string, Handler>;

}  // namespace safeloop::gateway
