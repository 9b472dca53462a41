#include "safeloop/risk_domain/mes.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "table_values.hpp"

namespace safeloop::risk {
namespace {


// M and S are integers and E has one decimal, so (M)(E×10)(S) = R×10 exactly.
std::int64_t RTenths(const MesInput& input) {
  return internal::TableTenths(input.m, kMesControlValues) / 10 * internal::TableTenths(input.e, kMesExposureValues) *
         (internal::TableTenths(input.s, kMesSeverityValues) / 10);
}

}  // namespace

Status ValidateMes(const MesInput& input) {
  SAFELOOP_RETURN_IF_ERROR(internal::CheckTableValue(input.m, kMesControlValues, "m", "控制措施的状态 M"));
  SAFELOOP_RETURN_IF_ERROR(internal::CheckTableValue(input.e, kMesExposureValues, "e", "暴露或危险状态出现的频繁程度 E"));
  SAFELOOP_RETURN_IF_ERROR(internal::CheckTableValue(input.s, kMesSeverityValues, "s", "事故的可能后果 S"));
  return Status::Ok();
}

int MesGrade(std::int64_t r10) {
  // The printed ranges are 180+, 90–150, 50–80, 20–48, ≤18; no possible R lies between them, so each
  // band runs from its printed lower bound (inclusive) up to the next band.
  if (r10 >= 1800) return 1;
  if (r10 >= 900) return 2;
  if (r10 >= 500) return 3;
  if (r10 >= 200) return 4;
  return 5;
}

RiskLevel MesLevelForGrade(int grade) {
  switch (grade) {
    case 1: return RiskLevel::kMajor;
    case 2: return RiskLevel::kHigh;
    case 3: return RiskLevel::kMedium;
    case 4:
    case 5: return RiskLevel::kLow;
    default: return RiskLevel::kUnassessed;
  }
}

RiskLevel MesLevelForR(std::int64_t r10) { return MesLevelForGrade(MesGrade(r10)); }

std::string_view MesGradeNameZh(int grade) {
  switch (grade) {
    case 1: return "一级";
    case 2: return "二级";
    case 3: return "三级";
    case 4: return "四级";
    case 5: return "五级";
    default: return {};
  }
}

Result<MesScore> ScoreMes(const MesInput& input) {
  SAFELOOP_RETURN_IF_ERROR(ValidateMes(input));
  MesScore score;
  score.r_tenths = RTenths(input);
  score.r = static_cast<double>(score.r_tenths) / 10.0;
  score.grade = MesGrade(score.r_tenths);
  score.level = MesLevelForGrade(score.grade);
  return score;
}

Result<MesScore> ScoreMes(const MesInput& input, std::span<const Band> level_bands,
                          std::span<const GradeBand> grade_bands) {
  SAFELOOP_RETURN_IF_ERROR(ValidateMes(input));
  SAFELOOP_RETURN_IF_ERROR(ValidateMesBands(level_bands, grade_bands));
  MesScore score;
  score.r_tenths = RTenths(input);
  score.r = static_cast<double>(score.r_tenths) / 10.0;
  std::int64_t milli = score.r_tenths * (kMilliPerUnit / 10);
  // Validation proved every possible R lies in exactly one band.
  score.level = *LevelInBands(level_bands, milli);
  score.grade = grade_bands.empty() ? 0 : *GradeInBands(grade_bands, milli);
  return score;
}

std::vector<Band> MesLevelBands() {
  return {
      {RiskLevel::kMajor, 180, true, std::nullopt, false},
      {RiskLevel::kHigh, 90, true, 180, false},
      {RiskLevel::kMedium, 50, true, 90, false},
      {RiskLevel::kLow, std::nullopt, true, 50, false},
  };
}

std::vector<GradeBand> MesGradeBands() {
  return {
      {1, 180, true, std::nullopt, false}, {2, 90, true, 180, false}, {3, 50, true, 90, false},
      {4, 20, true, 50, false},            {5, std::nullopt, true, 20, false},
  };
}

std::vector<std::int64_t> MesReachableMilli() {
  std::vector<std::int64_t> out;
  for (double m : kMesControlValues) {
    for (double e : kMesExposureValues) {
      for (double s : kMesSeverityValues) out.push_back(RTenths({m, e, s}) * (kMilliPerUnit / 10));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Status ValidateMesBands(std::span<const Band> level_bands, std::span<const GradeBand> grade_bands) {
  std::vector<std::int64_t> reachable = MesReachableMilli();
  SAFELOOP_RETURN_IF_ERROR(ValidateLevelBands(level_bands, reachable, "level_bands", "R"));
  if (!grade_bands.empty()) {
    SAFELOOP_RETURN_IF_ERROR(ValidateGradeBands(grade_bands, reachable, "grade_bands", "R"));
  }
  return Status::Ok();
}

}  // namespace safeloop::risk
