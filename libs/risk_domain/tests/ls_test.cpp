#include <catch2/catch.hpp>

#include <limits>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "safeloop/risk_domain/ls.hpp"

using namespace safeloop;
using namespace safeloop::risk;

namespace {

// Variant A exactly as the colour matrix of standards.md §1.3 (rows L = 5..1, columns S = 1..5).
const char* const kMatrixA[5][5] = {
    {"蓝", "黄", "橙", "红", "红"},  // L=5: 5 10 15 20 25
    {"蓝", "蓝", "黄", "橙", "红"},  // L=4: 4 8 12 16 20
    {"蓝", "蓝", "黄", "黄", "橙"},  // L=3: 3 6 9 12 15
    {"蓝", "蓝", "蓝", "蓝", "黄"},  // L=2: 2 4 6 8 10
    {"蓝", "蓝", "蓝", "蓝", "蓝"},  // L=1
};

// The printed closed ranges of the R-band table, as an independent oracle.
struct Range {
  int lo;
  int hi;
  RiskLevel level;
};
const std::vector<Range> kRangesA = {{20, 25, RiskLevel::kMajor}, {15, 16, RiskLevel::kHigh},
                                     {9, 12, RiskLevel::kMedium}, {1, 8, RiskLevel::kLow}};
const std::vector<Range> kRangesB = {{17, 25, RiskLevel::kMajor}, {11, 16, RiskLevel::kHigh},
                                     {5, 10, RiskLevel::kMedium}, {1, 4, RiskLevel::kLow}};
const std::vector<Range> kRangesC = {{20, 25, RiskLevel::kMajor}, {9, 16, RiskLevel::kHigh},
                                     {4, 8, RiskLevel::kMedium}, {1, 3, RiskLevel::kLow}};
// Variant A's five grades: 1..3 follow the level bands, grade 4 = 4–8, grade 5 = 1–3.
const std::vector<std::pair<Range, int>> kGradesA = {{{20, 25, {}}, 1}, {{15, 16, {}}, 2}, {{9, 12, {}}, 3},
                                                     {{4, 8, {}}, 4},   {{1, 3, {}}, 5}};

RiskLevel Oracle(const std::vector<Range>& ranges, int r) {
  int hits = 0;
  RiskLevel level = RiskLevel::kUnassessed;
  for (const Range& range : ranges) {
    if (r >= range.lo && r <= range.hi) {
      ++hits;
      level = range.level;
    }
  }
  REQUIRE(hits == 1);  // every possible R is in exactly one printed range
  return level;
}

int OracleGradeA(int r) {
  for (const auto& [range, grade] : kGradesA) {
    if (r >= range.lo && r <= range.hi) return grade;
  }
  FAIL("no grade for R=" << r);
  return 0;
}

}  // namespace

TEST_CASE("LS: every L×S under every variant matches the printed tables") {
  std::set<int> products;
  int combinations = 0;
  for (int l : kLsLikelihoodValues) {
    for (int s : kLsSeverityValues) {
      ++combinations;
      int r = l * s;
      products.insert(r);
      INFO("L=" << l << " S=" << s);
      auto a = ScoreLs({l, s}, LsBandVariant::kA);
      auto b = ScoreLs({l, s}, LsBandVariant::kB);
      auto c = ScoreLs({l, s}, LsBandVariant::kC);
      REQUIRE(a.ok());
      REQUIRE(b.ok());
      REQUIRE(c.ok());
      CHECK(a->r == r);
      CHECK(b->r == r);
      CHECK(ColorNameZh(a->level) == kMatrixA[5 - l][s - 1]);
      CHECK(a->level == Oracle(kRangesA, r));
      CHECK(b->level == Oracle(kRangesB, r));
      CHECK(c->level == Oracle(kRangesC, r));
      CHECK(a->grade == OracleGradeA(r));
      CHECK(b->grade == 0);
      CHECK(c->grade == 0);
      // Grades 4 and 5 of variant A are both 低.
      if (a->grade >= 4) CHECK(a->level == RiskLevel::kLow);
      // The default is A.
      auto by_default = ScoreLs({l, s});
      REQUIRE(by_default.ok());
      CHECK(by_default->level == a->level);
    }
  }
  CHECK(combinations == 25);
  CHECK(products == std::set<int>(kLsPossibleR.begin(), kLsPossibleR.end()));
  CHECK(products == std::set<int>{1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25});  // §1.3
}

