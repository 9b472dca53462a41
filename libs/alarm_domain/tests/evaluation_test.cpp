#include <catch2/catch.hpp>

#include <cmath>

#include "safeloop/alarm_domain/evaluation.hpp"

using namespace safeloop;
using namespace safeloop::alarm;
using namespace std::chrono_literals;

namespace {

const TimePoint t0 = FromUnixMillis(1'800'000'000'000);

LimitSetting L(double sp, Priority p = Priority::kMedium) { return LimitSetting{sp, p, false, std::nullopt, ""}; }

/// H 80, HH 90, L 20, LL 10, deadband 2, no delays.
PointAlarmConfig Analog() {
  PointAlarmConfig c;
  c.limits.low_low = L(10, Priority::kHigh);
  c.limits.low = L(20);
  c.limits.high = L(80);
  c.limits.high_high = L(90, Priority::kHigh);
  c.limits.high_high->interlock = true;
  c.deadband = 2;
  return c;
}

/// Feeds readings one second apart, starting after `state`'s last reading.
struct Feeder {
  PointAlarmConfig config;
  PointState state = InitialPointState(t0);
  TimePoint now = t0;

  std::vector<ConditionChange> Feed(double value, Quality q = Quality::kGood, std::chrono::milliseconds step = 1s) {
    now += step;
    auto out = Evaluate(state, config, Reading{value, q, now});
    REQUIRE_FALSE(out.ignored);
    state = out.state;
    return out.changes;
  }
  std::vector<ConditionChange> At(TimePoint at, double value, Quality q = Quality::kGood) {
    now = at;
    auto out = Evaluate(state, config, Reading{value, q, at});
    REQUIRE_FALSE(out.ignored);
    state = out.state;
    return out.changes;
  }
  std::vector<ConditionChange> TickAt(TimePoint at) {
    auto out = Tick(state, config, at);
    state = out.state;
    return out.changes;
  }
};

/// The changes as (condition, active) pairs, for compact checks.
std::vector<std::pair<AlarmCondition, bool>> Edges(const std::vector<ConditionChange>& changes) {
  std::vector<std::pair<AlarmCondition, bool>> out;
  for (const auto& c : changes) out.emplace_back(c.condition, c.active);
  return out;
}

using E = std::vector<std::pair<AlarmCondition, bool>>;

}  // namespace

TEST_CASE("evaluation: deadband on each side of each limit") {
  // Oracle from §4.6: a high alarm is raised at the limit and clears only below (limit − deadband); a low
  // alarm is raised at the limit and clears only above (limit + deadband). Deadband 2 everywhere.
  struct Row {
    AlarmCondition condition;
    double start;                 // a normal value to start from
    double short_of_limit;        // does not raise
    double at_limit;              // raises
    std::vector<double> holding;  // inside the deadband, including its edge: still active
    double past_deadband;         // clears
  };
  const std::vector<Row> rows{
      {AlarmCondition::kHigh, 50, 79.99, 80, {79.5, 78.01, 78.0}, 77.99},
      {AlarmCondition::kHighHigh, 85, 89.99, 90, {89.5, 88.01, 88.0}, 87.99},
      {AlarmCondition::kLow, 50, 20.01, 20, {20.5, 21.99, 22.0}, 22.01},
      {AlarmCondition::kLowLow, 15, 10.01, 10, {10.5, 11.99, 12.0}, 12.01},
  };
  for (const Row& r : rows) {
    INFO(AlarmConditionCode(r.condition));
    Feeder f{Analog()};
    f.Feed(r.start);
    auto changes = f.Feed(r.short_of_limit);
    CHECK_FALSE(IsAlarmOn(f.state, r.condition));
    for (const auto& c : changes) CHECK(c.condition != r.condition);

    changes = f.Feed(r.at_limit);
    CHECK(IsAlarmOn(f.state, r.condition));
    bool raised = false;
    for (const auto& c : changes) {
      if (c.condition != r.condition) continue;
      raised = true;
      CHECK(c.active);
      CHECK(c.at == f.now);
      CHECK(c.value == r.at_limit);
      CHECK(c.setpoint == r.at_limit);
      CHECK(c.level == AlarmLevel(r.condition));
    }
    CHECK(raised);

    for (double v : r.holding) {
      INFO(v);
      changes = f.Feed(v);
      for (const auto& c : changes) CHECK(c.condition != r.condition);
      CHECK(IsAlarmOn(f.state, r.condition));
    }
    changes = f.Feed(r.past_deadband);
    bool cleared = false;
    for (const auto& c : changes) {
      if (c.condition == r.condition) cleared = !c.active;
    }
    CHECK(cleared);
    CHECK_FALSE(IsAlarmOn(f.state, r.condition));
  }
}

