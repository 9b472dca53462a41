#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "safeloop/risk_domain/judgement_rules.hpp"

using namespace safeloop;
using namespace safeloop::risk;

namespace {

std::vector<std::string> Codes(const Judgement& judgement) {
  std::vector<std::string> out;
  for (const FiredRule& rule : judgement.reasons) out.push_back(rule.code);
  return out;
}

}  // namespace

TEST_CASE("judgement: the three built-in rules and their texts") {
  auto rules = BuiltinJudgementRules();
  REQUIRE(rules.size() == 3);
  CHECK(rules[0].code == kRuleUnrectifiedMajorHazard);
  CHECK(rules[0].text_zh == "存在未整改的重大事故隐患");
  CHECK(rules[1].code == kRuleMajorHazardInstallation);
  CHECK(rules[1].text_zh == "属于一级或二级重大危险源");
  CHECK(rules[2].code == kRuleFatalAccidentCause);
  CHECK(rules[2].text_zh == "发生过死亡事故且事故根源仍未消除");
  CHECK(ValidateJudgementRules(DefaultJudgementRules()).ok());
}

TEST_CASE("judgement: each built-in rule forces 重大 on its own, for every combination of facts") {
  // All 2 × 5 × 2 combinations of the built-in facts; the oracle is the rule text itself.
  for (int hazard = 0; hazard <= 1; ++hazard) {
    for (int grade = 0; grade <= 4; ++grade) {
      for (int fatal = 0; fatal <= 1; ++fatal) {
        PointFacts facts;
        facts.unrectified_major_accident_hazard = hazard == 1;
        facts.major_hazard_installation_grade = grade;
        facts.fatal_accident_cause_present = fatal == 1;
        INFO("hazard=" << hazard << " grade=" << grade << " fatal=" << fatal);
        std::vector<std::string> expected;
        if (hazard) expected.emplace_back(kRuleUnrectifiedMajorHazard);
        if (grade == 1 || grade == 2) expected.emplace_back(kRuleMajorHazardInstallation);
        if (fatal) expected.emplace_back(kRuleFatalAccidentCause);
        auto judgement = Judge(DefaultJudgementRules(), facts);
        REQUIRE(judgement.ok());
        CHECK(Codes(*judgement) == expected);
        CHECK(judgement->forced() == !expected.empty());
        CHECK(judgement->forced_level == (expected.empty() ? RiskLevel::kUnassessed : RiskLevel::kMajor));
        for (const FiredRule& fired : judgement->reasons) CHECK(fired.builtin);
      }
    }
  }
}

TEST_CASE("judgement: 三级 and 四级 major hazard installations are scored, not forced") {
  PointFacts facts;
  facts.major_hazard_installation_grade = 3;
  CHECK_FALSE(Judge(DefaultJudgementRules(), facts)->forced());
  facts.major_hazard_installation_grade = 2;
  auto judgement = Judge(DefaultJudgementRules(), facts);
  REQUIRE(judgement->reasons.size() == 1);
  CHECK(judgement->reasons[0].text_zh == "属于一级或二级重大危险源");
}

TEST_CASE("judgement: an enterprise disables a built-in rule and adds its own") {
  JudgementRuleSet rules;
  rules.disabled_builtin_codes = {std::string(kRuleFatalAccidentCause)};
  rules.custom_rules = {{"toxic_gas_unit", "涉及剧毒气体的装置"}, {"night_work.confined", "夜间受限空间作业"}};
  REQUIRE(ValidateJudgementRules(rules).ok());

  PointFacts facts;
  facts.fatal_accident_cause_present = true;  // disabled: does not fire
  CHECK_FALSE(Judge(rules, facts)->forced());

  facts.custom_facts = {{"toxic_gas_unit", true}, {"night_work.confined", false}};
  auto judgement = Judge(rules, facts);
  REQUIRE(judgement.ok());
  REQUIRE(judgement->reasons.size() == 1);
  CHECK(judgement->reasons[0].code == "toxic_gas_unit");
  CHECK(judgement->reasons[0].text_zh == "涉及剧毒气体的装置");
  CHECK_FALSE(judgement->reasons[0].builtin);
  CHECK(judgement->forced_level == RiskLevel::kMajor);

  // Built-in reasons come first, then custom ones in the set's order.
  facts.unrectified_major_accident_hazard = true;
  facts.custom_facts["night_work.confined"] = true;
  CHECK(Codes(*Judge(rules, facts)) ==
        std::vector<std::string>{std::string(kRuleUnrectifiedMajorHazard), "toxic_gas_unit", "night_work.confined"});

  // A missing custom fact counts as false.
  PointFacts quiet;
  CHECK_FALSE(Judge(rules, quiet)->forced());
}

