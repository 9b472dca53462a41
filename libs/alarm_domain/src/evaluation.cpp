#include "safeloop/alarm_domain/evaluation.hpp"

#include <cmath>

namespace safeloop::alarm {
namespace {

using std::chrono::milliseconds;

// Order of the tracks in PointState::tracks, and the order changes are reported in.
constexpr std::array<AlarmCondition, 5> kTracked{AlarmCondition::kHighHigh, AlarmCondition::kHigh,
                                                  AlarmCondition::kLow, AlarmCondition::kLowLow,
                                                  AlarmCondition::kDigital};
constexpr std::array<AlarmCondition, 5> kReportOrder{AlarmCondition::kHigh, AlarmCondition::kHighHigh,
                                                      AlarmCondition::kLow, AlarmCondition::kLowLow,
                                                      AlarmCondition::kDigital};

std::size_t IndexOf(AlarmCondition c) {
  for (std::size_t i = 0; i < kTracked.size(); ++i) {
    if (kTracked[i] == c) return i;
  }
  return 0;
}

enum class Edge { kNone, kActivated, kCleared };

/// One step of the machine in evaluation.hpp. `condition`: the alarm condition holds; `cleared`: the value
/// is back past the deadband. Outside the deadband band exactly one of them is true.
Edge Step(ConditionTrack& t, bool condition, bool cleared, milliseconds on_delay, milliseconds off_delay,
          TimePoint at) {
  switch (t.phase) {
    case ConditionPhase::kInactive:
      if (!condition) return Edge::kNone;
      if (on_delay.count() <= 0) {
        t = ConditionTrack{ConditionPhase::kActive, {}, at};
        return Edge::kActivated;
      }
      t = ConditionTrack{ConditionPhase::kPendingOn, at, {}};
      return Edge::kNone;
    case ConditionPhase::kPendingOn:
      if (!condition) {
        t = ConditionTrack{};
        return Edge::kNone;
      }
      if (at - t.pending_since >= on_delay) {
        t = ConditionTrack{ConditionPhase::kActive, {}, at};
        return Edge::kActivated;
      }
      return Edge::kNone;
    case ConditionPhase::kActive:
      if (!cleared) return Edge::kNone;
      if (off_delay.count() <= 0) {
        t = ConditionTrack{};
        return Edge::kCleared;
      }
      t.phase = ConditionPhase::kPendingOff;
      t.pending_since = at;
      return Edge::kNone;
    case ConditionPhase::kPendingOff:
      if (!cleared) {
        // Back inside the deadband (or in alarm again) before the off-delay ran out: still the same alarm.
        t.phase = ConditionPhase::kActive;
        t.pending_since = {};
        return Edge::kNone;
      }
      if (at - t.pending_since >= off_delay) {
        t = ConditionTrack{};
        return Edge::kCleared;
      }
      return Edge::kNone;
  }
  return Edge::kNone;
}

bool GoodValue(const Reading& r) { return r.quality == Quality::kGood && std::isfinite(r.value); }

/// Runs every limit/digital track on `value` at `at`, appending the changes in report order.
void StepAll(PointState& state, const PointAlarmConfig& config, double value, TimePoint at,
             std::vector<ConditionChange>& changes) {
  for (AlarmCondition c : kReportOrder) {
    ConditionTrack& track = state.tracks[IndexOf(c)];
    bool condition = false;
    bool cleared = true;
    milliseconds off_delay = config.off_delay;
    ConditionChange change;
    change.condition = c;
    change.at = at;
    change.value = value;
    change.level = AlarmLevel(c);
    if (c == AlarmCondition::kDigital) {
      if (config.kind == PointKind::kDigital) {
        const bool on = value != 0;
        condition = on == config.digital_alarm_when_on;
        cleared = !condition;
        change.priority = config.digital_priority;
      } else {
        off_delay = milliseconds(0);  // not a digital point: drop anything left over at once
      }
    } else {
      const std::optional<LimitSetting> limit =
          config.kind == PointKind::kAnalog ? LimitFor(config.limits, c) : std::optional<LimitSetting>{};
      if (limit.has_value()) {
        const double sp = limit->setpoint;
        if (IsHighSide(c)) {
          condition = value >= sp;
          cleared = value < sp - config.deadband;
        } else {
          condition = value <= sp;
          cleared = value > sp + config.deadband;
        }
        change.setpoint = sp;
        change.priority = limit->priority;
        change.interlock = limit->interlock;
      } else {
        off_delay = milliseconds(0);  // the limit was removed: its alarm returns now
      }
    }
    switch (Step(track, condition, cleared, config.on_delay, off_delay, at)) {
      case Edge::kNone: break;
      case Edge::kActivated:
        change.active = true;
        changes.push_back(change);
        break;
      case Edge::kCleared:
        change.active = false;
        changes.push_back(change);
        break;
    }
  }
}

ConditionChange CommChange(const PointAlarmConfig& config, bool active, TimePoint at) {
  ConditionChange change;
  change.condition = AlarmCondition::kCommLoss;
  change.active = active;
  change.at = at;
  change.priority = config.comm_loss_priority;
  change.level = AlarmLevel(AlarmCondition::kCommLoss);
  return change;
}

}  // namespace

std::string_view ConditionPhaseCode(ConditionPhase phase) {
  switch (phase) {
    case ConditionPhase::kInactive: return "inactive";
    case ConditionPhase::kPendingOn: return "pending_on";
    case ConditionPhase::kActive: return "active";
    case ConditionPhase::kPendingOff: return "pending_off";
  }
  return "";
}

PointState InitialPointState(TimePoint supervised_since) {
  PointState state;
  state.supervised_since = supervised_since;
  return state;
}

const ConditionTrack& TrackOf(const PointState& state, AlarmCondition condition) {
  return state.tracks[IndexOf(condition)];
}

bool IsAlarmOn(const PointState& state, AlarmCondition condition) {
  if (condition == AlarmCondition::kCommLoss) return state.comm_lost;
  const ConditionPhase phase = TrackOf(state, condition).phase;
  return phase == ConditionPhase::kActive || phase == ConditionPhase::kPendingOff;
}

Evaluation Evaluate(const PointState& state, const PointAlarmConfig& config, const Reading& reading) {
  Evaluation out{state, {}, false};
  if (state.last_reading.has_value() && reading.at <= state.last_reading->at) {
    out.ignored = true;
    return out;
  }
  out.state.last_reading = reading;
  if (out.state.comm_lost) {
    out.state.comm_lost = false;
    out.changes.push_back(CommChange(config, false, reading.at));
  }
  // Bad quality: the instrument says nothing trustworthy about the process, so no limit alarm moves.
  if (!GoodValue(reading)) return out;
  StepAll(out.state, config, reading.value, reading.at, out.changes);
  return out;
}

Evaluation Tick(const PointState& state, const PointAlarmConfig& config, TimePoint now) {
  Evaluation out{state, {}, false};
  const bool supervised = config.sampling_period.count() > 0 && config.comm_loss_periods >= 1;
  if (supervised && !out.state.comm_lost) {
    const TimePoint reference =
        state.last_reading.has_value() ? state.last_reading->at : state.supervised_since;
    // "More than N periods": a reading due exactly at the N-th period may still be on its way.
    if (now - reference > config.sampling_period * config.comm_loss_periods) {
      out.state.comm_lost = true;
      out.changes.push_back(CommChange(config, true, now));
    }
  }
  if (out.state.comm_lost) return out;  // the held value is stale: let no delay run out on it
  if (!state.last_reading.has_value() || !GoodValue(*state.last_reading)) return out;
  if (now < state.last_reading->at) return out;
  StepAll(out.state, config, state.last_reading->value, now, out.changes);
  return out;
}

}  // namespace safeloop::alarm