TEST_CASE("evaluation: HH while H is active — both are active, each clears at its own limit") {
  Feeder f{Analog()};
  CHECK(f.Feed(50).empty());
  CHECK(Edges(f.Feed(85)) == E{{AlarmCondition::kHigh, true}});
  CHECK(Edges(f.Feed(95)) == E{{AlarmCondition::kHighHigh, true}});
  CHECK(IsAlarmOn(f.state, AlarmCondition::kHigh));
  CHECK(IsAlarmOn(f.state, AlarmCondition::kHighHigh));
  CHECK(f.Feed(88.5).empty());  // inside HH's deadband
  CHECK(Edges(f.Feed(87.9)) == E{{AlarmCondition::kHighHigh, false}});
  CHECK(IsAlarmOn(f.state, AlarmCondition::kHigh));
  CHECK(Edges(f.Feed(77)) == E{{AlarmCondition::kHigh, false}});

  SECTION("a jump past both limits raises H before HH, and the interlock flag travels with HH") {
    auto changes = f.Feed(99);
    REQUIRE(Edges(changes) == E{{AlarmCondition::kHigh, true}, {AlarmCondition::kHighHigh, true}});
    CHECK_FALSE(changes[0].interlock);
    CHECK(changes[1].interlock);
    CHECK(changes[1].priority == Priority::kHigh);
    CHECK(changes[1].level == 2);
    CHECK(Edges(f.Feed(50)) == E{{AlarmCondition::kHigh, false}, {AlarmCondition::kHighHigh, false}});
  }
  SECTION("the same on the low side") {
    CHECK(Edges(f.Feed(5)) == E{{AlarmCondition::kLow, true}, {AlarmCondition::kLowLow, true}});
    CHECK(Edges(f.Feed(12.5)) == E{{AlarmCondition::kLowLow, false}});
    CHECK(Edges(f.Feed(22.5)) == E{{AlarmCondition::kLow, false}});
  }
}

TEST_CASE("evaluation: the on-delay needs the condition to hold throughout") {
  auto config = Analog();
  config.deadband = 0;
  config.on_delay = 15s;
  Feeder f{config};
  f.At(t0, 50);
  CHECK(f.At(t0 + 1s, 85).empty());
  CHECK(TrackOf(f.state, AlarmCondition::kHigh).phase == ConditionPhase::kPendingOn);
  CHECK(f.At(t0 + 6s, 85).empty());
  CHECK(f.At(t0 + 15999ms, 85).empty());  // 14.999 s after it started
  auto changes = f.At(t0 + 16s, 86);       // exactly 15 s
  REQUIRE(Edges(changes) == E{{AlarmCondition::kHigh, true}});
  CHECK(changes[0].at == t0 + 16s);
  CHECK(changes[0].value == 86);
  CHECK(TrackOf(f.state, AlarmCondition::kHigh).active_since == t0 + 16s);

  SECTION("a dip below the limit restarts the delay") {
    Feeder g{config};
    g.At(t0, 85);
    g.At(t0 + 10s, 79.9);
    CHECK(TrackOf(g.state, AlarmCondition::kHigh).phase == ConditionPhase::kInactive);
    CHECK(g.At(t0 + 20s, 85).empty());
    CHECK(g.At(t0 + 34s, 85).empty());  // 25 s after the first crossing, but only 14 s since the dip
    CHECK(Edges(g.At(t0 + 35s, 85)) == E{{AlarmCondition::kHigh, true}});
  }
  SECTION("Tick lets the delay run out between readings on the held value") {
    Feeder g{config};
    g.At(t0, 85);
    CHECK(g.TickAt(t0 + 14s).empty());
    auto ticked = g.TickAt(t0 + 15s);
    REQUIRE(Edges(ticked) == E{{AlarmCondition::kHigh, true}});
    CHECK(ticked[0].at == t0 + 15s);
    CHECK(ticked[0].value == 85);
    CHECK(g.TickAt(t0 + 16s).empty());  // ticking again raises nothing twice
  }
}

