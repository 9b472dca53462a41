#include <catch2/catch.hpp>

#include "request_parsing.hpp"

using namespace safeloop;
using namespace safeloop::gateway;
using nlohmann::json;

namespace {
const std::string kUuid = "0190a1b2-0000-7000-8000-000000000001";

void RequireField(const Status& status, const std::string& field) {
  INFO(status.ToString());
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK(status.field() == field);
}
}  // namespace

TEST_CASE("bodies must be JSON objects") {
  RequireField(ParseJsonBody("{").status(), "body");
  RequireField(ParseJsonBody("").status(), "body");
  RequireField(ParseJsonBody("{'l': 6}").status(), "body");
  RequireField(ParseJsonBody("[1,2]").status(), "body");
  RequireField(ParseJsonBody("\"text\"").status(), "body");
  RequireField(ParseJsonBody(std::string(kMaxBodyBytes + 1, ' ')).status(), "body");
  CHECK(ParseJsonBody(R"({"l":6})").ok());
}

TEST_CASE("path and query ids must be UUIDs") {
  CHECK(RequireUuid("area_id", kUuid).ok());
  RequireField(RequireUuid("area_id", "area-1"), "area_id");
}

TEST_CASE("create plant map") {
  auto ok = ToCreatePlantMap(json::parse(R"({"name":"一号厂区","image_url":"/p.png","width":1600,"height":900.0})"));
  REQUIRE(ok.ok());
  CHECK(ok->name() == "一号厂区");
  CHECK(ok->image_url() == "/p.png");
  CHECK(ok->width() == 1600);
  CHECK(ok->height() == 900);
  CHECK(ToCreatePlantMap(json::parse(R"({"name":"x","width":1,"height":1})"))->image_url().empty());

  RequireField(ToCreatePlantMap(json::parse(R"({"width":1,"height":1})")).status(), "name");
  RequireField(ToCreatePlantMap(json::parse(R"({"name":7,"width":1,"height":1})")).status(), "name");
  RequireField(ToCreatePlantMap(json::parse(R"({"name":"x","height":1})")).status(), "width");
  RequireField(ToCreatePlantMap(json::parse(R"({"name":"x","width":"wide","height":1})")).status(), "width");
  RequireField(ToCreatePlantMap(json::parse(R"({"name":"x","width":1.5,"height":1})")).status(), "width");
  RequireField(ToCreatePlantMap(json::parse(R"({"name":"x","width":1,"height":1e12})")).status(), "height");
  RequireField(ToCreatePlantMap(json::parse(R"({"name":"x","image_url":[],"width":1,"height":1})")).status(),
               "image_url");
  // Values are the risk service's business: a zero width passes through.
  CHECK(ToCreatePlantMap(json::parse(R"({"name":"x","width":0,"height":1})")).ok());
}

TEST_CASE("create area") {
  auto ok = ToCreateArea(json::parse(R"({"name":"罐区","polygon":[{"x":1,"y":2},{"x":3,"y":4},{"x":5.5,"y":6}]})"),
                         kUuid);
  REQUIRE(ok.ok());
  CHECK(ok->map_id() == kUuid);
  REQUIRE(ok->polygon_size() == 3);
  CHECK(ok->polygon(2).x() == 5.5);
  // Two vertices are the risk service's call (it answers INVALID_ARGUMENT field polygon).
  CHECK(ToCreateArea(json::parse(R"({"name":"a","polygon":[{"x":1,"y":2},{"x":3,"y":4}]})"), kUuid).ok());

  RequireField(ToCreateArea(json::parse(R"({"name":"a","polygon":[]})"), "map-1").status(), "map_id");
  RequireField(ToCreateArea(json::parse(R"({"polygon":[]})"), kUuid).status(), "name");
  RequireField(ToCreateArea(json::parse(R"({"name":"a"})"), kUuid).status(), "polygon");
  RequireField(ToCreateArea(json::parse(R"({"name":"a","polygon":{"x":1}})"), kUuid).status(), "polygon");
  RequireField(ToCreateArea(json::parse(R"({"name":"a","polygon":[[1,2]]})"), kUuid).status(), "polygon");
  auto bad_y = ToCreateArea(json::parse(R"({"name":"a","polygon":[{"x":1,"y":2},{"x":3,"y":"4"}]})"), kUuid);
  RequireField(bad_y.status(), "polygon");
  CHECK(bad_y.status().message() == "polygon[1].y must be a number");
}

