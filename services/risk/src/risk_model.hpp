#pragma once
// Plain records the risk service passes between its layers (the repository returns them, the gRPC
// adapter turns them into protos). Levels use the pure domain type.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/risk_domain/lec.hpp"

namespace safeloop::risk {

struct Vertex {
  double x = 0;
  double y = 0;
};

struct PlantMapRecord {
  std::string id, name, image_url;
  int width = 0, height = 0;
  TimePoint created_at;
};

struct AreaRecord {
  std::string id, map_id, name;
  std::vector<Vertex> polygon;
  RiskLevel level = RiskLevel::kUnassessed;  // inherent: the highest level of its risk points
  std::int64_t level_version = 0;
  TimePoint created_at;
  RiskLevel shown = RiskLevel::kUnassessed;  // on the map: inherent raised by active dynamic factors
};

struct AssessmentRecord {
  std::string id, risk_point_id;
  LecInput input;
  LecScore score;
  LecBandVariant variant = LecBandVariant::kV1;
  std::string assessed_by, note;
  TimePoint assessed_at;
  int version = 0;
};

struct RiskPointRecord {
  std::string id, area_id, name, description;
  RiskLevel level = RiskLevel::kUnassessed;
  std::optional<AssessmentRecord> latest;
  TimePoint created_at;
};

/// One area's state on the live map (what Redis holds): `level` is the shown (dynamic) level.
struct AreaLevelState {
  std::string area_id, map_id;
  RiskLevel level = RiskLevel::kUnassessed;
  std::int64_t version = 0;
};

}  // namespace safeloop::risk
