#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "safeloop/risk_domain/scoring_standard.hpp"

using namespace safeloop;
using namespace safeloop::risk;

namespace {

std::vector<double> Values(const FactorTable& table) {
  std::vector<double> out;
  for (const ValueOption& option : table.options) out.push_back(option.value);
  return out;
}

template <typename Array>
std::vector<double> AsDoubles(const Array& values) {
  return std::vector<double>(values.begin(), values.end());
}

}  // namespace

TEST_CASE("scoring standard: the default holds the national tables and validates") {
  ScoringStandard standard = DefaultScoringStandard();
  REQUIRE(ValidateScoringStandard(standard).ok());
  CHECK(standard.lec.band_variant == "V1");
  CHECK(standard.ls.band_variant == "A");
  CHECK(standard.mes.band_variant == "default");

  REQUIRE(standard.lec.factors.size() == 3);
  CHECK(Values(standard.lec.factors[0]) == AsDoubles(kLecLikelihoodValues));
  CHECK(Values(standard.lec.factors[1]) == AsDoubles(kLecExposureValues));
  CHECK(Values(standard.lec.factors[2]) == AsDoubles(kLecConsequenceValues));
  CHECK(standard.lec.factors[0].options[0].label == "完全可以预料");
  CHECK(standard.lec.factors[0].options[6].label == "实际不可能");
  CHECK(standard.lec.factors[2].options[0].criterion == "十人以上死亡");
  CHECK(standard.lec.factors[2].options[5].criterion == "轻伤，需救护");

  REQUIRE(standard.ls.factors.size() == 2);
  CHECK(Values(standard.ls.factors[0]) == AsDoubles(kLsLikelihoodValues));
  CHECK(Values(standard.ls.factors[1]) == AsDoubles(kLsSeverityValues));
  CHECK(standard.ls.factors[1].options[4].label == "无伤害");

  REQUIRE(standard.mes.factors.size() == 3);
  CHECK(Values(standard.mes.factors[0]) == AsDoubles(kMesControlValues));
  CHECK(Values(standard.mes.factors[1]) == AsDoubles(kMesExposureValues));
  CHECK(Values(standard.mes.factors[2]) == AsDoubles(kMesSeverityValues));
  CHECK(standard.mes.factors[0].options[0].label == "无控制措施");

  for (ScoringMethod method : {ScoringMethod::kLec, ScoringMethod::kLs, ScoringMethod::kMes}) {
    const MethodStandard& slot = StandardFor(standard, method);
    CHECK(slot.method == method);
    auto fields = FactorFields(method);
    REQUIRE(slot.factors.size() == fields.size());
    for (std::size_t i = 0; i < fields.size(); ++i) {
      CHECK(slot.factors[i].field == fields[i]);
      for (const ValueOption& option : slot.factors[i].options) CHECK_FALSE(option.label.empty());
    }
    CHECK(ScoringMethodFromCode(ScoringMethodCode(method)) == method);
  }
  CHECK(ScoringMethodNameZh(ScoringMethod::kLs) == "风险矩阵法");
  CHECK_FALSE(ScoringMethodFromCode("lec").has_value());
}

TEST_CASE("scoring standard: reachable values are those of the method's own functions") {
  ScoringStandard standard = DefaultScoringStandard();
  CHECK(ReachableValuesMilli(standard.lec).value() == LecReachableMilli());
  CHECK(ReachableValuesMilli(standard.mes).value() == MesReachableMilli());
  std::vector<std::int64_t> ls;
  for (int r : kLsPossibleR) ls.push_back(r * 1000);
  CHECK(ReachableValuesMilli(standard.ls).value() == ls);
}

TEST_CASE("scoring standard: LEC through the standard equals ScoreLec for every input and variant") {
  for (LecBandVariant v : {LecBandVariant::kV1, LecBandVariant::kV2}) {
    ScoringStandard standard = DefaultScoringStandard();
    standard.lec.band_variant = std::string(LecBandVariantName(v));
    REQUIRE(ValidateScoringStandard(standard).ok());
    for (double l : kLecLikelihoodValues) {
      for (double e : kLecExposureValues) {
        for (double c : kLecConsequenceValues) {
          INFO("variant " << LecBandVariantName(v) << " L=" << l << " E=" << e << " C=" << c);
          auto expected = ScoreLec({l, e, c}, v);
          auto actual = Score(standard, LecInput{l, e, c});
          REQUIRE(expected.ok());
          REQUIRE(actual.ok());
          CHECK(actual->method == ScoringMethod::kLec);
          CHECK(actual->value_milli == expected->d_hundredths * 10);
          CHECK(actual->value == expected->d);
          CHECK(actual->grade == expected->danger_grade);
          CHECK(actual->level == expected->level);
        }
      }
    }
  }
  // D = 70 still tells the variants apart.
  ScoringStandard standard = DefaultScoringStandard();
  CHECK(Score(standard, LecInput{1, 10, 7})->level == RiskLevel::kLow);
  standard.lec.band_variant = "V2";
  CHECK(Score(standard, LecInput{1, 10, 7})->level == RiskLevel::kMedium);
}

