#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <vector>

#include "safeloop/risk_domain/mes.hpp"

using namespace safeloop;
using namespace safeloop::risk;

namespace {

// The R-band table of standards.md §1.4, in doubles, as printed (closed ranges), as an independent oracle.
struct Row {
  double lo;
  double hi;
  int grade;
  RiskLevel level;
};
const std::vector<Row> kTable = {
    {180, 1e9, 1, RiskLevel::kMajor},  {90, 150, 2, RiskLevel::kHigh}, {50, 80, 3, RiskLevel::kMedium},
    {20, 48, 4, RiskLevel::kLow},      {0, 18, 5, RiskLevel::kLow},
};

const Row& OracleRow(double r) {
  const Row* hit = nullptr;
  int hits = 0;
  for (const Row& row : kTable) {
    if (r >= row.lo && r <= row.hi) {
      ++hits;
      hit = &row;
    }
  }
  INFO("R=" << r);
  REQUIRE(hits == 1);  // no possible R falls between the printed ranges
  return *hit;
}

// Every possible MES value, copied from the end of §1.4.
const std::vector<double> kListedValues = {0.5, 1,   1.5, 2,   2.5, 3,   4,   5,   6,   8,   9,   10,  12,
                                           15,  16,  18,  20,  24,  25,  30,  36,  40,  48,  50,  60,  72,
                                           80,  90,  100, 120, 144, 150, 180, 200, 240, 300, 400, 500};

}  // namespace

TEST_CASE("MES: every M×E×S scores exactly and matches the printed band table") {
  std::set<double> products;
  int combinations = 0;
  for (double m : kMesControlValues) {
    for (double e : kMesExposureValues) {
      for (double s : kMesSeverityValues) {
        ++combinations;
        double r = m * e * s;  // exact in binary: E's only fraction is 0.5
        products.insert(r);
        INFO("M=" << m << " E=" << e << " S=" << s);
        auto score = ScoreMes({m, e, s});
        REQUIRE(score.ok());
        CHECK(score->r == r);
        CHECK(score->r_tenths == std::llround(r * 10));
        const Row& row = OracleRow(r);
        CHECK(score->grade == row.grade);
        CHECK(score->level == row.level);
        CHECK(MesLevelForGrade(score->grade) == score->level);
      }
    }
  }
  CHECK(combinations == 3 * 6 * 5);
  CHECK(products == std::set<double>(kListedValues.begin(), kListedValues.end()));
  CHECK(std::vector<double>(kMesPossibleR.begin(), kMesPossibleR.end()) == kListedValues);
}

TEST_CASE("MES: every possible value has the level of its printed band") {
  for (double v : kListedValues) {
    INFO("R=" << v);
    std::int64_t tenths = std::llround(v * 10);
    CHECK(MesGrade(tenths) == OracleRow(v).grade);
    CHECK(MesLevelForR(tenths) == OracleRow(v).level);
  }
}

TEST_CASE("MES: the boundary facts of §1.4") {
  auto r180 = ScoreMes({3, 6, 10});  // 180 is reachable and its lower bound is inclusive
  REQUIRE(r180.ok());
  CHECK(r180->r == 180);
  CHECK(r180->r_tenths == 1800);
  CHECK(r180->grade == 1);
  CHECK(r180->level == RiskLevel::kMajor);
  CHECK(MesGradeNameZh(r180->grade) == "一级");

  auto r150 = ScoreMes({5, 3, 10});
  CHECK(r150->r == 150);
  CHECK(r150->level == RiskLevel::kHigh);
  CHECK(r150->grade == 2);
  auto r90 = ScoreMes({3, 3, 10});
  CHECK(r90->r == 90);
  CHECK(r90->level == RiskLevel::kHigh);
  auto r80 = ScoreMes({1, 10, 8});
  CHECK(r80->r == 80);
  CHECK(r80->level == RiskLevel::kMedium);
  auto r50 = ScoreMes({5, 10, 1});
  CHECK(r50->r == 50);
  CHECK(r50->level == RiskLevel::kMedium);
  CHECK(r50->grade == 3);
  auto r48 = ScoreMes({3, 2, 8});
  CHECK(r48->r == 48);
  CHECK(r48->level == RiskLevel::kLow);
  CHECK(r48->grade == 4);
  auto r20 = ScoreMes({5, 2, 2});
  CHECK(r20->r == 20);
  CHECK(r20->grade == 4);
  auto r18 = ScoreMes({3, 6, 1});
  CHECK(r18->r == 18);
  CHECK(r18->grade == 5);
  CHECK(r18->level == RiskLevel::kLow);
  auto r05 = ScoreMes({1, 0.5, 1});
  CHECK(r05->r == 0.5);
  CHECK(r05->r_tenths == 5);
  CHECK(r05->grade == 5);
  auto r500 = ScoreMes({5, 10, 10});
  CHECK(r500->r == 500);
  CHECK(r500->level == RiskLevel::kMajor);

  // No possible product lies in 151–179, 81–89, 49 or strictly between 19 and 20.
  for (double v : kListedValues) {
    CHECK_FALSE((v > 150 && v < 180));
    CHECK_FALSE((v > 80 && v < 90));
    CHECK_FALSE((v > 48 && v < 50));
    CHECK_FALSE((v > 18 && v < 20));
  }
}

