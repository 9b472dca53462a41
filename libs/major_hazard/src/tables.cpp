#include "safeloop/major_hazard/tables.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <string>

#include "internal.hpp"

namespace safeloop::major_hazard {
namespace {

// Table 1 of GB 18218-2018 as transcribed in standards.md §3.3. Aliases are the names printed in the row
// (光气, TDI, 天然气, …) plus the members the row itself names: 一氧化碳 for 煤气 (so the Table 3 entry
// 一氧化碳 has its row) and 丙烷 / 丁烷 for 液化石油气. Qualifiers keep the notes' wording.
constexpr NamedChemical kTable1[] = {
    {1, "氨", {}, "", {"7664-41-7"}, 10},
    {2, "二氟化氧", {}, "", {"7783-41-7"}, 1},
    {3, "二氧化氮", {}, "", {"10102-44-0"}, 1},
    {4, "二氧化硫", {}, "", {"7446-09-5"}, 20},
    {5, "氟", {}, "", {"7782-41-4"}, 1},
    {6, "碳酰氯", {"光气"}, "", {"75-44-5"}, 0.3},
    {7, "环氧乙烷", {}, "", {"75-21-8"}, 10},
    {8, "甲醛", {}, ">90%", {"50-00-0"}, 5},
    {9, "磷化氢", {}, "", {"7803-51-2"}, 1},
    {10, "硫化氢", {}, "", {"7783-06-4"}, 5},
    {11, "氯化氢", {}, "无水", {"7647-01-0"}, 20},
    {12, "氯", {}, "", {"7782-50-5"}, 5},
    {13, "煤气", {"一氧化碳"}, "CO, CO+H₂+CH₄ mixtures", {}, 20},
    {14, "砷化氢", {}, "", {"7784-42-1"}, 1},
    {15, "锑化氢", {}, "", {"7803-52-3"}, 1},
    {16, "硒化氢", {}, "", {"7783-07-5"}, 1},
    {17, "溴甲烷", {}, "", {"74-83-9"}, 10},
    {18, "丙酮氰醇", {}, "", {"75-86-5"}, 20},
    {19, "丙烯醛", {}, "", {"107-02-8"}, 20},
    {20, "氟化氢", {}, "", {"7664-39-3"}, 1},
    {21, "1-氯-2,3-环氧丙烷", {"环氧氯丙烷"}, "", {"106-89-8"}, 20},
    {22, "3-溴-1,2-环氧丙烷", {}, "", {"3132-64-7"}, 20},
    {23, "甲苯二异氰酸酯", {"TDI"}, "", {"26471-62-5"}, 100},
    {24, "一氯化硫", {}, "", {"10025-67-9"}, 1},
    {25, "氰化氢", {}, "", {"74-90-8"}, 1},
    {26, "三氧化硫", {}, "", {"7446-11-9"}, 75},
    {27, "3-氨基丙烯", {"烯丙胺"}, "", {"107-11-9"}, 20},
    {28, "溴", {}, "", {"7726-95-6"}, 20},
    {29, "乙撑亚胺", {}, "", {"151-56-4"}, 20},
    {30, "异氰酸甲酯", {}, "", {"624-83-9"}, 0.75},
    {31, "叠氮化钡", {}, "", {"18810-58-7"}, 0.5},
    {32, "叠氮化铅", {}, "", {"13424-46-9"}, 0.5},
    {33, "雷汞", {}, "", {"628-86-4"}, 0.5},
    {34, "三硝基苯甲醚", {}, "", {"28653-16-9"}, 5},
    {35, "2,4,6-三硝基甲苯", {"TNT"}, "", {"118-96-7"}, 5},
    {36, "硝化甘油", {}, "", {"55-63-0"}, 1},
    {37, "硝化纤维素", {}, "dry, or water/ethanol < 25 %", {"9004-70-0"}, 1},
    {38, "硝化纤维素", {}, "unmodified, or plasticised with < 18 % plasticiser", {"9004-70-0"}, 1},
    {39, "硝化纤维素", {}, "ethanol ≥ 25 %", {"9004-70-0"}, 10},
    {40, "硝化纤维素", {}, "N ≤ 12.6 %", {"9004-70-0"}, 50},
    {41, "硝化纤维素", {}, "water ≥ 25 %", {"9004-70-0"}, 50},
    {42, "硝化纤维素溶液", {}, "N ≤ 12.6 %, NC ≤ 55 %", {"9004-70-0"}, 50},
    {43, "硝酸铵", {}, "combustibles > 0.2 %", {"6484-52-2"}, 5},
    {44, "硝酸铵", {}, "combustibles ≤ 0.2 %", {"6484-52-2"}, 50},
    {45, "硝酸铵肥料", {}, "combustibles ≤ 0.4 %", {}, 200},
    {46, "硝酸钾", {}, "", {"7757-79-1"}, 1000},
    {47, "1,3-丁二烯", {}, "", {"106-99-0"}, 5},
    {48, "二甲醚", {}, "", {"115-10-6"}, 50},
    {49, "甲烷", {"天然气"}, "", {"74-82-8", "8006-14-2"}, 50},
    {50, "氯乙烯", {}, "", {"75-01-4"}, 50},
    {51, "氢", {}, "", {"1333-74-0"}, 5},
    {52, "液化石油气", {"丙烷", "丁烷"}, "propane, butane and mixtures", {"68476-85-7", "74-98-6", "106-97-8"}, 50},
    {53, "一甲胺", {}, "", {"74-89-5"}, 5},
    {54, "乙炔", {}, "", {"74-86-2"}, 1},
    {55, "乙烯", {}, "", {"74-85-1"}, 50},
    {56, "氧", {}, "compressed or liquefied", {"7782-44-7"}, 200},
    {57, "苯", {}, "", {"71-43-2"}, 50},
    {58, "苯乙烯", {}, "", {"100-42-5"}, 500},
    {59, "丙酮", {}, "", {"67-64-1"}, 500},
    {60, "2-丙烯腈", {}, "", {"107-13-1"}, 50},
    {61, "二硫化碳", {}, "", {"75-15-0"}, 50},
    {62, "环己烷", {}, "", {"110-82-7"}, 500},
    {63, "1,2-环氧丙烷", {}, "", {"75-56-9"}, 10},
    {64, "甲苯", {}, "", {"108-88-3"}, 500},
    {65, "甲醇", {}, "", {"67-56-1"}, 500},
    {66, "汽油", {}, "incl. ethanol and methanol gasoline", {"86290-81-5"}, 200},
    {67, "乙醇", {}, "", {"64-17-5"}, 500},
    {68, "乙醚", {}, "", {"60-29-7"}, 10},
    {69, "乙酸乙酯", {}, "", {"141-78-6"}, 500},
    {70, "正己烷", {}, "", {"110-54-3"}, 500},
    {71, "过乙酸", {}, "", {"79-21-0"}, 10},
    {72, "过氧化甲基乙基酮", {}, "10 % < active O ≤ 10.7 %, type-A diluent ≥ 48 %", {"1338-23-4"}, 10},
    {73, "白磷", {}, "", {"12185-10-3"}, 50},
    {74, "烷基铝", {}, "", {}, 1},
    {75, "戊硼烷", {}, "", {"19624-22-7"}, 1},
    {76, "过氧化钾", {}, "", {"17014-71-0"}, 20},
    {77, "过氧化钠", {}, "", {"1313-60-6"}, 20},
    {78, "氯酸钾", {}, "", {"3811-04-9"}, 100},
    {79, "氯酸钠", {}, "", {"7775-09-9"}, 100},
    {80, "发烟硝酸", {}, "", {"52583-42-3"}, 20},
    {81, "硝酸", {}, "other than red fuming, > 70 %", {"7697-37-2"}, 100},
    {82, "硝酸胍", {}, "", {"506-93-4"}, 50},
    {83, "碳化钙", {"电石"}, "", {"75-20-7"}, 100},
    {84, "钾", {}, "", {"7440-09-7"}, 1},
    {85, "钠", {}, "", {"7440-23-5"}, 10},
};
static_assert(std::size(kTable1) == kTable1RowCount);

// Table 2 with the β of Table 4 (standards.md §3.4), in the table's order.
constexpr HazardClass kTable2[] = {
    {"J1", "急性毒性", "Acute toxicity", "cat. 1, all routes, gas", 5, 4},
    {"J2", "急性毒性", "Acute toxicity", "cat. 1, all routes, solid or liquid", 50, 1},
    {"J3", "急性毒性", "Acute toxicity", "cat. 2–3, all routes, gas", 50, 2},
    {"J4", "急性毒性", "Acute toxicity", "cat. 2–3, inhalation, liquid with bp ≤ 35 °C", 50, 2},
    {"J5", "急性毒性", "Acute toxicity", "cat. 2, all routes, liquid (except J4) or solid", 500, 1},
    {"W1.1", "爆炸物", "Explosives", "unstable explosives; division 1.1", 1, 2},
    {"W1.2", "爆炸物", "Explosives", "divisions 1.2, 1.3, 1.5, 1.6", 10, 2},
    {"W1.3", "爆炸物", "Explosives", "division 1.4", 50, 2},
    {"W2", "易燃气体", "Flammable gases", "cat. 1 and 2", 10, 1.5},
    {"W3", "气溶胶", "Aerosols", "cat. 1 and 2 (net mass)", 150, 1, true},
    {"W4", "氧化性气体", "Oxidising gases", "cat. 1", 50, 1},
    {"W5.1", "易燃液体", "Flammable liquids", "cat. 1; cat. 2–3 worked above their boiling point", 10, 1.5},
    {"W5.2", "易燃液体", "Flammable liquids",
     "cat. 2–3 under special process conditions that can cause a major accident (hazardous chemical "
     "process, operation in or near the explosive range, pressure > 1.6 MPa, etc.)",
     50, 1},
    {"W5.3", "易燃液体", "Flammable liquids", "other cat. 2", 1000, 1},
    {"W5.4", "易燃液体", "Flammable liquids", "other cat. 3", 5000, 1},
    {"W6.1", "自反应物质和混合物", "Self-reactive substances", "types A, B", 10, 1.5},
    {"W6.2", "自反应物质和混合物", "Self-reactive substances", "types C, D, E", 50, 1},
    {"W7.1", "有机过氧化物", "Organic peroxides", "types A, B", 10, 1.5},
    {"W7.2", "有机过氧化物", "Organic peroxides", "types C, D, E, F", 50, 1},
    {"W8", "自燃液体和自燃固体", "Pyrophoric liquids and solids", "cat. 1", 50, 1},
    {"W9.1", "氧化性固体和液体", "Oxidising solids and liquids", "cat. 1", 50, 1},
    {"W9.2", "氧化性固体和液体", "Oxidising solids and liquids", "cat. 2, 3", 200, 1},
    {"W10", "易燃固体", "Flammable solids", "cat. 1", 200, 1},
    {"W11", "遇水放出易燃气体的物质和混合物", "Water-reactive, releasing flammable gas", "cat. 1 and 2", 200, 1},
};

// Table 3: toxic gases whose β is set by the substance (standards.md §3.5), linked to their Table 1 row.
constexpr ToxicGasBeta kTable3[] = {
    {"一氧化碳", "CO", 13, 2},  {"二氧化硫", "SO2", 4, 2},  {"氨", "NH3", 1, 2},
    {"环氧乙烷", "", 7, 2},     {"氯化氢", "HCl", 11, 3},   {"溴甲烷", "", 17, 3},
    {"氯", "Cl2", 12, 4},       {"硫化氢", "H2S", 10, 5},   {"氟化氢", "HF", 20, 5},
    {"二氧化氮", "NO2", 3, 10}, {"氰化氢", "HCN", 25, 10},  {"碳酰氯", "", 6, 20},
    {"磷化氢", "PH3", 9, 20},   {"异氰酸甲酯", "", 30, 20},
};

// Table 5. "100 人以上" is read as ≥ 100 (standards.md §3.5: the next band is 50–99, so 100 itself
// belongs here).
constexpr AlphaBand kTable5[] = {
    {100, std::nullopt, 2.0, "100人以上"},
    {50, 99, 1.5, "50～99人"},
    {30, 49, 1.2, "30～49人"},
    {1, 29, 1.0, "1～29人"},
    {0, 0, 0.5, "0人"},
};

std::string UpperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string RowList(const std::vector<const NamedChemical*>& rows) {
  std::string out;
  for (const NamedChemical* row : rows) {
    if (!out.empty()) out += ", ";
    out += std::to_string(row->row);
    if (!row->qualifier.empty()) out += " (" + std::string(row->qualifier) + ")";
  }
  return out;
}

}  // namespace

namespace internal {

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kIdeographicSpace = "\u3000";
  bool changed = true;
  while (changed && !text.empty()) {
    changed = false;
    if (std::isspace(static_cast<unsigned char>(text.front()))) {
      text.remove_prefix(1);
      changed = true;
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
      changed = true;
    }
    if (text.empty()) break;
    if (std::isspace(static_cast<unsigned char>(text.back()))) {
      text.remove_suffix(1);
      changed = true;
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
      changed = true;
    }
  }
  return text;
}

std::int64_t QCenti(double critical_quantity_t) { return std::llround(critical_quantity_t * 100.0); }

std::int64_t CommonMultiple() {
  // Computed from the tables themselves so a corrected Q can never break exactness silently.
  static const std::int64_t kL = [] {
    std::int64_t l = 1;
    for (const NamedChemical& row : kTable1) l = std::lcm(l, QCenti(row.critical_quantity_t));
    for (const HazardClass& cls : kTable2) l = std::lcm(l, QCenti(cls.critical_quantity_t));
    return l;
  }();
  return kL;
}

Exact ScaledOne() { return static_cast<Exact>(10000) * CommonMultiple(); }

std::int64_t QuantityGrams(double tonnes) { return std::llround(tonnes * 1e6); }

double ToDouble(Exact scaled, Exact divisor) {
  return static_cast<double>(static_cast<long double>(scaled) / static_cast<long double>(divisor));
}

}  // namespace internal

