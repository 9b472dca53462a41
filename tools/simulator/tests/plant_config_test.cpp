#include <catch2/catch.hpp>

#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "plant_config.hpp"

using namespace safeloop;
using namespace safeloop::simulator;
using nlohmann::json;

namespace {

json Minimal() {
  return json::parse(R"({
    "points": [
      {"tag": "LT-1", "type": "level", "range": [0, 100], "normal": 50, "noise": 0.5, "drift": 5,
       "limits": {"ll": 10, "l": 20, "h": 80, "hh": 90},
       "modbus": {"table": "holding", "address": 0, "type": "uint16", "scale": 0.01}},
      {"tag": "GT-1", "type": "combustible_gas", "range": [0, 100], "normal": 1,
       "limits": {"h": 25, "hh": 50}, "mqtt": {"topic": "plant/gas/GT-1"}},
      {"tag": "XS-1", "type": "switch", "normal": 1, "modbus": {"table": "coil", "address": 0, "type": "bool"}}
    ]
  })");
}

}  // namespace

TEST_CASE("plant config: tools/simulator/plant.json is a valid plant with mixed registers and topics") {
  auto c = LoadPlantConfig(SAFELOOP_PLANT_JSON);
  REQUIRE(c.ok());
  CHECK(c->points.size() == 17);
  const iot::RegisterMap map = RegisterMapFor(*c);
  CHECK(map.device_id == "dcs-1");
  CHECK(map.points.size() == 11);
  std::set<iot::DataType> types;
  std::set<iot::WordOrder> orders;
  std::set<iot::RegisterTable> tables;
  for (const auto& p : map.points) {
    types.insert(p.type);
    tables.insert(p.table);
    if (iot::RegisterWidth(p.type) == 2) orders.insert(p.word_order);
  }
  CHECK(types.size() == 6);   // every data type
  CHECK(orders.size() == 4);  // every word order among the 32-bit values
  CHECK(tables.size() == 4);  // every table
  auto plan = iot::PlanReads(map);
  REQUIRE(plan.ok());
  CHECK(plan->size() == 5);  // holding 0..8, input 0, input 10..13, coil 0, discrete input 0

  const auto bindings = MqttBindingsFor(*c);
  CHECK(bindings.size() == 5);  // four gas topics and the utility batch
  auto router = iot::MqttRouter::Create(bindings);
  REQUIRE(router.ok());
  CHECK(router->Match("plant/gas/GT-201").has_value());
  CHECK(router->Match("plant/utility/batch").has_value());
  // Each gas detector kind of the issue is there.
  std::set<std::string> kinds;
  for (const auto& p : c->points) kinds.insert(p.type);
  for (const char* k : {"level", "temperature", "pressure", "flow", "combustible_gas", "toxic_gas", "oxygen",
                        "switch"}) {
    CHECK(kinds.count(k) == 1);
  }
}

