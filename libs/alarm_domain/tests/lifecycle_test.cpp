#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <set>

#include "safeloop/alarm_domain/lifecycle.hpp"

using namespace safeloop;
using namespace safeloop::alarm;
using namespace std::chrono_literals;

namespace {

const TimePoint t0 = FromUnixMillis(1'800'000'000'000);

using S = AlarmState;

AlarmDefinition Definition(bool latching = false) {
  AlarmDefinition d;
  d.point_id = "PT-101";
  d.tag = "PIA-101";
  d.condition = AlarmCondition::kHigh;
  d.priority = Priority::kHigh;
  d.console = "console-1";
  d.area = "tank-farm";
  d.setpoint = 1.6;
  d.deadband = 0.05;
  d.latching = latching;
  return d;
}

ConditionChange Change(bool active, TimePoint at, double value = 1.7) {
  ConditionChange c;
  c.condition = AlarmCondition::kHigh;
  c.active = active;
  c.at = at;
  c.value = value;
  c.setpoint = 1.6;
  return c;
}

Alarm Apply(const Alarm& a, bool active, TimePoint at) {
  auto t = ApplyConditionChange(a, Change(active, at));
  REQUIRE(t.has_value());
  return t->alarm;
}

Alarm Ok(const Result<Transition>& r) {
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  return r->alarm;
}

ShelveRequest ShelveFor(std::chrono::seconds d, TimePoint at = t0) {
  return ShelveRequest{"op1", "instrument being recalibrated", "", at + d};
}

OutOfServiceRequest Oos() { return OutOfServiceRequest{"tech1", "mgr1", "transmitter replacement", "MOC-7"}; }

HandlingRecord Handling() { return HandlingRecord{"checked the relief valve; pressure normal", "op1", "", ""}; }

/// An alarm in each state, reached through the §4.2 transitions. A has an open record (B → C → A) so that
/// closing it is legal; "A0" is a fresh alarm without a record.
Alarm InState(const std::string& name, bool latching = false) {
  Alarm a = NewAlarm(Definition(latching));
  if (name == "A0") return a;
  Alarm b = Apply(a, true, t0);
  if (name == "B") return b;
  Alarm c = Ok(Acknowledge(b, "op1", t0 + 1s));
  if (name == "C") return c;
  if (name == "A") return Apply(c, false, t0 + 2s);
  if (name == "D") return Apply(b, false, t0 + 2s);
  if (name == "E") return Ok(Shelve(a, ShelveFor(1h), ShelvePolicy{}, t0));
  if (name == "E+active") return Ok(Shelve(b, ShelveFor(1h), ShelvePolicy{}, t0));
  if (name == "F") return ApplySuppression(a, true, "pump stopped", t0)->alarm;
  if (name == "F+active") return ApplySuppression(b, true, "pump stopped", t0)->alarm;
  if (name == "G") return Ok(RemoveFromService(a, Oos(), t0));
  if (name == "G+active") return Ok(RemoveFromService(b, Oos(), t0));
  FAIL("unknown state " << name);
  return a;
}

}  // namespace

TEST_CASE("lifecycle: the states A-G are derived as in the §4.2 table") {
  const std::map<std::string, S> expected{
      {"A0", S::kNormal},       {"A", S::kNormal},      {"B", S::kUnacknowledged},
      {"C", S::kAcknowledged},  {"D", S::kReturnedUnacknowledged},
      {"E", S::kShelved},       {"E+active", S::kShelved},
      {"F", S::kSuppressed},    {"F+active", S::kSuppressed},
      {"G", S::kOutOfService},  {"G+active", S::kOutOfService},
  };
  for (const auto& [name, state] : expected) {
    INFO(name);
    CHECK(StateOf(InState(name)) == state);
  }
  CHECK(AlarmStateLetter(S::kNormal) == 'A');
  CHECK(AlarmStateLetter(S::kOutOfService) == 'G');
  for (S s : {S::kNormal, S::kUnacknowledged, S::kAcknowledged, S::kReturnedUnacknowledged, S::kShelved,
              S::kSuppressed, S::kOutOfService}) {
    CHECK(ParseAlarmState(AlarmStateCode(s)) == s);
    CHECK_FALSE(AlarmStateNameZh(s).empty());
  }
  CHECK(ShownToOperator(S::kUnacknowledged));
  CHECK(ShownToOperator(S::kAcknowledged));
  CHECK(ShownToOperator(S::kReturnedUnacknowledged));
  CHECK_FALSE(ShownToOperator(S::kNormal));
  CHECK_FALSE(ShownToOperator(S::kShelved));
}

