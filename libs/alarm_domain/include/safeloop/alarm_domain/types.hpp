#pragma once
/// @file types.hpp
/// The vocabulary every alarm rule shares (standards.md §4): alarm conditions (the tag attribute H, HH, …
/// of §4.9), priorities (§4.3) and measurement types (§4.6, §4.8). Each enum has a stable code for storage
/// and JSON, and a parser that is its inverse.

#include <array>
#include <optional>
#include <string_view>

namespace safeloop::alarm {

/// One alarm of a point. H and HH (and L and LL) are separate conditions, each with its own state, so a
/// value above HH has both H and HH active at once (§4.8: H is the operator's process alarm, HH the
/// separate alarm at or before the interlock; §4.9 records one attribute per alarm).
enum class AlarmCondition {
  kHighHigh,  ///< 高高报, second level
  kHigh,      ///< 高报, first level
  kLow,       ///< 低报, first level
  kLowLow,    ///< 低低报, second level
  kDigital,   ///< 开关量: a switch in its alarm state
  kCommLoss,  ///< 通讯中断: no reading for N sampling periods
};
inline constexpr std::array<AlarmCondition, 6> kAllAlarmConditions{
    AlarmCondition::kHighHigh, AlarmCondition::kHigh,    AlarmCondition::kLow,
    AlarmCondition::kLowLow,   AlarmCondition::kDigital, AlarmCondition::kCommLoss};

/// "HH" | "H" | "L" | "LL" | "DI" | "COMM"
std::string_view AlarmConditionCode(AlarmCondition condition);
std::optional<AlarmCondition> ParseAlarmCondition(std::string_view code);
/// 高高报 | 高报 | 低报 | 低低报 | 开关量 | 通讯中断 (the Cangzhou statistics labels).
std::string_view AlarmConditionNameZh(AlarmCondition condition);
/// 2 for HH and LL (二级: at, or just before, the interlock setpoint, §4.8), 1 for every other condition.
int AlarmLevel(AlarmCondition condition);
/// Whether the condition is a limit on a measured value (HH, H, L, LL).
bool IsLimitCondition(AlarmCondition condition);
/// Whether the condition is a high-side limit (HH, H): it alarms at or above its setpoint.
bool IsHighSide(AlarmCondition condition);

/// Alarm priority (§4.3: 3 or 4 priorities for annunciated alarms). Higher value, higher priority.
enum class Priority { kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4 };
/// "low" | "medium" | "high" | "critical"
std::string_view PriorityCode(Priority priority);
std::optional<Priority> ParsePriority(std::string_view code);

/// What a point measures: selects the §4.6 tuning and the GB/T 50493 gas setpoints.
enum class MeasurementType {
  kFlow,
  kLevel,
  kPressure,
  kTemperature,
  kCombustibleGas,          ///< point-type combustible gas detector, % LEL
  kCombustibleGasOpenPath,  ///< open-path (line) combustible gas detector, LEL·m
  kToxicGas,                ///< toxic gas detector, ppm
  kOxygen,                  ///< oxygen detector, % vol
  kSwitch,                  ///< a digital (on/off) signal
  kOther,
};
/// "flow" | "level" | "pressure" | "temperature" | "combustible_gas" | "combustible_gas_open_path" |
/// "toxic_gas" | "oxygen" | "switch" | "other"
std::string_view MeasurementTypeCode(MeasurementType type);
std::optional<MeasurementType> ParseMeasurementType(std::string_view code);
/// 流量 | 液位 | 压力 | 温度 | 可燃气体 | 可燃气体（线型） | 有毒气体 | 氧气 | 开关量 | 其他
std::string_view MeasurementTypeNameZh(MeasurementType type);

}  // namespace safeloop::alarm
