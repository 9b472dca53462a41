#include "json_mapping.hpp"

#include <chrono>

#include "safeloop/core/clock.hpp"

namespace safeloop::gateway {
namespace {
using nlohmann::json;

json PolygonJson(const google::protobuf::RepeatedPtrField<riskpb::Point2D>& polygon) {
  json out = json::array();
  for (const auto& p : polygon) out.push_back({{"x", p.x()}, {"y", p.y()}});
  return out;
}

void AddLevel(json& out, int level) {
  out["level"] = level;
  out["level_name"] = LevelName(level);
  out["color"] = LevelColor(level);
}
}  // namespace

std::string_view LevelName(int level) {
  switch (level) {
    case 1: return "重大风险";
    case 2: return "较大风险";
    case 3: return "一般风险";
    case 4: return "低风险";
    default: return "未评估";
  }
}

std::string_view LevelColor(int level) {
  switch (level) {
    case 1: return "red";
    case 2: return "orange";
    case 3: return "yellow";
    case 4: return "blue";
    default: return "none";
  }
}

std::string_view BandVariantName(riskpb::LecBandVariant variant) {
  return variant == riskpb::LEC_BAND_VARIANT_V2 ? "V2" : "V1";
}

json TimestampJson(bool present, const google::protobuf::Timestamp& timestamp) {
  if (!present) return nullptr;
  auto t = TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::seconds(timestamp.seconds()) +
                                                                     std::chrono::nanoseconds(timestamp.nanos())));
  return FormatRfc3339(t);
}

json PlantMapJson(const riskpb::PlantMap& map) {
  return {{"id", map.id()},
          {"name", map.name()},
          {"image_url", map.image_url()},
          {"width", map.width()},
          {"height", map.height()},
          {"created_at", TimestampJson(map.has_created_at(), map.created_at())}};
}

json AreaJson(const riskpb::Area& area) {
  json out = {{"id", area.id()}, {"map_id", area.map_id()}, {"name", area.name()},
              {"polygon", PolygonJson(area.polygon())}};
  AddLevel(out, area.inherent_level());
  out["created_at"] = TimestampJson(area.has_created_at(), area.created_at());
  return out;
}

json LecAssessmentJson(const riskpb::LecAssessment& a) {
  json out = {{"id", a.id()}, {"risk_point_id", a.risk_point_id()}, {"method", "LEC"}, {"l", a.l()},
              {"e", a.e()},   {"c", a.c()},                         {"d", a.d()}};
  AddLevel(out, a.level());
  out["band_variant"] = BandVariantName(a.band_variant());
  out["assessed_by"] = a.assessed_by();
  out["note"] = a.note();
  out["assessed_at"] = TimestampJson(a.has_assessed_at(), a.assessed_at());
  out["version"] = a.version();
  return out;
}

json RiskPointJson(const riskpb::RiskPoint& point) {
  json out = {{"id", point.id()}, {"area_id", point.area_id()}, {"name", point.name()},
              {"description", point.description()}};
  AddLevel(out, point.level());
  out["latest_assessment"] = point.has_latest_assessment() ? LecAssessmentJson(point.latest_assessment()) : json();
  out["created_at"] = TimestampJson(point.has_created_at(), point.created_at());
  return out;
}

json RiskMapJson(const riskpb::RiskMapView& view) {
  json areas = json::array();
  for (const auto& a : view.areas()) {
    json area = {{"area_id", a.area_id()}, {"name", a.name()}, {"polygon", PolygonJson(a.polygon())}};
    AddLevel(area, a.level());  // shown: the inherent level raised by the area's active dynamic factors
    area["inherent_level"] = static_cast<int>(a.inherent_level());
    area["version"] = a.version();
    areas.push_back(std::move(area));
  }
  return {{"map", PlantMapJson(view.map())}, {"version", view.version()}, {"areas", std::move(areas)}};
}

json ScoringSettingsJson(const riskpb::ScoringSettings& settings) {
  return {{"lec_band_variant", BandVariantName(settings.lec_band_variant())}};
}

json AreaChangeJson(const AreaChange& change) {
  json out = {{"area_id", change.area_id}, {"map_id", change.map_id}};
  AddLevel(out, change.level);
  out["version"] = change.version;
  return out;
}

}  // namespace safeloop::gateway
