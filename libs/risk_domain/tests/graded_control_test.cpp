#include <catch2/catch.hpp>

#include <vector>

#include "safeloop/risk_domain/graded_control.hpp"

using namespace safeloop;
using namespace safeloop::risk;

using T = ControlTier;

TEST_CASE("graded control: tier names and codes") {
  CHECK(ControlTierNameZh(T::kCompany) == "公司级");
  CHECK(ControlTierNameZh(T::kDepartment) == "部门级");
  CHECK(ControlTierNameZh(T::kWorkshop) == "车间级");
  CHECK(ControlTierNameZh(T::kTeam) == "班组级");
  CHECK(ControlTierNameZh(T::kPost) == "岗位级");
  for (ControlTier tier : kAllControlTiers) {
    CHECK(ControlTierFromCode(static_cast<int>(tier)) == tier);
    CHECK(ControlTierFromName(ControlTierCode(tier)) == tier);
  }
  CHECK_FALSE(ControlTierFromCode(0).has_value());
  CHECK_FALSE(ControlTierFromCode(6).has_value());
  CHECK_FALSE(ControlTierFromName("公司级").has_value());
  CHECK(HigherTier(T::kTeam, T::kWorkshop) == T::kWorkshop);
  CHECK(HigherTier(T::kCompany, T::kPost) == T::kCompany);
}

TEST_CASE("graded control: the §1.8 default table") {
  GradedControlRule rule = DefaultGradedControlRule();
  REQUIRE(ValidateGradedControlRule(rule).ok());
  CHECK(PrimaryTier(rule, RiskLevel::kMajor).value() == T::kCompany);
  CHECK(PrimaryTier(rule, RiskLevel::kHigh).value() == T::kDepartment);
  CHECK(PrimaryTier(rule, RiskLevel::kMedium).value() == T::kWorkshop);
  CHECK(PrimaryTier(rule, RiskLevel::kLow).value() == T::kTeam);
  // The level basis ignores grades.
  CHECK(PrimaryTier(rule, RiskLevel::kLow, 5).value() == T::kTeam);
  auto unassessed = PrimaryTier(rule, RiskLevel::kUnassessed);
  CHECK(unassessed.status().code() == StatusCode::kInvalidArgument);
  CHECK(unassessed.status().field() == "level");
}

TEST_CASE("graded control: the five-tier variant for five-grade methods") {
  GradedControlRule rule = FiveTierGradedControlRule();
  REQUIRE(ValidateGradedControlRule(rule).ok());
  const T expected[] = {T::kCompany, T::kDepartment, T::kWorkshop, T::kTeam, T::kPost};
  for (int grade = 1; grade <= 5; ++grade) {
    INFO("grade " << grade);
    // The level passed along does not matter when a grade is known.
    CHECK(PrimaryTier(rule, RiskLevel::kLow, grade).value() == expected[grade - 1]);
  }
  // A result without a grade (LS-B, a forced 重大) falls back to the level table.
  CHECK(PrimaryTier(rule, RiskLevel::kMajor, 0).value() == T::kCompany);
  CHECK(PrimaryTier(rule, RiskLevel::kLow, 0).value() == T::kTeam);
}

TEST_CASE("graded control: a risk is also controlled by every tier below its primary tier") {
  CHECK(ControllingTiers(T::kCompany) == std::vector<T>{T::kCompany, T::kDepartment, T::kWorkshop, T::kTeam, T::kPost});
  CHECK(ControllingTiers(T::kDepartment) == std::vector<T>{T::kDepartment, T::kWorkshop, T::kTeam, T::kPost});
  CHECK(ControllingTiers(T::kWorkshop) == std::vector<T>{T::kWorkshop, T::kTeam, T::kPost});
  CHECK(ControllingTiers(T::kTeam) == std::vector<T>{T::kTeam, T::kPost});
  CHECK(ControllingTiers(T::kPost) == std::vector<T>{T::kPost});

  // A plant without a 部门 tier.
  GradedControlRule rule;
  rule.tiers = {T::kCompany, T::kWorkshop, T::kTeam, T::kPost};
  rule.tier_by_level = {T::kCompany, T::kWorkshop, T::kWorkshop, T::kTeam};
  rule.tier_by_grade = {T::kCompany, T::kWorkshop, T::kWorkshop, T::kTeam, T::kPost};
  REQUIRE(ValidateGradedControlRule(rule).ok());
  CHECK(ControllingTiers(rule, T::kCompany) == std::vector<T>{T::kCompany, T::kWorkshop, T::kTeam, T::kPost});
  CHECK(ControllingTiers(rule, T::kTeam) == std::vector<T>{T::kTeam, T::kPost});
}

TEST_CASE("graded control: every level mapping is valid exactly when a higher level never gets a lower tier") {
  int valid = 0;
  for (int a = 1; a <= 5; ++a) {
    for (int b = 1; b <= 5; ++b) {
      for (int c = 1; c <= 5; ++c) {
        for (int d = 1; d <= 5; ++d) {
          GradedControlRule rule;
          rule.tier_by_level = {static_cast<T>(a), static_cast<T>(b), static_cast<T>(c), static_cast<T>(d)};
          bool expected = a <= b && b <= c && c <= d;
          INFO(a << b << c << d);
          Status status = ValidateGradedControlRule(rule);
          CHECK(status.ok() == expected);
          if (!expected) CHECK(status.message().find("a higher risk may never get a lower tier") != std::string::npos);
          valid += status.ok();
        }
      }
    }
  }
  CHECK(valid == 70);  // non-decreasing sequences of length 4 over 5 tiers: C(8, 4)
}

TEST_CASE("graded control: invalid rules name the field") {
  GradedControlRule rule;
  rule.tier_by_level = {T::kCompany, T::kWorkshop, T::kDepartment, T::kTeam};
  Status status = ValidateGradedControlRule(rule);
  CHECK(status.field() == "tier_by_level[1]");
  CHECK(status.message() ==
        "tier_by_level[1] maps 较大风险 to 车间级, lower than 部门级 for 一般风险: a higher risk may never get a lower "
        "tier");
  CHECK_FALSE(PrimaryTier(rule, RiskLevel::kHigh).ok());

  rule = FiveTierGradedControlRule();
  rule.tier_by_grade = {T::kCompany, T::kDepartment, T::kPost, T::kTeam, T::kPost};
  CHECK(ValidateGradedControlRule(rule).field() == "tier_by_grade[2]");

  rule = DefaultGradedControlRule();
  rule.tier_by_level[0] = static_cast<T>(0);
  CHECK(ValidateGradedControlRule(rule).field() == "tier_by_level[0]");

  rule = DefaultGradedControlRule();
  rule.tiers = {T::kCompany, T::kWorkshop, T::kTeam, T::kPost};  // 部门 is still mapped for 较大
  status = ValidateGradedControlRule(rule);
  CHECK(status.field() == "tier_by_level[1]");
  CHECK(status.message().find("not one of the enterprise's tiers") != std::string::npos);

  rule = DefaultGradedControlRule();
  rule.tiers = {};
  CHECK(ValidateGradedControlRule(rule).field() == "tiers");
  rule.tiers = {T::kWorkshop, T::kCompany};
  CHECK(ValidateGradedControlRule(rule).field() == "tiers[1]");

  rule = DefaultGradedControlRule();
  rule.basis = static_cast<ControlBasis>(3);
  CHECK(ValidateGradedControlRule(rule).field() == "basis");
}
