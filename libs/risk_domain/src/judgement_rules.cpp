#include "safeloop/risk_domain/judgement_rules.hpp"

#include <algorithm>
#include <array>

#include "text_checks.hpp"

namespace safeloop::risk {
namespace {

constexpr long kMaxRuleTextChars = 200;

const std::array<JudgementRule, 3>& Builtins() {
  // Function-local so no non-POD global is constructed at load time.
  static const std::array<JudgementRule, 3> rules = {
      JudgementRule{std::string(kRuleUnrectifiedMajorHazard), "存在未整改的重大事故隐患"},
      JudgementRule{std::string(kRuleMajorHazardInstallation), "属于一级或二级重大危险源"},
      JudgementRule{std::string(kRuleFatalAccidentCause), "发生过死亡事故且事故根源仍未消除"},
  };
  return rules;
}

bool IsBuiltinCode(std::string_view code) {
  for (const JudgementRule& rule : Builtins()) {
    if (rule.code == code) return true;
  }
  return false;
}

bool IsCodeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == '-';
}

bool Contains(const std::vector<std::string>& codes, std::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

bool BuiltinFires(std::string_view code, const PointFacts& facts) {
  if (code == kRuleUnrectifiedMajorHazard) return facts.unrectified_major_accident_hazard;
  // Only 一级 and 二级 installations force 重大; 三级 and 四级 are scored like any other point.
  if (code == kRuleMajorHazardInstallation) {
    return facts.major_hazard_installation_grade == 1 || facts.major_hazard_installation_grade == 2;
  }
  if (code == kRuleFatalAccidentCause) return facts.fatal_accident_cause_present;
  return false;
}

}  // namespace

std::span<const JudgementRule> BuiltinJudgementRules() { return Builtins(); }

JudgementRuleSet DefaultJudgementRules() { return {}; }

Status ValidateJudgementRules(const JudgementRuleSet& rules) {
  for (std::size_t i = 0; i < rules.disabled_builtin_codes.size(); ++i) {
    const std::string& code = rules.disabled_builtin_codes[i];
    std::string field = "disabled_builtin_codes[" + std::to_string(i) + "]";
    if (!IsBuiltinCode(code)) {
      std::string known;
      for (const JudgementRule& rule : Builtins()) known += (known.empty() ? "" : ", ") + rule.code;
      return InvalidArgument(field + " \"" + code + "\" is not a built-in rule (built-in: " + known + ")", field);
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (rules.disabled_builtin_codes[k] == code) {
        return InvalidArgument(field + " \"" + code + "\" is listed twice", field);
      }
    }
  }
  if (rules.custom_rules.size() > kMaxCustomJudgementRules) {
    return InvalidArgument("custom_rules may hold at most " + std::to_string(kMaxCustomJudgementRules) +
                               " rules; got " + std::to_string(rules.custom_rules.size()),
                           "custom_rules");
  }
  for (std::size_t i = 0; i < rules.custom_rules.size(); ++i) {
    const JudgementRule& rule = rules.custom_rules[i];
    std::string at = "custom_rules[" + std::to_string(i) + "]";
    bool code_ok = !rule.code.empty() && rule.code.size() <= kMaxJudgementRuleCodeLength &&
                   std::all_of(rule.code.begin(), rule.code.end(), IsCodeChar);
    if (!code_ok) {
      return InvalidArgument(at + ".code must be 1 to 64 characters from A-Z a-z 0-9 _ . -; got \"" + rule.code + "\"",
                             at + ".code");
    }
    if (IsBuiltinCode(rule.code)) {
      return InvalidArgument(at + ".code \"" + rule.code +
                                 "\" is a built-in rule; choose another code (built-in rules are switched off with "
                                 "disabled_builtin_codes)",
                             at + ".code");
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (rules.custom_rules[k].code == rule.code) {
        return InvalidArgument(at + ".code \"" + rule.code + "\" repeats custom_rules[" + std::to_string(k) + "]",
                               at + ".code");
      }
    }
    SAFELOOP_RETURN_IF_ERROR(internal::CheckText(rule.text_zh, at + ".text_zh", "判定准则", kMaxRuleTextChars, true));
  }
  return Status::Ok();
}

Result<Judgement> Judge(const JudgementRuleSet& rules, const PointFacts& facts) {
  SAFELOOP_RETURN_IF_ERROR(ValidateJudgementRules(rules));
  if (facts.major_hazard_installation_grade < 0 || facts.major_hazard_installation_grade > 4) {
    return InvalidArgument("major_hazard_installation_grade must be 0 (none) or 1..4 (一级…四级); got " +
                               std::to_string(facts.major_hazard_installation_grade),
                           "major_hazard_installation_grade");
  }
  // A fact for a code the set does not define is a typo or a stale rule: refuse rather than ignore it.
  for (const auto& [code, value] : facts.custom_facts) {
    bool known = std::any_of(rules.custom_rules.begin(), rules.custom_rules.end(),
                             [&](const JudgementRule& rule) { return rule.code == code; });
    if (!known) {
      return InvalidArgument("custom_facts has \"" + code + "\", which is not a custom rule of the enterprise",
                             "custom_facts");
    }
  }
  Judgement judgement;
  for (const JudgementRule& rule : Builtins()) {
    if (Contains(rules.disabled_builtin_codes, rule.code)) continue;
    if (BuiltinFires(rule.code, facts)) judgement.reasons.push_back({rule.code, rule.text_zh, true});
  }
  for (const JudgementRule& rule : rules.custom_rules) {
    auto it = facts.custom_facts.find(rule.code);
    if (it != facts.custom_facts.end() && it->second) judgement.reasons.push_back({rule.code, rule.text_zh, false});
  }
  if (!judgement.reasons.empty()) judgement.forced_level = RiskLevel::kMajor;
  return judgement;
}

RiskLevel ApplyJudgement(RiskLevel scored, const Judgement& judgement) {
  return judgement.forced() ? judgement.forced_level : scored;
}

}  // namespace safeloop::risk
