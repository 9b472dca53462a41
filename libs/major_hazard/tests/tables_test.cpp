#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "safeloop/major_hazard/tables.hpp"

using namespace safeloop;
using namespace safeloop::major_hazard;

namespace {

// Table 1 transcribed again from standards.md §3.3 (first name of each row, every CAS the row gives, Q),
// as an oracle independent of the library's table.
struct OracleRow {
  int row;
  const char* name;
  std::vector<std::string> cas;
  double q;
};
const std::vector<OracleRow>& Table1Oracle() {
  static const std::vector<OracleRow> rows = {
    {1, "氨", {"7664-41-7"}, 10},
    {2, "二氟化氧", {"7783-41-7"}, 1},
    {3, "二氧化氮", {"10102-44-0"}, 1},
    {4, "二氧化硫", {"7446-09-5"}, 20},
    {5, "氟", {"7782-41-4"}, 1},
    {6, "碳酰氯", {"75-44-5"}, 0.3},
    {7, "环氧乙烷", {"75-21-8"}, 10},
    {8, "甲醛", {"50-00-0"}, 5},
    {9, "磷化氢", {"7803-51-2"}, 1},
    {10, "硫化氢", {"7783-06-4"}, 5},
    {11, "氯化氢", {"7647-01-0"}, 20},
    {12, "氯", {"7782-50-5"}, 5},
    {13, "煤气", {}, 20},
    {14, "砷化氢", {"7784-42-1"}, 1},
    {15, "锑化氢", {"7803-52-3"}, 1},
    {16, "硒化氢", {"7783-07-5"}, 1},
    {17, "溴甲烷", {"74-83-9"}, 10},
    {18, "丙酮氰醇", {"75-86-5"}, 20},
    {19, "丙烯醛", {"107-02-8"}, 20},
    {20, "氟化氢", {"7664-39-3"}, 1},
    {21, "1-氯-2,3-环氧丙烷", {"106-89-8"}, 20},
    {22, "3-溴-1,2-环氧丙烷", {"3132-64-7"}, 20},
    {23, "甲苯二异氰酸酯", {"26471-62-5"}, 100},
    {24, "一氯化硫", {"10025-67-9"}, 1},
    {25, "氰化氢", {"74-90-8"}, 1},
    {26, "三氧化硫", {"7446-11-9"}, 75},
    {27, "3-氨基丙烯", {"107-11-9"}, 20},
    {28, "溴", {"7726-95-6"}, 20},
    {29, "乙撑亚胺", {"151-56-4"}, 20},
    {30, "异氰酸甲酯", {"624-83-9"}, 0.75},
    {31, "叠氮化钡", {"18810-58-7"}, 0.5},
    {32, "叠氮化铅", {"13424-46-9"}, 0.5},
    {33, "雷汞", {"628-86-4"}, 0.5},
    {34, "三硝基苯甲醚", {"28653-16-9"}, 5},
    {35, "2,4,6-三硝基甲苯", {"118-96-7"}, 5},
    {36, "硝化甘油", {"55-63-0"}, 1},
    {37, "硝化纤维素", {"9004-70-0"}, 1},
    {38, "硝化纤维素", {"9004-70-0"}, 1},
    {39, "硝化纤维素", {"9004-70-0"}, 10},
    {40, "硝化纤维素", {"9004-70-0"}, 50},
    {41, "硝化纤维素", {"9004-70-0"}, 50},
    {42, "硝化纤维素溶液", {"9004-70-0"}, 50},
    {43, "硝酸铵", {"6484-52-2"}, 5},
    {44, "硝酸铵", {"6484-52-2"}, 50},
    {45, "硝酸铵肥料", {}, 200},
    {46, "硝酸钾", {"7757-79-1"}, 1000},
    {47, "1,3-丁二烯", {"106-99-0"}, 5},
    {48, "二甲醚", {"115-10-6"}, 50},
    {49, "甲烷", {"74-82-8", "8006-14-2"}, 50},
    {50, "氯乙烯", {"75-01-4"}, 50},
    {51, "氢", {"1333-74-0"}, 5},
    {52, "液化石油气", {"68476-85-7", "74-98-6", "106-97-8"}, 50},
    {53, "一甲胺", {"74-89-5"}, 5},
    {54, "乙炔", {"74-86-2"}, 1},
    {55, "乙烯", {"74-85-1"}, 50},
    {56, "氧", {"7782-44-7"}, 200},
    {57, "苯", {"71-43-2"}, 50},
    {58, "苯乙烯", {"100-42-5"}, 500},
    {59, "丙酮", {"67-64-1"}, 500},
    {60, "2-丙烯腈", {"107-13-1"}, 50},
    {61, "二硫化碳", {"75-15-0"}, 50},
    {62, "环己烷", {"110-82-7"}, 500},
    {63, "1,2-环氧丙烷", {"75-56-9"}, 10},
    {64, "甲苯", {"108-88-3"}, 500},
    {65, "甲醇", {"67-56-1"}, 500},
    {66, "汽油", {"86290-81-5"}, 200},
    {67, "乙醇", {"64-17-5"}, 500},
    {68, "乙醚", {"60-29-7"}, 10},
    {69, "乙酸乙酯", {"141-78-6"}, 500},
    {70, "正己烷", {"110-54-3"}, 500},
    {71, "过乙酸", {"79-21-0"}, 10},
    {72, "过氧化甲基乙基酮", {"1338-23-4"}, 10},
    {73, "白磷", {"12185-10-3"}, 50},
    {74, "烷基铝", {}, 1},
    {75, "戊硼烷", {"19624-22-7"}, 1},
    {76, "过氧化钾", {"17014-71-0"}, 20},
    {77, "过氧化钠", {"1313-60-6"}, 20},
    {78, "氯酸钾", {"3811-04-9"}, 100},
    {79, "氯酸钠", {"7775-09-9"}, 100},
    {80, "发烟硝酸", {"52583-42-3"}, 20},
    {81, "硝酸", {"7697-37-2"}, 100},
    {82, "硝酸胍", {"506-93-4"}, 50},
    {83, "碳化钙", {"75-20-7"}, 100},
    {84, "钾", {"7440-09-7"}, 1},
    {85, "钠", {"7440-23-5"}, 10},
  };
  return rows;
}

bool Contains(const std::vector<const NamedChemical*>& rows, int row) {
  return std::any_of(rows.begin(), rows.end(), [&](const NamedChemical* c) { return c->row == row; });
}

}  // namespace