TEST_CASE("evaluation: the off-delay needs the value to stay clear throughout") {
  auto config = Analog();
  config.deadband = 2;
  config.off_delay = 15s;
  Feeder f{config};
  f.At(t0, 85);
  REQUIRE(IsAlarmOn(f.state, AlarmCondition::kHigh));
  CHECK(f.At(t0 + 1s, 70).empty());
  CHECK(TrackOf(f.state, AlarmCondition::kHigh).phase == ConditionPhase::kPendingOff);
  CHECK(IsAlarmOn(f.state, AlarmCondition::kHigh));  // held during the off-delay
  CHECK(f.At(t0 + 5s, 79).empty());                  // back inside the deadband: the clear is off
  CHECK(TrackOf(f.state, AlarmCondition::kHigh).phase == ConditionPhase::kActive);
  CHECK(TrackOf(f.state, AlarmCondition::kHigh).active_since == t0);  // still the same alarm
  CHECK(f.At(t0 + 10s, 70).empty());
  CHECK(f.At(t0 + 24999ms, 70).empty());
  auto changes = f.At(t0 + 25s, 70);
  REQUIRE(Edges(changes) == E{{AlarmCondition::kHigh, false}});
  CHECK(changes[0].at == t0 + 25s);

  SECTION("Tick clears on the held value too") {
    Feeder g{config};
    g.At(t0, 85);
    g.At(t0 + 1s, 70);
    CHECK(g.TickAt(t0 + 15999ms).empty());
    CHECK(Edges(g.TickAt(t0 + 16s)) == E{{AlarmCondition::kHigh, false}});
  }
}

TEST_CASE("evaluation: bad quality never triggers or clears a limit alarm") {
  Feeder f{Analog()};
  f.Feed(50);
  CHECK(f.Feed(99, Quality::kBad).empty());
  CHECK_FALSE(IsAlarmOn(f.state, AlarmCondition::kHigh));
  CHECK(f.Feed(std::nan(""), Quality::kGood).empty());  // a non-finite value is as good as bad
  CHECK(f.Feed(INFINITY, Quality::kGood).empty());
  REQUIRE(Edges(f.Feed(85)) == E{{AlarmCondition::kHigh, true}});
  CHECK(f.Feed(0, Quality::kBad).empty());
  CHECK(IsAlarmOn(f.state, AlarmCondition::kHigh));
  CHECK(Edges(f.Feed(50)) == E{{AlarmCondition::kHigh, false}});

  SECTION("timers are frozen while the quality is bad, and resume on the next good reading") {
    auto config = Analog();
    config.on_delay = 10s;
    Feeder g{config};
    g.At(t0, 85);
    CHECK(g.At(t0 + 5s, 85, Quality::kBad).empty());
    CHECK(g.TickAt(t0 + 30s).empty());  // no delay runs out on a bad value
    CHECK(TrackOf(g.state, AlarmCondition::kHigh).phase == ConditionPhase::kPendingOn);
    auto changes = g.At(t0 + 31s, 85);
    REQUIRE(Edges(changes) == E{{AlarmCondition::kHigh, true}});
  }
}

TEST_CASE("evaluation: stale and duplicate readings are ignored") {
  Feeder f{Analog()};
  f.At(t0 + 10s, 85);
  const PointState before = f.state;
  for (TimePoint at : {t0 + 10s, t0 + 9s}) {
    auto out = Evaluate(f.state, f.config, Reading{50, Quality::kGood, at});
    CHECK(out.ignored);
    CHECK(out.changes.empty());
    CHECK(out.state == before);
  }
}

