#include <catch2/catch.hpp>

#include "json_mapping.hpp"

using namespace safeloop::gateway;
using nlohmann::json;

namespace {
google::protobuf::Timestamp Ts(std::int64_t seconds, int nanos = 0) {
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  t.set_nanos(nanos);
  return t;
}

riskpb::LecAssessment Assessment() {
  riskpb::LecAssessment a;
  a.set_id("as-1");
  a.set_risk_point_id("rp-1");
  a.set_l(6);
  a.set_e(6);
  a.set_c(15);
  a.set_d(540);
  a.set_level(riskpb::RISK_LEVEL_MAJOR);
  a.set_band_variant(riskpb::LEC_BAND_VARIANT_V1);
  a.set_assessed_by("user-1");
  a.set_note("储罐区");
  *a.mutable_assessed_at() = Ts(1'790'000'000, 250'000'000);
  a.set_version(2);
  return a;
}
}  // namespace

TEST_CASE("levels have their national names and colours") {
  struct Row {
    int level;
    const char* name;
    const char* color;
  };
  for (auto row : {Row{1, "重大风险", "red"}, Row{2, "较大风险", "orange"}, Row{3, "一般风险", "yellow"},
                   Row{4, "低风险", "blue"}, Row{0, "未评估", "none"}, Row{7, "未评估", "none"}}) {
    CHECK(LevelName(row.level) == row.name);
    CHECK(LevelColor(row.level) == row.color);
  }
  CHECK(BandVariantName(riskpb::LEC_BAND_VARIANT_V1) == "V1");
  CHECK(BandVariantName(riskpb::LEC_BAND_VARIANT_V2) == "V2");
  CHECK(BandVariantName(riskpb::LEC_BAND_VARIANT_UNSPECIFIED) == "V1");
}

TEST_CASE("timestamps are RFC 3339 UTC, null when unset") {
  CHECK(TimestampJson(true, Ts(1'790'000'000, 123'456'789)) == "2026-09-21T14:13:20.123Z");
  CHECK(TimestampJson(false, Ts(0)).is_null());
}

TEST_CASE("PlantMap") {
  riskpb::PlantMap map;
  map.set_id("m-1");
  map.set_name("一号厂区");
  map.set_image_url("/images/plant.png");
  map.set_width(1600);
  map.set_height(900);
  *map.mutable_created_at() = Ts(1'790'000'000);
  CHECK(PlantMapJson(map) == json::parse(R"({"id":"m-1","name":"一号厂区","image_url":"/images/plant.png",
      "width":1600,"height":900,"created_at":"2026-09-21T14:13:20.000Z"})"));
}

TEST_CASE("Area carries its inherent level") {
  riskpb::Area area;
  area.set_id("a-1");
  area.set_map_id("m-1");
  area.set_name("罐区");
  for (auto [x, y] : {std::pair{1.0, 2.0}, {3.5, 4.0}, {5.0, 6.0}}) {
    auto* p = area.add_polygon();
    p->set_x(x);
    p->set_y(y);
  }
  area.set_inherent_level(riskpb::RISK_LEVEL_HIGH);
  auto j = AreaJson(area);
  CHECK(j["polygon"] == json::parse(R"([{"x":1.0,"y":2.0},{"x":3.5,"y":4.0},{"x":5.0,"y":6.0}])"));
  CHECK(j["level"] == 2);
  CHECK(j["level_name"] == "较大风险");
  CHECK(j["color"] == "orange");
  CHECK(j["created_at"].is_null());
  CHECK(j["map_id"] == "m-1");
}

TEST_CASE("LecAssessment") {
  auto j = LecAssessmentJson(Assessment());
  CHECK(j == json::parse(R"({"id":"as-1","risk_point_id":"rp-1","method":"LEC","l":6.0,"e":6.0,"c":15.0,"d":540.0,
      "level":1,"level_name":"重大风险","color":"red","band_variant":"V1","assessed_by":"user-1","note":"储罐区",
      "assessed_at":"2026-09-21T14:13:20.250Z","version":2})"));
}

TEST_CASE("RiskPoint with and without an assessment") {
  riskpb::RiskPoint point;
  point.set_id("rp-1");
  point.set_area_id("a-1");
  point.set_name("液氨储罐");
  point.set_description("泄漏");
  auto fresh = RiskPointJson(point);
  CHECK(fresh["latest_assessment"].is_null());
  CHECK(fresh["level"] == 0);
  CHECK(fresh["level_name"] == "未评估");
  CHECK(fresh["color"] == "none");

  *point.mutable_latest_assessment() = Assessment();
  point.set_level(riskpb::RISK_LEVEL_MAJOR);
  auto assessed = RiskPointJson(point);
  CHECK(assessed["latest_assessment"]["d"] == 540.0);
  CHECK(assessed["color"] == "red");
  CHECK(assessed.size() == 9);
}

TEST_CASE("RiskMap and list wrappers") {
  riskpb::RiskMapView view;
  view.mutable_map()->set_id("m-1");
  view.set_version(42);
  auto* area = view.add_areas();
  area->set_area_id("a-1");
  area->set_name("罐区");
  area->set_level(riskpb::RISK_LEVEL_MEDIUM);  // shown: raised by a dynamic factor
  area->set_inherent_level(riskpb::RISK_LEVEL_LOW);
  area->set_version(40);
  auto j = RiskMapJson(view);
  CHECK(j["version"] == 42);
  CHECK(j["map"]["id"] == "m-1");
  CHECK(j["areas"][0] == json::parse(R"({"area_id":"a-1","name":"罐区","polygon":[],"level":3,
      "level_name":"一般风险","color":"yellow","inherent_level":4,"version":40})"));

  riskpb::ListPlantMapsResponse none;
  CHECK(ItemsJson(none.maps(), PlantMapJson) == json::parse(R"({"items":[]})"));

  riskpb::ScoringSettings settings;
  settings.set_lec_band_variant(riskpb::LEC_BAND_VARIANT_V2);
  CHECK(ScoringSettingsJson(settings) == json::parse(R"({"lec_band_variant":"V2"})"));
}

TEST_CASE("area-level event data") {
  AreaChange change{"a-1", "m-1", 4, 9};
  CHECK(AreaChangeJson(change) == json::parse(R"({"area_id":"a-1","map_id":"m-1","level":4,"level_name":"低风险",
      "color":"blue","version":9})"));
}
