#include <catch2/catch.hpp>

#include "safeloop/alarm_domain/escalation.hpp"

using namespace safeloop;
using namespace safeloop::alarm;
using namespace std::chrono_literals;

namespace {

const TimePoint t0 = FromUnixMillis(1'800'000'000'000);

/// Notify the shift leader at once; the workshop director after 15 min unacknowledged; the safety manager
/// after 30 min.
EscalationPolicy ThreeTiers() {
  EscalationPolicy p;
  p.id = "default-high";
  p.priority = Priority::kHigh;
  p.steps = {{0min, {"role:shift_leader"}}, {15min, {"role:workshop_director"}}, {30min, {"role:safety_manager"}}};
  return p;
}

std::vector<int> Tiers(const std::vector<DueEscalation>& due) {
  std::vector<int> out;
  for (const auto& d : due) out.push_back(d.tier);
  return out;
}

}  // namespace

TEST_CASE("escalation: tiers come due at the N and M minute edges while unacknowledged") {
  const auto policy = ThreeTiers();
  REQUIRE(ValidateEscalationPolicy(policy).ok());
  EscalationHistory h{t0, std::nullopt, true, {}};
  struct Row {
    std::chrono::milliseconds since;
    std::vector<int> done;
    std::vector<int> due;
  };
  const std::vector<Row> rows{
      {0ms, {}, {0}},                       // at once
      {0ms, {0}, {}},                       // done: never due again
      {15min - 1ms, {0}, {}},               // just before N
      {15min, {0}, {1}},                    // exactly N
      {15min, {0, 1}, {}},
      {30min - 1ms, {0, 1}, {}},
      {30min, {0, 1}, {2}},                 // exactly M
      {30min, {0}, {1, 2}},                 // tier 1 missed: both, in order
      {45min, {}, {0, 1, 2}},               // the service was down: everything due, in order
      {2h, {0, 1, 2}, {}},                  // nothing after the last tier
  };
  for (const Row& r : rows) {
    INFO("at +" << std::chrono::duration_cast<std::chrono::milliseconds>(r.since).count() << " ms");
    h.steps_done = r.done;
    CHECK(Tiers(DueEscalations(policy, h, t0 + r.since)) == r.due);
  }
  h.steps_done = {0};
  auto due = DueEscalations(policy, h, t0 + 20min);
  REQUIRE(due.size() == 1);
  CHECK(due[0].due_at == t0 + 15min);
  CHECK(due[0].notify == std::vector<std::string>{"role:workshop_director"});
}

TEST_CASE("escalation: acknowledgement stops the later tiers, not the first notice") {
  const auto policy = ThreeTiers();
  EscalationHistory h{t0, t0 + 10min, true, {}};
  CHECK(Tiers(DueEscalations(policy, h, t0 + 10min)) == std::vector<int>{0});
  h.steps_done = {0};
  CHECK(DueEscalations(policy, h, t0 + 15min).empty());
  CHECK(DueEscalations(policy, h, t0 + 30min).empty());

  SECTION("acknowledged exactly at N: not escalated") {
    EscalationHistory at_n{t0, t0 + 15min, true, {0}};
    CHECK(DueEscalations(policy, at_n, t0 + 15min).empty());
  }
  SECTION("acknowledged after N: the tier was due before, but no longer") {
    EscalationHistory late{t0, t0 + 20min, true, {0}};
    CHECK(Tiers(DueEscalations(policy, late, t0 + 16min)) == std::vector<int>{1});
    CHECK(DueEscalations(policy, late, t0 + 21min).empty());
  }
  SECTION("an acknowledgement from before this annunciation does not count") {
    EscalationHistory old_ack{t0, t0 - 1min, true, {0}};
    CHECK(Tiers(DueEscalations(policy, old_ack, t0 + 15min)) == std::vector<int>{1});
  }
  SECTION("nothing is due while the alarm is hidden") {
    EscalationHistory hidden{t0, std::nullopt, false, {}};
    CHECK(DueEscalations(policy, hidden, t0 + 1h).empty());
  }
}

TEST_CASE("escalation: the most specific policy wins") {
  EscalationPolicy any;
  any.id = "any";
  EscalationPolicy high;
  high.id = "high";
  high.priority = Priority::kHigh;
  EscalationPolicy tank_farm;
  tank_farm.id = "tank-farm";
  tank_farm.area = "tank-farm";
  EscalationPolicy high_tank_farm;
  high_tank_farm.id = "high-tank-farm";
  high_tank_farm.priority = Priority::kHigh;
  high_tank_farm.area = "tank-farm";
  const std::vector<EscalationPolicy> all{any, high, tank_farm, high_tank_farm};
  struct Row {
    Priority p;
    const char* area;
    const char* expected;
  };
  for (const Row& r : {Row{Priority::kHigh, "tank-farm", "high-tank-farm"}, Row{Priority::kLow, "tank-farm", "tank-farm"},
                       Row{Priority::kHigh, "reactor", "high"}, Row{Priority::kLow, "reactor", "any"}}) {
    INFO(PriorityCode(r.p) << " in " << r.area);
    const EscalationPolicy* p = SelectEscalationPolicy(all, r.p, r.area);
    REQUIRE(p != nullptr);
    CHECK(p->id == r.expected);
  }
  CHECK(SelectEscalationPolicy({high}, Priority::kLow, "x") == nullptr);
  // Equal specificity: the first listed.
  EscalationPolicy any2 = any;
  any2.id = "any2";
  CHECK(SelectEscalationPolicy({any, any2}, Priority::kLow, "x")->id == "any");
}

TEST_CASE("escalation: policy checks") {
  struct Row {
    const char* what;
    std::vector<EscalationStep> steps;
    const char* field;
  };
  const std::vector<Row> rows{
      {"no steps", {}, "steps"},
      {"negative delay", {{-1min, {"a"}}}, "steps[0].after"},
      {"not increasing", {{0min, {"a"}}, {10min, {"b"}}, {10min, {"c"}}}, "steps[2].after"},
      {"nobody to notify", {{0min, {"a"}}, {5min, {""}}}, "steps[1].notify"},
  };
  for (const Row& r : rows) {
    INFO(r.what);
    EscalationPolicy p;
    p.steps = r.steps;
    auto s = ValidateEscalationPolicy(p);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.field() == r.field);
  }
}

TEST_CASE("escalation: the history of an alarm's latest annunciation") {
  AlarmDefinition d;
  d.point_id = "PT-1";
  Alarm a = NewAlarm(d);
  CHECK_FALSE(EscalationHistoryOf(a).has_value());
  ConditionChange on;
  on.condition = d.condition;
  on.active = true;
  on.at = t0;
  a = ApplyConditionChange(a, on)->alarm;
  auto h = EscalationHistoryOf(a, {0});
  REQUIRE(h.has_value());
  CHECK(h->annunciated_at == t0);
  CHECK_FALSE(h->acknowledged_at.has_value());
  CHECK(h->shown);
  CHECK(h->steps_done == std::vector<int>{0});
  a = Acknowledge(a, "op1", t0 + 5min)->alarm;
  CHECK(EscalationHistoryOf(a)->acknowledged_at == t0 + 5min);
  a = Shelve(a, ShelveRequest{"op1", "why", "", t0 + 1h}, ShelvePolicy{}, t0 + 6min)->alarm;
  CHECK_FALSE(EscalationHistoryOf(a)->shown);
}
