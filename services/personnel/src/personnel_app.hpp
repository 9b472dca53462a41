#pragma once
// Composition root of the personnel service: builds the shared infrastructure and the three modules,
// serves until SIGTERM, then shuts down in reverse order.

#include "personnel_config.hpp"

namespace safeloop::personnel {

/// Returns the process exit code.
int RunPersonnelService(const PersonnelConfig& config);

}  // namespace safeloop::personnel
