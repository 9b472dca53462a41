#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "safeloop/iot_domain/mqtt_payload.hpp"

using namespace safeloop;
using namespace safeloop::iot;
using namespace std::chrono_literals;

namespace {

const TimePoint kReceived = FromUnixMillis(1'764'000'000'000);  // 2025-11-24T16:00:00Z

Extraction Extract(std::string_view payload, const PayloadFormat& f = {}, std::string_view point = "GT-201") {
  return ExtractReadings(payload, f, point, kReceived);
}

}  // namespace

TEST_CASE("mqtt payload: a single object with value, timestamp and quality") {
  auto e = Extract(R"({"v":12.3,"ts":1764000001500,"q":"good"})");
  CHECK(e.matched);
  CHECK(e.issues.empty());
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].point_id == "GT-201");
  CHECK(e.readings[0].value == 12.3);
  CHECK(e.readings[0].timestamp == FromUnixMillis(1'764'000'001'500));
  CHECK(e.readings[0].quality == Quality::kGood);
  CHECK(e.readings[0].reason == QualityReason::kNone);
}

TEST_CASE("mqtt payload: optional fields fall back; the time of reception stands in for a missing timestamp") {
  auto e = Extract(R"({"v":-4})");
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].value == -4);
  CHECK(e.readings[0].timestamp == kReceived);
  CHECK(e.readings[0].quality == Quality::kGood);
  e = Extract(R"({"v":1,"ts":null,"q":null})");
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].timestamp == kReceived);
  e = Extract(R"({"v":true})");
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].value == 1);
  e = Extract("12.5");  // a bare number
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].value == 12.5);
  CHECK(e.readings[0].timestamp == kReceived);
  e = Extract("false");
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].value == 0);
}

TEST_CASE("mqtt payload: timestamps as Unix milliseconds, seconds or RFC 3339") {
  PayloadFormat seconds;
  seconds.timestamp_unit = TimestampUnit::kSeconds;
  auto e = Extract(R"({"v":1,"ts":1764000002.25})", seconds);
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].timestamp == FromUnixMillis(1'764'000'002'250));
  e = Extract(R"({"v":1,"ts":"2025-11-24T16:00:03.5Z"})");
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].timestamp == FromUnixMillis(1'764'000'003'500));
  e = Extract(R"({"v":1,"ts":"2025-11-25T00:00:04+08:00"})");
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].timestamp == FromUnixMillis(1'764'000'004'000));
}

TEST_CASE("mqtt payload: quality as a word, an OPC quality byte or a bool") {
  struct Row {
    const char* payload;
    Quality q;
  };
  for (const Row& r : std::vector<Row>{{R"({"v":1,"q":"bad"})", Quality::kBad},
                                       {R"({"v":1,"q":"UNCERTAIN"})", Quality::kUncertain},
                                       {R"({"v":1,"q":192})", Quality::kGood},
                                       {R"({"v":1,"q":216})", Quality::kGood},
                                       {R"({"v":1,"q":64})", Quality::kUncertain},
                                       {R"({"v":1,"q":0})", Quality::kBad},
                                       {R"({"v":1,"q":24})", Quality::kBad},
                                       {R"({"v":1,"q":false})", Quality::kBad},
                                       {R"({"v":1,"q":true})", Quality::kGood}}) {
    INFO(r.payload);
    auto e = Extract(r.payload);
    REQUIRE(e.readings.size() == 1);
    CHECK(e.readings[0].quality == r.q);
    CHECK((e.readings[0].reason == QualityReason::kSourceReported) == (r.q != Quality::kGood));
  }
}

