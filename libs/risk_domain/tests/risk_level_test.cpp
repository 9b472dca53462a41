#include <catch2/catch.hpp>

#include <vector>

#include "safeloop/risk_domain/risk_level.hpp"

using namespace safeloop::risk;

TEST_CASE("levels have their Chinese names and colours") {
  CHECK(LevelNameZh(RiskLevel::kMajor) == "重大风险");
  CHECK(LevelNameZh(RiskLevel::kHigh) == "较大风险");
  CHECK(LevelNameZh(RiskLevel::kMedium) == "一般风险");
  CHECK(LevelNameZh(RiskLevel::kLow) == "低风险");
  CHECK(LevelNameZh(RiskLevel::kUnassessed) == "未评估");
  CHECK(ColorNameZh(RiskLevel::kMajor) == "红");
  CHECK(ColorNameZh(RiskLevel::kHigh) == "橙");
  CHECK(ColorNameZh(RiskLevel::kMedium) == "黄");
  CHECK(ColorNameZh(RiskLevel::kLow) == "蓝");
  CHECK(ColorCode(RiskLevel::kMajor) == "red");
  CHECK(ColorCode(RiskLevel::kLow) == "blue");
  CHECK(ColorHex(RiskLevel::kHigh) == "#FB8C00");
  CHECK(RiskLevelFromCode(3) == RiskLevel::kMedium);
  CHECK_FALSE(RiskLevelFromCode(5).has_value());
}

TEST_CASE("the stricter level wins and unassessed never does") {
  CHECK(Stricter(RiskLevel::kLow, RiskLevel::kMajor) == RiskLevel::kMajor);
  CHECK(Stricter(RiskLevel::kUnassessed, RiskLevel::kLow) == RiskLevel::kLow);
  CHECK(Stricter(RiskLevel::kMedium, RiskLevel::kUnassessed) == RiskLevel::kMedium);
  std::vector<RiskLevel> points = {RiskLevel::kLow, RiskLevel::kUnassessed, RiskLevel::kHigh, RiskLevel::kMedium};
  CHECK(Highest(points) == RiskLevel::kHigh);
  CHECK(Highest(std::vector<RiskLevel>{}) == RiskLevel::kUnassessed);
}