TEST_CASE("tables: version string") {
  CHECK(kStandardVersion == "GB 18218-2018");
  CHECK(StandardVersion() == "GB 18218-2018");
}

TEST_CASE("Table 1: 85 rows in order, each with the Q of the text") {
  auto table = Table1Chemicals();
  REQUIRE(table.size() == 85);
  REQUIRE(Table1Oracle().size() == 85);
  for (std::size_t i = 0; i < table.size(); ++i) {
    const OracleRow& want = Table1Oracle()[i];
    INFO("row " << want.row << " " << want.name);
    CHECK(table[i].row == want.row);
    CHECK(table[i].name == want.name);
    CHECK(table[i].critical_quantity_t == want.q);
    std::vector<std::string> got_cas;
    for (auto c : table[i].cas) {
      if (!c.empty()) got_cas.emplace_back(c);
    }
    CHECK(got_cas == want.cas);
    CHECK(table[i].HasAnyCas() == !want.cas.empty());
  }
}

TEST_CASE("Table 1: every row is found by its row number, name and each CAS, with its Q") {
  for (const OracleRow& want : Table1Oracle()) {
    INFO("row " << want.row << " " << want.name);
    auto by_row = FindChemicalByRow(want.row);
    REQUIRE(by_row.ok());
    CHECK((*by_row)->critical_quantity_t == want.q);

    auto by_name = ChemicalsByName(want.name);
    REQUIRE(Contains(by_name, want.row));
    auto unique_name = FindChemicalByName(want.name);
    if (by_name.size() == 1) {
      REQUIRE(unique_name.ok());
      CHECK((*unique_name)->row == want.row);
      CHECK((*unique_name)->critical_quantity_t == want.q);
    } else {
      CHECK(unique_name.status().code() == StatusCode::kInvalidArgument);
      CHECK(unique_name.status().field() == "name");
    }

    for (const std::string& cas : want.cas) {
      INFO("CAS " << cas);
      CHECK(IsValidCasNumber(cas));
      auto by_cas = ChemicalsByCas(cas);
      REQUIRE(Contains(by_cas, want.row));
      for (const NamedChemical* c : by_cas) CHECK(c->HasCas(cas));
      auto unique_cas = FindChemicalByCas(cas);
      if (by_cas.size() == 1) {
        REQUIRE(unique_cas.ok());
        CHECK((*unique_cas)->row == want.row);
        CHECK((*unique_cas)->critical_quantity_t == want.q);
      } else {
        CHECK(unique_cas.status().code() == StatusCode::kInvalidArgument);
        CHECK(unique_cas.status().field() == "cas");
      }
    }
  }
}