TEST_CASE("mqtt payload: configurable pointers reach nested fields") {
  PayloadFormat f;
  f.value_pointer = "/data/value";
  f.timestamp_pointer = "/data/time";
  f.quality_pointer = "/status/q";
  auto e = Extract(R"({"data":{"value":7.5,"time":1764000009000},"status":{"q":"uncertain"}})", f);
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].value == 7.5);
  CHECK(e.readings[0].timestamp == FromUnixMillis(1'764'000'009'000));
  CHECK(e.readings[0].quality == Quality::kUncertain);
  f.value_pointer = "/values/1";  // into an array
  e = Extract(R"({"values":[1,2,3]})", f);
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].value == 2);
  f.value_pointer = "/a~1b";  // RFC 6901 escape of '/'
  e = Extract(R"({"a/b":4})", f);
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].value == 4);
}

TEST_CASE("mqtt payload: a batch array; elements may name their own point") {
  PayloadFormat f;
  f.point_pointer = "/tag";
  auto e = Extract(R"([{"tag":"FT-501","v":12.5,"ts":1764000001000},
                       {"tag":"PT-501","v":0.62,"ts":1764000001000,"q":"good"},
                       {"v":3.5}])",
                   f, "DEFAULT");
  CHECK(e.issues.empty());
  REQUIRE(e.readings.size() == 3);
  CHECK(e.readings[0].point_id == "FT-501");
  CHECK(e.readings[1].point_id == "PT-501");
  CHECK(e.readings[1].value == 0.62);
  CHECK(e.readings[2].point_id == "DEFAULT");  // no tag: the binding's point
  // A batch of samples of one point, and a batch of bare numbers.
  e = Extract(R"([{"v":1,"ts":1764000001000},{"v":2,"ts":1764000002000}])");
  REQUIRE(e.readings.size() == 2);
  CHECK(e.readings[1].timestamp == FromUnixMillis(1'764'000'002'000));
  e = Extract("[1, 2.5, true]");
  REQUIRE(e.readings.size() == 3);
  CHECK(e.readings[2].value == 1);
  e = Extract("[]");
  CHECK(e.readings.empty());
  CHECK(e.issues.empty());
}

TEST_CASE("mqtt payload: malformed input becomes issues naming the element and the field, never an exception") {
  struct Row {
    const char* what;
    std::string payload;
    int index;
    const char* field;
  };
  PayloadFormat f;
  f.point_pointer = "/tag";
  const std::vector<Row> rows{
      {"not JSON", "not json", -1, ""},
      {"truncated JSON", R"({"v":1)", -1, ""},
      {"NaN literal is not JSON", R"({"v":NaN})", -1, ""},
      {"empty payload", "", -1, ""},
      {"value missing", R"({"x":1})", -1, "/v"},
      {"value is a string", R"({"v":"12.3"})", -1, "/v"},
      {"value is null", R"({"v":null})", -1, "/v"},
      {"value is an object", R"({"v":{}})", -1, "/v"},
      {"timestamp not RFC 3339", R"({"v":1,"ts":"yesterday"})", -1, "/ts"},
      {"timestamp negative", R"({"v":1,"ts":-5})", -1, "/ts"},
      {"timestamp absurd", R"({"v":1,"ts":1e30})", -1, "/ts"},
      {"timestamp a bool", R"({"v":1,"ts":true})", -1, "/ts"},
      {"quality unknown word", R"({"v":1,"q":"fine"})", -1, "/q"},
      {"quality byte out of range", R"({"v":1,"q":300})", -1, "/q"},
      {"quality byte of the reserved class", R"({"v":1,"q":128})", -1, "/q"},
      {"tag not a string", R"({"tag":5,"v":1})", -1, "/tag"},
      {"tag empty", R"({"tag":"","v":1})", -1, "/tag"},
      {"a string payload", R"("hello")", -1, ""},
      {"null payload", "null", -1, ""},
      {"bad second element", R"([{"v":1},{"v":"x"},{"v":3}])", 1, "/v"},
      {"nested array element", R"([{"v":1},[1,2]])", 1, ""},
  };
  for (const Row& r : rows) {
    INFO(r.what);
    Extraction e;
    REQUIRE_NOTHROW(e = ExtractReadings(r.payload, f, "GT-201", kReceived));
    REQUIRE(e.issues.size() == 1);
    CHECK(e.issues[0].index == r.index);
    CHECK(e.issues[0].field == r.field);
    CHECK_FALSE(e.issues[0].message.empty());
  }
  // A bad element costs only itself.
  auto e = ExtractReadings(R"([{"v":1},{"v":"x"},{"v":3}])", f, "GT-201", kReceived);
  REQUIRE(e.readings.size() == 2);
  CHECK(e.readings[1].value == 3);
}