TEST_CASE("LS: the edges of each variant") {
  // A: 低 ≤ 8 < 一般 9–12 < 较大 15–16 < 重大 20–25.
  CHECK(LsLevelForR(8, LsBandVariant::kA) == RiskLevel::kLow);
  CHECK(LsLevelForR(9, LsBandVariant::kA) == RiskLevel::kMedium);
  CHECK(LsLevelForR(12, LsBandVariant::kA) == RiskLevel::kMedium);
  CHECK(LsLevelForR(15, LsBandVariant::kA) == RiskLevel::kHigh);
  CHECK(LsLevelForR(16, LsBandVariant::kA) == RiskLevel::kHigh);
  CHECK(LsLevelForR(20, LsBandVariant::kA) == RiskLevel::kMajor);
  CHECK(LsLevelForR(25, LsBandVariant::kA) == RiskLevel::kMajor);
  CHECK(LsGrade(3) == 5);
  CHECK(LsGrade(4) == 4);
  CHECK(LsGrade(8) == 4);
  CHECK(LsGrade(9) == 3);
  CHECK(LsGrade(16) == 2);
  CHECK(LsGrade(20) == 1);
  // B: 低 1–4, 一般 5–10, 较大 11–16, 重大 17–25.
  CHECK(LsLevelForR(4, LsBandVariant::kB) == RiskLevel::kLow);
  CHECK(LsLevelForR(5, LsBandVariant::kB) == RiskLevel::kMedium);
  CHECK(LsLevelForR(10, LsBandVariant::kB) == RiskLevel::kMedium);
  CHECK(LsLevelForR(11, LsBandVariant::kB) == RiskLevel::kHigh);
  CHECK(LsLevelForR(12, LsBandVariant::kB) == RiskLevel::kHigh);
  CHECK(LsLevelForR(16, LsBandVariant::kB) == RiskLevel::kHigh);
  CHECK(LsLevelForR(17, LsBandVariant::kB) == RiskLevel::kMajor);
  CHECK(LsLevelForR(20, LsBandVariant::kB) == RiskLevel::kMajor);
  // C: 低 1–3, 一般 4–8, 较大 9–16, 重大 20–25.
  CHECK(LsLevelForR(3, LsBandVariant::kC) == RiskLevel::kLow);
  CHECK(LsLevelForR(4, LsBandVariant::kC) == RiskLevel::kMedium);
  CHECK(LsLevelForR(8, LsBandVariant::kC) == RiskLevel::kMedium);
  CHECK(LsLevelForR(9, LsBandVariant::kC) == RiskLevel::kHigh);
  CHECK(LsLevelForR(16, LsBandVariant::kC) == RiskLevel::kHigh);
  CHECK(LsLevelForR(20, LsBandVariant::kC) == RiskLevel::kMajor);
  // The variants disagree where the tables say so: R = 10 is 一般 under A and B but 较大 under C.
  CHECK(LsLevelForR(10, LsBandVariant::kA) == RiskLevel::kMedium);
  CHECK(LsLevelForR(10, LsBandVariant::kC) == RiskLevel::kHigh);
  CHECK(LsLevelForR(4, LsBandVariant::kA) == RiskLevel::kLow);
  CHECK(LsLevelForR(4, LsBandVariant::kC) == RiskLevel::kMedium);
}

