#pragma once
// JSON bodies and path/query values → risk service requests, with field-level errors (INVALID_ARGUMENT and
// the offending field). Only shape and types are checked here; the risk service owns the domain rules
// (allowed LEC values, polygon geometry, ...), so values pass through unchanged.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "safeloop/core/status.hpp"
#include "safeloop/risk/v1/risk.pb.h"

namespace safeloop::gateway {

namespace riskpb = ::safeloop::risk::v1;

/// Largest request body accepted.
inline constexpr std::size_t kMaxBodyBytes = 1 << 20;

/// Parses a request body; malformed JSON or a non-object → INVALID_ARGUMENT field "body".
Result<nlohmann::json> ParseJsonBody(std::string_view text);
/// INVALID_ARGUMENT field `name` unless `value` is a UUID.
Status RequireUuid(std::string_view name, std::string_view value);

Result<riskpb::CreatePlantMapRequest> ToCreatePlantMap(const nlohmann::json& body);
Result<riskpb::CreateAreaRequest> ToCreateArea(const nlohmann::json& body, const std::string& map_id);
Result<riskpb::CreateRiskPointRequest> ToCreateRiskPoint(const nlohmann::json& body, const std::string& area_id);
Result<riskpb::AssessLecRequest> ToAssessLec(const nlohmann::json& body, const std::string& point_id);
Result<riskpb::UpdateScoringSettingsRequest> ToUpdateScoringSettings(const nlohmann::json& body);

}  // namespace safeloop::gateway
