#pragma once
/// @file limits.hpp
/// A point's alarm configuration as data, and its checks (standards.md §4.6, §4.8, §0):
///   - the limits 低低报/低报/高报/高高报 (LL/L/H/HH), each with a priority; the second level (HH/LL) can be
///     flagged as the interlock (联锁) setpoint and linked to the trip value it must equal or precede;
///   - deadband (engineering units), on-delay and off-delay, the switch state of a digital alarm, and the
///     sampling period that communication-loss supervision counts in;
///   - the §4.6 starting points per measurement type and the GB/T 50493-2019 gas detector setpoints.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/alarm_domain/types.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::alarm {

/// One limit of a point.
struct LimitSetting {
  double setpoint = 0;
  Priority priority = Priority::kMedium;
  /// Second level only: this setpoint is the interlock setpoint, or the pre-trip alarm just before it
  /// (Cangzhou: "第二级报警为该温度联锁设定值"). Carried on every change so notifications can say so.
  bool interlock = false;
  /// The linked interlock's trip value; an HH must be ≤ it and an LL ≥ it (§4.8).
  std::optional<double> trip_setpoint;
  std::string linked_interlock_id;

  friend bool operator==(const LimitSetting&, const LimitSetting&) = default;
};

/// The four limits; any may be absent.
struct AlarmLimits {
  std::optional<LimitSetting> high_high;
  std::optional<LimitSetting> high;
  std::optional<LimitSetting> low;
  std::optional<LimitSetting> low_low;

  friend bool operator==(const AlarmLimits&, const AlarmLimits&) = default;
};
/// The limit of a limit condition (HH, H, L, LL); always empty for DI and COMM.
const std::optional<LimitSetting>& LimitFor(const AlarmLimits& limits, AlarmCondition condition);

enum class PointKind {
  kAnalog,   ///< a measured value against limits
  kDigital,  ///< a switch: value 0 is off, anything else on
};

/// Everything the evaluator needs to know about one point.
struct PointAlarmConfig {
  PointKind kind = PointKind::kAnalog;
  MeasurementType measurement = MeasurementType::kOther;
  double range_low = 0;     ///< operating range: the base of the deadband percentages of §4.6
  double range_high = 100;
  AlarmLimits limits;
  /// Return-to-normal margin in engineering units: a high alarm clears only below (limit − deadband), a low
  /// alarm only above (limit + deadband).
  double deadband = 0;
  std::chrono::milliseconds on_delay{0};   ///< the condition must hold this long before the alarm is raised
  std::chrono::milliseconds off_delay{0};  ///< the condition must stay clear this long before it returns
  bool digital_alarm_when_on = true;       ///< digital points: the switch state that is the alarm
  Priority digital_priority = Priority::kMedium;
  /// Expected time between readings; 0 disables communication-loss supervision.
  std::chrono::milliseconds sampling_period{0};
  int comm_loss_periods = 3;  ///< communication is lost after more than this many periods without a reading
  Priority comm_loss_priority = Priority::kMedium;

  friend bool operator==(const PointAlarmConfig&, const PointAlarmConfig&) = default;
};

/// Checks a configuration; INVALID_ARGUMENT naming the field:
///   - range_low < range_high, all numbers finite;
///   - the ordering invariant of §4.8 among the configured limits: LL < L < H < HH (strict);
///   - interlock flag and trip setpoint only on HH/LL; HH ≤ its trip value, LL ≥ its trip value;
///   - 0 ≤ deadband < range span; delays ≥ 0; a digital point has no limits;
///   - sampling_period ≥ 0, and comm_loss_periods ≥ 1 when supervision is on.
Status ValidatePointAlarmConfig(const PointAlarmConfig& config);

/// §4.6 starting point for one measurement type [M]: deadband as % of the operating range, and the delays.
struct MeasurementTuning {
  double deadband_percent = 0;
  std::chrono::seconds on_delay{0};
  std::chrono::seconds off_delay{0};

  friend bool operator==(const MeasurementTuning&, const MeasurementTuning&) = default;
};
/// Flow 5 % / 15 s, level 5 % / 60 s, pressure 2 % / 15 s, temperature 1 % / 60 s (on- and off-delay the
/// same). nullopt for the types §4.6 does not cover (gas detectors, switches, other): those start at no
/// deadband and no delay, so nothing delays a gas alarm unless someone tunes it on purpose.
std::optional<MeasurementTuning> DefaultTuning(MeasurementType type);
/// percent % of (range_high − range_low), in engineering units.
double DeadbandFromPercent(double percent, double range_low, double range_high);
/// A configuration for a point of `type` over the range with the §4.6 tuning applied and no limits yet
/// (a switch type gives a digital point).
PointAlarmConfig DefaultPointConfig(MeasurementType type, double range_low, double range_high);

/// The rows of the GB/T 50493-2019 5.5.2 table [S2].
enum class GasDetectorKind {
  kCombustiblePoint,     ///< % LEL: ≤ 25 / ≤ 50
  kCombustibleOpenPath,  ///< LEL·m: 1 / 2
  kToxic,                ///< ppm: ≤ 100 % OEL / ≤ 200 % OEL
  kToxicIdlh,            ///< ppm, when the range cannot cover the OEL values: ≤ 5 % IDLH / ≤ 10 % IDLH
  kOxygen,               ///< % vol: over-oxygen 23.5 (H) and under-oxygen 19.5 (L), recommended
};
/// "combustible_point" | "combustible_open_path" | "toxic" | "toxic_idlh" | "oxygen"
std::string_view GasDetectorKindCode(GasDetectorKind kind);
std::optional<GasDetectorKind> ParseGasDetectorKind(std::string_view code);

/// One row of the table. `first`/`second` are the table's 一级/二级 columns; for oxygen they hold the
/// over-oxygen high limit (H) and the under-oxygen low limit (L), i.e. one limit on each side.
struct GasSetpointRule {
  GasDetectorKind kind;
  MeasurementType measurement;
  std::string_view unit;       ///< "%LEL" | "LEL·m" | "ppm" | "%vol"
  std::string_view reference;  ///< "" when the values are absolute; "OEL" or "IDLH" when they are fractions
  AlarmCondition first_condition;
  double first;
  AlarmCondition second_condition;
  double second;
  bool upper_bounds;  ///< the standard says "≤": a setpoint may be set lower, never higher
};
/// Every row, in the order of GasDetectorKind.
const std::vector<GasSetpointRule>& GasSetpointRules();
const GasSetpointRule& GasSetpointRuleFor(GasDetectorKind kind);

/// The default limits of a gas detector. `reference_ppm` is the substance's OEL (kToxic) or IDLH
/// (kToxicIdlh) and is ignored otherwise; INVALID_ARGUMENT when it is needed and not > 0.
/// Priorities: second level high, first level medium; both oxygen limits high (asphyxiation or fire).
/// The interlock flag stays off: the GDS is generally separate from the process control system (§4.8).
Result<AlarmLimits> GasDetectorLimits(GasDetectorKind kind, double reference_ppm = 0);
/// Checks configured gas limits against the rows whose values are maxima: a setpoint above the standard's
/// bound is INVALID_ARGUMENT naming the limit ("limits.high"). Absent limits are not checked here.
Status ValidateGasDetectorLimits(GasDetectorKind kind, const AlarmLimits& limits, double reference_ppm = 0);

}  // namespace safeloop::alarm