TEST_CASE("scoring standard: LS and MES through the standard equal ScoreLs and ScoreMes") {
  for (LsBandVariant v : {LsBandVariant::kA, LsBandVariant::kB, LsBandVariant::kC}) {
    ScoringStandard standard = DefaultScoringStandard();
    standard.ls.band_variant = std::string(LsBandVariantName(v));
    for (int l : kLsLikelihoodValues) {
      for (int s : kLsSeverityValues) {
        INFO("variant " << LsBandVariantName(v) << " L=" << l << " S=" << s);
        auto expected = ScoreLs({l, s}, v);
        auto actual = Score(standard, LsInput{l, s});
        REQUIRE(actual.ok());
        CHECK(actual->value_milli == expected->r * 1000);
        CHECK(actual->value == expected->r);
        CHECK(actual->grade == expected->grade);
        CHECK(actual->level == expected->level);
      }
    }
  }
  ScoringStandard standard = DefaultScoringStandard();
  for (double m : kMesControlValues) {
    for (double e : kMesExposureValues) {
      for (double s : kMesSeverityValues) {
        INFO("M=" << m << " E=" << e << " S=" << s);
        auto expected = ScoreMes({m, e, s});
        auto actual = Score(standard, MesInput{m, e, s});
        REQUIRE(actual.ok());
        CHECK(actual->value_milli == expected->r_tenths * 100);
        CHECK(actual->grade == expected->grade);
        CHECK(actual->level == expected->level);
      }
    }
  }
  CHECK(Score(standard, MesInput{3, 6, 10})->level == RiskLevel::kMajor);  // 180
}

TEST_CASE("scoring standard: input errors name the factor field like the method functions do") {
  ScoringStandard standard = DefaultScoringStandard();
  auto bad_l = Score(standard, LecInput{4, 6, 7});
  CHECK(bad_l.status() == ValidateLec({4, 6, 7}));
  auto bad_e = Score(standard, LecInput{6, 7, 7});
  CHECK(bad_e.status().field() == "e");
  CHECK(bad_e.status().message() == "e (暴露于危险环境的频繁程度 E) must be one of 10, 6, 3, 2, 1, 0.5; got 7");
  CHECK(Score(standard, LsInput{3, 6}).status() == ValidateLs({3, 6}));
  CHECK(Score(standard, MesInput{5, 0.2, 8}).status() == ValidateMes({5, 0.2, 8}));
  CHECK(Score(standard, MesInput{5, 6, NAN}).status().field() == "s");
  const double three[] = {1, 2, 3};
  auto wrong_count = Score(standard, ScoringMethod::kLs, three);
  CHECK(wrong_count.status().field() == "factors");
  CHECK(wrong_count.status().message() == "LS takes 2 values (l, s); got 3");
}

