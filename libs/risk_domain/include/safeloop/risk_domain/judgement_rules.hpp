#pragma once
/// @file judgement_rules.hpp
/// Direct-to-重大 judgement rules (风险判定准则, standards.md §1.1): conditions that make a risk point 重大
/// without any scoring, applied before the scoring step. Three rules are built in; an enterprise may
/// disable any of them and add its own, which are evaluated from boolean facts keyed by the rule's code.
/// Pure, no I/O.

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/risk_domain/risk_level.hpp"

namespace safeloop::risk {

/// Codes of the built-in rules.
inline constexpr std::string_view kRuleUnrectifiedMajorHazard = "unrectified_major_accident_hazard";
inline constexpr std::string_view kRuleMajorHazardInstallation = "major_hazard_installation_grade_1_2";
inline constexpr std::string_view kRuleFatalAccidentCause = "fatal_accident_cause_present";

/// Limits of an enterprise's rule set.
inline constexpr std::size_t kMaxCustomJudgementRules = 64;
inline constexpr std::size_t kMaxJudgementRuleCodeLength = 64;

/// A rule as shown to assessors: its code and Chinese text.
struct JudgementRule {
  std::string code;
  std::string text_zh;
};

/// The enterprise's rule set.
struct JudgementRuleSet {
  std::vector<std::string> disabled_builtin_codes;  ///< built-in rules that do not apply to this enterprise
  std::vector<JudgementRule> custom_rules;          ///< the enterprise's own rules
};

/// What is known about a risk point before it is scored.
struct PointFacts {
  /// The point has a 重大事故隐患 that is not yet rectified.
  bool unrectified_major_accident_hazard = false;
  /// Grade 1..4 (一级…四级) of the 重大危险源 the point belongs to; 0 when it belongs to none.
  int major_hazard_installation_grade = 0;
  /// An accident with deaths happened at the point and its root cause is still present.
  bool fatal_accident_cause_present = false;
  /// Facts for the enterprise's own rules, keyed by rule code; a missing code counts as false.
  std::map<std::string, bool> custom_facts;
};

/// A rule that fired.
struct FiredRule {
  std::string code;
  std::string text_zh;
  bool builtin = false;
};

/// The outcome of the judgement step.
struct Judgement {
  /// kMajor when at least one rule fired; kUnassessed (no forced level) otherwise.
  RiskLevel forced_level = RiskLevel::kUnassessed;
  /// The rules that fired, built-in ones first in their fixed order, then custom ones in set order.
  std::vector<FiredRule> reasons;

  bool forced() const { return forced_level != RiskLevel::kUnassessed; }
};

/// The three built-in rules with their Chinese texts, in evaluation order.
std::span<const JudgementRule> BuiltinJudgementRules();
/// The default set: every built-in rule enabled, no custom rule.
JudgementRuleSet DefaultJudgementRules();

/// INVALID_ARGUMENT unless every disabled code is a built-in code (listed once), and every custom rule has a
/// unique code of 1..64 characters from [A-Za-z0-9_.-] that is not a built-in code and a non-blank text;
/// at most kMaxCustomJudgementRules custom rules.
Status ValidateJudgementRules(const JudgementRuleSet& rules);
/// Validates the rules and the facts (major_hazard_installation_grade 0..4; every custom fact names a
/// custom rule of the set), then lists the enabled rules that fire.
Result<Judgement> Judge(const JudgementRuleSet& rules, const PointFacts& facts);

/// The level after judgement: 重大 when a rule fired, otherwise the scored level.
RiskLevel ApplyJudgement(RiskLevel scored, const Judgement& judgement);

}  // namespace safeloop::risk