TEST_CASE("create risk point") {
  auto ok = ToCreateRiskPoint(json::parse(R"({"name":"液氨储罐","description":"泄漏中毒"})"), kUuid);
  REQUIRE(ok.ok());
  CHECK(ok->area_id() == kUuid);
  CHECK(ok->description() == "泄漏中毒");
  CHECK(ToCreateRiskPoint(json::parse(R"({"name":"n"})"), kUuid)->description().empty());
  RequireField(ToCreateRiskPoint(json::parse(R"({"name":"n"})"), "not-a-uuid").status(), "area_id");
  RequireField(ToCreateRiskPoint(json::parse(R"({"description":"d"})"), kUuid).status(), "name");
  RequireField(ToCreateRiskPoint(json::parse(R"({"name":"n","description":5})"), kUuid).status(), "description");
}

TEST_CASE("LEC assessment") {
  auto ok = ToAssessLec(json::parse(R"({"method":"LEC","l":6,"e":6,"c":15,"note":"n"})"), kUuid);
  REQUIRE(ok.ok());
  CHECK(ok->risk_point_id() == kUuid);
  CHECK(ok->has_l());
  CHECK(ok->l() == 6);
  CHECK(ok->e() == 6);
  CHECK(ok->c() == 15);
  CHECK(ok->note() == "n");
  CHECK(ToAssessLec(json::parse(R"({"l":0.5,"e":1,"c":1})"), kUuid)->l() == 0.5);  // method defaults to LEC
  // Values outside the LEC tables pass through for the risk service to reject (field l).
  CHECK(ToAssessLec(json::parse(R"({"l":4,"e":6,"c":15})"), kUuid)->l() == 4);

  RequireField(ToAssessLec(json::parse(R"({"l":"6","e":6,"c":15})"), kUuid).status(), "l");
  RequireField(ToAssessLec(json::parse(R"({"l":6,"e":true,"c":15})"), kUuid).status(), "e");
  RequireField(ToAssessLec(json::parse(R"({"l":6,"e":6})"), kUuid).status(), "c");
  RequireField(ToAssessLec(json::parse(R"({"l":6,"e":6,"c":null})"), kUuid).status(), "c");
  RequireField(ToAssessLec(json::parse(R"({"e":6,"c":15})"), kUuid).status(), "l");
  RequireField(ToAssessLec(json::parse(R"({"method":"LS","l":6,"e":6,"c":15})"), kUuid).status(), "method");
  RequireField(ToAssessLec(json::parse(R"({"l":6,"e":6,"c":15,"note":1})"), kUuid).status(), "note");
  RequireField(ToAssessLec(json::parse(R"({"l":6,"e":6,"c":15})"), "p").status(), "point_id");
  CHECK(ToAssessLec(json::parse(R"({"l":6,"e":6})"), kUuid).status().message() == "c is required");
  CHECK(ToAssessLec(json::parse(R"({"l":"x","e":6,"c":1})"), kUuid).status().message() == "l must be a number");
}

TEST_CASE("scoring settings") {
  CHECK(ToUpdateScoringSettings(json::parse(R"({"lec_band_variant":"V2"})"))->lec_band_variant() ==
        riskpb::LEC_BAND_VARIANT_V2);
  CHECK(ToUpdateScoringSettings(json::parse(R"({"lec_band_variant":"V1"})"))->lec_band_variant() ==
        riskpb::LEC_BAND_VARIANT_V1);
  RequireField(ToUpdateScoringSettings(json::parse(R"({"lec_band_variant":"V3"})")).status(), "lec_band_variant");
  RequireField(ToUpdateScoringSettings(json::parse(R"({})")).status(), "lec_band_variant");
}