TEST_CASE("Table 1: names and CAS numbers shared by several rows") {
  auto nc = ChemicalsByName("硝化纤维素");
  REQUIRE(nc.size() == 5);  // rows 37–41; 42 is 硝化纤维素溶液
  std::set<double> nc_q;
  for (auto* c : nc) nc_q.insert(c->critical_quantity_t);
  CHECK(nc_q == std::set<double>{1, 10, 50});
  CHECK(ChemicalsByCas("9004-70-0").size() == 6);

  auto an = ChemicalsByName("硝酸铵");
  REQUIRE(an.size() == 2);
  CHECK(an[0]->row == 43);
  CHECK(an[0]->critical_quantity_t == 5);
  CHECK(an[1]->row == 44);
  CHECK(an[1]->critical_quantity_t == 50);
  CHECK(ChemicalsByCas("6484-52-2").size() == 2);
  auto ambiguous = FindChemicalByCas("6484-52-2");
  CHECK(ambiguous.status().message().find("43") != std::string::npos);
  CHECK(ambiguous.status().message().find("44") != std::string::npos);
}

TEST_CASE("Table 1: aliases printed in the rows") {
  struct Alias {
    const char* alias;
    int row;
    double q;
  };
  const Alias aliases[] = {
      {"光气", 6, 0.3},  {"环氧氯丙烷", 21, 20}, {"TDI", 23, 100},  {"烯丙胺", 27, 20},  {"TNT", 35, 5},
      {"天然气", 49, 50}, {"电石", 83, 100},     {"一氧化碳", 13, 20}, {"丙烷", 52, 50},    {"丁烷", 52, 50},
  };
  for (const Alias& a : aliases) {
    INFO(a.alias);
    auto found = FindChemicalByName(a.alias);
    REQUIRE(found.ok());
    CHECK((*found)->row == a.row);
    CHECK((*found)->critical_quantity_t == a.q);
  }
}

TEST_CASE("Table 1: lookups trim whitespace and reject unknown keys naming the field") {
  auto padded = FindChemicalByName("  甲苯\u3000");
  REQUIRE(padded.ok());
  CHECK((*padded)->row == 64);
  auto padded_cas = FindChemicalByCas(" 108-88-3 ");
  REQUIRE(padded_cas.ok());
  CHECK((*padded_cas)->row == 64);

  auto unknown_name = FindChemicalByName("乙酸丁酯");
  CHECK(unknown_name.status().code() == StatusCode::kNotFound);
  CHECK(unknown_name.status().field() == "name");
  CHECK(FindChemicalByName("").status().code() == StatusCode::kNotFound);
  CHECK(ChemicalsByName("").empty());

  auto unknown_cas = FindChemicalByCas("123-86-4");  // butyl acetate: valid CAS, not in Table 1
  CHECK(unknown_cas.status().code() == StatusCode::kNotFound);
  CHECK(unknown_cas.status().field() == "cas");

  auto bad_cas = FindChemicalByCas("108-88-4");  // wrong check digit
  CHECK(bad_cas.status().code() == StatusCode::kInvalidArgument);
  CHECK(bad_cas.status().field() == "cas");
  CHECK(ChemicalsByCas("108-88-4").empty());

  for (int row : {0, -1, 86, 1000}) {
    auto r = FindChemicalByRow(row);
    CHECK(r.status().code() == StatusCode::kInvalidArgument);
    CHECK(r.status().field() == "table1_row");
  }
}

TEST_CASE("CAS numbers: shape and check digit") {
  for (const char* good : {"7732-18-5", "50-00-0", "10102-44-0", "68476-85-7", "1234567-89-5"}) {
    INFO(good);
    CHECK(IsValidCasNumber(good));
  }
  for (const char* bad : {"", "7732-18-4", "7732-185", "7732-1-85", "7-18-5", "12345678-90-1", "77a2-18-5",
                          "7732-18-55", "-18-5", "7732--18-5", "7732 18 5"}) {
    INFO(bad);
    CHECK_FALSE(IsValidCasNumber(bad));
  }
}

