#pragma once
/// @file graded_control.hpp
/// Graded control (分级管控, standards.md §1.8): which organisational tier controls a risk. The enterprise's
/// rule maps a national level (or, in the five-tier variant, a five-grade method grade) to a primary tier;
/// a risk controlled at a higher tier is also controlled by every tier below it. Pure, no I/O.

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/risk_domain/risk_level.hpp"

namespace safeloop::risk {

/// Organisational tiers, highest first; a lower number is a higher tier.
enum class ControlTier : int {
  kCompany = 1,     // 公司(厂)级
  kDepartment = 2,  // 部门级
  kWorkshop = 3,    // 车间级
  kTeam = 4,        // 班组级
  kPost = 5,        // 岗位级
};

/// All tiers, highest first.
inline constexpr std::array<ControlTier, 5> kAllControlTiers = {ControlTier::kCompany, ControlTier::kDepartment,
                                                                ControlTier::kWorkshop, ControlTier::kTeam,
                                                                ControlTier::kPost};

/// 公司级 / 部门级 / 车间级 / 班组级 / 岗位级; empty for an unknown value.
std::string_view ControlTierNameZh(ControlTier tier);
/// company / department / workshop / team / post (API vocabulary); empty for an unknown value.
std::string_view ControlTierCode(ControlTier tier);
/// The tier from its code 1..5 or its API name; nullopt otherwise.
std::optional<ControlTier> ControlTierFromCode(int code);
std::optional<ControlTier> ControlTierFromName(std::string_view code);
/// The higher of two tiers.
ControlTier HigherTier(ControlTier a, ControlTier b);

/// What the primary tier is chosen from.
enum class ControlBasis {
  kLevel = 1,  ///< the national level (四级 default table)
  kGrade = 2,  ///< the method's five grades (LEC / MES / LS-A); the level is used when a result has no grade
};

/// An enterprise's graded-control rule.
struct GradedControlRule {
  ControlBasis basis = ControlBasis::kLevel;
  /// Primary tier per level, index = level code − 1 (重大, 较大, 一般, 低).
  std::array<ControlTier, 4> tier_by_level = {ControlTier::kCompany, ControlTier::kDepartment, ControlTier::kWorkshop,
                                              ControlTier::kTeam};
  /// Primary tier per grade, index = grade − 1 (grade 1..5); used with basis kGrade.
  std::array<ControlTier, 5> tier_by_grade = {ControlTier::kCompany, ControlTier::kDepartment, ControlTier::kWorkshop,
                                              ControlTier::kTeam, ControlTier::kPost};
  /// The tiers the enterprise has, highest first (e.g. no 部门 tier in a small plant). Every mapped tier
  /// must be one of them.
  std::vector<ControlTier> tiers = {kAllControlTiers.begin(), kAllControlTiers.end()};
};

/// The §1.8 default: 重大 → 公司, 较大 → 部门, 一般 → 车间, 低 → 班组.
GradedControlRule DefaultGradedControlRule();
/// The five-tier variant: grade 1..5 → 公司, 部门, 车间, 班组, 岗位 (levels as in the default when a
/// result has no grade).
GradedControlRule FiveTierGradedControlRule();

/// INVALID_ARGUMENT unless every tier is 1..5, `tiers` is non-empty, distinct and highest first, every
/// mapped tier is one of `tiers`, and a higher level (grade) never gets a lower tier than a lower one.
Status ValidateGradedControlRule(const GradedControlRule& rule);

/// The primary tier of a result: by grade when the rule's basis is kGrade and grade is 1..5, otherwise by
/// level. INVALID_ARGUMENT (field level) for an unassessed level; the rule is validated first.
Result<ControlTier> PrimaryTier(const GradedControlRule& rule, RiskLevel level, int grade = 0);

/// Every tier that controls a risk whose primary tier is `primary`: the primary first, then every tier
/// below it, highest first ("a risk controlled by an upper tier is also controlled by every tier below").
std::vector<ControlTier> ControllingTiers(ControlTier primary);
/// The same, limited to the tiers the enterprise has (the primary is always listed).
std::vector<ControlTier> ControllingTiers(const GradedControlRule& rule, ControlTier primary);

}  // namespace safeloop::risk
