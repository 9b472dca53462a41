#include "safeloop/alarm_domain/types.hpp"

namespace safeloop::alarm {

std::string_view AlarmConditionCode(AlarmCondition condition) {
  switch (condition) {
    case AlarmCondition::kHighHigh: return "HH";
    case AlarmCondition::kHigh: return "H";
    case AlarmCondition::kLow: return "L";
    case AlarmCondition::kLowLow: return "LL";
    case AlarmCondition::kDigital: return "DI";
    case AlarmCondition::kCommLoss: return "COMM";
  }
  return "";
}

std::optional<AlarmCondition> ParseAlarmCondition(std::string_view code) {
  for (AlarmCondition c : kAllAlarmConditions) {
    if (AlarmConditionCode(c) == code) return c;
  }
  return std::nullopt;
}

std::string_view AlarmConditionNameZh(AlarmCondition condition) {
  switch (condition) {
    case AlarmCondition::kHighHigh: return "高高报";
    case AlarmCondition::kHigh: return "高报";
    case AlarmCondition::kLow: return "低报";
    case AlarmCondition::kLowLow: return "低低报";
    case AlarmCondition::kDigital: return "开关量";
    case AlarmCondition::kCommLoss: return "通讯中断";
  }
  return "";
}

int AlarmLevel(AlarmCondition condition) {
  return condition == AlarmCondition::kHighHigh || condition == AlarmCondition::kLowLow ? 2 : 1;
}

bool IsLimitCondition(AlarmCondition condition) {
  return condition == AlarmCondition::kHighHigh || condition == AlarmCondition::kHigh ||
         condition == AlarmCondition::kLow || condition == AlarmCondition::kLowLow;
}

bool IsHighSide(AlarmCondition condition) {
  return condition == AlarmCondition::kHighHigh || condition == AlarmCondition::kHigh;
}

std::string_view PriorityCode(Priority priority) {
  switch (priority) {
    case Priority::kLow: return "low";
    case Priority::kMedium: return "medium";
    case Priority::kHigh: return "high";
    case Priority::kCritical: return "critical";
  }
  return "";
}

std::optional<Priority> ParsePriority(std::string_view code) {
  for (Priority p : {Priority::kLow, Priority::kMedium, Priority::kHigh, Priority::kCritical}) {
    if (PriorityCode(p) == code) return p;
  }
  return std::nullopt;
}

namespace {
constexpr std::array<MeasurementType, 10> kAllMeasurementTypes{
    MeasurementType::kFlow,           MeasurementType::kLevel,
    MeasurementType::kPressure,       MeasurementType::kTemperature,
    MeasurementType::kCombustibleGas, MeasurementType::kCombustibleGasOpenPath,
    MeasurementType::kToxicGas,       MeasurementType::kOxygen,
    MeasurementType::kSwitch,         MeasurementType::kOther};
}  // namespace

std::string_view MeasurementTypeCode(MeasurementType type) {
  switch (type) {
    case MeasurementType::kFlow: return "flow";
    case MeasurementType::kLevel: return "level";
    case MeasurementType::kPressure: return "pressure";
    case MeasurementType::kTemperature: return "temperature";
    case MeasurementType::kCombustibleGas: return "combustible_gas";
    case MeasurementType::kCombustibleGasOpenPath: return "combustible_gas_open_path";
    case MeasurementType::kToxicGas: return "toxic_gas";
    case MeasurementType::kOxygen: return "oxygen";
    case MeasurementType::kSwitch: return "switch";
    case MeasurementType::kOther: return "other";
  }
  return "";
}

std::optional<MeasurementType> ParseMeasurementType(std::string_view code) {
  for (MeasurementType t : kAllMeasurementTypes) {
    if (MeasurementTypeCode(t) == code) return t;
  }
  return std::nullopt;
}

std::string_view MeasurementTypeNameZh(MeasurementType type) {
  switch (type) {
    case MeasurementType::kFlow: return "流量";
    case MeasurementType::kLevel: return "液位";
    case MeasurementType::kPressure: return "压力";
    case MeasurementType::kTemperature: return "温度";
    case MeasurementType::kCombustibleGas: return "可燃气体";
    case MeasurementType::kCombustibleGasOpenPath: return "可燃气体（线型）";
    case MeasurementType::kToxicGas: return "有毒气体";
    case MeasurementType::kOxygen: return "氧气";
    case MeasurementType::kSwitch: return "开关量";
    case MeasurementType::kOther: return "其他";
  }
  return "";
}

}  // namespace safeloop::alarm
