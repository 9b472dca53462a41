#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "safeloop/major_hazard/identification.hpp"

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

UnitInventory Unit(std::vector<Substance> substances, UnitKind kind = UnitKind::kStorage) {
  UnitInventory unit;
  unit.name = "test unit";
  unit.kind = kind;
  unit.substances = std::move(substances);
  return unit;
}

// Expects INVALID_ARGUMENT naming `field`.
void CheckRejected(const UnitInventory& unit, const std::string& field) {
  auto result = Identify(unit);
  INFO(result.status().ToString());
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == StatusCode::kInvalidArgument);
  CHECK(result.status().field() == field);
  CHECK_FALSE(result.status().message().empty());
  CHECK(ValidateUnit(unit) == result.status());
}

}  // namespace

TEST_CASE("identification: the worked example of §3.5 (ammonia 50 t + toluene 1000 t)") {
  // Oracle from the text: ammonia Q = 10 → 5; toluene Q = 500 → 2; S = 7 ≥ 1.
  auto unit = Unit({Named("氨", 50), Named("甲苯", 1000, {"W5.3"})});
  auto id = Identify(unit);
  REQUIRE(id.ok());
  CHECK(id->kind == UnitKind::kStorage);
  REQUIRE(id->terms.size() == 2);
  CHECK(id->terms[0].chemical->row == 1);
  CHECK(id->terms[0].critical_quantity_t == 10);
  CHECK(id->terms[0].ratio == 5);
  CHECK(id->terms[0].reaches_alone);
  CHECK(id->terms[1].chemical->row == 64);
  CHECK(id->terms[1].q_source == QSource::kTable1);  // Table 1 wins over W5.3's Q = 1000
  CHECK(id->terms[1].critical_quantity_t == 500);
  CHECK(id->terms[1].ratio == 2);
  CHECK(id->s == 7);
  CHECK(id->is_major_hazard);
}

TEST_CASE("identification: one chemical is a major hazard exactly when q ≥ Q") {
  struct Case {
    const char* name;
    double q;
    bool identified;
  };
  const Case cases[] = {
      {"甲苯", 500, true},         {"甲苯", 499.999999, false}, {"甲苯", 500.000001, true},
      {"甲苯", 0, false},          {"碳酰氯", 0.3, true},       {"碳酰氯", 0.299999, false},
      {"异氰酸甲酯", 0.75, true},  {"异氰酸甲酯", 0.749999, false}, {"硝酸钾", 1000, true},
      {"硝酸钾", 999.999999, false},
  };
  for (const Case& c : cases) {
    INFO(c.name << " q=" << c.q);
    auto id = Identify(Unit({Named(c.name, c.q)}));
    REQUIRE(id.ok());
    CHECK(id->is_major_hazard == c.identified);
    CHECK(id->terms[0].reaches_alone == c.identified);
  }
}

TEST_CASE("identification: S exactly 1 from several terms is identified (exact sum)") {
  // Ten tanks of 1 t of a W5.1 liquid (Q = 10): the double sum of ten 0.1 is 0.9999999999999999.
  double naive = 0;
  for (int i = 0; i < 10; ++i) naive += 1.0 / 10.0;
  REQUIRE(naive < 1);
  std::vector<Substance> tanks(10, Classed({"W5.1"}, 1));
  auto id = Identify(Unit(tanks));
  REQUIRE(id.ok());
  CHECK(id->is_major_hazard);
  CHECK(id->s == 1);
  for (const auto& term : id->terms) CHECK_FALSE(term.reaches_alone);

  // Three thirds: 0.1 t of phosgene (Q = 0.3) three times.
  auto thirds_ok = Identify(Unit({Named("光气", 0.1), Named("碳酰氯", 0.1), Named("光气", 0.1)}));
  REQUIRE(thirds_ok.ok());
  CHECK(thirds_ok->is_major_hazard);

  // One gram short of S = 1 over two terms.
  auto short_by_a_gram = Identify(Unit({Named("甲苯", 250), Named("甲醇", 249.999999)}));
  REQUIRE(short_by_a_gram.ok());
  CHECK_FALSE(short_by_a_gram->is_major_hazard);
  CHECK(short_by_a_gram->s < 1);
  auto exactly_one = Identify(Unit({Named("甲苯", 250), Named("甲醇", 250)}));
  REQUIRE(exactly_one.ok());
  CHECK(exactly_one->is_major_hazard);
  CHECK(exactly_one->s == 1);
}