TEST_CASE("scoring standard: enterprise value tables") {
  SECTION("a C value added to LEC keeps the built-in bands, which have no gaps") {
    ScoringStandard standard = DefaultScoringStandard();
    standard.lec.factors[2].options.push_back({20, "企业自定义", "财产损失 100 万元以上"});
    REQUIRE(ValidateScoringStandard(standard).ok());
    auto d = Score(standard, LecInput{6, 6, 20});
    REQUIRE(d.ok());
    CHECK(d->value == 720);
    CHECK(d->level == RiskLevel::kMajor);
    CHECK(d->grade == 1);
    auto reachable = ReachableValuesMilli(standard.lec).value();
    CHECK(std::count(reachable.begin(), reachable.end(), 720000) == 1);
  }
  SECTION("a removed value is refused as input") {
    ScoringStandard standard = DefaultScoringStandard();
    standard.ls.factors[0].options.erase(standard.ls.factors[0].options.begin());  // no L = 5
    REQUIRE(ValidateScoringStandard(standard).ok());
    auto r = Score(standard, LsInput{5, 5});
    CHECK(r.status().field() == "l");
    CHECK(r.status().message() == "l (事故发生的可能性 L) must be one of 4, 3, 2, 1; got 5");
  }
  SECTION("decimals in LS values stay exact with the half-open built-in bands") {
    ScoringStandard standard = DefaultScoringStandard();
    standard.ls.factors[0].options.push_back({4.5, "企业自定义", ""});
    REQUIRE(ValidateScoringStandard(standard).ok());
    const double r9[] = {4.5, 2};
    auto r = Score(standard, ScoringMethod::kLs, r9);
    REQUIRE(r.ok());
    CHECK(r->value == 9);
    CHECK(r->value_milli == 9000);
    CHECK(r->level == RiskLevel::kMedium);
    const double r13_5[] = {4.5, 3};
    auto r2 = Score(standard, ScoringMethod::kLs, r13_5);
    CHECK(r2->value == 13.5);
    CHECK(r2->level == RiskLevel::kMedium);
    CHECK(r2->grade == 3);
    const double r22_5[] = {4.5, 5};
    CHECK(Score(standard, ScoringMethod::kLs, r22_5)->level == RiskLevel::kMajor);
  }
  SECTION("custom bands must also cover the products of the enterprise's own values") {
    ScoringStandard standard = DefaultScoringStandard();
    standard.mes.band_variant = "custom";
    standard.mes.custom_level_bands = {{RiskLevel::kMajor, 180, true, std::nullopt, false},
                                       {RiskLevel::kHigh, 90, true, 150, true},
                                       {RiskLevel::kMedium, 50, true, 80, true},
                                       {RiskLevel::kLow, std::nullopt, true, 48, true}};
    REQUIRE(ValidateScoringStandard(standard).ok());  // the national products fit the printed ranges
    standard.mes.factors[2].options.push_back({9, "企业自定义", ""});  // 3 × 3 × 9 = 81, 3 × 6 × 9 = 162
    auto status = ValidateScoringStandard(standard);
    CHECK(status.field() == "mes.custom_level_bands");
    CHECK(status.message() ==
          "R = 81 can occur but falls in no band of mes.custom_level_bands; every reachable R needs exactly one "
          "band");
    const double factors[] = {3, 6, 9};
    CHECK_FALSE(Score(standard, ScoringMethod::kMes, factors).ok());
  }
}

TEST_CASE("scoring standard: custom bands with grades") {
  ScoringStandard standard = DefaultScoringStandard();
  standard.ls.band_variant = "custom";
  standard.ls.custom_level_bands = {{RiskLevel::kMajor, 16, true, std::nullopt, false},
                                    {RiskLevel::kHigh, 10, true, 16, false},
                                    {RiskLevel::kMedium, 5, true, 10, false},
                                    {RiskLevel::kLow, std::nullopt, true, 5, false}};
  REQUIRE(ValidateScoringStandard(standard).ok());
  CHECK(Score(standard, LsInput{4, 4})->level == RiskLevel::kMajor);
  CHECK(Score(standard, LsInput{4, 4})->grade == 0);  // no grade bands
  standard.ls.custom_grade_bands = {{1, 16, true, std::nullopt, false}, {2, 10, true, 16, false},
                                    {3, 5, true, 10, false},            {4, 3, true, 5, false},
                                    {5, std::nullopt, true, 3, false}};
  REQUIRE(ValidateScoringStandard(standard).ok());
  CHECK(Score(standard, LsInput{4, 4})->grade == 1);
  CHECK(Score(standard, LsInput{1, 3})->grade == 4);
  auto resolved = ResolveBands(standard.ls);
  REQUIRE(resolved.ok());
  CHECK(resolved->level == standard.ls.custom_level_bands);
  CHECK(resolved->grade == standard.ls.custom_grade_bands);
  // Built-in variants resolve to the method's own lists; B and C have no grades.
  standard = DefaultScoringStandard();
  CHECK(ResolveBands(standard.ls)->grade == LsGradeBands());
  standard.ls.band_variant = "B";
  CHECK(ResolveBands(standard.ls)->grade.empty());
  CHECK(ResolveBands(standard.mes)->level == MesLevelBands());
  CHECK(ResolveBands(standard.lec)->level == LecLevelBands(LecBandVariant::kV1));
}

