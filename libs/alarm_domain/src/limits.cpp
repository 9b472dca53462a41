#include "safeloop/alarm_domain/limits.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace safeloop::alarm {
namespace {

const std::optional<LimitSetting> kNoLimit;

std::string LimitField(AlarmCondition c) {
  switch (c) {
    case AlarmCondition::kHighHigh: return "limits.high_high";
    case AlarmCondition::kHigh: return "limits.high";
    case AlarmCondition::kLow: return "limits.low";
    case AlarmCondition::kLowLow: return "limits.low_low";
    default: return "limits";
  }
}

bool Finite(double v) { return std::isfinite(v); }

Status CheckLimit(AlarmCondition c, const LimitSetting& limit) {
  const std::string field = LimitField(c);
  if (!Finite(limit.setpoint)) return InvalidArgument("the setpoint must be a finite number", field);
  const bool second_level = AlarmLevel(c) == 2;
  if (limit.interlock && !second_level) {
    return InvalidArgument("only a second-level limit (HH or LL) can be the interlock setpoint",
                           field + ".interlock");
  }
  if (limit.trip_setpoint.has_value()) {
    const std::string trip_field = field + ".trip_setpoint";
    if (!second_level) {
      return InvalidArgument("only a second-level limit (HH or LL) is linked to a trip value", trip_field);
    }
    if (!Finite(*limit.trip_setpoint)) return InvalidArgument("the trip value must be finite", trip_field);
    // §4.8: the level-2 alarm equals the trip setpoint or comes before it.
    if (IsHighSide(c) && limit.setpoint > *limit.trip_setpoint) {
      return InvalidArgument("the HH setpoint must be at or below the interlock trip value", field);
    }
    if (!IsHighSide(c) && limit.setpoint < *limit.trip_setpoint) {
      return InvalidArgument("the LL setpoint must be at or above the interlock trip value", field);
    }
  }
  return Status::Ok();
}

}  // namespace

const std::optional<LimitSetting>& LimitFor(const AlarmLimits& limits, AlarmCondition condition) {
  switch (condition) {
    case AlarmCondition::kHighHigh: return limits.high_high;
    case AlarmCondition::kHigh: return limits.high;
    case AlarmCondition::kLow: return limits.low;
    case AlarmCondition::kLowLow: return limits.low_low;
    default: return kNoLimit;
  }
}

Status ValidatePointAlarmConfig(const PointAlarmConfig& config) {
  if (!Finite(config.range_low)) return InvalidArgument("the range must be finite", "range_low");
  if (!Finite(config.range_high)) return InvalidArgument("the range must be finite", "range_high");
  if (!(config.range_low < config.range_high)) {
    return InvalidArgument("range_high must be above range_low", "range_high");
  }
  if (!Finite(config.deadband) || config.deadband < 0) {
    return InvalidArgument("the deadband must be a number ≥ 0", "deadband");
  }
  if (config.deadband >= config.range_high - config.range_low) {
    return InvalidArgument("the deadband must be smaller than the operating range", "deadband");
  }
  if (config.on_delay.count() < 0) return InvalidArgument("the on-delay must be ≥ 0", "on_delay");
  if (config.off_delay.count() < 0) return InvalidArgument("the off-delay must be ≥ 0", "off_delay");
  if (config.sampling_period.count() < 0) {
    return InvalidArgument("the sampling period must be ≥ 0 (0 turns supervision off)", "sampling_period");
  }
  if (config.sampling_period.count() > 0 && config.comm_loss_periods < 1) {
    return InvalidArgument("communication loss needs at least 1 missed period", "comm_loss_periods");
  }

  // Ascending order of the ordering invariant LL < L < H < HH.
  const AlarmCondition ascending[] = {AlarmCondition::kLowLow, AlarmCondition::kLow, AlarmCondition::kHigh,
                                      AlarmCondition::kHighHigh};
  if (config.kind == PointKind::kDigital) {
    for (AlarmCondition c : ascending) {
      if (LimitFor(config.limits, c).has_value()) {
        return InvalidArgument("a digital point has no value limits", LimitField(c));
      }
    }
    return Status::Ok();
  }
  const LimitSetting* below = nullptr;
  AlarmCondition below_condition = AlarmCondition::kLowLow;
  for (AlarmCondition c : ascending) {
    const auto& limit = LimitFor(config.limits, c);
    if (!limit.has_value()) continue;
    SAFELOOP_RETURN_IF_ERROR(CheckLimit(c, *limit));
    if (below != nullptr && !(below->setpoint < limit->setpoint)) {
      return InvalidArgument("limits must satisfy LL < L < H < HH; " + std::string(AlarmConditionCode(c)) +
                                 " is not above " + std::string(AlarmConditionCode(below_condition)),
                             LimitField(c));
    }
    below = &*limit;
    below_condition = c;
  }
  return Status::Ok();
}

std::optional<MeasurementTuning> DefaultTuning(MeasurementType type) {
  using std::chrono::seconds;
  switch (type) {
    case MeasurementType::kFlow: return MeasurementTuning{5.0, seconds(15), seconds(15)};
    case MeasurementType::kLevel: return MeasurementTuning{5.0, seconds(60), seconds(60)};
    case MeasurementType::kPressure: return MeasurementTuning{2.0, seconds(15), seconds(15)};
    case MeasurementType::kTemperature: return MeasurementTuning{1.0, seconds(60), seconds(60)};
    default: return std::nullopt;
  }
}

double DeadbandFromPercent(double percent, double range_low, double range_high) {
  return percent / 100.0 * (range_high - range_low);
}