TEST_CASE("Table 2: every class with its Q and the β of Table 4") {
  struct Row {
    const char* code;
    double q;
    double beta;
  };
  // Transcribed from standards.md §3.4.
  const Row rows[] = {
      {"J1", 5, 4},       {"J2", 50, 1},     {"J3", 50, 2},     {"J4", 50, 2},     {"J5", 500, 1},
      {"W1.1", 1, 2},     {"W1.2", 10, 2},   {"W1.3", 50, 2},   {"W2", 10, 1.5},   {"W3", 150, 1},
      {"W4", 50, 1},      {"W5.1", 10, 1.5}, {"W5.2", 50, 1},   {"W5.3", 1000, 1}, {"W5.4", 5000, 1},
      {"W6.1", 10, 1.5},  {"W6.2", 50, 1},   {"W7.1", 10, 1.5}, {"W7.2", 50, 1},   {"W8", 50, 1},
      {"W9.1", 50, 1},    {"W9.2", 200, 1},  {"W10", 200, 1},   {"W11", 200, 1},
  };
  auto table = Table2Classes();
  REQUIRE(table.size() == std::size(rows));
  for (std::size_t i = 0; i < std::size(rows); ++i) {
    INFO(rows[i].code);
    CHECK(table[i].code == rows[i].code);
    auto found = FindHazardClass(rows[i].code);
    REQUIRE(found.ok());
    CHECK((*found)->critical_quantity_t == rows[i].q);
    CHECK((*found)->beta == rows[i].beta);
    CHECK(!(*found)->category_zh.empty());
    CHECK((*found)->q_is_net_mass == (std::string(rows[i].code) == "W3"));
  }
}

TEST_CASE("Table 2: codes are trimmed and case-insensitive; unknown codes name the field") {
  REQUIRE(HazardClassByCode(" w5.3 ") != nullptr);
  CHECK(HazardClassByCode(" w5.3 ")->code == "W5.3");
  for (const char* bad : {"", "W5", "W1", "J6", "W12", "W5.5", "X1"}) {
    INFO(bad);
    CHECK(HazardClassByCode(bad) == nullptr);
    auto r = FindHazardClass(bad);
    CHECK(r.status().code() == StatusCode::kNotFound);
    CHECK(r.status().field() == "code");
  }
}

TEST_CASE("Table 3: the toxic gases whose β depends on the substance") {
  struct Row {
    const char* name;
    double beta;
  };
  // standards.md §3.5 Table 3.
  const Row rows[] = {
      {"一氧化碳", 2}, {"二氧化硫", 2}, {"氨", 2},     {"环氧乙烷", 2},  {"氯化氢", 3},
      {"溴甲烷", 3},   {"氯", 4},       {"硫化氢", 5}, {"氟化氢", 5},    {"二氧化氮", 10},
      {"氰化氢", 10},  {"碳酰氯", 20},  {"磷化氢", 20}, {"异氰酸甲酯", 20},
  };
  REQUIRE(Table3ToxicGases().size() == std::size(rows));
  for (const Row& want : rows) {
    INFO(want.name);
    auto gas = std::find_if(Table3ToxicGases().begin(), Table3ToxicGases().end(),
                            [&](const ToxicGasBeta& g) { return g.name == want.name; });
    REQUIRE(gas != Table3ToxicGases().end());
    CHECK(gas->beta == want.beta);
    // The gas is a Table 1 chemical, reachable by its name, and its row answers the same β.
    auto chemical = FindChemicalByName(want.name);
    REQUIRE(chemical.ok());
    CHECK((*chemical)->row == gas->table1_row);
    REQUIRE(ToxicGasBetaForRow(gas->table1_row).has_value());
    CHECK(*ToxicGasBetaForRow(gas->table1_row) == want.beta);
  }
  // Table 1 chemicals that are not in Table 3 have no substance β.
  for (int row : {2, 5, 8, 14, 51, 64}) {
    INFO("row " << row);
    CHECK_FALSE(ToxicGasBetaForRow(row).has_value());
  }
}

TEST_CASE("Table 5: α for each population band, on both sides of every edge") {
  struct Case {
    std::int64_t people;
    double alpha;
  };
  // standards.md §3.5: > 100 (read as ≥ 100) 2.0; 50–99 1.5; 30–49 1.2; 1–29 1.0; 0 0.5.
  const Case cases[] = {
      {0, 0.5},  {1, 1.0},  {15, 1.0},  {29, 1.0},  {30, 1.2},  {49, 1.2},          {50, 1.5},
      {60, 1.5}, {99, 1.5}, {100, 2.0}, {101, 2.0}, {5000, 2.0}, {INT64_MAX, 2.0},
  };
  for (const Case& c : cases) {
    INFO(c.people << " people");
    auto alpha = AlphaForPopulation(c.people);
    REQUIRE(alpha.ok());
    CHECK(*alpha == c.alpha);
    CHECK(IsTableAlpha(*alpha));
  }
  for (std::int64_t bad : {std::int64_t{-1}, std::int64_t{-100}, INT64_MIN}) {
    auto alpha = AlphaForPopulation(bad);
    CHECK(alpha.status().code() == StatusCode::kInvalidArgument);
    CHECK(alpha.status().field() == "exposed_population");
  }
  CHECK(Table5AlphaBands().size() == 5);
  CHECK_FALSE(IsTableAlpha(1.1));
  CHECK_FALSE(IsTableAlpha(3.0));
}