TEST_CASE("lifecycle: every legal transition of §4.2 and the event it yields") {
  const TimePoint at = t0 + 10s;
  struct Row {
    const char* from_name;
    const char* event;
    std::function<std::optional<Transition>(const Alarm&)> act;
    S from;
    S to;
    EventKind kind;
    bool annunciated;
  };
  auto op = [](Result<Transition> r) -> std::optional<Transition> {
    INFO(r.status().ToString());
    REQUIRE(r.ok());
    return *r;
  };
  auto activate = [&](const Alarm& a) { return ApplyConditionChange(a, Change(true, at)); };
  auto clear = [&](const Alarm& a) { return ApplyConditionChange(a, Change(false, at)); };
  auto ack = [&](const Alarm& a) { return op(Acknowledge(a, "op2", at)); };
  auto shelve = [&](const Alarm& a) { return op(Shelve(a, ShelveFor(1h, at), ShelvePolicy{}, at)); };
  auto unshelve = [&](const Alarm& a) { return op(Unshelve(a, "op2", at)); };
  auto expire = [&](const Alarm& a) { return TickAlarm(a, t0 + 1h); };
  auto suppress = [&](const Alarm& a) { return ApplySuppression(a, true, "unit shut down", at); };
  auto unsuppress = [&](const Alarm& a) { return ApplySuppression(a, false, "unit running", at); };
  auto remove = [&](const Alarm& a) { return op(RemoveFromService(a, Oos(), at)); };
  auto restore = [&](const Alarm& a) { return op(ReturnToService(a, "tech1", at)); };
  auto comment = [&](const Alarm& a) { return op(Comment(a, "op2", "watching it", at)); };
  auto close = [&](const Alarm& a) { return op(Close(a, Handling(), at)); };

  const std::vector<Row> rows{
      {"A0", "condition becomes true", activate, S::kNormal, S::kUnacknowledged, EventKind::kActivated, true},
      {"A", "condition becomes true", activate, S::kNormal, S::kUnacknowledged, EventKind::kActivated, true},
      {"B", "acknowledge", ack, S::kUnacknowledged, S::kAcknowledged, EventKind::kAcknowledged, false},
      {"B", "condition clears", clear, S::kUnacknowledged, S::kReturnedUnacknowledged, EventKind::kCleared, false},
      {"C", "condition clears (non-latching)", clear, S::kAcknowledged, S::kNormal, EventKind::kCleared, false},
      {"D", "acknowledge", ack, S::kReturnedUnacknowledged, S::kNormal, EventKind::kAcknowledged, false},
      {"D", "condition returns", activate, S::kReturnedUnacknowledged, S::kUnacknowledged, EventKind::kActivated,
       true},
      {"A", "shelve", shelve, S::kNormal, S::kShelved, EventKind::kShelved, false},
      {"B", "shelve", shelve, S::kUnacknowledged, S::kShelved, EventKind::kShelved, false},
      {"C", "shelve", shelve, S::kAcknowledged, S::kShelved, EventKind::kShelved, false},
      {"D", "shelve", shelve, S::kReturnedUnacknowledged, S::kShelved, EventKind::kShelved, false},
      {"E", "unshelve, condition inactive", unshelve, S::kShelved, S::kNormal, EventKind::kUnshelved, false},
      {"E+active", "unshelve, condition active", unshelve, S::kShelved, S::kUnacknowledged, EventKind::kUnshelved,
       true},
      {"E", "shelve timer expires, inactive", expire, S::kShelved, S::kNormal, EventKind::kShelveExpired, false},
      {"E+active", "shelve timer expires, active", expire, S::kShelved, S::kUnacknowledged,
       EventKind::kShelveExpired, true},
      {"A", "suppression logic true", suppress, S::kNormal, S::kSuppressed, EventKind::kSuppressed, false},
      {"B", "suppression logic true", suppress, S::kUnacknowledged, S::kSuppressed, EventKind::kSuppressed, false},
      {"C", "suppression logic true", suppress, S::kAcknowledged, S::kSuppressed, EventKind::kSuppressed, false},
      {"D", "suppression logic true", suppress, S::kReturnedUnacknowledged, S::kSuppressed, EventKind::kSuppressed,
       false},
      {"E", "suppression logic true", suppress, S::kShelved, S::kSuppressed, EventKind::kSuppressed, false},
      {"F", "suppression logic false, inactive", unsuppress, S::kSuppressed, S::kNormal, EventKind::kUnsuppressed,
       false},
      {"F+active", "suppression logic false, active", unsuppress, S::kSuppressed, S::kUnacknowledged,
       EventKind::kUnsuppressed, true},
      {"A", "remove from service", remove, S::kNormal, S::kOutOfService, EventKind::kRemovedFromService, false},
      {"B", "remove from service", remove, S::kUnacknowledged, S::kOutOfService, EventKind::kRemovedFromService,
       false},
      {"C", "remove from service", remove, S::kAcknowledged, S::kOutOfService, EventKind::kRemovedFromService,
       false},
      {"D", "remove from service", remove, S::kReturnedUnacknowledged, S::kOutOfService,
       EventKind::kRemovedFromService, false},
      {"E", "remove from service", remove, S::kShelved, S::kOutOfService, EventKind::kRemovedFromService, false},
      {"F", "remove from service", remove, S::kSuppressed, S::kOutOfService, EventKind::kRemovedFromService, false},
      {"G", "return to service, inactive", restore, S::kOutOfService, S::kNormal, EventKind::kReturnedToService,
       false},
      {"G+active", "return to service, active", restore, S::kOutOfService, S::kUnacknowledged,
       EventKind::kReturnedToService, true},
      {"A", "comment", comment, S::kNormal, S::kNormal, EventKind::kCommented, false},
      {"B", "comment", comment, S::kUnacknowledged, S::kUnacknowledged, EventKind::kCommented, false},
      {"G", "comment", comment, S::kOutOfService, S::kOutOfService, EventKind::kCommented, false},
      {"A", "close with handling record", close, S::kNormal, S::kNormal, EventKind::kClosed, false},
      {"D", "close with handling record (acknowledges)", close, S::kReturnedUnacknowledged, S::kNormal,
       EventKind::kClosed, false},
  };
  for (const Row& r : rows) {
    INFO(r.from_name << " --" << r.event << "-->");
    const Alarm before = InState(r.from_name);
    REQUIRE(StateOf(before) == r.from);
    auto t = r.act(before);
    REQUIRE(t.has_value());
    CHECK(StateOf(t->alarm) == r.to);
    CHECK(t->event.from == r.from);
    CHECK(t->event.to == r.to);
    CHECK(t->event.kind == r.kind);
    CHECK(t->event.annunciated == r.annunciated);
    CHECK(t->alarm.version == before.version + 1);
    CHECK(t->event.version == t->alarm.version);
    CHECK(t->event.alarm == before.definition);
  }
}

