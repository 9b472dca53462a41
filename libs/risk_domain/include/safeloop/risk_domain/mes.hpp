#pragma once
/// @file mes.hpp
/// MES (作业条件风险程度评价): R = M × E × S with the value tables of standards.md §1.4, the five grades
/// (一级 … 五级) and their mapping to the four national levels, plus enterprise-defined bands. Pure, no I/O.
/// R is computed exactly in tenths (only E has a decimal), so R = 180 is compared without rounding.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/risk_domain/bands.hpp"
#include "safeloop/risk_domain/risk_level.hpp"

namespace safeloop::risk {

inline constexpr std::array<double, 3> kMesControlValues = {5, 3, 1};
inline constexpr std::array<double, 6> kMesExposureValues = {10, 6, 3, 2, 1, 0.5};
inline constexpr std::array<double, 5> kMesSeverityValues = {10, 8, 4, 2, 1};
/// Every product M × E × S, ascending, as listed at the end of §1.4.
inline constexpr std::array<double, 38> kMesPossibleR = {
    0.5, 1,  1.5, 2,  2.5, 3,  4,  5,   6,   8,   9,   10,  12,  15,  16,  18,  20,  24,  25,
    30,  36, 40,  48, 50,  60, 72, 80,  90,  100, 120, 144, 150, 180, 200, 240, 300, 400, 500};

struct MesInput {
  double m = 0;  ///< 控制措施的状态 M: 5, 3, 1
  double e = 0;  ///< 暴露或危险状态出现的频繁程度 E: 10, 6, 3, 2, 1, 0.5
  double s = 0;  ///< 事故的可能后果 S: 10, 8, 4, 2, 1
};

struct MesScore {
  double r = 0;                 ///< M × E × S
  std::int64_t r_tenths = 0;    ///< exact R × 10
  int grade = 0;                ///< 1 (一级) … 5 (五级); 0 when custom bands define no grades
  RiskLevel level = RiskLevel::kUnassessed;
};

/// INVALID_ARGUMENT naming the field (m, e or s) and listing the allowed values when a value is not in
/// its table.
Status ValidateMes(const MesInput& input);
/// Validates, then scores with the default bands: 一级 R ≥ 180 → 重大, 二级 90 ≤ R < 180 → 较大,
/// 三级 50 ≤ R < 90 → 一般, 四级 20 ≤ R < 50 and 五级 R < 20 → 低.
Result<MesScore> ScoreMes(const MesInput& input);
/// Validates the input and the enterprise's bands (ValidateMesBands), then scores. Empty `grade_bands`
/// leaves the grade 0.
Result<MesScore> ScoreMes(const MesInput& input, std::span<const Band> level_bands,
                          std::span<const GradeBand> grade_bands = {});

/// The default grade of an exact R × 10 (the lower bound of 一级 is inclusive: 3 × 6 × 10 = 180 is 一级).
int MesGrade(std::int64_t r_tenths);
/// The default level of an exact R × 10: 一级 → 重大, 二级 → 较大, 三级 → 一般, 四级 and 五级 → 低.
RiskLevel MesLevelForR(std::int64_t r_tenths);
/// The national level of a default MES grade 1..5; kUnassessed otherwise.
RiskLevel MesLevelForGrade(int grade);
/// 一级 / 二级 / 三级 / 四级 / 五级 for grades 1..5; empty otherwise.
std::string_view MesGradeNameZh(int grade);

/// The name of the default bands in a scoring standard.
inline constexpr std::string_view kMesDefaultBandVariant = "default";
/// The default levels as a band list; the same level as MesLevelForR for every R.
std::vector<Band> MesLevelBands();
/// The default five grades as a band list; the same grade as MesGrade for every R.
std::vector<GradeBand> MesGradeBands();
/// Every R of the national tables × 1000, ascending and distinct.
std::vector<std::int64_t> MesReachableMilli();
/// Custom MES bands checked over every possible R (fields level_bands and grade_bands).
Status ValidateMesBands(std::span<const Band> level_bands, std::span<const GradeBand> grade_bands = {});

}  // namespace safeloop::risk
