// JSON ↔ protobuf of the generic routes, with a real contract (risk.v1) as the example.
#include <catch2/catch.hpp>

#include "proto_json.hpp"
#include "safeloop/risk/v1/risk.pb.h"

using namespace safeloop;
using namespace safeloop::gateway;
namespace riskpb = safeloop::risk::v1;

TEST_CASE("a JSON body merges into the request; unknown or mistyped fields are refused naming the body") {
  riskpb::CreateAreaRequest req;
  REQUIRE(MergeJson(R"({"map_id":"m1","name":"罐区","polygon":[{"x":1,"y":2},{"x":3,"y":4}]})", req).ok());
  CHECK(req.map_id() == "m1");
  CHECK(req.name() == "罐区");
  CHECK(req.polygon_size() == 2);
  Status unknown = MergeJson(R"({"colour":"red"})", req);
  CHECK(unknown.code() == StatusCode::kInvalidArgument);
  CHECK(unknown.field() == "body");
  CHECK_THAT(unknown.message(), Catch::Contains("colour"));
  CHECK_FALSE(MergeJson(R"({"name": 5})", req).ok());
  CHECK_FALSE(MergeJson("[1,2]", req).ok());
}

TEST_CASE("path and query text fills fields by name with conversion") {
  riskpb::AssessLecRequest req;
  REQUIRE(SetFieldFromText(req, "risk_point_id", "p-1", "path").ok());
  CHECK(req.risk_point_id() == "p-1");
  REQUIRE(SetFieldFromText(req, "l", "3", "query").ok());
  CHECK(req.l() == 3.0);
  Status bad = SetFieldFromText(req, "l", "three", "query");
  CHECK(bad.code() == StatusCode::kInvalidArgument);
  CHECK(bad.field() == "l");
  CHECK_THAT(bad.message(), Catch::Contains("query parameter 'l' must be a number"));
  Status unknown = SetFieldFromText(req, "colour", "red", "query");
  CHECK_THAT(unknown.message(), Catch::Contains("'colour' is not known"));

  riskpb::UpdateScoringSettingsRequest settings;
  CHECK(SetFieldFromText(settings, "lec_band_variant", "LEC_BAND_VARIANT_V2", "query").ok());
  CHECK_FALSE(SetFieldFromText(settings, "lec_band_variant", "V9", "query").ok());
}

TEST_CASE("responses print every field with proto names; schemas cover nested messages") {
  riskpb::PlantMap map;
  map.set_id("m1");
  map.set_name("总图");
  auto json = MessageToJson(map);
  REQUIRE(json.ok());
  auto parsed = nlohmann::json::parse(*json);
  CHECK(parsed["name"] == "总图");
  CHECK(parsed.contains("image_url"));  // default printed
  CHECK(parsed["width"] == 0);

  nlohmann::json components = nlohmann::json::object();
  auto ref = SchemaRef(riskpb::ListAreasResponse::descriptor(), components);
  CHECK(ref["$ref"] == "#/components/schemas/risk.v1.ListAreasResponse");
  REQUIRE(components.contains("risk.v1.Area"));
  CHECK(components["risk.v1.Area"]["properties"]["polygon"]["type"] == "array");
  CHECK(components["risk.v1.Area"]["properties"]["polygon"]["items"]["$ref"] == "#/components/schemas/risk.v1.Point2D");
}

TEST_CASE("query fields of a request skip path parameters and flatten singular messages") {
  auto fields = QueryFieldsOf(riskpb::AssessLecRequest::descriptor(), {"risk_point_id"});
  std::vector<std::string> names;
  for (const auto& f : fields) names.push_back(f.name);
  CHECK(std::find(names.begin(), names.end(), "risk_point_id") == names.end());
  CHECK(std::find(names.begin(), names.end(), "l") != names.end());
}
