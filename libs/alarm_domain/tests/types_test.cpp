#include <catch2/catch.hpp>

#include "safeloop/alarm_domain/types.hpp"

using namespace safeloop::alarm;

TEST_CASE("types: every code parses back to its value, and unknown codes are refused") {
  for (AlarmCondition c : kAllAlarmConditions) {
    INFO(AlarmConditionCode(c));
    CHECK(ParseAlarmCondition(AlarmConditionCode(c)) == c);
    CHECK_FALSE(AlarmConditionNameZh(c).empty());
  }
  for (Priority p : {Priority::kLow, Priority::kMedium, Priority::kHigh, Priority::kCritical}) {
    CHECK(ParsePriority(PriorityCode(p)) == p);
  }
  for (auto code : {"flow", "level", "pressure", "temperature", "combustible_gas", "combustible_gas_open_path",
                    "toxic_gas", "oxygen", "switch", "other"}) {
    INFO(code);
    auto t = ParseMeasurementType(code);
    REQUIRE(t.has_value());
    CHECK(MeasurementTypeCode(*t) == code);
  }
  CHECK_FALSE(ParseAlarmCondition("HHH").has_value());
  CHECK_FALSE(ParseAlarmCondition("").has_value());
  CHECK_FALSE(ParsePriority("urgent").has_value());
  CHECK_FALSE(ParseMeasurementType("Flow").has_value());
}

TEST_CASE("types: the Cangzhou level labels, and HH/LL are the second level") {
  struct Row {
    AlarmCondition c;
    const char* code;
    const char* zh;
    int level;
  };
  for (const Row& r : {Row{AlarmCondition::kHighHigh, "HH", "高高报", 2}, Row{AlarmCondition::kHigh, "H", "高报", 1},
                       Row{AlarmCondition::kLow, "L", "低报", 1}, Row{AlarmCondition::kLowLow, "LL", "低低报", 2},
                       Row{AlarmCondition::kDigital, "DI", "开关量", 1},
                       Row{AlarmCondition::kCommLoss, "COMM", "通讯中断", 1}}) {
    INFO(r.code);
    CHECK(AlarmConditionCode(r.c) == r.code);
    CHECK(AlarmConditionNameZh(r.c) == r.zh);
    CHECK(AlarmLevel(r.c) == r.level);
  }
  CHECK(IsHighSide(AlarmCondition::kHigh));
  CHECK(IsHighSide(AlarmCondition::kHighHigh));
  CHECK_FALSE(IsHighSide(AlarmCondition::kLow));
  CHECK(IsLimitCondition(AlarmCondition::kLowLow));
  CHECK_FALSE(IsLimitCondition(AlarmCondition::kDigital));
  CHECK_FALSE(IsLimitCondition(AlarmCondition::kCommLoss));
}
