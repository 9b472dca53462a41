#pragma once
/// @file ls.hpp
/// LS risk matrix (风险矩阵法): R = L × S with L, S ∈ {1..5} (standards.md §1.3), the three band variants in
/// use, the five grades of variant A, and enterprise-defined bands. Pure, no I/O. R is an integer, so every
/// edge is compared exactly.

#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/risk_domain/bands.hpp"
#include "safeloop/risk_domain/risk_level.hpp"

namespace safeloop::risk {

inline constexpr std::array<int, 5> kLsLikelihoodValues = {5, 4, 3, 2, 1};
inline constexpr std::array<int, 5> kLsSeverityValues = {5, 4, 3, 2, 1};
/// Every product L × S, ascending (§1.3 lists them).
inline constexpr std::array<int, 14> kLsPossibleR = {1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25};

/// A (default, DB37/T 2882 style): 重大 20–25, 较大 15–16, 一般 9–12, 低 1–8 (grades 4 = 4–8, 5 = 1–3).
/// B (public platform code):      重大 17–25, 较大 11–16, 一般 5–10, 低 1–4.
/// C (a public page):             重大 20–25, 较大 9–16,  一般 4–8,  低 1–3.
enum class LsBandVariant { kA = 1, kB = 2, kC = 3 };

struct LsInput {
  int l = 0;  ///< 事故发生的可能性 L, 1..5
  int s = 0;  ///< 事故后果严重性 S, 1..5
};

struct LsScore {
  int r = 0;      ///< L × S
  int grade = 0;  ///< 1..5 under variant A or bands with grades; 0 when the bands define no grades (B, C)
  RiskLevel level = RiskLevel::kUnassessed;
};

/// INVALID_ARGUMENT naming the field (l or s) and listing the allowed values when a value is not 1..5.
Status ValidateLs(const LsInput& input);
/// Validates, then scores under a built-in variant (A by default).
Result<LsScore> ScoreLs(const LsInput& input, LsBandVariant variant = LsBandVariant::kA);
/// Validates the input and the enterprise's bands (ValidateLsBands), then scores. Empty `grade_bands`
/// leaves the grade 0.
Result<LsScore> ScoreLs(const LsInput& input, std::span<const Band> level_bands,
                        std::span<const GradeBand> grade_bands = {});

/// The level of R under a variant (R outside 1..25 still gets the level its band would give).
RiskLevel LsLevelForR(int r, LsBandVariant variant);
/// The five grades of variant A: 20–25 → 1, 15–16 → 2, 9–12 → 3, 4–8 → 4, 1–3 → 5.
int LsGrade(int r);

/// "A" / "B" / "C" (the names stored in a scoring standard).
std::string_view LsBandVariantName(LsBandVariant variant);
/// The variant named "A", "B" or "C"; nullopt otherwise.
std::optional<LsBandVariant> LsBandVariantFromName(std::string_view name);
/// A variant as a band list; it gives the same level as LsLevelForR for every R.
std::vector<Band> LsLevelBands(LsBandVariant variant);
/// The five grades of variant A as a band list; the same grade as LsGrade for every R.
std::vector<GradeBand> LsGradeBands();
/// Custom LS bands checked over the 14 possible R (ValidateLevelBands / ValidateGradeBands; fields
/// level_bands and grade_bands).
Status ValidateLsBands(std::span<const Band> level_bands, std::span<const GradeBand> grade_bands = {});

}  // namespace safeloop::risk