TEST_CASE("mqtt payload: size limits refuse a payload or a batch whole") {
  PayloadFormat f;
  f.max_batch = 2;
  auto e = Extract("[1,2,3]", f);
  CHECK(e.readings.empty());
  REQUIRE(e.issues.size() == 1);
  CHECK(e.issues[0].index == -1);
  f = PayloadFormat{};
  f.max_payload_bytes = 10;
  e = Extract(R"({"v":12345678})", f);
  CHECK(e.readings.empty());
  CHECK(e.issues.size() == 1);
  // Deep nesting is refused by size before it is parsed; within the size it parses without recursion.
  e = Extract(std::string(300'000, '['));
  CHECK(e.readings.empty());
  CHECK(e.issues.size() == 1);
  e = Extract(std::string(100'000, '[') + std::string(100'000, ']'));
  CHECK(e.readings.empty());
  REQUIRE(e.issues.size() == 1);
  CHECK(e.issues[0].index == 0);  // the only element is an array, not a reading
}

TEST_CASE("mqtt payload: no point anywhere is an issue") {
  auto e = ExtractReadings(R"({"v":1})", PayloadFormat{}, "", kReceived);
  CHECK(e.readings.empty());
  REQUIRE(e.issues.size() == 1);
  e = ExtractReadings("5", PayloadFormat{}, "", kReceived);
  CHECK(e.issues.size() == 1);
}

TEST_CASE("mqtt payload: binding validation names the field") {
  struct Row {
    const char* what;
    std::function<void(MqttBinding&)> mutate;
    const char* field;
  };
  auto base = [] { return MqttBinding{"plant/gas/+", "{1}", PayloadFormat{}}; };
  const std::vector<Row> rows{
      {"bad filter", [](auto& b) { b.pattern = "plant/#/x"; }, "pattern"},
      {"no point at all", [](auto& b) { b.point_id.clear(); }, "point_id"},
      {"template past the wildcards", [](auto& b) { b.point_id = "{2}"; }, "point_id"},
      {"template without wildcards", [](auto& b) { b.pattern = "plant/gas/GT-201"; }, "point_id"},
      {"broken template", [](auto& b) { b.point_id = "GT-{1"; }, "point_id"},
      {"stray brace", [](auto& b) { b.point_id = "GT}"; }, "point_id"},
      {"value pointer without slash", [](auto& b) { b.format.value_pointer = "v"; }, "format.value_pointer"},
      {"bad escape", [](auto& b) { b.format.timestamp_pointer = "/t~2"; }, "format.timestamp_pointer"},
      {"bad quality pointer", [](auto& b) { b.format.quality_pointer = "q"; }, "format.quality_pointer"},
      {"bad point pointer", [](auto& b) { b.format.point_pointer = "tag"; }, "format.point_pointer"},
      {"zero batch", [](auto& b) { b.format.max_batch = 0; }, "format.max_batch"},
  };
  for (const Row& r : rows) {
    INFO(r.what);
    MqttBinding b = base();
    r.mutate(b);
    Status s = ValidateMqttBinding(b);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.field() == r.field);
  }
  CHECK(ValidateMqttBinding(base()).ok());
  MqttBinding by_payload{"plant/batch", "", PayloadFormat{}};
  by_payload.format.point_pointer = "/tag";
  CHECK(ValidateMqttBinding(by_payload).ok());
}

TEST_CASE("mqtt payload: the router picks the first matching binding and expands the point template") {
  PayloadFormat batch;
  batch.point_pointer = "/tag";
  auto router = MqttRouter::Create({
      {"plant/gas/GT-201", "GAS-201-SPECIAL", PayloadFormat{}},
      {"plant/gas/+", "{1}", PayloadFormat{}},
      {"plant/+/+/value", "{1}.{2}", PayloadFormat{}},
      {"plant/utility/batch", "", batch},
      {"plant/gas/+", "dup", PayloadFormat{}},
  });
  REQUIRE(router.ok());
  CHECK(router->Filters() ==
        std::vector<std::string>{"plant/gas/GT-201", "plant/gas/+", "plant/+/+/value", "plant/utility/batch"});

  auto e = router->Extract("plant/gas/GT-201", R"({"v":1})", kReceived);
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].point_id == "GAS-201-SPECIAL");
  e = router->Extract("plant/gas/GT-101", R"({"v":2})", kReceived);
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].point_id == "GT-101");
  e = router->Extract("plant/tank/LT-101/value", "3", kReceived);
  REQUIRE(e.readings.size() == 1);
  CHECK(e.readings[0].point_id == "tank.LT-101");
  e = router->Extract("plant/utility/batch", R"([{"tag":"FT-501","v":4},{"v":5}])", kReceived);
  CHECK(e.readings.size() == 1);  // the second element names no point and the binding none either
  REQUIRE(e.issues.size() == 1);
  CHECK(e.issues[0].index == 1);
  e = router->Extract("plant/other", R"({"v":1})", kReceived);
  CHECK_FALSE(e.matched);
  CHECK(e.readings.empty());
  // '+' matched an empty level: the expanded point is empty, which is an issue, not a reading.
  e = router->Extract("plant/gas/", R"({"v":1})", kReceived);
  CHECK(e.matched);
  CHECK(e.readings.empty());
  CHECK(e.issues.size() == 1);

  CHECK(MqttRouter::Create({}).status().field() == "bindings");
  CHECK(MqttRouter::Create({{"a", "x", {}}, {"b/#/c", "y", {}}}).status().field() == "bindings[1].pattern");
}

