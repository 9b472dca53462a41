#pragma once
// RFC 3339 timestamps in query parameters and bodies ("2026-11-23T08:00:00Z", "…T08:00:00.123+08:00").

#include <optional>
#include <string_view>

#include "safeloop/core/clock.hpp"

namespace safeloop::gateway {

/// nullopt unless `text` is a full RFC 3339 date-time (seconds required, fraction optional, Z or ±hh:mm).
std::optional<TimePoint> ParseRfc3339(std::string_view text);

}  // namespace safeloop::gateway
