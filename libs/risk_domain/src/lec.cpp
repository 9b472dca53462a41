#include "safeloop/risk_domain/lec.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <span>

#include "table_values.hpp"

namespace safeloop::risk {

Status ValidateLec(const LecInput& input) {
  SAFELOOP_RETURN_IF_ERROR(internal::CheckTableValue(input.l, kLecLikelihoodValues, "l", "事故发生的可能性 L"));
  SAFELOOP_RETURN_IF_ERROR(internal::CheckTableValue(input.e, kLecExposureValues, "e", "暴露于危险环境的频繁程度 E"));
  SAFELOOP_RETURN_IF_ERROR(internal::CheckTableValue(input.c, kLecConsequenceValues, "c", "发生事故产生的后果 C"));
  return Status::Ok();
}

RiskLevel LecLevelForD(std::int64_t d100, LecBandVariant variant) {
  constexpr std::int64_t k320 = 32000, k160 = 16000, k70 = 7000;
  if (variant == LecBandVariant::kV1) {
    if (d100 > k320) return RiskLevel::kMajor;
    if (d100 > k160) return RiskLevel::kHigh;
    if (d100 > k70) return RiskLevel::kMedium;
    return RiskLevel::kLow;
  }
  if (d100 >= k320) return RiskLevel::kMajor;
  if (d100 >= k160) return RiskLevel::kHigh;
  if (d100 >= k70) return RiskLevel::kMedium;
  return RiskLevel::kLow;
}

int LecDangerGrade(std::int64_t d100) {
  if (d100 > 32000) return 1;
  if (d100 > 16000) return 2;
  if (d100 > 7000) return 3;
  if (d100 > 2000) return 4;
  return 5;
}

Result<LecScore> ScoreLec(const LecInput& input, LecBandVariant variant) {
  SAFELOOP_RETURN_IF_ERROR(ValidateLec(input));
  std::int64_t l10 = internal::TableTenths(input.l, kLecLikelihoodValues);
  std::int64_t e10 = internal::TableTenths(input.e, kLecExposureValues);
  std::int64_t c = std::llround(input.c);
  LecScore score;
  score.d_hundredths = l10 * e10 * c;  // (L×10)(E×10)C = D×100
  score.d = static_cast<double>(score.d_hundredths) / 100.0;
  score.danger_grade = LecDangerGrade(score.d_hundredths);
  score.level = LecLevelForD(score.d_hundredths, variant);
  return score;
}

std::string_view LecDangerGradeNameZh(int grade) {
  switch (grade) {
    case 1: return "极其危险";
    case 2: return "高度危险";
    case 3: return "显著危险";
    case 4: return "一般危险";
    case 5: return "稍有危险";
    default: return {};
  }
}

std::string_view LecBandVariantName(LecBandVariant variant) {
  return variant == LecBandVariant::kV1 ? "V1" : "V2";
}

std::optional<LecBandVariant> LecBandVariantFromName(std::string_view name) {
  if (name == "V1") return LecBandVariant::kV1;
  if (name == "V2") return LecBandVariant::kV2;
  return std::nullopt;
}

std::vector<Band> LecLevelBands(LecBandVariant variant) {
  // Written from the same table as LecLevelForD; a test proves both agree on every D.
  bool v1 = variant == LecBandVariant::kV1;
  return {
      {RiskLevel::kMajor, 320, !v1, std::nullopt, false},
      {RiskLevel::kHigh, 160, !v1, 320, v1},
      {RiskLevel::kMedium, 70, !v1, 160, v1},
      {RiskLevel::kLow, std::nullopt, false, 70, v1},
  };
}

std::vector<GradeBand> LecGradeBands() {
  return {
      {1, 320, false, std::nullopt, false}, {2, 160, false, 320, true}, {3, 70, false, 160, true},
      {4, 20, false, 70, true},             {5, std::nullopt, false, 20, true},
  };
}

std::vector<std::int64_t> LecReachableMilli() {
  std::vector<std::int64_t> out;
  for (double l : kLecLikelihoodValues) {
    for (double e : kLecExposureValues) {
      for (double c : kLecConsequenceValues) {
        // (L×10)(E×10)C = D×100, so ×10 more is D×1000.
        out.push_back(std::llround(l * 10) * std::llround(e * 10) * std::llround(c) * 10);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace safeloop::risk
