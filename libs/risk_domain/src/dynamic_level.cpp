#include "safeloop/risk_domain/dynamic_level.hpp"

#include <algorithm>

namespace safeloop::risk {

std::string_view AreaFactorNameZh(AreaFactorKind kind) {
  switch (kind) {
    case AreaFactorKind::kFrequentAlarms: return "报警频发";
    case AreaFactorKind::kSpecialWork: return "特殊作业";
    case AreaFactorKind::kOverdueTasks: return "排查任务逾期";
    case AreaFactorKind::kOverdueHazards: return "隐患逾期未治理";
  }
  return {};
}

std::string_view AreaFactorCode(AreaFactorKind kind) {
  switch (kind) {
    case AreaFactorKind::kFrequentAlarms: return "frequent_alarms";
    case AreaFactorKind::kSpecialWork: return "special_work";
    case AreaFactorKind::kOverdueTasks: return "overdue_tasks";
    case AreaFactorKind::kOverdueHazards: return "overdue_hazards";
  }
  return {};
}

Result<AreaFactorKind> AreaFactorFromCode(int code) {
  if (code < 1 || code > 4) {
    return InvalidArgument("area factor kind must be 1 (frequent alarms), 2 (special work), 3 (overdue tasks) or "
                           "4 (overdue hazards), not " + std::to_string(code),
                           "kind");
  }
  return static_cast<AreaFactorKind>(code);
}

DynamicLevelRule DefaultDynamicLevelRule() { return {}; }

Status ValidateDynamicLevelRule(const DynamicLevelRule& rule) {
  for (std::size_t i = 0; i < 4; ++i) {
    std::string name(AreaFactorCode(kAllAreaFactorKinds[i]));
    if (rule.raise_steps[i] < 0 || rule.raise_steps[i] > 3) {
      return InvalidArgument("raise_steps of " + name + " must be 0..3", "raise_steps");
    }
    if (!RiskLevelFromCode(static_cast<int>(rule.at_least[i]))) {
      return InvalidArgument("at_least of " + name + " must be a level 1..4 or 0 (none)", "at_least");
    }
  }
  return Status::Ok();
}

RiskLevel DynamicLevel(RiskLevel inherent, std::span<const AreaFactorKind> active, const DynamicLevelRule& rule) {
  if (active.empty()) return inherent;
  // Codes: 1 重大 … 4 低; raising means a smaller code. Unassessed counts as 低 once a factor holds.
  int base = inherent == RiskLevel::kUnassessed ? static_cast<int>(RiskLevel::kLow) : static_cast<int>(inherent);
  int shown = base;
  for (auto kind : active) {
    auto i = static_cast<std::size_t>(kind) - 1;
    if (i >= 4) continue;
    int raised = std::max(static_cast<int>(RiskLevel::kMajor), base - rule.raise_steps[i]);
    if (rule.at_least[i] != RiskLevel::kUnassessed) raised = std::min(raised, static_cast<int>(rule.at_least[i]));
    shown = std::min(shown, raised);
  }
  return static_cast<RiskLevel>(shown);
}

}  // namespace safeloop::risk