TEST_CASE("LS: the variants as band lists agree with LsLevelForR and validate") {
  for (LsBandVariant v : {LsBandVariant::kA, LsBandVariant::kB, LsBandVariant::kC}) {
    std::vector<Band> bands = LsLevelBands(v);
    CHECK(ValidateLsBands(bands, v == LsBandVariant::kA ? LsGradeBands() : std::vector<GradeBand>{}).ok());
    for (int r = 0; r <= 30; ++r) {
      INFO("variant " << LsBandVariantName(v) << " R=" << r);
      CHECK(LevelInBands(bands, r * kMilliPerUnit) == LsLevelForR(r, v));
    }
    CHECK(LsBandVariantFromName(LsBandVariantName(v)) == v);
  }
  for (int r = 0; r <= 30; ++r) CHECK(GradeInBands(LsGradeBands(), r * kMilliPerUnit) == LsGrade(r));
  CHECK_FALSE(LsBandVariantFromName("D").has_value());
  CHECK(DescribeBand(LsLevelBands(LsBandVariant::kA)[1], "R") == "15 ≤ R < 20");
}

TEST_CASE("LS: enterprise bands score and are checked over every possible R") {
  // 重大 16–25, 较大 10–15, 一般 5–9, 低 1–4, written as closed ranges.
  const std::vector<Band> custom = {{RiskLevel::kMajor, 16, true, 25, true},
                                    {RiskLevel::kHigh, 10, true, 15, true},
                                    {RiskLevel::kMedium, 5, true, 9, true},
                                    {RiskLevel::kLow, 1, true, 4, true}};
  const std::vector<GradeBand> grades = {{1, 16, true, std::nullopt, false}, {2, 10, true, 16, false},
                                         {3, 5, true, 10, false},            {4, 3, true, 5, false},
                                         {5, std::nullopt, true, 3, false}};
  REQUIRE(ValidateLsBands(custom, grades).ok());
  for (int l : kLsLikelihoodValues) {
    for (int s : kLsSeverityValues) {
      int r = l * s;
      RiskLevel expected = r >= 16 ? RiskLevel::kMajor
                           : r >= 10 ? RiskLevel::kHigh
                           : r >= 5  ? RiskLevel::kMedium
                                     : RiskLevel::kLow;
      auto score = ScoreLs({l, s}, custom, grades);
      REQUIRE(score.ok());
      CHECK(score->level == expected);
      auto no_grades = ScoreLs({l, s}, custom);
      REQUIRE(no_grades.ok());
      CHECK(no_grades->grade == 0);
    }
  }
  CHECK(ScoreLs({4, 4}, custom, grades)->grade == 1);
  CHECK(ScoreLs({1, 3}, custom, grades)->grade == 4);

  SECTION("a gap at a possible R") {
    const std::vector<Band> gap = {{RiskLevel::kMajor, 20, true, 25, true},
                                   {RiskLevel::kHigh, 15, true, 16, true},
                                   {RiskLevel::kMedium, 9, true, 12, true},
                                   {RiskLevel::kLow, 1, true, 6, true}};
    auto status = ValidateLsBands(gap);
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.field() == "level_bands");
    CHECK(status.message() ==
          "R = 8 can occur but falls in no band of level_bands; every reachable R needs exactly one band");
    CHECK_FALSE(ScoreLs({2, 2}, gap).ok());  // even an R that is covered: the bands are refused as a whole
  }
  SECTION("a gap between possible values is harmless") {
    const std::vector<Band> holes = {{RiskLevel::kMajor, 20, true, 25, true},
                                     {RiskLevel::kHigh, 15, true, 16, true},
                                     {RiskLevel::kMedium, 9, true, 12, true},
                                     {RiskLevel::kLow, 1, true, 8, true}};
    CHECK(ValidateLsBands(holes).ok());
  }
  SECTION("an overlap") {
    const std::vector<Band> overlap = {{RiskLevel::kMajor, 15, true, 25, true},
                                       {RiskLevel::kHigh, 12, true, 15, true},
                                       {RiskLevel::kMedium, 9, true, 12, false},
                                       {RiskLevel::kLow, std::nullopt, true, 9, false}};
    auto status = ValidateLsBands(overlap);
    CHECK(status.field() == "level_bands[1]");
    CHECK(status.message() ==
          "R = 15 falls in level_bands[0] (15 ≤ R ≤ 25) and level_bands[1] (12 ≤ R ≤ 15); every reachable R "
          "needs exactly one band");
  }
  SECTION("a higher R may not get a lower level") {
    const std::vector<Band> inverted = {{RiskLevel::kMajor, std::nullopt, true, 9, false},
                                        {RiskLevel::kLow, 9, true, std::nullopt, false}};
    auto status = ValidateLsBands(inverted);
    CHECK(status.field() == "level_bands[1]");
    CHECK(status.message() ==
          "R = 9 gets 低风险 from level_bands[1] but the smaller R = 8 gets 重大风险: a higher value may never get a "
          "lower level");
  }
  SECTION("malformed bands") {
    std::vector<Band> bad = LsLevelBands(LsBandVariant::kA);
    bad[0].level = RiskLevel::kUnassessed;
    CHECK(ValidateLsBands(bad).field() == "level_bands[0].level");
    bad = LsLevelBands(LsBandVariant::kA);
    bad[1] = {RiskLevel::kHigh, 15, false, 15, true};  // (15, 15] is empty
    CHECK(ValidateLsBands(bad).field() == "level_bands[1]");
    CHECK(ValidateLsBands(bad).message().find("is empty") != std::string::npos);
    bad = LsLevelBands(LsBandVariant::kA);
    bad[2].lower = 8.0005;  // finer than thousandths
    CHECK(ValidateLsBands(bad).field() == "level_bands[2].lower");
    bad = LsLevelBands(LsBandVariant::kA);
    bad[3].upper = std::numeric_limits<double>::infinity();
    CHECK(ValidateLsBands(bad).field() == "level_bands[3].upper");
    CHECK(ValidateLsBands(std::vector<Band>{}).field() == "level_bands");
    CHECK(ValidateLsBands(std::vector<Band>(17, Band{RiskLevel::kLow})).field() == "level_bands");
    std::vector<GradeBand> bad_grades = LsGradeBands();
    bad_grades[4].grade = 6;
    CHECK(ValidateLsBands(LsLevelBands(LsBandVariant::kA), bad_grades).field() == "grade_bands[4].grade");
    bad_grades = LsGradeBands();
    std::swap(bad_grades[0].grade, bad_grades[4].grade);
    CHECK(ValidateLsBands(LsLevelBands(LsBandVariant::kA), bad_grades).message() ==
          "R = 4 gets grade 4 from grade_bands[3] but the smaller R = 3 gets grade 1: a higher value may never get a "
          "slighter grade (grade 1 is the worst)");
  }
}

TEST_CASE("LS: a value outside 1..5 is INVALID_ARGUMENT naming the field and the allowed values") {
  struct Bad {
    LsInput input;
    const char* field;
  };
  const Bad bad[] = {{{0, 3}, "l"}, {{6, 3}, "l"}, {{-1, 3}, "l"}, {{3, 0}, "s"}, {{3, 6}, "s"}, {{0, 0}, "l"}};
  for (const auto& b : bad) {
    INFO("L=" << b.input.l << " S=" << b.input.s);
    auto status = ValidateLs(b.input);
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.field() == b.field);
    CHECK_FALSE(ScoreLs(b.input).ok());
    CHECK_FALSE(ScoreLs(b.input, LsLevelBands(LsBandVariant::kB)).ok());
  }
  CHECK(ValidateLs({6, 3}).message() == "l (事故发生的可能性 L) must be one of 5, 4, 3, 2, 1; got 6");
  CHECK(ValidateLs({3, 0}).message() == "s (事故后果严重性 S) must be one of 5, 4, 3, 2, 1; got 0");
}