TEST_CASE("scoring standard: configuration errors name the field") {
  struct Case {
    const char* name;
    void (*mutate)(ScoringStandard&);
    const char* field;
    const char* message_part;
  };
  const Case cases[] = {
      {"zero value", [](ScoringStandard& s) { s.lec.factors[0].options[0].value = 0; },
       "lec.factors[0].options[0].value", "must be a positive number"},
      {"negative value", [](ScoringStandard& s) { s.ls.factors[1].options[2].value = -3; },
       "ls.factors[1].options[2].value", "must be a positive number"},
      {"two decimals", [](ScoringStandard& s) { s.lec.factors[0].options[6].value = 0.05; },
       "lec.factors[0].options[6].value", "at most one decimal"},
      {"not finite", [](ScoringStandard& s) { s.mes.factors[1].options[0].value = NAN; },
       "mes.factors[1].options[0].value", "positive number"},
      {"too large", [](ScoringStandard& s) { s.mes.factors[2].options[0].value = 20000; },
       "mes.factors[2].options[0].value", "up to 10000"},
      {"duplicate", [](ScoringStandard& s) { s.mes.factors[0].options[1].value = 5; },
       "mes.factors[0].options[1].value", "repeats options[0]"},
      {"blank label", [](ScoringStandard& s) { s.ls.factors[0].options[3].label = "\xE3\x80\x80 "; },
       "ls.factors[0].options[3].label", "is required"},
      {"bad UTF-8", [](ScoringStandard& s) { s.ls.factors[0].options[3].criterion = "\xFF"; },
       "ls.factors[0].options[3].criterion", "not valid UTF-8"},
      {"no options", [](ScoringStandard& s) { s.lec.factors[1].options.clear(); }, "lec.factors[1].options",
       "1 to 20 values"},
      {"too many options",
       [](ScoringStandard& s) {
         for (int i = 0; i < 21; ++i) s.lec.factors[1].options.push_back({100.0 + i, "x", ""});
       },
       "lec.factors[1].options", "1 to 20 values"},
      {"wrong field", [](ScoringStandard& s) { s.lec.factors[1].field = "c"; }, "lec.factors[1].field",
       "must be \"e\""},
      {"missing table", [](ScoringStandard& s) { s.mes.factors.pop_back(); }, "mes.factors",
       "must hold 3 value tables (m, e, s) for MES; got 2"},
      {"blank factor name", [](ScoringStandard& s) { s.ls.factors[1].name_zh = ""; }, "ls.factors[1].name_zh",
       "is required"},
      {"unknown LEC variant", [](ScoringStandard& s) { s.lec.band_variant = "V3"; }, "lec.band_variant",
       "must be V1, V2 or custom"},
      {"unknown LS variant", [](ScoringStandard& s) { s.ls.band_variant = "a"; }, "ls.band_variant",
       "must be A, B, C or custom"},
      {"unknown MES variant", [](ScoringStandard& s) { s.mes.band_variant = ""; }, "mes.band_variant",
       "must be default or custom"},
      {"custom bands with a built-in variant",
       [](ScoringStandard& s) { s.ls.custom_level_bands = LsLevelBands(LsBandVariant::kB); }, "ls.band_variant",
       "set band_variant to \"custom\""},
      {"custom without bands", [](ScoringStandard& s) { s.ls.band_variant = "custom"; }, "ls.custom_level_bands",
       "1 to 16 bands"},
      {"custom grade gap",
       [](ScoringStandard& s) {
         s.mes.band_variant = "custom";
         s.mes.custom_level_bands = MesLevelBands();
         s.mes.custom_grade_bands = MesGradeBands();
         s.mes.custom_grade_bands[4].upper = 18;  // R < 18 leaves 18 in no grade
       },
       "mes.custom_grade_bands", "R = 18 can occur but falls in no band"},
      {"method in the wrong slot", [](ScoringStandard& s) { s.ls.method = ScoringMethod::kMes; }, "ls.method",
       "must be LS"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    ScoringStandard standard = DefaultScoringStandard();
    c.mutate(standard);
    Status status = ValidateScoringStandard(standard);
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.field() == c.field);
    CHECK(status.message().find(c.message_part) != std::string::npos);
  }
  // Scoring refuses an invalid configuration instead of guessing.
  ScoringStandard standard = DefaultScoringStandard();
  standard.lec.band_variant = "V3";
  CHECK(Score(standard, LecInput{6, 6, 7}).status().field() == "lec.band_variant");
  CHECK(ValidateMethodStandard(DefaultMethodStandard(ScoringMethod::kMes)).ok());
}