TEST_CASE("plant config: errors name the field") {
  struct Row {
    const char* what;
    std::function<void(json&)> mutate;
    const char* field;
  };
  const std::vector<Row> rows{
      {"unknown top-level key", [](json& j) { j["pointz"] = 1; }, "pointz"},
      {"no points", [](json& j) { j["points"] = json::array(); }, "points"},
      {"unknown point key", [](json& j) { j["points"][0]["adress"] = 1; }, "points[0].adress"},
      {"missing tag", [](json& j) { j["points"][0].erase("tag"); }, "points[0].tag"},
      {"duplicate tag", [](json& j) { j["points"][1]["tag"] = "LT-1"; }, "points[1].tag"},
      {"range inverted", [](json& j) { j["points"][0]["range"] = {100, 0}; }, "points[0].range"},
      {"range not a pair", [](json& j) { j["points"][0]["range"] = {1}; }, "points[0].range"},
      {"normal outside", [](json& j) { j["points"][0]["normal"] = 150; }, "points[0].normal"},
      {"normal band over H", [](json& j) { j["points"][0]["drift"] = 29; }, "points[0].normal"},
      {"normal band under L", [](json& j) { j["points"][0]["normal"] = 25; }, "points[0].normal"},
      {"limits unordered", [](json& j) { j["points"][0]["limits"]["hh"] = 70; }, "points[0].limits.hh"},
      {"limit on the range edge", [](json& j) { j["points"][0]["limits"]["hh"] = 100; }, "points[0].limits.hh"},
      {"limit not a number", [](json& j) { j["points"][0]["limits"]["h"] = "80"; }, "points[0].limits.h"},
      {"unknown limit", [](json& j) { j["points"][0]["limits"]["hhh"] = 95; }, "points[0].limits.hhh"},
      {"no room for the peak", [](json& j) { j["points"][0]["limits"]["hh"] = 99.5; }, "points[0].range"},
      {"negative noise", [](json& j) { j["points"][0]["noise"] = -1; }, "points[0].noise"},
      {"bad excursion side", [](json& j) { j["points"][0]["excursion"] = "up"; }, "points[0].excursion"},
      {"excursion without limit", [](json& j) { j["points"][1]["excursion"] = "low"; }, "points[1].excursion"},
      {"switch with limits", [](json& j) { j["points"][2]["limits"] = {{"h", 0.5}}; }, "points[2].limits"},
      {"switch not 0/1", [](json& j) { j["points"][2]["normal"] = 2; }, "points[2].normal"},
      {"bad table", [](json& j) { j["points"][0]["modbus"]["table"] = "holding_register"; },
       "points[0].modbus.table"},
      {"bad data type", [](json& j) { j["points"][0]["modbus"]["type"] = "float"; }, "points[0].modbus.type"},
      {"bad word order", [](json& j) { j["points"][0]["modbus"]["word_order"] = "abcd"; },
       "points[0].modbus.word_order"},
      {"fractional address", [](json& j) { j["points"][0]["modbus"]["address"] = 1.5; },
       "points[0].modbus.address"},
      {"overlapping registers", [](json& j) {
         j["points"][1]["modbus"] = {{"table", "holding"}, {"address", 0}, {"type", "int16"}};
       }, "points[1].modbus.address"},
      {"bool in a register", [](json& j) { j["points"][2]["modbus"]["table"] = "holding"; },
       "points[2].modbus.type"},
      {"range does not fit the register", [](json& j) { j["points"][0]["modbus"]["scale"] = 0.001; },
       "points[0].modbus.scale"},
      {"wildcard in a topic", [](json& j) { j["points"][1]["mqtt"]["topic"] = "plant/gas/+"; },
       "points[1].mqtt.topic"},
      {"served nowhere", [](json& j) { j["points"][1].erase("mqtt"); }, "points[1]"},
      {"batch with an unknown tag", [](json& j) { j["mqtt_batches"] = {{{"topic", "b"}, {"tags", {"NOPE"}}}}; },
       "mqtt_batches[0].tags"},
      {"excursion fractions", [](json& j) { j["excursion"] = {{"ramp_fraction", 0.6}, {"hold_fraction", 0.5}}; },
       "excursion.ramp_fraction"},
  };
  for (const Row& r : rows) {
    INFO(r.what);
    json j = Minimal();
    r.mutate(j);
    auto c = ParsePlantConfig(j.dump());
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().code() == StatusCode::kInvalidArgument);
    CHECK(c.status().field() == r.field);
  }
  CHECK(ParsePlantConfig(Minimal().dump()).ok());
  CHECK(ParsePlantConfig("not json").status().code() == StatusCode::kInvalidArgument);
  CHECK(LoadPlantConfig("/nonexistent/plant.json").status().code() == StatusCode::kNotFound);
}

TEST_CASE("plant config: excursion peaks lie beyond the limits they aim at") {
  PlantPoint p;
  p.range_low = 0;
  p.range_high = 100;
  p.normal = 50;
  p.noise = 1;
  p.limits = Limits{10, 20, 80, 90};
  CHECK(*ExcursionPeak(p, ExcursionSide::kHigh, true) == Approx(93.5));  // HH + max(0.25 × 10, 3.5σ)
  CHECK(*ExcursionPeak(p, ExcursionSide::kHigh, false) == Approx(85));   // between H and HH
  CHECK(*ExcursionPeak(p, ExcursionSide::kLow, true) == Approx(6.5));
  CHECK(*ExcursionPeak(p, ExcursionSide::kLow, false) == Approx(15));
  p.limits = Limits{std::nullopt, 19.5, std::nullopt, std::nullopt};
  p.normal = 20.9;
  p.noise = 0.05;
  CHECK(*ExcursionPeak(p, ExcursionSide::kLow, false) == Approx(19.15));
  CHECK_FALSE(ExcursionPeak(p, ExcursionSide::kLow, true).has_value());
  CHECK_FALSE(ExcursionPeak(p, ExcursionSide::kHigh, false).has_value());
  CHECK_FALSE(ExcursionPeak(p, ExcursionSide::kNone, false).has_value());
}
