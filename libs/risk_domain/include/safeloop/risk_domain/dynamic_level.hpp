#pragma once
/// @file dynamic_level.hpp
/// The dynamic level of a map area (issue 4 §6): its inherent level raised while dynamic factors hold there,
/// restored when they clear. The raising rule is enterprise configuration; the default raises by one level
/// for any active factor kind (the strongest kind wins; kinds do not add up) and never past 重大. An area not
/// assessed yet counts as 低风险 once a factor holds: a reactor with special work going on must not stay grey.
/// Pure, no I/O.

#include <array>
#include <span>
#include <string_view>

#include "safeloop/core/status.hpp"
#include "safeloop/risk_domain/risk_level.hpp"

namespace safeloop::risk {

/// The factor kinds, with the codes of the safeloop.risk.area-factor.v1 contract.
enum class AreaFactorKind : int {
  kFrequentAlarms = 1,  ///< 报警频发 (alarm service)
  kSpecialWork = 2,     ///< 特殊作业进行中 (permit service)
  kOverdueTasks = 3,    ///< 排查任务逾期 (hazard service)
  kOverdueHazards = 4,  ///< 隐患逾期未治理 (hazard service)
};
inline constexpr std::array<AreaFactorKind, 4> kAllAreaFactorKinds = {
    AreaFactorKind::kFrequentAlarms, AreaFactorKind::kSpecialWork, AreaFactorKind::kOverdueTasks,
    AreaFactorKind::kOverdueHazards};

/// 报警频发 / 特殊作业 / 排查任务逾期 / 隐患逾期未治理; empty for an unknown kind.
std::string_view AreaFactorNameZh(AreaFactorKind kind);
/// frequent_alarms / special_work / overdue_tasks / overdue_hazards; empty for an unknown kind.
std::string_view AreaFactorCode(AreaFactorKind kind);
/// INVALID_ARGUMENT (field kind) unless 1..4.
Result<AreaFactorKind> AreaFactorFromCode(int code);

/// How each kind raises an area, index = kind − 1.
struct DynamicLevelRule {
  /// Levels to raise by (0 = the kind does not raise; 1 = 蓝→黄, 黄→橙 …).
  std::array<int, 4> raise_steps = {1, 1, 1, 1};
  /// A floor while the kind holds (kUnassessed = none): e.g. special work shown at least 较大.
  std::array<RiskLevel, 4> at_least = {RiskLevel::kUnassessed, RiskLevel::kUnassessed, RiskLevel::kUnassessed,
                                       RiskLevel::kUnassessed};
};

DynamicLevelRule DefaultDynamicLevelRule();
/// INVALID_ARGUMENT unless every raise is 0..3 and every floor is a level or kUnassessed.
Status ValidateDynamicLevelRule(const DynamicLevelRule& rule);

/// The level shown for an area of `inherent` level while the `active` kinds hold (duplicates are harmless).
/// With no active factor it is `inherent` (unassessed stays unassessed).
RiskLevel DynamicLevel(RiskLevel inherent, std::span<const AreaFactorKind> active, const DynamicLevelRule& rule);

}  // namespace safeloop::risk