std::string_view StandardVersion() { return kStandardVersion; }

bool NamedChemical::HasName(std::string_view text) const {
  if (text.empty()) return false;
  if (text == name) return true;
  return std::any_of(aliases.begin(), aliases.end(), [&](std::string_view a) { return !a.empty() && a == text; });
}

bool NamedChemical::HasCas(std::string_view cas_number) const {
  if (cas_number.empty()) return false;
  return std::any_of(cas.begin(), cas.end(), [&](std::string_view c) { return !c.empty() && c == cas_number; });
}

std::span<const NamedChemical> Table1Chemicals() { return kTable1; }

std::vector<const NamedChemical*> ChemicalsByName(std::string_view name) {
  std::vector<const NamedChemical*> out;
  std::string_view key = internal::Trim(name);
  for (const NamedChemical& row : kTable1) {
    if (row.HasName(key)) out.push_back(&row);
  }
  return out;
}

std::vector<const NamedChemical*> ChemicalsByCas(std::string_view cas) {
  std::vector<const NamedChemical*> out;
  std::string_view key = internal::Trim(cas);
  if (!IsValidCasNumber(key)) return out;
  for (const NamedChemical& row : kTable1) {
    if (row.HasCas(key)) out.push_back(&row);
  }
  return out;
}

Result<const NamedChemical*> FindChemicalByRow(int row) {
  if (row < 1 || row > kTable1RowCount) {
    return InvalidArgument("GB 18218 Table 1 has rows 1…" + std::to_string(kTable1RowCount) + "; got " +
                               std::to_string(row),
                           "table1_row");
  }
  return &kTable1[row - 1];
}

