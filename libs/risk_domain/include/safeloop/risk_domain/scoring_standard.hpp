#pragma once
/// @file scoring_standard.hpp
/// The per-enterprise scoring configuration (评价标准) as plain structs: for each method (LEC, LS, MES) the
/// value tables with their Chinese labels and criteria, and either a built-in band variant or the
/// enterprise's own bands with explicit inclusive/exclusive edges. One function scores (method, inputs)
/// under a configuration; another validates a configuration before it is stored. Pure, no I/O.
///
/// Defaults are the tables of standards.md §1.2–§1.4. Values are exact to one decimal, so products are
/// compared as thousandths (bands.hpp); with the default tables the results equal ScoreLec, ScoreLs and
/// ScoreMes.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/risk_domain/bands.hpp"
#include "safeloop/risk_domain/lec.hpp"
#include "safeloop/risk_domain/ls.hpp"
#include "safeloop/risk_domain/mes.hpp"
#include "safeloop/risk_domain/risk_level.hpp"

namespace safeloop::risk {

enum class ScoringMethod { kLec = 1, kLs = 2, kMes = 3 };

/// "LEC" / "LS" / "MES"
std::string_view ScoringMethodCode(ScoringMethod method);
/// 作业条件危险性分析法 / 风险矩阵法 / 作业条件风险程度评价
std::string_view ScoringMethodNameZh(ScoringMethod method);
/// The method with code "LEC", "LS" or "MES"; nullopt otherwise.
std::optional<ScoringMethod> ScoringMethodFromCode(std::string_view code);
/// The input fields in order: LEC l, e, c; LS l, s; MES m, e, s.
std::span<const std::string_view> FactorFields(ScoringMethod method);
/// The product's symbol in messages: "D" for LEC, "R" for LS and MES.
std::string_view ValueSymbol(ScoringMethod method);

/// The band_variant that selects the enterprise's own bands.
inline constexpr std::string_view kCustomBandVariant = "custom";
/// Upper limits that keep a configuration readable and its reachable set small.
inline constexpr std::size_t kMaxFactorOptions = 20;
inline constexpr double kMaxFactorValue = 10000;

/// One row of a value table: the value an assessor picks and the words that justify it.
struct ValueOption {
  double value = 0;       ///< > 0, at most one decimal
  std::string label;      ///< short Chinese label shown in the picker, required
  std::string criterion;  ///< longer criterion text (判定依据), optional
};

/// The value table of one factor (L, E, C, S or M).
struct FactorTable {
  std::string field;    ///< the input field it serves ("l", "e", …), fixed by the method
  std::string name_zh;  ///< e.g. 事故发生的可能性 L
  std::vector<ValueOption> options;
};

/// One method's configuration.
struct MethodStandard {
  ScoringMethod method = ScoringMethod::kLec;
  std::vector<FactorTable> factors;  ///< in FactorFields order
  /// LEC "V1" | "V2"; LS "A" | "B" | "C"; MES "default"; or "custom" for the two lists below.
  std::string band_variant;
  std::vector<Band> custom_level_bands;        ///< only with "custom"
  std::vector<GradeBand> custom_grade_bands;   ///< only with "custom"; empty: results carry grade 0
};

/// An enterprise's scoring configuration for the three methods.
struct ScoringStandard {
  MethodStandard lec;
  MethodStandard ls;
  MethodStandard mes;
};

/// The result of scoring under a configuration.
struct MethodScore {
  ScoringMethod method = ScoringMethod::kLec;
  double value = 0;                ///< D or R
  std::int64_t value_milli = 0;    ///< exact value × 1000
  int grade = 0;                   ///< the method's five-grade number 1..5; 0 when the bands define none
  RiskLevel level = RiskLevel::kUnassessed;
};

/// The bands a method standard scores with.
struct ResolvedBands {
  std::vector<Band> level;
  std::vector<GradeBand> grade;  ///< empty: no grades
};

/// The national default of one method: the §1.2–§1.4 tables with Chinese labels; LEC V1, LS A, MES default.
MethodStandard DefaultMethodStandard(ScoringMethod method);
/// The national defaults of all three methods.
ScoringStandard DefaultScoringStandard();
/// The configuration of one method inside a standard.
const MethodStandard& StandardFor(const ScoringStandard& standard, ScoringMethod method);

/// Every product the value tables can produce × 1000, ascending and distinct. INVALID_ARGUMENT when the
/// tables themselves are invalid (see ValidateMethodStandard).
Result<std::vector<std::int64_t>> ReachableValuesMilli(const MethodStandard& standard);
/// The built-in variant's bands or the custom ones; INVALID_ARGUMENT (field <method>.band_variant) for an
/// unknown variant.
Result<ResolvedBands> ResolveBands(const MethodStandard& standard);

/// INVALID_ARGUMENT with a field path such as "ls.factors[1].options[2].value" unless: the factor tables
/// are the method's (count and fields); each has 1..kMaxFactorOptions options with distinct values that
/// are positive, finite, ≤ kMaxFactorValue and have at most one decimal, and a label; the variant exists
/// for the method; custom bands are only given with "custom"; and the bands cover every reachable product
/// exactly once, never giving a higher product a lower level or grade.
Status ValidateMethodStandard(const MethodStandard& standard);
/// ValidateMethodStandard for each method, plus each sits in its own slot (lec.method == kLec, …).
Status ValidateScoringStandard(const ScoringStandard& standard);

/// Validates the configuration and the inputs (given in FactorFields order; each must be in its table,
/// error field = the factor field such as "e"), then scores.
Result<MethodScore> Score(const MethodStandard& standard, std::span<const double> factors);
/// Score with the method's configuration inside `standard`.
Result<MethodScore> Score(const ScoringStandard& standard, ScoringMethod method, std::span<const double> factors);
/// Typed shorthands for the three methods.
Result<MethodScore> Score(const ScoringStandard& standard, const LecInput& input);
Result<MethodScore> Score(const ScoringStandard& standard, const LsInput& input);
Result<MethodScore> Score(const ScoringStandard& standard, const MesInput& input);

}  // namespace safeloop::risk