TEST_CASE("lifecycle: illegal operator actions are refused with FAILED_PRECONDITION in every other state") {
  const TimePoint at = t0 + 10s;
  // Oracle from the §4.2 table plus the closing rule: which states accept each action.
  struct Action {
    const char* name;
    std::function<Result<Transition>(const Alarm&)> act;
    std::set<std::string> allowed;
  };
  const std::vector<Action> actions{
      {"acknowledge", [&](const Alarm& a) { return Acknowledge(a, "op2", at); }, {"B", "D"}},
      {"shelve", [&](const Alarm& a) { return Shelve(a, ShelveFor(1h, at), ShelvePolicy{}, at); },
       {"A0", "A", "B", "C", "D"}},
      {"unshelve", [&](const Alarm& a) { return Unshelve(a, "op2", at); }, {"E", "E+active"}},
      {"remove from service", [&](const Alarm& a) { return RemoveFromService(a, Oos(), at); },
       {"A0", "A", "B", "C", "D", "E", "E+active", "F", "F+active"}},
      {"return to service", [&](const Alarm& a) { return ReturnToService(a, "tech1", at); }, {"G", "G+active"}},
      {"close", [&](const Alarm& a) { return Close(a, Handling(), at); }, {"A", "D"}},
      {"reset (non-latching alarm)", [&](const Alarm& a) { return Reset(a, "op2", at); }, {}},
      {"comment", [&](const Alarm& a) { return Comment(a, "op2", "note", at); },
       {"A0", "A", "B", "C", "D", "E", "E+active", "F", "F+active", "G", "G+active"}},
  };
  const std::vector<std::string> states{"A0", "A", "B", "C", "D", "E", "E+active", "F", "F+active", "G", "G+active"};
  for (const Action& action : actions) {
    for (const std::string& state : states) {
      INFO(action.name << " in " << state);
      const Alarm before = InState(state);
      auto r = action.act(before);
      if (action.allowed.count(state)) {
        CHECK(r.ok());
      } else {
        CHECK(r.status().code() == StatusCode::kFailedPrecondition);
        CHECK_FALSE(r.status().message().empty());
      }
    }
  }
}