TEST_CASE("MES: the default band lists agree with MesGrade and MesLevelForR") {
  CHECK(ValidateMesBands(MesLevelBands(), MesGradeBands()).ok());
  for (std::int64_t tenths = 0; tenths <= 6000; ++tenths) {
    INFO("R×10=" << tenths);
    CHECK(LevelInBands(MesLevelBands(), tenths * 100) == MesLevelForR(tenths));
    CHECK(GradeInBands(MesGradeBands(), tenths * 100) == MesGrade(tenths));
  }
  std::vector<std::int64_t> reachable = MesReachableMilli();
  REQUIRE(reachable.size() == kListedValues.size());
  for (std::size_t i = 0; i < reachable.size(); ++i) CHECK(reachable[i] == std::llround(kListedValues[i] * 1000));
}

TEST_CASE("MES: enterprise bands") {
  SECTION("a table that prints R > 180 leaves 180 in no band and is refused") {
    const std::vector<Band> strict = {{RiskLevel::kMajor, 180, false, std::nullopt, false},
                                      {RiskLevel::kHigh, 90, true, 150, true},
                                      {RiskLevel::kMedium, 40, true, 80, true},
                                      {RiskLevel::kLow, std::nullopt, true, 38, true}};
    auto status = ValidateMesBands(strict);
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.field() == "level_bands");
    CHECK(status.message() ==
          "R = 180 can occur but falls in no band of level_bands; every reachable R needs exactly one band");
    CHECK_FALSE(ScoreMes({3, 6, 10}, strict).ok());
  }
  SECTION("≥ 180 / 90–179 / 50–89 / < 50 from public code") {
    const std::vector<Band> alt = {{RiskLevel::kMajor, 180, true, std::nullopt, false},
                                   {RiskLevel::kHigh, 90, true, 179, true},
                                   {RiskLevel::kMedium, 50, true, 89, true},
                                   {RiskLevel::kLow, std::nullopt, true, 50, false}};
    REQUIRE(ValidateMesBands(alt).ok());
    // Over every possible R it agrees with the default mapping.
    for (double m : kMesControlValues) {
      for (double e : kMesExposureValues) {
        for (double s : kMesSeverityValues) {
          auto custom = ScoreMes({m, e, s}, alt);
          auto standard = ScoreMes({m, e, s});
          REQUIRE(custom.ok());
          CHECK(custom->level == standard->level);
          CHECK(custom->grade == 0);  // no grade bands given
        }
      }
    }
  }
  SECTION("a stricter enterprise: 一般 from 40") {
    const std::vector<Band> stricter = {{RiskLevel::kMajor, 180, true, std::nullopt, false},
                                        {RiskLevel::kHigh, 90, true, 180, false},
                                        {RiskLevel::kMedium, 40, true, 90, false},
                                        {RiskLevel::kLow, std::nullopt, true, 40, false}};
    const std::vector<GradeBand> grades = MesGradeBands();
    auto r40 = ScoreMes({1, 10, 4}, stricter, grades);
    REQUIRE(r40.ok());
    CHECK(r40->r == 40);
    CHECK(r40->level == RiskLevel::kMedium);
    CHECK(r40->grade == 4);
    CHECK(ScoreMes({1, 10, 4})->level == RiskLevel::kLow);
  }
}

TEST_CASE("MES: a value outside its table is INVALID_ARGUMENT naming the field") {
  struct Bad {
    MesInput input;
    const char* field;
  };
  const Bad bad[] = {{{4, 6, 8}, "m"},   {{0, 6, 8}, "m"},  {{NAN, 6, 8}, "m"}, {{5, 0.2, 8}, "e"},
                     {{5, 7, 8}, "e"},   {{5, 0, 8}, "e"},  {{5, 6, 3}, "s"},   {{5, 6, 0}, "s"},
                     {{5, 6, 100}, "s"}, {{5, 6, INFINITY}, "s"}};
  for (const auto& b : bad) {
    INFO("M=" << b.input.m << " E=" << b.input.e << " S=" << b.input.s);
    auto status = ValidateMes(b.input);
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.field() == b.field);
    CHECK_FALSE(ScoreMes(b.input).ok());
  }
  CHECK(ValidateMes({5, 0.2, 8}).message() ==
        "e (暴露或危险状态出现的频繁程度 E) must be one of 10, 6, 3, 2, 1, 0.5; got 0.2");
  CHECK(ValidateMes({4, 6, 8}).message() == "m (控制措施的状态 M) must be one of 5, 3, 1; got 4");
}
