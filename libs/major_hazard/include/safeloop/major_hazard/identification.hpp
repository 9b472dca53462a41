#pragma once
/// @file identification.hpp
/// Identification of a major hazard installation (重大危险源辨识), GB 18218-2018 §4.1–4.2 as paraphrased in
/// standards.md §3.1–§3.2. Pure, no I/O.
///
/// Rules implemented:
/// - Identification is per unit (单元): a 生产单元 or a 储存单元. The two kinds are identified separately, so
///   one call takes one unit of one kind; quantities of different units are never added.
/// - q of each substance is the designed maximum quantity (设计最大量) in the unit, in tonnes.
/// - Q: a chemical in Table 1 takes its Table 1 value; any other chemical takes the Table 2 value of its
///   hazard class, and with several classes the lowest of their Q.
/// - Mixtures: with the same hazard class as the pure substance, the mixture is the pure substance with the
///   mixture's whole mass; with a different class, Q is that of the new class.
/// - One chemical: identified when q ≥ Q; several: when S = Σ qᵢ/Qᵢ ≥ 1. (For one chemical S = q/Q, so
///   both are the single test S ≥ 1.)
///
/// The test S ≥ 1 is exact: q is rounded to the gram and Q is a multiple of 0.01 t, so S is summed as an
/// integer over a common denominator; S = 1 exactly is identified even when the double sum would give
/// 0.9999999999999999.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/major_hazard/tables.hpp"

namespace safeloop::major_hazard {

/// The two kinds of unit of GB 18218 §3.
enum class UnitKind : int {
  kUnspecified = 0,
  kProduction = 1,  ///< 生产单元: production, processing or use installations, bounded by shut-off valves
  kStorage = 2,     ///< 储存单元: a tank farm (bounded by its fire dike) or a warehouse (its separate building)
};
/// 生产单元 / 储存单元 / 未指定
std::string_view UnitKindNameZh(UnitKind kind);

/// The unit `Substance::quantity` is written in.
enum class MassUnit : int {
  kTonne = 0,     ///< t (the standard's unit)
  kKilogram = 1,  ///< kg, converted to t (÷ 1000)
};

/// Whether the substance is a pure chemical or a mixture, and for a mixture how it is classed
/// (standards.md §3.2 item 4).
enum class SubstanceForm : int {
  kPure = 0,
  /// A mixture with the same hazard class as its pure substance: treated as the pure substance (Table 1
  /// identity if any) with the mixture's whole mass as q.
  kMixtureSameClass = 1,
  /// A mixture whose hazard class differs from the pure substance: Q (and β) come from `hazard_classes`;
  /// any Table 1 identity given is only checked for form, not used.
  kMixtureNewClass = 2,
};

/// Largest accepted q: 10⁹ t. Larger values are taken for a unit mistake (kg entered as t, …).
inline constexpr double kMaxQuantityTonnes = 1e9;

/// One substance held in a unit.
///
/// Table 1 identity: `table1_row`, `name` and `cas` are lookup keys into Table 1; give any of them. Every
/// key given must point at the same row. When no key matches any row, the substance is not in Table 1 and
/// `hazard_classes` must be given. A name or CAS that covers several rows (硝化纤维素, 硝酸铵) needs
/// `table1_row`. Free text for reports goes in `label`, which is never looked up.
struct Substance {
  std::string label;  ///< free text for reports and audit, e.g. "液氨 V-101"; not used for lookups
  int table1_row = 0;  ///< Table 1 序号 1…85; 0 = not given
  std::string name;    ///< Table 1 name or alias (exact, e.g. "甲苯"); "" = not given
  std::string cas;     ///< CAS number; "" = not given. Must be well-formed when given.
  /// Table 2 codes ("J1", "W5.3", …): required when the chemical is not in Table 1 (they set Q) and, for
  /// grading, when it is not a Table 3 toxic gas (they set β).
  std::vector<std::string> hazard_classes;
  SubstanceForm form = SubstanceForm::kPure;
  double quantity = 0;  ///< designed maximum quantity q in `mass_unit`; ≥ 0, finite
  MassUnit mass_unit = MassUnit::kTonne;
};

/// One 生产单元 or 储存单元 with its substances.
struct UnitInventory {
  std::string name;  ///< for reports only
  UnitKind kind = UnitKind::kUnspecified;
  std::vector<Substance> substances;  ///< at least one
};

/// Where a substance's Q came from.
enum class QSource : int {
  kTable1 = 1,  ///< the Table 1 row
  kTable2 = 2,  ///< the lowest-Q class of Table 2
};

/// One term qᵢ/Qᵢ of S, with everything needed to audit it.
struct IdentifiedTerm {
  std::size_t index = 0;  ///< position in UnitInventory::substances
  std::string label;
  const NamedChemical* chemical = nullptr;  ///< Table 1 row used for Q, or nullptr when Q came from Table 2
  std::vector<const HazardClass*> classes;  ///< the validated hazard classes, in input order
  const HazardClass* q_class = nullptr;     ///< the Table 2 class that set Q (kTable2 only)
  QSource q_source = QSource::kTable1;
  double q_tonnes = 0;  ///< q in tonnes as used: kg converted, rounded to the gram
  double critical_quantity_t = 0;  ///< Q in tonnes
  double ratio = 0;     ///< q/Q
  bool reaches_alone = false;  ///< q ≥ Q on its own
};

/// The outcome of identifying one unit.
struct Identification {
  std::string unit_name;
  UnitKind kind = UnitKind::kUnspecified;
  std::vector<IdentifiedTerm> terms;  ///< one per substance, in input order
  double s = 0;                       ///< S = Σ qᵢ/Qᵢ
  bool is_major_hazard = false;       ///< S ≥ 1 (exact)
};

/// Checks the unit: kind given, at least one substance, each quantity finite, ≥ 0 and ≤ kMaxQuantityTonnes,
/// enums in range, Table 1 keys that exist and agree, hazard class codes that exist, and classes present
/// where Q needs them. INVALID_ARGUMENT naming the field, e.g. "substances[1].quantity".
Status ValidateUnit(const UnitInventory& unit);

/// Validates, then identifies: Q per substance, each qᵢ/Qᵢ, S and whether the unit is a major hazard.
Result<Identification> Identify(const UnitInventory& unit);

}  // namespace safeloop::major_hazard