TEST_CASE("lifecycle: required fields of operator actions") {
  const Alarm b = InState("B");
  const Alarm d = InState("D");
  struct Row {
    const char* what;
    Result<Transition> result;
    const char* field;
  };
  ShelvePolicy policy{4h};
  Alarm managed = b;
  managed.definition.highly_managed = true;
  const std::vector<Row> rows{
      {"ack without user", Acknowledge(b, "", t0), "user"},
      {"shelve without reason", Shelve(b, ShelveRequest{"op1", " ", "", t0 + 1h}, policy, t0), "reason"},
      {"shelve without user", Shelve(b, ShelveRequest{"", "why", "", t0 + 1h}, policy, t0), "user"},
      {"shelve expiring now", Shelve(b, ShelveRequest{"op1", "why", "", t0}, policy, t0), "until"},
      {"shelve expiring in the past", Shelve(b, ShelveRequest{"op1", "why", "", t0 - 1s}, policy, t0), "until"},
      {"shelve beyond the maximum", Shelve(b, ShelveRequest{"op1", "why", "", t0 + 4h + 1ms}, policy, t0), "until"},
      {"highly managed without authoriser", Shelve(managed, ShelveRequest{"op1", "why", "", t0 + 1h}, policy, t0),
       "authorised_by"},
      {"out of service without authoriser", RemoveFromService(b, {"tech1", "", "repair", ""}, t0), "authorised_by"},
      {"out of service without reason", RemoveFromService(b, {"tech1", "mgr1", "", ""}, t0), "reason"},
      {"comment without text", Comment(b, "op1", "", t0), "text"},
      {"close without result", Close(d, HandlingRecord{"", "op1", "", ""}, t0), "handling.result"},
      {"close with a blank result", Close(d, HandlingRecord{"  \n", "op1", "", ""}, t0), "handling.result"},
      {"close without handler", Close(d, HandlingRecord{"fixed", "", "", ""}, t0), "handling.handled_by"},
  };
  for (const Row& r : rows) {
    INFO(r.what);
    CHECK(r.result.status().code() == StatusCode::kInvalidArgument);
    CHECK(r.result.status().field() == r.field);
  }
  // Exactly the maximum is allowed, and a highly managed alarm shelves with an authoriser.
  CHECK(Shelve(b, ShelveRequest{"op1", "why", "", t0 + 4h}, policy, t0).ok());
  CHECK(Shelve(managed, ShelveRequest{"op1", "why", "shift-lead", t0 + 1h}, policy, t0).ok());
  CHECK(ShelvePolicy{}.max_shelve_time == 8h);
}

