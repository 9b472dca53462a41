#pragma once
// Handlers of the /api/v1/risk/* resource routes: validate, call the risk service, map the answer.

#include "handler.hpp"
#include "risk_client.hpp"

namespace safeloop::gateway {

/// Adds the risk resource handlers (every risk route except the SSE stream) to `handlers`.
/// `client` must outlive the handlers.
void AddRiskHandlers(RiskClient& client, HandlerMap& handlers);

}  // namespace safeloop::gateway
