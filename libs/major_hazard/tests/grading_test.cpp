#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "safeloop/major_hazard/grading.hpp"

using namespace safeloop;
using namespace safeloop::major_hazard;

namespace {

Substance Named(std::string name, double tonnes, std::vector<std::string> classes = {}) {
  Substance s;
  s.name = std::move(name);
  s.quantity = tonnes;
  s.hazard_classes = std::move(classes);
  return s;
}

Substance Classed(std::vector<std::string> classes, double tonnes) {
  Substance s;
  s.hazard_classes = std::move(classes);
  s.quantity = tonnes;
  return s;
}

UnitInventory Unit(std::vector<Substance> substances) {
  UnitInventory unit;
  unit.kind = UnitKind::kStorage;
  unit.substances = std::move(substances);
  return unit;
}

// Table 6 written from standards.md §3.5 as an independent oracle.
MajorHazardGrade OracleGrade(double r) {
  if (r >= 100) return MajorHazardGrade::kGrade1;
  if (r >= 50 && r < 100) return MajorHazardGrade::kGrade2;
  if (r >= 10 && r < 50) return MajorHazardGrade::kGrade3;
  return MajorHazardGrade::kGrade4;
}

}  // namespace

TEST_CASE("grading: the worked example of §3.5 gives R = 18, 三级") {
  // Oracle from the text: α = 1.5 (60 residents); R = 1.5 × (2 × 5 + 1 × 2) = 18.
  auto unit = Unit({Named("氨", 50), Named("甲苯", 1000, {"W5.3"})});
  auto graded = Grade(unit, 60);
  REQUIRE(graded.ok());
  CHECK(graded->identification.s == 7);
  CHECK(graded->identification.is_major_hazard);
  CHECK(graded->alpha == 1.5);
  CHECK(graded->exposed_population == 60);
  REQUIRE(graded->terms.size() == 2);
  CHECK(graded->terms[0].beta == 2);
  CHECK(graded->terms[0].beta_source == BetaSource::kTable3);
  REQUIRE(graded->terms[0].toxic_gas != nullptr);
  CHECK(graded->terms[0].toxic_gas->name == "氨");
  CHECK(graded->terms[0].weighted == 10);
  CHECK(graded->terms[1].beta == 1);
  CHECK(graded->terms[1].beta_source == BetaSource::kTable4);
  REQUIRE(graded->terms[1].beta_class != nullptr);
  CHECK(graded->terms[1].beta_class->code == "W5.3");
  CHECK(graded->terms[1].weighted == 2);
  CHECK(graded->weighted_sum == 12);
  CHECK(graded->r == 18);
  CHECK(graded->grade == MajorHazardGrade::kGrade3);
  CHECK(GradeNameZh(graded->grade) == "三级");
  CHECK_FALSE(ForcesMajorRisk(graded->grade));
}

