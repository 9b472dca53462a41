#pragma once
/// @file tables.hpp
/// The tables of GB 18218-2018 as data (standards.md §3.3–§3.5): Table 1 (named chemicals and their
/// critical quantity Q), Table 2 with the β of Table 4 (hazard classes for chemicals not in Table 1),
/// Table 3 (β of named toxic gases) and Table 5 (α by exposed population). Pure, no I/O.
///
/// Lookups come in two flavours: `...By...` returns every matching row (some names and CAS numbers cover
/// several rows, e.g. 硝化纤维素 / 9004-70-0 has six rows with different Q), `Find...` returns exactly one
/// row or a Status naming the field (NOT_FOUND when nothing matches, INVALID_ARGUMENT when the key is
/// malformed or ambiguous).

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::major_hazard {

/// The standard these tables and rules implement.
inline constexpr std::string_view kStandardVersion = "GB 18218-2018";
/// Same as kStandardVersion (for callers that store the version next to a result).
std::string_view StandardVersion();

/// Number of rows of Table 1.
inline constexpr int kTable1RowCount = 85;

/// One row of Table 1 (危险化学品名称及其临界量).
struct NamedChemical {
  int row = 0;                               ///< 序号 in Table 1, 1…85 (the one unambiguous key)
  std::string_view name;                     ///< 品名 as printed, e.g. "碳酰氯"
  std::array<std::string_view, 3> aliases{};  ///< 别名 and members named in the row, e.g. "光气"; "" = unused
  std::string_view qualifier;                ///< the condition that limits the row, e.g. "ethanol ≥ 25 %"; "" if none
  std::array<std::string_view, 3> cas{};     ///< CAS numbers of the row; all "" when the table gives none
  double critical_quantity_t = 0;            ///< Q in tonnes

  /// Whether `text` (already trimmed) is the name or one of the aliases.
  bool HasName(std::string_view text) const;
  /// Whether `cas_number` (already trimmed) is one of the row's CAS numbers.
  bool HasCas(std::string_view cas_number) const;
  /// Whether the table gives any CAS number for the row (rows 13, 45 and 74 have none).
  bool HasAnyCas() const { return !cas[0].empty(); }
};

/// All 85 rows of Table 1, in row order (row r is at index r - 1).
std::span<const NamedChemical> Table1Chemicals();
/// Every row whose name or alias equals `name` (surrounding whitespace, incl. U+3000, ignored).
std::vector<const NamedChemical*> ChemicalsByName(std::string_view name);
/// Every row listing `cas` (surrounding whitespace ignored). Empty for a malformed CAS number.
std::vector<const NamedChemical*> ChemicalsByCas(std::string_view cas);
/// The row numbered `row`; INVALID_ARGUMENT [field table1_row] outside 1…85.
Result<const NamedChemical*> FindChemicalByRow(int row);
/// The one row named `name`; NOT_FOUND [field name] when none, INVALID_ARGUMENT [field name] when the
/// name covers several rows (硝化纤维素, 硝酸铵: choose the row by its qualifier and pass the row number).
Result<const NamedChemical*> FindChemicalByName(std::string_view name);
/// The one row listing `cas`; INVALID_ARGUMENT [field cas] when malformed or shared by several rows
/// (9004-70-0, 6484-52-2), NOT_FOUND [field cas] when well-formed but not in Table 1.
Result<const NamedChemical*> FindChemicalByCas(std::string_view cas);

/// A CAS registry number: 2–7 digits, '-', 2 digits, '-', 1 check digit, and the check digit is right
/// (sum of the other digits weighted 1, 2, 3… from the right, mod 10).
bool IsValidCasNumber(std::string_view cas);

/// One row of Table 2 (危险化学品类别及其临界量) with its β from Table 4.
struct HazardClass {
  std::string_view code;         ///< 类别 symbol: "J1"…"J5", "W1.1"…"W11"
  std::string_view category_zh;  ///< hazard category, e.g. "急性毒性"
  std::string_view category_en;  ///< e.g. "Acute toxicity"
  std::string_view scope;        ///< which categories/states the row covers (standards.md §3.4 wording)
  double critical_quantity_t = 0;  ///< Q in tonnes
  double beta = 0;               ///< β of Table 4
  bool q_is_net_mass = false;    ///< W3 aerosols: q and Q are net masses of the contents
};

/// All 24 rows of Table 2 in the table's order (J1…J5, W1.1…W11).
std::span<const HazardClass> Table2Classes();
/// The class with `code`, compared ASCII-case-insensitively after trimming ("w5.3" finds W5.3); nullptr
/// when unknown.
const HazardClass* HazardClassByCode(std::string_view code);
/// Same, as a Result: NOT_FOUND [field code] listing the valid codes.
Result<const HazardClass*> FindHazardClass(std::string_view code);

/// One row of Table 3: a toxic gas whose β depends on the substance rather than its class.
struct ToxicGasBeta {
  std::string_view name;  ///< name as in Table 3, e.g. "一氧化碳"
  std::string_view formula;  ///< "CO", "H2S", … ("" where the table gives none)
  int table1_row = 0;     ///< the Table 1 row of the gas (一氧化碳 → 13 煤气)
  double beta = 0;
};

/// The 14 rows of Table 3.
std::span<const ToxicGasBeta> Table3ToxicGases();
/// β of Table 3 for a Table 1 row, nullopt when the row is not a Table 3 gas (then β comes from the
/// substance's class in Table 4).
std::optional<double> ToxicGasBetaForRow(int table1_row);

/// One band of Table 5: α by the number of people living within 500 m outward of the plant boundary.
struct AlphaBand {
  std::int64_t min_people = 0;
  std::optional<std::int64_t> max_people;  ///< inclusive; nullopt = no upper limit
  double alpha = 0;
  std::string_view label;  ///< "100人以上", "50～99人", …, "0人"
};

/// The 5 bands of Table 5, highest α first.
std::span<const AlphaBand> Table5AlphaBands();
/// α for `people` exposed persons: ≥ 100 → 2.0; 50–99 → 1.5; 30–49 → 1.2; 1–29 → 1.0; 0 → 0.5.
/// INVALID_ARGUMENT [field exposed_population] for a negative count.
Result<double> AlphaForPopulation(std::int64_t people);
/// Whether `alpha` is one of the five α values of Table 5.
bool IsTableAlpha(double alpha);

}  // namespace safeloop::major_hazard
