#include "safeloop/risk_domain/graded_control.hpp"

#include <algorithm>

namespace safeloop::risk {
namespace {

bool ValidTier(ControlTier tier) { return static_cast<int>(tier) >= 1 && static_cast<int>(tier) <= 5; }

std::string TierText(ControlTier tier) {
  return ValidTier(tier) ? std::string(ControlTierNameZh(tier)) : std::to_string(static_cast<int>(tier));
}

// One mapping (by level or by grade): each tier valid, offered by the enterprise, and never lower for a
// higher class. `name` names a class index in messages.
template <std::size_t N, typename Name>
Status CheckMapping(const std::array<ControlTier, N>& mapping, const std::vector<ControlTier>& tiers,
                    const char* field, Name name) {
  for (std::size_t i = 0; i < N; ++i) {
    std::string at = std::string(field) + "[" + std::to_string(i) + "]";
    if (!ValidTier(mapping[i])) {
      return InvalidArgument(at + " must be a tier 1 (公司级) to 5 (岗位级); got " + TierText(mapping[i]), at);
    }
    if (std::find(tiers.begin(), tiers.end(), mapping[i]) == tiers.end()) {
      return InvalidArgument(at + " maps " + name(i) + " to " + TierText(mapping[i]) +
                                 ", which is not one of the enterprise's tiers",
                             at);
    }
    // Index i is a higher risk than i + 1, so its tier number may not be larger.
    if (i > 0 && static_cast<int>(mapping[i - 1]) > static_cast<int>(mapping[i])) {
      std::string previous = std::string(field) + "[" + std::to_string(i - 1) + "]";
      return InvalidArgument(previous + " maps " + name(i - 1) + " to " + TierText(mapping[i - 1]) +
                                 ", lower than " + TierText(mapping[i]) + " for " + name(i) +
                                 ": a higher risk may never get a lower tier",
                             previous);
    }
  }
  return Status::Ok();
}

}  // namespace

std::string_view ControlTierNameZh(ControlTier tier) {
  switch (tier) {
    case ControlTier::kCompany: return "公司级";
    case ControlTier::kDepartment: return "部门级";
    case ControlTier::kWorkshop: return "车间级";
    case ControlTier::kTeam: return "班组级";
    case ControlTier::kPost: return "岗位级";
  }
  return {};
}

std::string_view ControlTierCode(ControlTier tier) {
  switch (tier) {
    case ControlTier::kCompany: return "company";
    case ControlTier::kDepartment: return "department";
    case ControlTier::kWorkshop: return "workshop";
    case ControlTier::kTeam: return "team";
    case ControlTier::kPost: return "post";
  }
  return {};
}

std::optional<ControlTier> ControlTierFromCode(int code) {
  if (code < 1 || code > 5) return std::nullopt;
  return static_cast<ControlTier>(code);
}

std::optional<ControlTier> ControlTierFromName(std::string_view code) {
  for (ControlTier tier : kAllControlTiers) {
    if (ControlTierCode(tier) == code) return tier;
  }
  return std::nullopt;
}

ControlTier HigherTier(ControlTier a, ControlTier b) {
  return static_cast<int>(a) <= static_cast<int>(b) ? a : b;
}

GradedControlRule DefaultGradedControlRule() { return {}; }

GradedControlRule FiveTierGradedControlRule() {
  GradedControlRule rule;
  rule.basis = ControlBasis::kGrade;
  return rule;
}

Status ValidateGradedControlRule(const GradedControlRule& rule) {
  if (rule.basis != ControlBasis::kLevel && rule.basis != ControlBasis::kGrade) {
    return InvalidArgument("basis must be 1 (level) or 2 (grade); got " + std::to_string(static_cast<int>(rule.basis)),
                           "basis");
  }
  if (rule.tiers.empty()) return InvalidArgument("tiers must list at least one tier", "tiers");
  for (std::size_t i = 0; i < rule.tiers.size(); ++i) {
    std::string at = "tiers[" + std::to_string(i) + "]";
    if (!ValidTier(rule.tiers[i])) {
      return InvalidArgument(at + " must be a tier 1 (公司级) to 5 (岗位级); got " + TierText(rule.tiers[i]), at);
    }
    if (i > 0 && static_cast<int>(rule.tiers[i - 1]) >= static_cast<int>(rule.tiers[i])) {
      return InvalidArgument("tiers must be distinct and listed highest first (公司级 … 岗位级)", at);
    }
  }
  SAFELOOP_RETURN_IF_ERROR(CheckMapping(rule.tier_by_level, rule.tiers, "tier_by_level", [](std::size_t i) {
    return std::string(LevelNameZh(static_cast<RiskLevel>(i + 1)));
  }));
  SAFELOOP_RETURN_IF_ERROR(CheckMapping(rule.tier_by_grade, rule.tiers, "tier_by_grade",
                                        [](std::size_t i) { return "grade " + std::to_string(i + 1); }));
  return Status::Ok();
}

Result<ControlTier> PrimaryTier(const GradedControlRule& rule, RiskLevel level, int grade) {
  SAFELOOP_RETURN_IF_ERROR(ValidateGradedControlRule(rule));
  if (rule.basis == ControlBasis::kGrade && grade >= 1 && grade <= 5) {
    return rule.tier_by_grade[static_cast<std::size_t>(grade - 1)];
  }
  int code = static_cast<int>(level);
  if (code < 1 || code > 4) {
    return InvalidArgument("level must be assessed (1 重大 … 4 低) to choose a control tier; got " +
                               std::to_string(code),
                           "level");
  }
  return rule.tier_by_level[static_cast<std::size_t>(code - 1)];
}

std::vector<ControlTier> ControllingTiers(ControlTier primary) {
  std::vector<ControlTier> out;
  for (ControlTier tier : kAllControlTiers) {
    if (static_cast<int>(tier) >= static_cast<int>(primary)) out.push_back(tier);
  }
  return out;
}

std::vector<ControlTier> ControllingTiers(const GradedControlRule& rule, ControlTier primary) {
  std::vector<ControlTier> out = {primary};
  for (ControlTier tier : kAllControlTiers) {
    bool offered = std::find(rule.tiers.begin(), rule.tiers.end(), tier) != rule.tiers.end();
    if (offered && static_cast<int>(tier) > static_cast<int>(primary)) out.push_back(tier);
  }
  return out;
}

}  // namespace safeloop::risk