TEST_CASE("lifecycle: the event carries the §4.9 fields") {
  Alarm a = NewAlarm(Definition());
  auto on = ApplyConditionChange(a, Change(true, t0, 1.72));
  REQUIRE(on.has_value());
  CHECK(on->event.value == 1.72);
  CHECK(on->event.record.seq == 1);
  CHECK(on->event.record.first_active_at == t0);
  CHECK(on->event.record.value_at_activation == 1.72);
  CHECK(on->event.alarm.tag == "PIA-101");
  CHECK(on->event.alarm.console == "console-1");
  CHECK(on->event.alarm.setpoint == 1.6);
  CHECK(on->event.user.empty());

  auto acked = Acknowledge(on->alarm, "op1", t0 + 30s);
  REQUIRE(acked.ok());
  CHECK(acked->event.user == "op1");
  CHECK(acked->event.record.acknowledged_at == t0 + 30s);
  CHECK(acked->event.record.acknowledged_by == "op1");

  auto off = ApplyConditionChange(acked->alarm, Change(false, t0 + 60s, 1.5));
  REQUIRE(off.has_value());
  CHECK(off->event.record.returned_at == t0 + 60s);

  auto shelved = Shelve(off->alarm, ShelveFor(2h, t0 + 61s), ShelvePolicy{}, t0 + 61s);
  REQUIRE(shelved.ok());
  CHECK(shelved->event.text == "instrument being recalibrated");
  REQUIRE(shelved->event.shelving.has_value());
  CHECK(shelved->event.shelving->until == t0 + 61s + 2h);
  // The unshelve event still says who shelved it and until when.
  auto unshelved = Unshelve(shelved->alarm, "op2", t0 + 1h);
  REQUIRE(unshelved.ok());
  REQUIRE(unshelved->event.shelving.has_value());
  CHECK(unshelved->event.shelving->user == "op1");
  CHECK_FALSE(unshelved->alarm.shelving.has_value());
  CHECK(unshelved->alarm.version == 5);
}