PointAlarmConfig DefaultPointConfig(MeasurementType type, double range_low, double range_high) {
  PointAlarmConfig config;
  config.kind = type == MeasurementType::kSwitch ? PointKind::kDigital : PointKind::kAnalog;
  config.measurement = type;
  config.range_low = range_low;
  config.range_high = range_high;
  if (auto tuning = DefaultTuning(type)) {
    config.deadband = DeadbandFromPercent(tuning->deadband_percent, range_low, range_high);
    config.on_delay = tuning->on_delay;
    config.off_delay = tuning->off_delay;
  }
  return config;
}

std::string_view GasDetectorKindCode(GasDetectorKind kind) {
  switch (kind) {
    case GasDetectorKind::kCombustiblePoint: return "combustible_point";
    case GasDetectorKind::kCombustibleOpenPath: return "combustible_open_path";
    case GasDetectorKind::kToxic: return "toxic";
    case GasDetectorKind::kToxicIdlh: return "toxic_idlh";
    case GasDetectorKind::kOxygen: return "oxygen";
  }
  return "";
}

std::optional<GasDetectorKind> ParseGasDetectorKind(std::string_view code) {
  for (const auto& rule : GasSetpointRules()) {
    if (GasDetectorKindCode(rule.kind) == code) return rule.kind;
  }
  return std::nullopt;
}

const std::vector<GasSetpointRule>& GasSetpointRules() {
  using C = AlarmCondition;
  using K = GasDetectorKind;
  using M = MeasurementType;
  static const std::vector<GasSetpointRule> rules{
      {K::kCombustiblePoint, M::kCombustibleGas, "%LEL", "", C::kHigh, 25.0, C::kHighHigh, 50.0, true},
      {K::kCombustibleOpenPath, M::kCombustibleGasOpenPath, "LEL·m", "", C::kHigh, 1.0, C::kHighHigh, 2.0,
       false},
      {K::kToxic, M::kToxicGas, "ppm", "OEL", C::kHigh, 1.0, C::kHighHigh, 2.0, true},
      {K::kToxicIdlh, M::kToxicGas, "ppm", "IDLH", C::kHigh, 0.05, C::kHighHigh, 0.10, true},
      {K::kOxygen, M::kOxygen, "%vol", "", C::kHigh, 23.5, C::kLow, 19.5, false},
  };
  return rules;
}

const GasSetpointRule& GasSetpointRuleFor(GasDetectorKind kind) {
  return GasSetpointRules()[static_cast<std::size_t>(kind)];
}

namespace {

std::optional<LimitSetting>& MutableLimit(AlarmLimits& limits, AlarmCondition c) {
  switch (c) {
    case AlarmCondition::kHighHigh: return limits.high_high;
    case AlarmCondition::kHigh: return limits.high;
    case AlarmCondition::kLow: return limits.low;
    default: return limits.low_low;  // only called with the limit conditions of the gas table
  }
}

std::string FormatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

/// The rule's two values in ppm or absolute units; INVALID_ARGUMENT without a usable reference.
Result<std::pair<double, double>> Resolve(const GasSetpointRule& rule, double reference_ppm) {
  if (rule.reference.empty()) return std::pair{rule.first, rule.second};
  if (!Finite(reference_ppm) || reference_ppm <= 0) {
    return InvalidArgument("a toxic detector needs the substance's " + std::string(rule.reference) +
                               " in ppm (> 0)",
                           "reference_ppm");
  }
  return std::pair{rule.first * reference_ppm, rule.second * reference_ppm};
}

}  // namespace

Result<AlarmLimits> GasDetectorLimits(GasDetectorKind kind, double reference_ppm) {
  const GasSetpointRule& rule = GasSetpointRuleFor(kind);
  auto values = Resolve(rule, reference_ppm);
  if (!values.ok()) return values.status();
  AlarmLimits limits;
  const bool oxygen = kind == GasDetectorKind::kOxygen;
  MutableLimit(limits, rule.first_condition) =
      LimitSetting{values->first, oxygen ? Priority::kHigh : Priority::kMedium, false, std::nullopt, ""};
  MutableLimit(limits, rule.second_condition) = LimitSetting{values->second, Priority::kHigh, false, std::nullopt, ""};
  return limits;
}

Status ValidateGasDetectorLimits(GasDetectorKind kind, const AlarmLimits& limits, double reference_ppm) {
  const GasSetpointRule& rule = GasSetpointRuleFor(kind);
  if (!rule.upper_bounds) return Status::Ok();
  auto values = Resolve(rule, reference_ppm);
  if (!values.ok()) return values.status();
  // A relative bound like 2 × OEL is computed in floating point: allow rounding noise only.
  auto check = [&](AlarmCondition c, double bound, double table_value) -> Status {
    const auto& limit = LimitFor(limits, c);
    if (!limit.has_value()) return Status::Ok();
    if (limit->setpoint > bound * (1 + 1e-12)) {
      std::string what = rule.reference.empty()
                             ? FormatNumber(bound) + " " + std::string(rule.unit)
                             : FormatNumber(table_value * 100) + " % " + std::string(rule.reference) + " (" +
                                   FormatNumber(bound) + " ppm)";
      return InvalidArgument("GB/T 50493-2019: the " + std::string(AlarmConditionNameZh(c)) +
                                 " setpoint must be at most " + what,
                             LimitField(c));
    }
    return Status::Ok();
  };
  SAFELOOP_RETURN_IF_ERROR(check(rule.first_condition, values->first, rule.first));
  return check(rule.second_condition, values->second, rule.second);
}

}  // namespace safeloop::alarm