TEST_CASE("identification: several chemicals, none alone at Q, sum ≥ 1") {
  // 苯 30 t (Q 50) → 0.6; 氢 2 t (Q 5) → 0.4; a W2 gas 1 t (Q 10) → 0.1; S = 1.1.
  auto id = Identify(Unit({Named("苯", 30), Named("氢", 2), Classed({"W2"}, 1)}, UnitKind::kProduction));
  REQUIRE(id.ok());
  CHECK(id->kind == UnitKind::kProduction);
  CHECK(id->terms[0].ratio == Approx(0.6));
  CHECK(id->terms[1].ratio == Approx(0.4));
  CHECK(id->terms[2].ratio == Approx(0.1));
  CHECK(id->s == Approx(1.1));
  CHECK(id->is_major_hazard);
  for (const auto& term : id->terms) CHECK_FALSE(term.reaches_alone);
}

TEST_CASE("identification: Table 2 Q by class, and the lowest Q of several classes") {
  struct Case {
    std::vector<std::string> classes;
    double q;
    const char* q_class;
  };
  const Case cases[] = {
      {{"J1"}, 5, "J1"},
      {{"W5.4"}, 5000, "W5.4"},
      {{"W3"}, 150, "W3"},
      {{"J5", "W5.3"}, 500, "J5"},
      {{"W5.3", "J5"}, 500, "J5"},
      {{"W5.4", "W2"}, 10, "W2"},
      {{"J3", "W2"}, 10, "W2"},
      {{"W1.3", "W2", "J2"}, 10, "W2"},
      {{"W11", "W9.2", "W10"}, 200, "W11"},  // all Q = 200, all β = 1: the first one
      {{"J2", "W1.3"}, 50, "W1.3"},          // equal Q = 50: the larger β (W1.3 β 2 over J2 β 1)
      {{"W5.1", "W5.1"}, 10, "W5.1"},
  };
  for (const Case& c : cases) {
    INFO(c.q_class);
    auto id = Identify(Unit({Classed(c.classes, c.q)}));
    REQUIRE(id.ok());
    const auto& term = id->terms[0];
    CHECK(term.q_source == QSource::kTable2);
    CHECK(term.chemical == nullptr);
    CHECK(term.critical_quantity_t == c.q);
    REQUIRE(term.q_class != nullptr);
    CHECK(term.q_class->code == c.q_class);
    CHECK(term.classes.size() == c.classes.size());
    CHECK(term.ratio == 1);
    CHECK(id->is_major_hazard);
  }
}

TEST_CASE("identification: a Table 1 chemical keeps its Table 1 Q whatever its classes") {
  // 氨 as J3 + W2 would be Q 10 by Table 2 too; 甲苯 as W5.1 (Q 10) still takes Table 1's 500.
  auto id = Identify(Unit({Named("甲苯", 100, {"W5.1"}), Named("氨", 1, {"J3", "W2"})}));
  REQUIRE(id.ok());
  CHECK(id->terms[0].critical_quantity_t == 500);
  CHECK(id->terms[0].q_source == QSource::kTable1);
  CHECK(id->terms[0].q_class == nullptr);
  CHECK(id->terms[1].critical_quantity_t == 10);
  CHECK(id->s == Approx(0.3));
  CHECK_FALSE(id->is_major_hazard);
}

TEST_CASE("identification: a chemical not in Table 1 named by name or CAS takes its class Q") {
  Substance butyl_acetate = Named("乙酸丁酯", 5000, {"W5.4"});
  butyl_acetate.cas = "123-86-4";
  auto id = Identify(Unit({butyl_acetate}));
  REQUIRE(id.ok());
  CHECK(id->terms[0].chemical == nullptr);
  CHECK(id->terms[0].critical_quantity_t == 5000);
  CHECK(id->is_major_hazard);
}