Result<const NamedChemical*> FindChemicalByName(std::string_view name) {
  auto rows = ChemicalsByName(name);
  if (rows.empty()) {
    return NotFound("'" + std::string(internal::Trim(name)) + "' is not a name or alias in GB 18218 Table 1",
                    "name");
  }
  if (rows.size() > 1) {
    return InvalidArgument("'" + std::string(internal::Trim(name)) + "' covers several GB 18218 Table 1 rows: " +
                               RowList(rows) + "; give the row number",
                           "name");
  }
  return rows.front();
}

Result<const NamedChemical*> FindChemicalByCas(std::string_view cas) {
  std::string key(internal::Trim(cas));
  if (!IsValidCasNumber(key)) {
    return InvalidArgument("'" + key + "' is not a valid CAS number (digits-dd-d with a correct check digit)",
                           "cas");
  }
  auto rows = ChemicalsByCas(key);
  if (rows.empty()) return NotFound("CAS " + key + " is not in GB 18218 Table 1", "cas");
  if (rows.size() > 1) {
    return InvalidArgument("CAS " + key + " covers several GB 18218 Table 1 rows: " + RowList(rows) +
                               "; give the row number",
                           "cas");
  }
  return rows.front();
}

bool IsValidCasNumber(std::string_view cas) {
  // Shape: 2–7 digits '-' 2 digits '-' 1 digit.
  auto first_dash = cas.find('-');
  if (first_dash == std::string_view::npos || first_dash < 2 || first_dash > 7) return false;
  if (cas.size() != first_dash + 5 || cas[first_dash + 3] != '-') return false;
  std::string digits;
  for (std::size_t i = 0; i < cas.size(); ++i) {
    if (i == first_dash || i == first_dash + 3) continue;
    if (!std::isdigit(static_cast<unsigned char>(cas[i]))) return false;
    digits += cas[i];
  }
  // Check digit: the other digits weighted 1, 2, 3, … from the right, sum mod 10.
  int sum = 0;
  int weight = 1;
  for (auto it = digits.rbegin() + 1; it != digits.rend(); ++it, ++weight) sum += weight * (*it - '0');
  return sum % 10 == digits.back() - '0';
}