TEST_CASE("mqtt payload: RFC 3339 parsing") {
  struct Row {
    const char* text;
    std::int64_t ms;
  };
  for (const Row& r : std::vector<Row>{{"1970-01-01T00:00:00Z", 0},
                                       {"2025-11-24T16:00:00Z", 1'764'000'000'000},
                                       {"2025-11-24t16:00:00z", 1'764'000'000'000},
                                       {"2025-11-24 16:00:00Z", 1'764'000'000'000},
                                       {"2025-11-24T16:00:00.123Z", 1'764'000'000'123},
                                       {"2025-11-24T16:00:00.123456789Z", 1'764'000'000'123},
                                       {"2025-11-25T00:00:00+08:00", 1'764'000'000'000},
                                       {"2025-11-24T15:30:00-00:30", 1'764'000'000'000},
                                       {"2024-02-29T00:00:00Z", 1'709'164'800'000}}) {
    INFO(r.text);
    auto t = ParseRfc3339(r.text);
    REQUIRE(t.has_value());
    CHECK(UnixMillis(*t) == r.ms);
  }
  auto ns = ParseRfc3339("2025-11-24T16:00:00.000000001Z");
  REQUIRE(ns.has_value());
  CHECK((*ns - FromUnixMillis(1'764'000'000'000)).count() == 1);
  for (const char* bad : {"", "2025-11-24", "2025-11-24T16:00:00", "2025-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
                          "2025-11-24T24:00:00Z", "2025-11-24T16:60:00Z", "2025-11-24T16:00:00.Z",
                          "2025-11-24T16:00:00+8:00", "2025-11-24T16:00:00+08:00x", "2025/11/24T16:00:00Z",
                          "1969-12-31T23:59:59Z", "20251124T160000Z", "2025-11-24T16:00:00+24:00"}) {
    INFO(bad);
    CHECK_FALSE(ParseRfc3339(bad).has_value());
  }
}
