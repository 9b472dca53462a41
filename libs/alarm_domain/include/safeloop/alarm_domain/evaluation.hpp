#pragma once
/// @file evaluation.hpp
/// Per-point alarm evaluation as a pure function of (state, config, reading) or (state, config, now)
/// (standards.md §4.6). The alarm service keeps one PointState per point, feeds it the readings it consumes
/// from Kafka, calls Tick on a timer, and hands every ConditionChange to the alarm lifecycle
/// (lifecycle.hpp), which keeps one alarm per point and condition.
///
/// Each of HH, H, L, LL and DI runs its own small machine:
///
///   inactive    --condition true, on-delay 0-------------------------> active        (change: active)
///   inactive    --condition true, on-delay > 0-----------------------> pending on    (since = reading time)
///   pending on  --condition false---------------------------------------> inactive   (it must hold throughout)
///   pending on  --condition still true and held ≥ on-delay---------------> active     (change: active)
///   active      --cleared past the deadband, off-delay 0-----------------> inactive   (change: cleared)
///   active      --cleared past the deadband, off-delay > 0---------------> pending off
///   pending off --no longer cleared past the deadband---------------------> active    (no change emitted)
///   pending off --still cleared and held ≥ off-delay----------------------> inactive  (change: cleared)
///
/// "Condition true" is value ≥ setpoint for H/HH and value ≤ setpoint for L/LL; "cleared past the deadband"
/// is value < setpoint − deadband for H/HH and value > setpoint + deadband for L/LL. Between the two the
/// alarm keeps whatever state it has. For DI the condition is "switch in its alarm state" (no deadband).
/// H and HH are independent: a value above HH has both active, and each clears at its own limit.
///
/// Rules the caller can rely on:
///   - A reading at or before the last accepted one is ignored (Kafka redelivery changes nothing).
///   - Bad quality (or a non-finite value) never triggers or clears a limit or digital alarm: those
///     machines are frozen, timers included, until the next good reading, which resumes them with their
///     original start times (an alarm that was on stays on; a pending on-delay is not restarted, which errs
///     on the side of raising the alarm). A bad reading still proves the link is up, so it clears
///     communication loss.
///   - Delays are measured between reading timestamps (sample and hold); Tick lets a delay run out between
///     readings on the last good value, unless communication is lost.
///   - Communication loss: more than comm_loss_periods × sampling_period since the last reading (or since
///     supervision started) raises COMM at Tick; the next reading clears it. While it is lost the other
///     machines are frozen as for bad quality. The service should tick with its own clock only once it has
///     caught up with the topic, or a consumer lag looks like a communication loss.
///   - A limit removed from the config clears its active alarm at the next evaluation.

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "safeloop/alarm_domain/limits.hpp"
#include "safeloop/alarm_domain/types.hpp"
#include "safeloop/core/clock.hpp"

namespace safeloop::alarm {

enum class Quality { kGood, kBad };

/// One sample of a point, as the iot-gateway publishes it.
struct Reading {
  double value = 0;
  Quality quality = Quality::kGood;
  TimePoint at{};

  friend bool operator==(const Reading&, const Reading&) = default;
};

enum class ConditionPhase { kInactive, kPendingOn, kActive, kPendingOff };
/// "inactive" | "pending_on" | "active" | "pending_off"
std::string_view ConditionPhaseCode(ConditionPhase phase);

/// The machine of one condition.
struct ConditionTrack {
  ConditionPhase phase = ConditionPhase::kInactive;
  TimePoint pending_since{};  ///< pending on/off: when the condition (or its clearing) started to hold
  TimePoint active_since{};   ///< active / pending off: when the alarm became active

  friend bool operator==(const ConditionTrack&, const ConditionTrack&) = default;
};

/// The evaluation state of one point; store it with the point (it is plain data).
struct PointState {
  std::array<ConditionTrack, 5> tracks{};  ///< HH, H, L, LL, DI; use TrackOf
  bool comm_lost = false;
  std::optional<Reading> last_reading;  ///< the last accepted reading, any quality
  TimePoint supervised_since{};         ///< communication-loss reference before the first reading

  friend bool operator==(const PointState&, const PointState&) = default;
};
/// A fresh state; communication-loss supervision counts from `supervised_since` until the first reading.
PointState InitialPointState(TimePoint supervised_since);
/// The track of HH, H, L, LL or DI (COMM has none: see PointState::comm_lost).
const ConditionTrack& TrackOf(const PointState& state, AlarmCondition condition);
/// Whether the alarm of a condition is on (active or pending off; for COMM: communication lost).
bool IsAlarmOn(const PointState& state, AlarmCondition condition);

/// A condition became active or cleared: the input of the alarm lifecycle.
struct ConditionChange {
  AlarmCondition condition = AlarmCondition::kHigh;
  bool active = false;
  TimePoint at{};
  std::optional<double> value;     ///< the value that decided it (none for COMM)
  std::optional<double> setpoint;  ///< the limit (none for DI and COMM)
  Priority priority = Priority::kMedium;
  int level = 1;           ///< AlarmLevel(condition)
  bool interlock = false;  ///< the limit is flagged as the interlock setpoint

  friend bool operator==(const ConditionChange&, const ConditionChange&) = default;
};

struct Evaluation {
  PointState state;
  /// In the order COMM, H, HH, L, LL, DI: a jump past HH activates H before HH.
  std::vector<ConditionChange> changes;
  bool ignored = false;  ///< the reading was not newer than the last one: nothing changed
};

/// Applies one reading. The config is assumed valid (ValidatePointAlarmConfig).
Evaluation Evaluate(const PointState& state, const PointAlarmConfig& config, const Reading& reading);
/// Lets time pass to `now` without a reading: communication loss, then delays running out on the last good
/// value.
Evaluation Tick(const PointState& state, const PointAlarmConfig& config, TimePoint now);

}  // namespace safeloop::alarm