std::span<const HazardClass> Table2Classes() { return kTable2; }

const HazardClass* HazardClassByCode(std::string_view code) {
  std::string key = UpperAscii(internal::Trim(code));
  for (const HazardClass& cls : kTable2) {
    if (cls.code == key) return &cls;
  }
  return nullptr;
}

Result<const HazardClass*> FindHazardClass(std::string_view code) {
  if (const HazardClass* cls = HazardClassByCode(code)) return cls;
  std::string valid;
  for (const HazardClass& cls : kTable2) valid += (valid.empty() ? "" : ", ") + std::string(cls.code);
  return NotFound("'" + std::string(internal::Trim(code)) + "' is not a GB 18218 Table 2 class; valid: " + valid,
                  "code");
}

std::span<const ToxicGasBeta> Table3ToxicGases() { return kTable3; }

std::optional<double> ToxicGasBetaForRow(int table1_row) {
  for (const ToxicGasBeta& gas : kTable3) {
    if (gas.table1_row == table1_row) return gas.beta;
  }
  return std::nullopt;
}

std::span<const AlphaBand> Table5AlphaBands() { return kTable5; }

Result<double> AlphaForPopulation(std::int64_t people) {
  if (people < 0) {
    return InvalidArgument("the exposed population (people within 500 m of the boundary) must be ≥ 0; got " +
                               std::to_string(people),
                           "exposed_population");
  }
  for (const AlphaBand& band : kTable5) {
    if (people >= band.min_people && (!band.max_people || people <= *band.max_people)) return band.alpha;
  }
  return Internal("no α band for " + std::to_string(people));  // unreachable: the bands cover 0…∞
}

bool IsTableAlpha(double alpha) {
  return std::any_of(std::begin(kTable5), std::end(kTable5), [&](const AlphaBand& b) { return b.alpha == alpha; });
}

}  // namespace safeloop::major_hazard