TEST_CASE("evaluation: communication loss after more than N sampling periods without a reading") {
  auto config = Analog();
  config.sampling_period = 10s;
  config.comm_loss_periods = 3;
  Feeder f{config};

  SECTION("before the first reading, counted from the start of supervision") {
    CHECK(f.TickAt(t0 + 30s).empty());
    auto changes = f.TickAt(t0 + 30001ms);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].condition == AlarmCondition::kCommLoss);
    CHECK(changes[0].active);
    CHECK(changes[0].at == t0 + 30001ms);
    CHECK_FALSE(changes[0].value.has_value());
    CHECK(f.state.comm_lost);
    CHECK(f.TickAt(t0 + 60s).empty());  // raised once
    // Any reading, even a bad one, proves the link is up again.
    CHECK(Edges(f.At(t0 + 61s, 0, Quality::kBad)) == E{{AlarmCondition::kCommLoss, false}});
    CHECK_FALSE(f.state.comm_lost);
  }
  SECTION("after a reading, counted from that reading") {
    f.At(t0 + 5s, 50);
    CHECK(f.TickAt(t0 + 35s).empty());
    CHECK(Edges(f.TickAt(t0 + 35001ms)) == E{{AlarmCondition::kCommLoss, true}});
    // A reading both clears COMM and is evaluated.
    CHECK(Edges(f.At(t0 + 40s, 85)) == E{{AlarmCondition::kCommLoss, false}, {AlarmCondition::kHigh, true}});
  }
  SECTION("while communication is lost no delay runs out on the stale value") {
    f.config.on_delay = 60s;
    f.At(t0 + 1s, 85);
    CHECK(Edges(f.TickAt(t0 + 40s)) == E{{AlarmCondition::kCommLoss, true}});
    CHECK(f.TickAt(t0 + 120s).empty());
    CHECK(TrackOf(f.state, AlarmCondition::kHigh).phase == ConditionPhase::kPendingOn);
  }
  SECTION("no supervision when the sampling period is 0") {
    f.config.sampling_period = 0ms;
    CHECK(f.TickAt(t0 + 24h).empty());
  }
}

TEST_CASE("evaluation: digital (switch) alarms") {
  PointAlarmConfig config;
  config.kind = PointKind::kDigital;
  config.digital_priority = Priority::kHigh;
  Feeder f{config};
  auto changes = f.Feed(1);
  REQUIRE(Edges(changes) == E{{AlarmCondition::kDigital, true}});
  CHECK(changes[0].priority == Priority::kHigh);
  CHECK_FALSE(changes[0].setpoint.has_value());
  CHECK(f.Feed(1).empty());  // re-triggering the same state changes nothing
  CHECK(Edges(f.Feed(0)) == E{{AlarmCondition::kDigital, false}});
  CHECK(f.Feed(1, Quality::kBad).empty());

  SECTION("alarm when the switch is off, with delays") {
    PointAlarmConfig off;
    off.kind = PointKind::kDigital;
    off.digital_alarm_when_on = false;
    off.on_delay = 2s;
    off.off_delay = 2s;
    Feeder g{off};
    g.At(t0, 1);
    CHECK(g.At(t0 + 1s, 0).empty());
    CHECK(Edges(g.At(t0 + 3s, 0)) == E{{AlarmCondition::kDigital, true}});
    CHECK(g.At(t0 + 4s, 1).empty());
    CHECK(Edges(g.At(t0 + 6s, 1)) == E{{AlarmCondition::kDigital, false}});
  }
}

TEST_CASE("evaluation: a limit removed from the config returns its alarm at the next evaluation") {
  Feeder f{Analog()};
  REQUIRE(Edges(f.Feed(85)) == E{{AlarmCondition::kHigh, true}});
  f.config.limits.high.reset();
  f.config.off_delay = 30s;  // does not hold back a removed limit
  CHECK(Edges(f.Feed(85)) == E{{AlarmCondition::kHigh, false}});
  CHECK(f.Feed(95).size() == 1);  // only HH, which is still configured
}
