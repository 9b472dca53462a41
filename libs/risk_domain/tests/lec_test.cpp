#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "safeloop/risk_domain/lec.hpp"

using namespace safeloop;
using namespace safeloop::risk;

namespace {
// The bands written straight from the table in standards.md §1.2, in doubles, as an independent oracle.
RiskLevel OracleV1(double d) {
  if (d > 320) return RiskLevel::kMajor;
  if (d > 160 && d <= 320) return RiskLevel::kHigh;
  if (d > 70 && d <= 160) return RiskLevel::kMedium;
  return RiskLevel::kLow;
}
RiskLevel OracleV2(double d) {
  if (d >= 320) return RiskLevel::kMajor;
  if (d >= 160 && d < 320) return RiskLevel::kHigh;
  if (d >= 70 && d < 160) return RiskLevel::kMedium;
  return RiskLevel::kLow;
}
// Rounded to 2 decimals so 0.1*6*7 = 4.2 compares exactly with the oracle edges.
double Round2(double v) { return std::round(v * 100) / 100; }
}  // namespace

TEST_CASE("LEC: every allowed (L, E, C) scores D = L×E×C and the level of each variant") {
  int combinations = 0;
  std::set<double> products;
  for (double l : kLecLikelihoodValues) {
    for (double e : kLecExposureValues) {
      for (double c : kLecConsequenceValues) {
        ++combinations;
        double expected_d = Round2(l * e * c);
        products.insert(expected_d);
        auto v1 = ScoreLec({l, e, c}, LecBandVariant::kV1);
        auto v2 = ScoreLec({l, e, c}, LecBandVariant::kV2);
        INFO("L=" << l << " E=" << e << " C=" << c);
        REQUIRE(v1.ok());
        REQUIRE(v2.ok());
        CHECK(v1->d == Approx(expected_d).epsilon(1e-12));
        CHECK(v1->d_hundredths == std::llround(expected_d * 100));
        CHECK(v1->level == OracleV1(expected_d));
        CHECK(v2->level == OracleV2(expected_d));
        if (expected_d != 70) {
          CHECK(v1->level == v2->level);  // the variants differ only at D = 70
        }
      }
    }
  }
  CHECK(combinations == 7 * 6 * 6);
  // Boundary facts of standards.md §1.2.
  CHECK(products.count(160) == 0);
  CHECK(products.count(320) == 0);
  CHECK(products.count(70) == 1);
  CHECK(products.count(20) == 1);
}

TEST_CASE("LEC: the band edges of both variants") {
  struct Edge {
    std::int64_t d100;
    RiskLevel v1;
    RiskLevel v2;
  };
  // Every edge of both variants, just below, at, and just above.
  const Edge edges[] = {
      {6999, RiskLevel::kLow, RiskLevel::kLow},       {7000, RiskLevel::kLow, RiskLevel::kMedium},
      {7001, RiskLevel::kMedium, RiskLevel::kMedium}, {15999, RiskLevel::kMedium, RiskLevel::kMedium},
      {16000, RiskLevel::kMedium, RiskLevel::kHigh},  {16001, RiskLevel::kHigh, RiskLevel::kHigh},
      {31999, RiskLevel::kHigh, RiskLevel::kHigh},    {32000, RiskLevel::kHigh, RiskLevel::kMajor},
      {32001, RiskLevel::kMajor, RiskLevel::kMajor},  {0, RiskLevel::kLow, RiskLevel::kLow},
      {100000000, RiskLevel::kMajor, RiskLevel::kMajor},
  };
  for (const auto& edge : edges) {
    INFO("D×100=" << edge.d100);
    CHECK(LecLevelForD(edge.d100, LecBandVariant::kV1) == edge.v1);
    CHECK(LecLevelForD(edge.d100, LecBandVariant::kV2) == edge.v2);
  }
}

TEST_CASE("LEC: D = 70 tells V1 (低) from V2 (一般)") {
  auto v1 = ScoreLec({1, 10, 7}, LecBandVariant::kV1);
  auto v2 = ScoreLec({1, 10, 7}, LecBandVariant::kV2);
  REQUIRE(v1.ok());
  CHECK(v1->d == 70);
  CHECK(v1->level == RiskLevel::kLow);
  CHECK(v2->level == RiskLevel::kMedium);
}