TEST_CASE("grading: GradeForR on both sides of every band edge") {
  struct Case {
    double r;
    MajorHazardGrade grade;
  };
  const Case cases[] = {
      {0, MajorHazardGrade::kGrade4},
      {9.999999, MajorHazardGrade::kGrade4},
      {std::nextafter(10.0, 0.0), MajorHazardGrade::kGrade4},
      {10, MajorHazardGrade::kGrade3},
      {10.000001, MajorHazardGrade::kGrade3},
      {std::nextafter(50.0, 0.0), MajorHazardGrade::kGrade3},
      {50, MajorHazardGrade::kGrade2},
      {50.000001, MajorHazardGrade::kGrade2},
      {std::nextafter(100.0, 0.0), MajorHazardGrade::kGrade2},
      {100, MajorHazardGrade::kGrade1},
      {std::nextafter(100.0, 200.0), MajorHazardGrade::kGrade1},
      {1e9, MajorHazardGrade::kGrade1},
  };
  for (const Case& c : cases) {
    INFO("R=" << c.r);
    auto grade = GradeForR(c.r);
    REQUIRE(grade.ok());
    CHECK(*grade == c.grade);
    CHECK(*grade == OracleGrade(c.r));
  }
  for (double bad : {-1.0, -1e-9, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    INFO("R=" << bad);
    auto grade = GradeForR(bad);
    CHECK(grade.status().code() == StatusCode::kInvalidArgument);
    CHECK(grade.status().field() == "r");
  }
}

TEST_CASE("grading: end-to-end band edges are exact") {
  struct Case {
    std::vector<std::string> classes;
    const char* name;
    double q;
    std::int64_t people;
    double r;  // expected R, from the text's formula
    MajorHazardGrade grade;
  };
  const Case cases[] = {
      // W5.3: Q 1000, β 1; 10 people: α 1.0 → R = q / 1000.
      {{"W5.3"}, "", 9999.999999, 10, 9.999999999, MajorHazardGrade::kGrade4},
      {{"W5.3"}, "", 10000, 10, 10, MajorHazardGrade::kGrade3},
      {{"W5.3"}, "", 49999.999999, 10, 49.999999999, MajorHazardGrade::kGrade3},
      {{"W5.3"}, "", 50000, 10, 50, MajorHazardGrade::kGrade2},
      {{"W5.3"}, "", 99999.999999, 10, 99.999999999, MajorHazardGrade::kGrade2},
      {{"W5.3"}, "", 100000, 10, 100, MajorHazardGrade::kGrade1},
      // W3 aerosols: Q 150, β 1; 30 people: α 1.2 → R = q / 125. In doubles 1.2 · (12500 / 150) is
      // 99.99999999999999 and 1.2 · (6250 / 150) is 49.99999999999999: only the exact sum gets these right.
      {{"W3"}, "", 12500, 30, 100, MajorHazardGrade::kGrade1},
      {{"W3"}, "", 12499.999999, 30, 99.999999992, MajorHazardGrade::kGrade2},
      {{"W3"}, "", 6250, 30, 50, MajorHazardGrade::kGrade2},
      {{"W3"}, "", 6249.999999, 30, 49.999999992, MajorHazardGrade::kGrade3},
      // Phosgene: Q 0.3, β 20 (Table 3); 30 people: α 1.2 → R = 80 q.
      {{}, "碳酰氯", 1.25, 30, 100, MajorHazardGrade::kGrade1},
      {{}, "碳酰氯", 1.249999, 30, 99.99992, MajorHazardGrade::kGrade2},
      {{}, "碳酰氯", 0.625, 30, 50, MajorHazardGrade::kGrade2},
      {{}, "碳酰氯", 0.624999, 30, 49.99992, MajorHazardGrade::kGrade3},
      // HCN: Q 1, β 10; nobody around: α 0.5 → R = 5 q.
      {{}, "氰化氢", 2, 0, 10, MajorHazardGrade::kGrade3},
      {{}, "氰化氢", 1.999999, 0, 9.999995, MajorHazardGrade::kGrade4},
      {{}, "氰化氢", 20, 0, 100, MajorHazardGrade::kGrade1},
  };
  for (const Case& c : cases) {
    INFO(c.name << " " << (c.classes.empty() ? "" : c.classes[0]) << " q=" << c.q << " people=" << c.people);
    auto graded = Grade(Unit({Named(c.name, c.q, c.classes)}), c.people);
    REQUIRE(graded.ok());
    CHECK(graded->r == Approx(c.r).epsilon(1e-12));
    CHECK(graded->grade == c.grade);
  }
}

TEST_CASE("grading: α of Table 5 for every population band, including the edges") {
  // Σ βq/Q = 20 (W5.3, β 1, q/Q = 20), so R = 20 α.
  struct Case {
    std::int64_t people;
    double alpha;
    MajorHazardGrade grade;
  };
  const Case cases[] = {
      {0, 0.5, MajorHazardGrade::kGrade3},   {1, 1.0, MajorHazardGrade::kGrade3},
      {29, 1.0, MajorHazardGrade::kGrade3},  {30, 1.2, MajorHazardGrade::kGrade3},
      {49, 1.2, MajorHazardGrade::kGrade3},  {50, 1.5, MajorHazardGrade::kGrade3},
      {99, 1.5, MajorHazardGrade::kGrade3},  {100, 2.0, MajorHazardGrade::kGrade3},
      {101, 2.0, MajorHazardGrade::kGrade3},
  };
  auto unit = Unit({Classed({"W5.3"}, 20000)});
  for (const Case& c : cases) {
    INFO(c.people << " people");
    auto graded = Grade(unit, c.people);
    REQUIRE(graded.ok());
    CHECK(graded->alpha == c.alpha);
    CHECK(graded->weighted_sum == 20);
    CHECK(graded->r == Approx(20 * c.alpha).epsilon(1e-12));
    CHECK(graded->grade == c.grade);
  }
  // Where α moves the grade: Σ = 50 → R 25 (0 people), 50 (1), 60 (30), 75 (50), 100 (100).
  auto fifty = Unit({Classed({"W5.3"}, 50000)});
  CHECK(Grade(fifty, 0)->grade == MajorHazardGrade::kGrade3);
  CHECK(Grade(fifty, 1)->grade == MajorHazardGrade::kGrade2);
  CHECK(Grade(fifty, 99)->grade == MajorHazardGrade::kGrade2);
  CHECK(Grade(fifty, 100)->grade == MajorHazardGrade::kGrade1);
}

TEST_CASE("grading: β of Table 4 for every class") {
  struct Case {
    const char* code;
    double beta;
  };
  // standards.md §3.4, β column.
  const Case cases[] = {
      {"J1", 4},     {"J2", 1},   {"J3", 2},     {"J4", 2},   {"J5", 1},     {"W1.1", 2},
      {"W1.2", 2},   {"W1.3", 2}, {"W2", 1.5},   {"W3", 1},   {"W4", 1},     {"W5.1", 1.5},
      {"W5.2", 1},   {"W5.3", 1}, {"W5.4", 1},   {"W6.1", 1.5}, {"W6.2", 1}, {"W7.1", 1.5},
      {"W7.2", 1},   {"W8", 1},   {"W9.1", 1},   {"W9.2", 1}, {"W10", 1},    {"W11", 1},
  };
  for (const Case& c : cases) {
    INFO(c.code);
    const HazardClass* cls = HazardClassByCode(c.code);
    REQUIRE(cls != nullptr);
    // q = Q → q/Q = 1; 10 people → α 1; so R = β.
    auto graded = Grade(Unit({Classed({c.code}, cls->critical_quantity_t)}), 10);
    REQUIRE(graded.ok());
    CHECK(graded->terms[0].beta == c.beta);
    CHECK(graded->terms[0].beta_source == BetaSource::kTable4);
    CHECK(graded->terms[0].beta_class == cls);
    CHECK(graded->r == c.beta);
    CHECK(graded->grade == MajorHazardGrade::kGrade4);
  }
}

TEST_CASE("grading: Table 3 toxic gases take their own β, whatever their classes") {
  struct Case {
    const char* name;
    double beta;
  };
  const Case cases[] = {
      {"一氧化碳", 2}, {"二氧化硫", 2}, {"氨", 2},      {"环氧乙烷", 2},  {"氯化氢", 3},
      {"溴甲烷", 3},   {"氯", 4},       {"硫化氢", 5},  {"氟化氢", 5},    {"二氧化氮", 10},
      {"氰化氢", 10},  {"碳酰氯", 20},  {"磷化氢", 20}, {"异氰酸甲酯", 20},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    auto chemical = FindChemicalByName(c.name);
    REQUIRE(chemical.ok());
    // J1 (β 4) given as a class must not replace the Table 3 β.
    auto graded = Grade(Unit({Named(c.name, (*chemical)->critical_quantity_t, {"J1"})}), 10);
    REQUIRE(graded.ok());
    CHECK(graded->terms[0].beta == c.beta);
    CHECK(graded->terms[0].beta_source == BetaSource::kTable3);
    CHECK(graded->terms[0].beta_class == nullptr);
    CHECK(graded->r == c.beta);
    CHECK(graded->grade == OracleGrade(c.beta));
  }
  // A toxic gas outside Table 3, classed J1, takes Table 4's β 4.
  auto other_gas = Grade(Unit({Classed({"J1"}, 5)}), 10);
  REQUIRE(other_gas.ok());
  CHECK(other_gas->terms[0].beta == 4);
  // 砷化氢 is in Table 1 but not in Table 3: β comes from its class.
  auto arsine = Grade(Unit({Named("砷化氢", 1, {"J1", "W2"})}), 10);
  REQUIRE(arsine.ok());
  CHECK(arsine->terms[0].beta == 4);
  CHECK(arsine->terms[0].beta_source == BetaSource::kTable4);
  // A Table 3 gas in a mixture reclassified into another class takes that class's β.
  Substance mixture = Named("氨", 50, {"J3"});
  mixture.form = SubstanceForm::kMixtureNewClass;
  auto reclassed = Grade(Unit({mixture}), 10);
  REQUIRE(reclassed.ok());
  CHECK(reclassed->terms[0].beta_source == BetaSource::kTable4);
  CHECK(reclassed->terms[0].beta == 2);
  CHECK(reclassed->terms[0].term.critical_quantity_t == 50);
}

TEST_CASE("grading: β for several classes follows the policy") {
  struct Case {
    std::vector<std::string> classes;
    double largest;
    const char* largest_class;
    double set_q;
    const char* set_q_class;
  };
  const Case cases[] = {
      {{"W1.3", "W2"}, 2, "W1.3", 1.5, "W2"},  // W2 sets Q 10; W1.3 has the larger β
      {{"J3", "W2"}, 2, "J3", 1.5, "W2"},
      {{"J2", "W2"}, 1.5, "W2", 1.5, "W2"},
      {{"J5", "W5.3"}, 1, "J5", 1, "J5"},
      {{"J1", "W2"}, 4, "J1", 4, "J1"},
      {{"J2", "W1.3"}, 2, "W1.3", 2, "W1.3"},  // equal Q 50: the larger β either way
  };
  for (const Case& c : cases) {
    INFO(c.largest_class << " / " << c.set_q_class);
    auto unit = Unit({Classed(c.classes, 1000)});
    auto largest = Grade(unit, 10, BetaPolicy::kLargestBeta);
    auto set_q = Grade(unit, 10, BetaPolicy::kClassThatSetQ);
    REQUIRE(largest.ok());
    REQUIRE(set_q.ok());
    CHECK(largest->beta_policy == BetaPolicy::kLargestBeta);
    CHECK(largest->terms[0].beta == c.largest);
    CHECK(largest->terms[0].beta_class->code == c.largest_class);
    CHECK(set_q->beta_policy == BetaPolicy::kClassThatSetQ);
    CHECK(set_q->terms[0].beta == c.set_q);
    CHECK(set_q->terms[0].beta_class->code == c.set_q_class);
  }
  // Default policy is the largest β.
  auto by_default = Grade(Unit({Classed({"W1.3", "W2"}, 1000)}), 10);
  REQUIRE(by_default.ok());
  CHECK(by_default->terms[0].beta == 2);
  // A Table 1 chemical: Q from Table 1, β from the classes under the policy.
  auto table1 = Grade(Unit({Named("甲苯", 500, {"W5.3", "W5.1"})}), 10, BetaPolicy::kClassThatSetQ);
  REQUIRE(table1.ok());
  CHECK(table1->terms[0].term.critical_quantity_t == 500);
  CHECK(table1->terms[0].beta_class->code == "W5.1");
  CHECK(table1->terms[0].beta == 1.5);
}

TEST_CASE("grading: several substances, R = α Σ βq/Q") {
  // 氯 10 t (Q 5, β 4) → 8; 硫化氢 2.5 t (Q 5, β 5) → 2.5; W2 gas 20 t (Q 10, β 1.5) → 3; W5.4 1000 t → 0.2.
  auto unit = Unit({Named("氯", 10), Named("硫化氢", 2.5), Classed({"W2"}, 20), Classed({"W5.4"}, 1000)});
  auto graded = Grade(unit, 45);  // α 1.2
  REQUIRE(graded.ok());
  CHECK(graded->identification.s == Approx(2 + 0.5 + 2 + 0.2));
  CHECK(graded->weighted_sum == Approx(8 + 2.5 + 3 + 0.2));
  CHECK(graded->r == Approx(1.2 * 13.7));
  CHECK(graded->grade == MajorHazardGrade::kGrade3);
  double sum = 0;
  for (const auto& t : graded->terms) sum += t.weighted;
  CHECK(sum == Approx(graded->weighted_sum));
}

TEST_CASE("grading: errors") {
  // Not a major hazard: S < 1 is not graded.
  auto below = Grade(Unit({Named("氨", 9.999)}), 10);
  CHECK(below.status().code() == StatusCode::kFailedPrecondition);
  CHECK(below.status().field() == "substances");

  auto people = Grade(Unit({Named("氨", 10)}), -1);
  CHECK(people.status().code() == StatusCode::kInvalidArgument);
  CHECK(people.status().field() == "exposed_population");

  // A Table 1 chemical outside Table 3 without a class has no β.
  auto no_beta = Grade(Unit({Named("氨", 10), Named("甲苯", 500)}), 10);
  CHECK(no_beta.status().code() == StatusCode::kInvalidArgument);
  CHECK(no_beta.status().field() == "substances[1].hazard_classes");
  // ... but it can be identified.
  CHECK(Identify(Unit({Named("氨", 10), Named("甲苯", 500)})).ok());

  auto bad_unit = Grade(Unit({Named("氨", -1)}), 10);
  CHECK(bad_unit.status().field() == "substances[0].quantity");

  auto bad_policy = Grade(Unit({Named("氨", 10)}), 10, static_cast<BetaPolicy>(5));
  CHECK(bad_policy.status().code() == StatusCode::kInvalidArgument);
  CHECK(bad_policy.status().field() == "beta_policy");
}

TEST_CASE("grading: names, codes and the rule of the risk module") {
  CHECK(GradeNameZh(MajorHazardGrade::kGrade1) == "一级");
  CHECK(GradeNameZh(MajorHazardGrade::kGrade2) == "二级");
  CHECK(GradeNameZh(MajorHazardGrade::kGrade3) == "三级");
  CHECK(GradeNameZh(MajorHazardGrade::kGrade4) == "四级");
  CHECK(GradeNameZh(MajorHazardGrade::kNone) == "未分级");
  for (int code = 1; code <= 4; ++code) CHECK(static_cast<int>(*GradeFromCode(code)) == code);
  CHECK_FALSE(GradeFromCode(0).has_value());
  CHECK_FALSE(GradeFromCode(5).has_value());

  CHECK(ForcesMajorRisk(MajorHazardGrade::kGrade1));
  CHECK(ForcesMajorRisk(MajorHazardGrade::kGrade2));
  CHECK_FALSE(ForcesMajorRisk(MajorHazardGrade::kGrade3));
  CHECK_FALSE(ForcesMajorRisk(MajorHazardGrade::kGrade4));
  CHECK_FALSE(ForcesMajorRisk(MajorHazardGrade::kNone));
  CHECK(ForcedRiskLevel(MajorHazardGrade::kGrade1) == risk::RiskLevel::kMajor);
  CHECK(ForcedRiskLevel(MajorHazardGrade::kGrade2) == risk::RiskLevel::kMajor);
  CHECK_FALSE(ForcedRiskLevel(MajorHazardGrade::kGrade3).has_value());
  CHECK_FALSE(ForcedRiskLevel(MajorHazardGrade::kGrade4).has_value());
  CHECK_FALSE(ForcedRiskLevel(MajorHazardGrade::kNone).has_value());
  // With risk::Stricter the forced level wins over an assessed one.
  CHECK(risk::Stricter(risk::RiskLevel::kLow,
                       ForcedRiskLevel(MajorHazardGrade::kGrade2).value_or(risk::RiskLevel::kUnassessed)) ==
        risk::RiskLevel::kMajor);
  CHECK(risk::Stricter(risk::RiskLevel::kMedium,
                       ForcedRiskLevel(MajorHazardGrade::kGrade3).value_or(risk::RiskLevel::kUnassessed)) ==
        risk::RiskLevel::kMedium);
}