TEST_CASE("lifecycle: one alarm record per episode until closed; re-triggering updates it") {
  Alarm a = NewAlarm(Definition());
  a = Apply(a, true, t0);
  a = Apply(a, false, t0 + 10s);  // D
  a = Apply(a, true, t0 + 20s);   // D → B: same record
  CHECK(a.record.seq == 1);
  CHECK(a.record.activations == 2);
  CHECK(a.record.first_active_at == t0);
  CHECK(a.record.last_active_at == t0 + 20s);
  CHECK_FALSE(a.record.returned_at.has_value());

  SECTION("a redelivered change or a change of another condition does nothing") {
    CHECK_FALSE(ApplyConditionChange(a, Change(true, t0 + 21s)).has_value());
    auto other = Change(true, t0 + 21s);
    other.condition = AlarmCondition::kHighHigh;
    CHECK_FALSE(ApplyConditionChange(a, other).has_value());
  }
  SECTION("acknowledged and returned (A) the record stays open until closed") {
    a = Ok(Acknowledge(a, "op1", t0 + 25s));
    a = Apply(a, false, t0 + 30s);
    REQUIRE(StateOf(a) == S::kNormal);
    CHECK(a.record.open);
    a = Apply(a, true, t0 + 40s);  // re-triggers the open record
    CHECK(a.record.seq == 1);
    CHECK(a.record.activations == 3);
    a = Apply(a, false, t0 + 50s);
    auto closed = Close(a, Handling(), t0 + 60s);
    REQUIRE(closed.ok());
    CHECK(closed->event.kind == EventKind::kClosed);
    CHECK(closed->event.text == Handling().result);
    CHECK(closed->alarm.record.handling == Handling());
    CHECK(closed->alarm.record.closed_at == t0 + 60s);
    CHECK_FALSE(closed->alarm.record.open);
    // Closing twice is refused.
    CHECK(Close(closed->alarm, Handling(), t0 + 61s).status().code() == StatusCode::kFailedPrecondition);
    // The next activation opens record 2.
    Alarm next = Apply(closed->alarm, true, t0 + 70s);
    CHECK(next.record.seq == 2);
    CHECK(next.record.activations == 1);
    CHECK_FALSE(next.record.handling.has_value());
  }
  SECTION("closing from D acknowledges it, with the handler as the acknowledging user") {
    a = Apply(a, false, t0 + 30s);
    REQUIRE(StateOf(a) == S::kReturnedUnacknowledged);
    auto closed = Close(a, Handling(), t0 + 40s);
    REQUIRE(closed.ok());
    CHECK(StateOf(closed->alarm) == S::kNormal);
    CHECK(closed->alarm.record.acknowledged_by == "op1");
    CHECK(closed->alarm.record.acknowledged_at == t0 + 40s);
  }
  SECTION("closing while the condition is active is refused, acknowledged or not") {
    CHECK(Close(a, Handling(), t0 + 30s).status().code() == StatusCode::kFailedPrecondition);
    a = Ok(Acknowledge(a, "op1", t0 + 30s));
    CHECK(Close(a, Handling(), t0 + 31s).status().code() == StatusCode::kFailedPrecondition);
  }
}

TEST_CASE("lifecycle: condition changes while hidden are recorded, and the alarm comes back as A or B") {
  Alarm e = InState("E");
  auto on = ApplyConditionChange(e, Change(true, t0 + 5s));
  REQUIRE(on.has_value());
  CHECK(on->event.kind == EventKind::kActivated);
  CHECK(on->event.from == S::kShelved);
  CHECK(on->event.to == S::kShelved);
  CHECK_FALSE(on->event.annunciated);
  CHECK(on->alarm.record.seq == 0);  // nothing the operator saw: no record yet
  auto back = Unshelve(on->alarm, "op1", t0 + 10s);
  REQUIRE(back.ok());
  CHECK(StateOf(back->alarm) == S::kUnacknowledged);
  CHECK(back->event.annunciated);
  CHECK(back->alarm.record.seq == 1);
  CHECK(back->alarm.record.first_active_at == t0 + 10s);

  SECTION("an unacknowledged return (D) that is shelved comes back normal") {
    Alarm d = InState("D");
    Alarm shelved = Ok(Shelve(d, ShelveFor(1h), ShelvePolicy{}, t0 + 3s));
    Alarm unshelved = Ok(Unshelve(shelved, "op1", t0 + 4s));
    CHECK(StateOf(unshelved) == S::kNormal);
  }
}

TEST_CASE("lifecycle: the shelve timer runs out exactly at its expiry") {
  Alarm e = Ok(Shelve(InState("B"), ShelveFor(30min), ShelvePolicy{}, t0));
  CHECK_FALSE(TickAlarm(e, t0 + 30min - 1ms).has_value());
  auto t = TickAlarm(e, t0 + 30min);
  REQUIRE(t.has_value());
  CHECK(t->event.kind == EventKind::kShelveExpired);
  CHECK(StateOf(t->alarm) == S::kUnacknowledged);
  CHECK(t->event.user.empty());
  CHECK_FALSE(TickAlarm(t->alarm, t0 + 31min).has_value());
}