TEST_CASE("identification: Table 1 keys — row, name, CAS, aliases, and rows sharing a name") {
  Substance by_row;
  by_row.table1_row = 44;  // 硝酸铵, combustibles ≤ 0.2 %: Q 50
  by_row.quantity = 50;
  auto id = Identify(Unit({by_row}));
  REQUIRE(id.ok());
  CHECK(id->terms[0].critical_quantity_t == 50);

  Substance row_and_name = Named("硝酸铵", 5);
  row_and_name.table1_row = 43;  // combustibles > 0.2 %: Q 5
  id = Identify(Unit({row_and_name}));
  REQUIRE(id.ok());
  CHECK(id->terms[0].chemical->row == 43);
  CHECK(id->is_major_hazard);

  Substance all_keys = Named("甲烷", 25);
  all_keys.cas = "8006-14-2";
  all_keys.table1_row = 49;
  id = Identify(Unit({all_keys}));
  REQUIRE(id.ok());
  CHECK(id->terms[0].ratio == 0.5);

  Substance cas_only;
  cas_only.cas = "74-98-6";  // propane → 液化石油气
  cas_only.quantity = 50;
  id = Identify(Unit({cas_only}));
  REQUIRE(id.ok());
  CHECK(id->terms[0].chemical->row == 52);
  CHECK(id->is_major_hazard);

  // The name and the CAS narrow each other: 硝化纤维素 (rows 37–41) and 9004-70-0 (37–42) still leave 5.
  Substance nc = Named("硝化纤维素", 1);
  nc.cas = "9004-70-0";
  CheckRejected(Unit({nc}), "substances[0].name");
  nc.table1_row = 39;
  id = Identify(Unit({nc}));
  REQUIRE(id.ok());
  CHECK(id->terms[0].critical_quantity_t == 10);
}

TEST_CASE("identification: mixtures") {
  // Same class as the pure substance: the pure substance's Q with the whole mixture mass.
  Substance same = Named("甲苯", 600);
  same.form = SubstanceForm::kMixtureSameClass;
  auto id = Identify(Unit({same}));
  REQUIRE(id.ok());
  CHECK(id->terms[0].chemical->row == 64);
  CHECK(id->terms[0].critical_quantity_t == 500);
  CHECK(id->terms[0].ratio == 1.2);

  // A different class: the new class's Q; the Table 1 identity is not used.
  Substance reclassed = Named("甲苯", 600, {"W5.4"});
  reclassed.form = SubstanceForm::kMixtureNewClass;
  id = Identify(Unit({reclassed}));
  REQUIRE(id.ok());
  CHECK(id->terms[0].chemical == nullptr);
  CHECK(id->terms[0].q_source == QSource::kTable2);
  CHECK(id->terms[0].critical_quantity_t == 5000);
  CHECK(id->terms[0].ratio == Approx(0.12));
  CHECK_FALSE(id->is_major_hazard);

  Substance reclassed_without_class = Named("甲苯", 600);
  reclassed_without_class.form = SubstanceForm::kMixtureNewClass;
  CheckRejected(Unit({reclassed_without_class}), "substances[0].hazard_classes");
}

TEST_CASE("identification: quantities in kg are converted to t") {
  Substance kg = Named("氯", 5000);
  kg.mass_unit = MassUnit::kKilogram;
  auto id = Identify(Unit({kg}));
  REQUIRE(id.ok());
  CHECK(id->terms[0].q_tonnes == 5);
  CHECK(id->terms[0].ratio == 1);
  CHECK(id->is_major_hazard);
  kg.quantity = 4999.999;
  id = Identify(Unit({kg}));
  REQUIRE(id.ok());
  CHECK_FALSE(id->is_major_hazard);
}