TEST_CASE("judgement: the override keeps the scored level unless a rule fired") {
  Judgement none;
  CHECK(ApplyJudgement(RiskLevel::kMedium, none) == RiskLevel::kMedium);
  CHECK(ApplyJudgement(RiskLevel::kUnassessed, none) == RiskLevel::kUnassessed);
  PointFacts facts;
  facts.unrectified_major_accident_hazard = true;
  Judgement forced = *Judge(DefaultJudgementRules(), facts);
  CHECK(ApplyJudgement(RiskLevel::kLow, forced) == RiskLevel::kMajor);
  CHECK(ApplyJudgement(RiskLevel::kUnassessed, forced) == RiskLevel::kMajor);
}

TEST_CASE("judgement: invalid rule sets and facts name the field") {
  struct Case {
    JudgementRuleSet rules;
    const char* field;
    const char* message_part;
  };
  const std::string builtin(kRuleUnrectifiedMajorHazard);
  const Case cases[] = {
      {{{"no_such_rule"}, {}}, "disabled_builtin_codes[0]", "is not a built-in rule"},
      {{{builtin, builtin}, {}}, "disabled_builtin_codes[1]", "listed twice"},
      {{{}, {{"", "文本"}}}, "custom_rules[0].code", "1 to 64 characters"},
      {{{}, {{"has space", "文本"}}}, "custom_rules[0].code", "1 to 64 characters"},
      {{{}, {{"中文", "文本"}}}, "custom_rules[0].code", "1 to 64 characters"},
      {{{}, {{std::string(65, 'a'), "文本"}}}, "custom_rules[0].code", "1 to 64 characters"},
      {{{}, {{builtin, "文本"}}}, "custom_rules[0].code", "is a built-in rule"},
      {{{}, {{"a", "文本"}, {"a", "文本2"}}}, "custom_rules[1].code", "repeats custom_rules[0]"},
      {{{}, {{"a", " "}}}, "custom_rules[0].text_zh", "is required"},
  };
  for (const Case& c : cases) {
    INFO(c.field << " / " << c.message_part);
    Status status = ValidateJudgementRules(c.rules);
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.field() == c.field);
    CHECK(status.message().find(c.message_part) != std::string::npos);
    CHECK_FALSE(Judge(c.rules, PointFacts{}).ok());
  }
  JudgementRuleSet many;
  for (int i = 0; i <= 64; ++i) many.custom_rules.push_back({"r" + std::to_string(i), "文本"});
  CHECK(ValidateJudgementRules(many).field() == "custom_rules");

  PointFacts bad_grade;
  bad_grade.major_hazard_installation_grade = 5;
  CHECK(Judge(DefaultJudgementRules(), bad_grade).status().field() == "major_hazard_installation_grade");
  bad_grade.major_hazard_installation_grade = -1;
  CHECK(Judge(DefaultJudgementRules(), bad_grade).status().field() == "major_hazard_installation_grade");

  PointFacts unknown;
  unknown.custom_facts = {{"typo_rule", true}};
  auto status = Judge(DefaultJudgementRules(), unknown).status();
  CHECK(status.field() == "custom_facts");
  CHECK(status.message() == "custom_facts has \"typo_rule\", which is not a custom rule of the enterprise");
}
