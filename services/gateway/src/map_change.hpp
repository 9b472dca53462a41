#pragma once
// Messages of the live risk map on Redis pub/sub (docs/CONVENTIONS.md):
//   channel safeloop:{enterprise_id}:riskmap:changes, payload {"area_id","map_id","level","version"}.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "safeloop/core/status.hpp"

namespace safeloop::gateway {

/// The pattern the gateway subscribes to.
inline constexpr std::string_view kRiskMapChangesPattern = "safeloop:*:riskmap:changes";

struct AreaChange {
  std::string area_id;
  std::string map_id;
  int level = 0;  ///< 0 (not assessed) .. 4
  std::int64_t version = 0;
};

/// The enterprise id in "safeloop:{id}:riskmap:changes"; nullopt for any other channel or a non-UUID id.
std::optional<std::string> EnterpriseOfChannel(std::string_view channel);
/// INVALID_ARGUMENT naming the problem when the payload is not a well-formed change.
Result<AreaChange> ParseAreaChange(std::string_view payload);

}  // namespace safeloop::gateway
