#pragma once
/// @file grading.hpp
/// Grading of an identified major hazard installation (重大危险源分级), GB 18218-2018 §4.3 as paraphrased in
/// standards.md §3.5: R = α · (β₁q₁/Q₁ + … + βₙqₙ/Qₙ) and the four grades of Table 6. Pure, no I/O.
///
/// β: a Table 3 toxic gas takes its Table 3 β; every other substance takes the β of its hazard class in
/// Table 4 (BetaPolicy says which class when there are several). α: Table 5, from the number of people
/// living within 500 m outward of the plant boundary.
///
/// R is compared with the band edges exactly (α is a multiple of 0.1, β of 0.5, q of 1 g, Q of 0.01 t),
/// so R = 100, 50 and 10 land in the higher band as the table says.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/major_hazard/identification.hpp"
#include "safeloop/major_hazard/tables.hpp"
#include "safeloop/risk_domain/risk_level.hpp"

namespace safeloop::major_hazard {

/// The four grades of Table 6. A lower number is a more dangerous installation.
enum class MajorHazardGrade : int {
  kNone = 0,    ///< not graded (not a major hazard)
  kGrade1 = 1,  ///< 一级: R ≥ 100
  kGrade2 = 2,  ///< 二级: 50 ≤ R < 100
  kGrade3 = 3,  ///< 三级: 10 ≤ R < 50
  kGrade4 = 4,  ///< 四级: R < 10
};
/// 一级 / 二级 / 三级 / 四级 / 未分级
std::string_view GradeNameZh(MajorHazardGrade grade);
/// The grade from its number 1…4; nullopt otherwise.
std::optional<MajorHazardGrade> GradeFromCode(int code);

/// Lower edges of the bands of Table 6 (each edge belongs to the higher grade).
inline constexpr double kGrade1MinR = 100;
inline constexpr double kGrade2MinR = 50;
inline constexpr double kGrade3MinR = 10;

/// The grade of an R: ≥ 100 一级, [50, 100) 二级, [10, 50) 三级, < 10 四级. INVALID_ARGUMENT [field r] for
/// NaN, infinity or a negative R.
Result<MajorHazardGrade> GradeForR(double r);

/// Which hazard class gives β when a substance (not a Table 3 gas) has several classes. standards.md §3.5
/// [P]: use the class that set Q; when more than one class applies, the common conservative choice is the
/// largest β. Configurable; the class used is reported in GradedTerm::beta_class.
enum class BetaPolicy : int {
  kLargestBeta = 0,     ///< default: the largest β among the substance's classes
  kClassThatSetQ = 1,   ///< the class with the lowest Table 2 Q (ties: the larger β). For a Table 1
                        ///< chemical, whose Q is not set by a class, the class with the lowest Table 2 Q.
};

/// Where a substance's β came from.
enum class BetaSource : int {
  kTable3 = 3,  ///< the Table 3 toxic gas entry
  kTable4 = 4,  ///< the Table 4 β of `beta_class`
};

/// One term βᵢqᵢ/Qᵢ of R.
struct GradedTerm {
  IdentifiedTerm term;                     ///< q, Q and q/Q from identification
  double beta = 0;
  BetaSource beta_source = BetaSource::kTable4;
  const HazardClass* beta_class = nullptr;  ///< the class β came from (kTable4 only)
  const ToxicGasBeta* toxic_gas = nullptr;  ///< the Table 3 row (kTable3 only)
  double weighted = 0;                     ///< β · q/Q
};

/// The outcome of grading one unit.
struct Grading {
  Identification identification;
  std::int64_t exposed_population = 0;
  double alpha = 0;
  BetaPolicy beta_policy = BetaPolicy::kLargestBeta;
  std::vector<GradedTerm> terms;  ///< one per substance, in input order
  double weighted_sum = 0;       ///< Σ βᵢqᵢ/Qᵢ
  double r = 0;                  ///< α · Σ βᵢqᵢ/Qᵢ
  MajorHazardGrade grade = MajorHazardGrade::kNone;
};

/// Identifies the unit, then grades it. Errors: everything of ValidateUnit; INVALID_ARGUMENT
/// [exposed_population] for a negative count; INVALID_ARGUMENT [substances[i].hazard_classes] when a
/// substance that is not a Table 3 gas has no class to take β from; FAILED_PRECONDITION [substances] when
/// S < 1 (only a major hazard is graded).
Result<Grading> Grade(const UnitInventory& unit, std::int64_t exposed_population,
                      BetaPolicy policy = BetaPolicy::kLargestBeta);

/// The judgement rule of the risk module (standards.md §1.1 direct-to-重大 rules): a unit that is a 一级 or
/// 二级 major hazard makes its risk units 重大风险.
bool ForcesMajorRisk(MajorHazardGrade grade);
/// The same rule as a level: RiskLevel::kMajor for 一级/二级, nullopt otherwise (三级/四级 force nothing;
/// their risk units keep their assessed level). Combine with risk::Stricter.
std::optional<risk::RiskLevel> ForcedRiskLevel(MajorHazardGrade grade);

}  // namespace safeloop::major_hazard
