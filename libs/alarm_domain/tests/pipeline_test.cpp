#include <catch2/catch.hpp>

#include <map>

#include "safeloop/alarm_domain/evaluation.hpp"
#include "safeloop/alarm_domain/kpi.hpp"
#include "safeloop/alarm_domain/lifecycle.hpp"

using namespace safeloop;
using namespace safeloop::alarm;
using namespace std::chrono_literals;

namespace {
const TimePoint t0 = FromUnixMillis(1'800'000'000'000);
}

// What the alarm service does per reading: evaluate, then route each change to the alarm of its condition.
TEST_CASE("pipeline: a chattering point keeps one open record per condition and is flagged as chattering") {
  PointAlarmConfig config;
  config.limits.high = LimitSetting{80, Priority::kMedium, false, std::nullopt, ""};
  config.limits.high_high = LimitSetting{90, Priority::kHigh, true, 95.0, "IS-1"};
  config.deadband = 1;
  REQUIRE(ValidatePointAlarmConfig(config).ok());

  PointState state = InitialPointState(t0);
  std::map<AlarmCondition, Alarm> alarms;
  for (AlarmCondition c : {AlarmCondition::kHigh, AlarmCondition::kHighHigh}) {
    AlarmDefinition d;
    d.point_id = "TT-9";
    d.tag = "TIA-9";
    d.condition = c;
    d.console = "c1";
    d.area = "reactor";
    alarms.emplace(c, NewAlarm(d));
  }
  std::vector<AlarmEvent> events;
  auto feed = [&](double value, TimePoint at) {
    auto ev = Evaluate(state, config, Reading{value, Quality::kGood, at});
    state = ev.state;
    for (const auto& change : ev.changes) {
      auto it = alarms.find(change.condition);
      REQUIRE(it != alarms.end());
      if (auto t = ApplyConditionChange(it->second, change)) {
        it->second = t->alarm;
        events.push_back(t->event);
      }
    }
  };
  // Around H every 10 s: 81, 78, 81, 78, 81 → three activations of H within 40 s.
  const double values[] = {81, 78, 81, 78, 81};
  for (int i = 0; i < 5; ++i) feed(values[i], t0 + i * 10s);
  // Redelivery of an old reading changes nothing.
  const auto before = alarms.at(AlarmCondition::kHigh);
  feed(78, t0 + 10s);
  CHECK(alarms.at(AlarmCondition::kHigh) == before);

  const Alarm& h = alarms.at(AlarmCondition::kHigh);
  CHECK(StateOf(h) == AlarmState::kUnacknowledged);
  CHECK(h.record.seq == 1);
  CHECK(h.record.activations == 3);
  CHECK(StateOf(alarms.at(AlarmCondition::kHighHigh)) == AlarmState::kNormal);

  std::vector<Activation> activations;
  for (const auto& e : events) {
    if (auto a = ActivationOf(e)) activations.push_back(*a);
  }
  REQUIRE(activations.size() == 3);
  auto chattering = FindChattering(activations);
  REQUIRE(chattering.size() == 1);
  CHECK(chattering[0].tag == "TIA-9");
  CHECK(chattering[0].max_in_window == 3);

  // A jump to 96 adds HH (the interlock-level alarm) while H stays active.
  feed(96, t0 + 60s);
  CHECK(StateOf(alarms.at(AlarmCondition::kHighHigh)) == AlarmState::kUnacknowledged);
  CHECK(StateOf(alarms.at(AlarmCondition::kHigh)) == AlarmState::kUnacknowledged);
  CHECK(events.back().alarm.condition == AlarmCondition::kHighHigh);
}
