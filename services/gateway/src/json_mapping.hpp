#pragma once
// Proto → JSON in the shapes of docs/API.md: snake_case field names, levels with their Chinese name and
// colour, band variants as "V1"/"V2", timestamps as RFC 3339.

#include <google/protobuf/timestamp.pb.h>

#include <nlohmann/json.hpp>
#include <string_view>

#include "map_change.hpp"
#include "safeloop/risk/v1/risk.pb.h"

namespace safeloop::gateway {

namespace riskpb = ::safeloop::risk::v1;

/// 重大风险 / 较大风险 / 一般风险 / 低风险 for 1..4, 未评估 otherwise.
std::string_view LevelName(int level);
/// red / orange / yellow / blue for 1..4, none otherwise.
std::string_view LevelColor(int level);
/// "V1" / "V2" (an unset variant is the default V1).
std::string_view BandVariantName(riskpb::LecBandVariant variant);

/// RFC 3339 text, or null when the timestamp is unset.
nlohmann::json TimestampJson(bool present, const google::protobuf::Timestamp& timestamp);

nlohmann::json PlantMapJson(const riskpb::PlantMap& map);
nlohmann::json AreaJson(const riskpb::Area& area);
nlohmann::json LecAssessmentJson(const riskpb::LecAssessment& assessment);
nlohmann::json RiskPointJson(const riskpb::RiskPoint& point);
nlohmann::json RiskMapJson(const riskpb::RiskMapView& view);
nlohmann::json ScoringSettingsJson(const riskpb::ScoringSettings& settings);
/// The data of an SSE area-level event.
nlohmann::json AreaChangeJson(const AreaChange& change);

/// {"items":[...]} of any repeated message with a per-item mapper.
template <typename Repeated, typename Mapper>
nlohmann::json ItemsJson(const Repeated& items, Mapper mapper) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& item : items) list.push_back(mapper(item));
  return {{"items", std::move(list)}};
}

}  // namespace safeloop::gateway
