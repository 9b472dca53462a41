#pragma once
/// @file lec.hpp
/// LEC (作业条件危险性分析法): D = L × E × C with the value tables of standards.md §1.2, the classic five
/// danger grades and the two band variants that map D to the four national levels. Pure, no I/O.
/// D is computed exactly in hundredths (L and E have at most one decimal, C is an integer), so band
/// edges like D = 70 are compared without floating-point error.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/risk_domain/bands.hpp"
#include "safeloop/risk_domain/risk_level.hpp"

namespace safeloop::risk {

inline constexpr std::array<double, 7> kLecLikelihoodValues = {10, 6, 3, 1, 0.5, 0.2, 0.1};
inline constexpr std::array<double, 6> kLecExposureValues = {10, 6, 3, 2, 1, 0.5};
inline constexpr std::array<double, 6> kLecConsequenceValues = {100, 40, 15, 7, 3, 1};

/// V1 (default, DB37/T 2882 style): 重大 D>320, 较大 160<D≤320, 一般 70<D≤160, 低 D≤70.
/// V2 (half-open): 重大 D≥320, 较大 160≤D<320, 一般 70≤D<160, 低 D<70.
enum class LecBandVariant { kV1 = 1, kV2 = 2 };

struct LecInput {
  double l = 0;
  double e = 0;
  double c = 0;
};

struct LecScore {
  double d = 0;                // L × E × C
  std::int64_t d_hundredths = 0;  // exact D × 100
  int danger_grade = 0;        // classic grade 1 (极其危险) … 5 (稍有危险)
  RiskLevel level = RiskLevel::kUnassessed;
};

/// INVALID_ARGUMENT naming the field (l, e or c) and listing the allowed values when a value is not in
/// its table.
Status ValidateLec(const LecInput& input);
/// Validates, then scores.
Result<LecScore> ScoreLec(const LecInput& input, LecBandVariant variant);
/// The level for an exact D × 100 under a variant.
RiskLevel LecLevelForD(std::int64_t d_hundredths, LecBandVariant variant);
/// Classic five-grade danger class of D (>320:1, >160:2, >70:3, >20:4, else 5; upper-inclusive like V1).
int LecDangerGrade(std::int64_t d_hundredths);

/// 极其危险 / 高度危险 / 显著危险 / 一般危险 / 稍有危险 for grades 1..5; empty otherwise.
std::string_view LecDangerGradeNameZh(int grade);
/// "V1" / "V2" (the names stored in a scoring standard).
std::string_view LecBandVariantName(LecBandVariant variant);
/// The variant named "V1" or "V2"; nullopt otherwise.
std::optional<LecBandVariant> LecBandVariantFromName(std::string_view name);
/// A variant as a band list (bands.hpp); it gives the same level as LecLevelForD for every D.
std::vector<Band> LecLevelBands(LecBandVariant variant);
/// The classic five danger grades as a band list; the same grade as LecDangerGrade for every D.
std::vector<GradeBand> LecGradeBands();
/// Every D of the national tables × 1000 (exact thousandths), ascending and distinct.
std::vector<std::int64_t> LecReachableMilli();

}  // namespace safeloop::risk
