#pragma once
// GET /api/v1/risk/map/stream: server-sent events of the live four-colour map.

#include <memory>

#include "handler.hpp"
#include "risk_client.hpp"
#include "stream_hub.hpp"

namespace safeloop::gateway {

/// Adds the "streamRiskMap" handler. `client` must outlive it; the hub is shared with stream completions.
void AddMapStreamHandler(RiskClient& client, std::shared_ptr<StreamHub> hub, HandlerMap& handlers);

}  // namespace safeloop::gateway
