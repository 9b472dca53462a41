#include "safeloop/risk_domain/ls.hpp"

#include <algorithm>
#include <sstream>

namespace safeloop::risk {
namespace {

Status CheckField(int value, std::span<const int> table, const char* field, const char* meaning) {
  if (std::find(table.begin(), table.end(), value) != table.end()) return Status::Ok();
  std::ostringstream msg;
  msg << field << " (" << meaning << ") must be one of ";
  for (std::size_t i = 0; i < table.size(); ++i) msg << (i ? ", " : "") << table[i];
  msg << "; got " << value;
  return InvalidArgument(msg.str(), field);
}

std::vector<std::int64_t> ReachableMilli() {
  std::vector<std::int64_t> out;
  for (int r : kLsPossibleR) out.push_back(r * kMilliPerUnit);
  return out;
}

}  // namespace

Status ValidateLs(const LsInput& input) {
  SAFELOOP_RETURN_IF_ERROR(CheckField(input.l, kLsLikelihoodValues, "l", "事故发生的可能性 L"));
  SAFELOOP_RETURN_IF_ERROR(CheckField(input.s, kLsSeverityValues, "s", "事故后果严重性 S"));
  return Status::Ok();
}

RiskLevel LsLevelForR(int r, LsBandVariant variant) {
  // The lower bound of each band in §1.3; every possible R between two bands' printed ranges is absent.
  switch (variant) {
    case LsBandVariant::kA:
      if (r >= 20) return RiskLevel::kMajor;
      if (r >= 15) return RiskLevel::kHigh;
      if (r >= 9) return RiskLevel::kMedium;
      return RiskLevel::kLow;
    case LsBandVariant::kB:
      if (r >= 17) return RiskLevel::kMajor;
      if (r >= 11) return RiskLevel::kHigh;
      if (r >= 5) return RiskLevel::kMedium;
      return RiskLevel::kLow;
    case LsBandVariant::kC:
      if (r >= 20) return RiskLevel::kMajor;
      if (r >= 9) return RiskLevel::kHigh;
      if (r >= 4) return RiskLevel::kMedium;
      return RiskLevel::kLow;
  }
  return RiskLevel::kUnassessed;
}

int LsGrade(int r) {
  if (r >= 20) return 1;
  if (r >= 15) return 2;
  if (r >= 9) return 3;
  if (r >= 4) return 4;
  return 5;
}

Result<LsScore> ScoreLs(const LsInput& input, LsBandVariant variant) {
  SAFELOOP_RETURN_IF_ERROR(ValidateLs(input));
  LsScore score;
  score.r = input.l * input.s;
  score.level = LsLevelForR(score.r, variant);
  // Only variant A defines five grades (DB37/T 2882); B and C map straight to the four levels.
  score.grade = variant == LsBandVariant::kA ? LsGrade(score.r) : 0;
  return score;
}

Result<LsScore> ScoreLs(const LsInput& input, std::span<const Band> level_bands,
                        std::span<const GradeBand> grade_bands) {
  SAFELOOP_RETURN_IF_ERROR(ValidateLs(input));
  SAFELOOP_RETURN_IF_ERROR(ValidateLsBands(level_bands, grade_bands));
  LsScore score;
  score.r = input.l * input.s;
  // Validation proved every possible R lies in exactly one band.
  score.level = *LevelInBands(level_bands, score.r * kMilliPerUnit);
  score.grade = grade_bands.empty() ? 0 : *GradeInBands(grade_bands, score.r * kMilliPerUnit);
  return score;
}

std::string_view LsBandVariantName(LsBandVariant variant) {
  switch (variant) {
    case LsBandVariant::kA: return "A";
    case LsBandVariant::kB: return "B";
    case LsBandVariant::kC: return "C";
  }
  return "A";
}

std::optional<LsBandVariant> LsBandVariantFromName(std::string_view name) {
  if (name == "A") return LsBandVariant::kA;
  if (name == "B") return LsBandVariant::kB;
  if (name == "C") return LsBandVariant::kC;
  return std::nullopt;
}

std::vector<Band> LsLevelBands(LsBandVariant variant) {
  // Half-open from each printed lower bound, so the bands also hold for enterprise value tables with
  // decimals; over the 14 possible R they equal the printed closed ranges.
  struct Edges {
    int major, high, medium;
  };
  Edges e = {20, 15, 9};
  if (variant == LsBandVariant::kB) e = {17, 11, 5};
  if (variant == LsBandVariant::kC) e = {20, 9, 4};
  return {
      {RiskLevel::kMajor, e.major, true, std::nullopt, false},
      {RiskLevel::kHigh, e.high, true, e.major, false},
      {RiskLevel::kMedium, e.medium, true, e.high, false},
      {RiskLevel::kLow, std::nullopt, true, e.medium, false},
  };
}

std::vector<GradeBand> LsGradeBands() {
  return {
      {1, 20, true, std::nullopt, false}, {2, 15, true, 20, false}, {3, 9, true, 15, false},
      {4, 4, true, 9, false},             {5, std::nullopt, true, 4, false},
  };
}

Status ValidateLsBands(std::span<const Band> level_bands, std::span<const GradeBand> grade_bands) {
  std::vector<std::int64_t> reachable = ReachableMilli();
  SAFELOOP_RETURN_IF_ERROR(ValidateLevelBands(level_bands, reachable, "level_bands", "R"));
  if (!grade_bands.empty()) {
    SAFELOOP_RETURN_IF_ERROR(ValidateGradeBands(grade_bands, reachable, "grade_bands", "R"));
  }
  return Status::Ok();
}

}  // namespace safeloop::risk