TEST_CASE("LEC: classic danger grades") {
  CHECK(LecDangerGrade(42000) == 1);  // 10×6×7
  CHECK(LecDangerGrade(32000) == 2);
  CHECK(LecDangerGrade(18000) == 2);  // 3×6×10? 180
  CHECK(LecDangerGrade(16000) == 3);
  CHECK(LecDangerGrade(9000) == 3);
  CHECK(LecDangerGrade(7000) == 4);
  CHECK(LecDangerGrade(2001) == 4);
  CHECK(LecDangerGrade(2000) == 5);  // D = 20 (10×2×1)
  CHECK(LecDangerGrade(10) == 5);
}

TEST_CASE("LEC: a value outside its table is INVALID_ARGUMENT naming the field") {
  struct Bad {
    LecInput input;
    const char* field;
  };
  const Bad bad[] = {
      {{4, 6, 7}, "l"},     {{0, 6, 7}, "l"},     {{-1, 6, 7}, "l"},  {{NAN, 6, 7}, "l"}, {{INFINITY, 6, 7}, "l"},
      {{11, 6, 7}, "l"},    {{0.3, 6, 7}, "l"},   {{6, 7, 7}, "e"},   {{6, 0, 7}, "e"},   {{6, 0.2, 7}, "e"},
      {{6, 6, 8}, "c"},     {{6, 6, 0}, "c"},     {{6, 6, 99.9}, "c"}, {{6, 6, NAN}, "c"},
  };
  for (const auto& b : bad) {
    INFO("L=" << b.input.l << " E=" << b.input.e << " C=" << b.input.c);
    auto status = ValidateLec(b.input);
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.field() == b.field);
    CHECK(status.message().find("must be one of") != std::string::npos);
    CHECK_FALSE(ScoreLec(b.input, LecBandVariant::kV1).ok());
  }
  CHECK(ValidateLec({4, 6, 7}).message() == "l (事故发生的可能性 L) must be one of 10, 6, 3, 1, 0.5, 0.2, 0.1; got 4");
}

TEST_CASE("LEC: the variants as band lists agree with LecLevelForD and LecDangerGrade") {
  for (LecBandVariant v : {LecBandVariant::kV1, LecBandVariant::kV2}) {
    std::vector<Band> bands = LecLevelBands(v);
    REQUIRE(ValidateLevelBands(bands, LecReachableMilli(), "bands", "D").ok());
    // Every D × 100 from 0 to 500 (exactly every hundredth), through both representations.
    for (std::int64_t d100 = 0; d100 <= 50000; ++d100) {
      INFO("variant " << LecBandVariantName(v) << " D×100=" << d100);
      CHECK(LevelInBands(bands, d100 * 10) == LecLevelForD(d100, v));
    }
    CHECK(LecBandVariantFromName(LecBandVariantName(v)) == v);
  }
  REQUIRE(ValidateGradeBands(LecGradeBands(), LecReachableMilli(), "grades", "D").ok());
  for (std::int64_t d100 = 0; d100 <= 50000; ++d100) {
    CHECK(GradeInBands(LecGradeBands(), d100 * 10) == LecDangerGrade(d100));
  }
  CHECK_FALSE(LecBandVariantFromName("V3").has_value());
  CHECK(DescribeBand(LecLevelBands(LecBandVariant::kV1)[0], "D") == "D > 320");
  CHECK(DescribeBand(LecLevelBands(LecBandVariant::kV2)[3], "D") == "D < 70");
  CHECK(DescribeBand(LecLevelBands(LecBandVariant::kV1)[2], "D") == "70 < D ≤ 160");
  CHECK(LecDangerGradeNameZh(1) == "极其危险");
  CHECK(LecDangerGradeNameZh(5) == "稍有危险");
  CHECK(LecDangerGradeNameZh(6).empty());
}

TEST_CASE("LEC: the reachable D values") {
  std::vector<std::int64_t> reachable = LecReachableMilli();
  std::set<std::int64_t> expected;
  for (double l : kLecLikelihoodValues) {
    for (double e : kLecExposureValues) {
      for (double c : kLecConsequenceValues) expected.insert(std::llround(Round2(l * e * c) * 1000));
    }
  }
  CHECK(std::set<std::int64_t>(reachable.begin(), reachable.end()) == expected);
  CHECK(std::is_sorted(reachable.begin(), reachable.end()));
  CHECK(expected.count(70000) == 1);
  CHECK(expected.count(160000) == 0);
  CHECK(expected.count(320000) == 0);
  CHECK(FormatMilli(70000) == "70");
  CHECK(FormatMilli(50) == "0.05");  // 0.1 × 0.5 × 1
  CHECK(FormatMilli(1500) == "1.5");
  CHECK(FormatMilli(-2500) == "-2.5");
  CHECK(FormatMilli(0) == "0");
}
