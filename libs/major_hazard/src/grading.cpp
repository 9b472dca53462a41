#include "safeloop/major_hazard/grading.hpp"

#include <cmath>
#include <sstream>

#include "internal.hpp"

namespace safeloop::major_hazard {
namespace {

// Table 6, written once for both the double and the exact comparison: each edge belongs to the higher grade.
template <typename T>
MajorHazardGrade Band(T r, T edge100, T edge50, T edge10) {
  if (r >= edge100) return MajorHazardGrade::kGrade1;
  if (r >= edge50) return MajorHazardGrade::kGrade2;
  if (r >= edge10) return MajorHazardGrade::kGrade3;
  return MajorHazardGrade::kGrade4;
}

const ToxicGasBeta* ToxicGasOf(const NamedChemical* chemical) {
  if (chemical == nullptr) return nullptr;
  for (const ToxicGasBeta& gas : Table3ToxicGases()) {
    if (gas.table1_row == chemical->row) return &gas;
  }
  return nullptr;
}

const HazardClass* BetaClass(const std::vector<const HazardClass*>& classes, BetaPolicy policy) {
  const HazardClass* best = nullptr;
  for (const HazardClass* cls : classes) {
    if (best == nullptr) {
      best = cls;
    } else if (policy == BetaPolicy::kLargestBeta) {
      if (cls->beta > best->beta) best = cls;
    } else if (cls->critical_quantity_t < best->critical_quantity_t ||
               (cls->critical_quantity_t == best->critical_quantity_t && cls->beta > best->beta)) {
      best = cls;
    }
  }
  return best;
}

}  // namespace

std::string_view GradeNameZh(MajorHazardGrade grade) {
  switch (grade) {
    case MajorHazardGrade::kGrade1:
      return "一级";
    case MajorHazardGrade::kGrade2:
      return "二级";
    case MajorHazardGrade::kGrade3:
      return "三级";
    case MajorHazardGrade::kGrade4:
      return "四级";
    case MajorHazardGrade::kNone:
      break;
  }
  return "未分级";
}

std::optional<MajorHazardGrade> GradeFromCode(int code) {
  if (code < 1 || code > 4) return std::nullopt;
  return static_cast<MajorHazardGrade>(code);
}

Result<MajorHazardGrade> GradeForR(double r) {
  if (!std::isfinite(r) || r < 0) {
    std::ostringstream msg;
    msg << "R must be a finite number ≥ 0; got " << r;
    return InvalidArgument(msg.str(), "r");
  }
  return Band(r, kGrade1MinR, kGrade2MinR, kGrade3MinR);
}

Result<Grading> Grade(const UnitInventory& unit, std::int64_t exposed_population, BetaPolicy policy) {
  if (policy != BetaPolicy::kLargestBeta && policy != BetaPolicy::kClassThatSetQ) {
    return InvalidArgument("beta_policy must be largest_beta or class_that_set_q", "beta_policy");
  }
  auto exact = internal::IdentifyExact(unit);
  if (!exact.ok()) return exact.status();
  auto alpha = AlphaForPopulation(exposed_population);
  if (!alpha.ok()) return alpha.status();
  const Identification& id = exact->result;
  if (!id.is_major_hazard) {
    std::ostringstream msg;
    msg << "the unit is not a major hazard installation (S = " << id.s << " < 1); only a major hazard is graded";
    return FailedPrecondition(msg.str(), "substances");
  }

  Grading out;
  out.exposed_population = exposed_population;
  out.alpha = *alpha;
  out.beta_policy = policy;
  const internal::Exact one = internal::ScaledOne();
  internal::Exact weighted_sum = 0;  // Σ (2β)·scaled
  for (std::size_t i = 0; i < id.terms.size(); ++i) {
    GradedTerm graded;
    graded.term = id.terms[i];
    // Table 3 names the toxic gases whose β is their own; everything else takes its class's β (Table 4).
    if (const ToxicGasBeta* gas = ToxicGasOf(graded.term.chemical)) {
      graded.beta_source = BetaSource::kTable3;
      graded.toxic_gas = gas;
      graded.beta = gas->beta;
    } else {
      if (graded.term.classes.empty()) {
        std::string what = graded.term.chemical != nullptr
                               ? std::string(graded.term.chemical->name) + " (Table 1 row " +
                                     std::to_string(graded.term.chemical->row) + ")"
                               : std::string("the substance");
        return InvalidArgument(what + " is not a Table 3 toxic gas, so β comes from its hazard class (Table 4); "
                                      "give hazard_classes",
                               "substances[" + std::to_string(i) + "].hazard_classes");
      }
      graded.beta_source = BetaSource::kTable4;
      graded.beta_class = BetaClass(graded.term.classes, policy);
      graded.beta = graded.beta_class->beta;
    }
    const internal::Exact beta2 = std::llround(graded.beta * 2);  // every β is a multiple of 0.5
    const internal::Exact weighted = beta2 * exact->scaled[i];
    graded.weighted = internal::ToDouble(weighted, 2 * one);
    weighted_sum += weighted;
    out.terms.push_back(std::move(graded));
  }
  const internal::Exact alpha10 = std::llround(out.alpha * 10);  // every α is a multiple of 0.1
  const internal::Exact r_scaled = alpha10 * weighted_sum;      // R · 20 · one
  const internal::Exact r_unit = 20 * one;
  out.weighted_sum = internal::ToDouble(weighted_sum, 2 * one);
  out.r = internal::ToDouble(r_scaled, r_unit);
  out.grade = Band<internal::Exact>(r_scaled, 100 * r_unit, 50 * r_unit, 10 * r_unit);
  out.identification = std::move(exact->result);
  return out;
}

bool ForcesMajorRisk(MajorHazardGrade grade) {
  return grade == MajorHazardGrade::kGrade1 || grade == MajorHazardGrade::kGrade2;
}

std::optional<risk::RiskLevel> ForcedRiskLevel(MajorHazardGrade grade) {
  if (ForcesMajorRisk(grade)) return risk::RiskLevel::kMajor;
  return std::nullopt;
}

}  // namespace safeloop::major_hazard