TEST_CASE("identification: production and storage units are identified the same way, separately") {
  for (UnitKind kind : {UnitKind::kProduction, UnitKind::kStorage}) {
    auto id = Identify(Unit({Named("氯", 5)}, kind));
    REQUIRE(id.ok());
    CHECK(id->kind == kind);
    CHECK(id->is_major_hazard);
  }
  CHECK(UnitKindNameZh(UnitKind::kProduction) == "生产单元");
  CHECK(UnitKindNameZh(UnitKind::kStorage) == "储存单元");
  CHECK(UnitKindNameZh(UnitKind::kUnspecified) == "未指定");
}

TEST_CASE("identification: invalid units are rejected naming the field") {
  CheckRejected(Unit({Named("氯", 5)}, UnitKind::kUnspecified), "kind");
  CheckRejected(Unit({Named("氯", 5)}, static_cast<UnitKind>(7)), "kind");
  CheckRejected(Unit({}), "substances");

  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (double bad : {-1.0, -0.000001, nan, inf, -inf, 2e9}) {
    INFO("q=" << bad);
    CheckRejected(Unit({Named("氯", 1), Named("氨", bad)}), "substances[1].quantity");
  }
  Substance huge_kg = Named("氯", 2e12);
  huge_kg.mass_unit = MassUnit::kKilogram;
  CheckRejected(Unit({huge_kg}), "substances[0].quantity");

  CheckRejected(Unit({Named("氯", 1), Classed({"W5.3", "W5"}, 1)}), "substances[1].hazard_classes[1]");
  CheckRejected(Unit({Classed({"J9"}, 1)}), "substances[0].hazard_classes[0]");
  CheckRejected(Unit({Named("液氨", 10)}), "substances[0].name");      // not a Table 1 name, no class
  CheckRejected(Unit({Classed({}, 10)}), "substances[0].hazard_classes");  // nothing to take Q from
  CheckRejected(Unit({Named("硝酸铵", 10)}), "substances[0].name");    // two rows: 43 and 44

  Substance unknown_cas;
  unknown_cas.cas = "123-86-4";
  unknown_cas.quantity = 1;
  CheckRejected(Unit({unknown_cas}), "substances[0].cas");
  Substance bad_cas = Named("甲苯", 1);
  bad_cas.cas = "108-88-4";
  CheckRejected(Unit({bad_cas}), "substances[0].cas");
  Substance shared_cas;
  shared_cas.cas = "6484-52-2";
  shared_cas.quantity = 1;
  CheckRejected(Unit({shared_cas}), "substances[0].cas");

  Substance bad_row;
  bad_row.table1_row = 86;
  bad_row.quantity = 1;
  CheckRejected(Unit({bad_row}), "substances[0].table1_row");
  bad_row.table1_row = -3;
  CheckRejected(Unit({bad_row}), "substances[0].table1_row");

  // Keys that name different chemicals.
  Substance conflict = Named("氨", 1);
  conflict.cas = "7446-09-5";  // 二氧化硫
  CheckRejected(Unit({conflict}), "substances[0].cas");
  Substance row_conflict = Named("甲苯", 1);
  row_conflict.table1_row = 43;
  CheckRejected(Unit({row_conflict}), "substances[0].name");
  Substance free_text_name = Named("甲苯溶剂", 1);  // free text belongs in label
  free_text_name.cas = "108-88-3";
  CheckRejected(Unit({free_text_name}), "substances[0].name");

  Substance bad_form = Named("氯", 1);
  bad_form.form = static_cast<SubstanceForm>(9);
  CheckRejected(Unit({bad_form}), "substances[0].form");
  Substance bad_unit = Named("氯", 1);
  bad_unit.mass_unit = static_cast<MassUnit>(2);
  CheckRejected(Unit({bad_unit}), "substances[0].mass_unit");

  // The label is never looked up.
  Substance labelled = Named("氯", 1);
  labelled.label = "不存在的名字 V-101";
  auto ok = Identify(Unit({labelled}));
  REQUIRE(ok.ok());
  CHECK(ok->terms[0].label == "不存在的名字 V-101");
  CHECK(ValidateUnit(Unit({labelled})).ok());
}
