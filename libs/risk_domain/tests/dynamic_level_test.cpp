#include <catch2/catch.hpp>

#include <vector>

#include "safeloop/risk_domain/dynamic_level.hpp"

using namespace safeloop;
using namespace safeloop::risk;
using K = AreaFactorKind;
using L = RiskLevel;

TEST_CASE("dynamic level: default rule raises one level for any factor, kinds do not add up, capped at 重大") {
  const auto rule = DefaultDynamicLevelRule();
  struct Row {
    L inherent;
    std::vector<K> active;
    L shown;
  };
  const std::vector<Row> table = {
      {L::kLow, {}, L::kLow},
      {L::kUnassessed, {}, L::kUnassessed},
      {L::kLow, {K::kFrequentAlarms}, L::kMedium},
      {L::kMedium, {K::kSpecialWork}, L::kHigh},
      {L::kHigh, {K::kOverdueTasks}, L::kMajor},
      {L::kMajor, {K::kOverdueHazards}, L::kMajor},
      {L::kLow, {K::kFrequentAlarms, K::kSpecialWork, K::kOverdueTasks, K::kOverdueHazards}, L::kMedium},
      {L::kLow, {K::kSpecialWork, K::kSpecialWork}, L::kMedium},
      {L::kUnassessed, {K::kSpecialWork}, L::kMedium},  // unassessed counts as 低 once a factor holds
  };
  for (const auto& row : table) {
    INFO(static_cast<int>(row.inherent) << " with " << row.active.size() << " factors");
    CHECK(DynamicLevel(row.inherent, row.active, rule) == row.shown);
  }
}

TEST_CASE("dynamic level: per-kind steps and floors") {
  DynamicLevelRule rule;
  rule.raise_steps = {2, 0, 1, 0};
  rule.at_least = {L::kUnassessed, L::kHigh, L::kUnassessed, L::kUnassessed};
  REQUIRE(ValidateDynamicLevelRule(rule).ok());
  std::vector<K> alarms = {K::kFrequentAlarms}, work = {K::kSpecialWork}, hazards = {K::kOverdueHazards};
  CHECK(DynamicLevel(L::kLow, alarms, rule) == L::kHigh);       // two steps
  CHECK(DynamicLevel(L::kLow, work, rule) == L::kHigh);         // no step, but at least 较大
  CHECK(DynamicLevel(L::kMajor, work, rule) == L::kMajor);      // a floor never lowers
  CHECK(DynamicLevel(L::kMedium, hazards, rule) == L::kMedium); // the kind does not raise at all
  std::vector<K> both = {K::kOverdueTasks, K::kFrequentAlarms};
  CHECK(DynamicLevel(L::kLow, both, rule) == L::kHigh);         // the strongest kind wins
}

TEST_CASE("dynamic level: rule validation and kind codes") {
  DynamicLevelRule bad;
  bad.raise_steps[1] = 4;
  CHECK(ValidateDynamicLevelRule(bad).field() == "raise_steps");
  bad = {};
  bad.at_least[2] = static_cast<L>(7);
  CHECK(ValidateDynamicLevelRule(bad).field() == "at_least");
  CHECK(AreaFactorFromCode(2).value() == K::kSpecialWork);
  CHECK(AreaFactorFromCode(5).status().field() == "kind");
  CHECK(AreaFactorFromCode(0).status().code() == StatusCode::kInvalidArgument);
  CHECK(AreaFactorNameZh(K::kOverdueHazards) == "隐患逾期未治理");
  CHECK(AreaFactorCode(K::kFrequentAlarms) == "frequent_alarms");
}
