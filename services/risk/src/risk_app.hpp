#pragma once
// Composition root of the risk service: builds every component once, by constructor injection, runs
// until SIGTERM, then shuts down in reverse order (stop taking calls, drain, stop background loops).

#include "risk_config.hpp"

namespace safeloop::risk {

/// Returns the process exit code.
int RunRiskService(const RiskConfig& config);

}  // namespace safeloop::risk