TEST_CASE("lifecycle: re-alarm moves a still-active acknowledged alarm back to B") {
  Alarm a = NewAlarm(Definition());
  a.definition.re_alarm_after = 600s;
  a = Apply(a, true, t0);
  a = Ok(Acknowledge(a, "op1", t0 + 60s));
  CHECK_FALSE(TickAlarm(a, t0 + 660s - 1ms).has_value());
  auto t = TickAlarm(a, t0 + 660s);
  REQUIRE(t.has_value());
  CHECK(t->event.kind == EventKind::kReAlarmed);
  CHECK(t->event.from == S::kAcknowledged);
  CHECK(t->event.to == S::kUnacknowledged);
  CHECK_FALSE(t->event.annunciated);  // not a new activation for the rate KPIs
  CHECK(t->alarm.record.activations == 1);
  // Without a re-alarm time nothing happens.
  Alarm plain = Ok(Acknowledge(Apply(NewAlarm(Definition()), true, t0), "op1", t0 + 1s));
  CHECK_FALSE(TickAlarm(plain, t0 + 24h).has_value());
}

TEST_CASE("lifecycle: precedence G over F over E") {
  Alarm a = InState("E");
  a = ApplySuppression(a, true, "unit shut down", t0 + 1s)->alarm;
  CHECK(StateOf(a) == S::kSuppressed);
  a = Ok(RemoveFromService(a, Oos(), t0 + 2s));
  CHECK(StateOf(a) == S::kOutOfService);
  CHECK_FALSE(ApplySuppression(a, true, "again", t0 + 3s).has_value());  // no change, no event
  a = Ok(ReturnToService(a, "tech1", t0 + 4s));
  CHECK(StateOf(a) == S::kSuppressed);  // still suppressed by the logic
  a = ApplySuppression(a, false, "unit running", t0 + 5s)->alarm;
  CHECK(StateOf(a) == S::kShelved);  // the shelve has not run out yet
  CHECK(Unshelve(a, "op1", t0 + 6s).ok());
}

TEST_CASE("lifecycle: latching alarms stay in B/C after the condition clears until reset") {
  Alarm a = NewAlarm(Definition(true));
  a = Apply(a, true, t0);
  a = Apply(a, false, t0 + 5s);
  CHECK(StateOf(a) == S::kUnacknowledged);  // not D: the latch holds it
  CHECK(a.latched);
  CHECK(Reset(a, "op1", t0 + 6s).status().code() == StatusCode::kFailedPrecondition);  // acknowledge first
  a = Ok(Acknowledge(a, "op1", t0 + 7s));
  CHECK(StateOf(a) == S::kAcknowledged);
  CHECK(Close(a, Handling(), t0 + 8s).status().code() == StatusCode::kFailedPrecondition);

  SECTION("reset returns it to A, then it can be closed") {
    auto reset = Reset(a, "op1", t0 + 9s);
    REQUIRE(reset.ok());
    CHECK(reset->event.kind == EventKind::kReset);
    CHECK(StateOf(reset->alarm) == S::kNormal);
    CHECK(reset->alarm.record.reset_at == t0 + 9s);
    CHECK(Close(reset->alarm, Handling(), t0 + 10s).ok());
  }
  SECTION("acknowledged with the condition still active (C), clearing keeps C") {
    Alarm c = Ok(Acknowledge(Apply(NewAlarm(Definition(true)), true, t0), "op1", t0 + 1s));
    c = Apply(c, false, t0 + 2s);
    CHECK(StateOf(c) == S::kAcknowledged);
    CHECK(Reset(c, "op1", t0 + 3s).ok());
  }
  SECTION("reset is refused while the condition is active") {
    Alarm c = Ok(Acknowledge(Apply(NewAlarm(Definition(true)), true, t0), "op1", t0 + 1s));
    CHECK(Reset(c, "op1", t0 + 2s).status().code() == StatusCode::kFailedPrecondition);
  }
  SECTION("the condition returning while latched is a new annunciation") {
    auto t = ApplyConditionChange(a, Change(true, t0 + 9s));
    REQUIRE(t.has_value());
    CHECK(StateOf(t->alarm) == S::kUnacknowledged);
    CHECK(t->event.annunciated);
    CHECK(t->alarm.record.activations == 2);
  }
}
