#include "safeloop/risk_domain/lec.hpp"

#include <cmath>
#include <sstream>
#include <span>

namespace safeloop::risk {
namespace {

// Tenths of a table value, or -1 when not in the table (tolerates binary noise like 0.1000000001).
std::int64_t TableTenths(double value, std::span<const double> table) {
  if (!std::isfinite(value)) return -1;
  for (double allowed : table) {
    if (std::fabs(value - allowed) < 1e-9) return std::llround(allowed * 10);
  }
  return -1;
}

std::string AllowedList(std::span<const double> table) {
  std::ostringstream out;
  for (std::size_t i = 0; i < table.size(); ++i) out << (i ? ", " : "") << table[i];
  return out.str();
}

Status CheckField(double value, std::span<const double> table, const char* field, const char* meaning) {
  if (TableTenths(value, table) >= 0) return Status::Ok();
  std::ostringstream msg;
  msg << field << " (" << meaning << ") must be one of " << AllowedList(table) << "; got " << value;
  return InvalidArgument(msg.str(), field);
}

}  // namespace

Status ValidateLec(const LecInput& input) {
  SAFELOOP_RETURN_IF_ERROR(CheckField(input.l, kLecLikelihoodValues, "l", "事故发生的可能性 L"));
  SAFELOOP_RETURN_IF_ERROR(CheckField(input.e, kLecExposureValues, "e", "暴露于危险环境的频繁程度 E"));
  SAFELOOP_RETURN_IF_ERROR(CheckField(input.c, kLecConsequenceValues, "c", "发生事故产生的后果 C"));
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
  std::int64_t l10 = TableTenths(input.l, kLecLikelihoodValues);
  std::int64_t e10 = TableTenths(input.e, kLecExposureValues);
  std::int64_t c = std::llround(input.c);
  LecScore score;
  score.d_hundredths = l10 * e10 * c;  // (L×10)(E×10)C = D×100
  score.d = static_cast<double>(score.d_hundredths) / 100.0;
  score.danger_grade = LecDangerGrade(score.d_hundredths);
  score.level = LecLevelForD(score.d_hundredths, variant);
  return score;
}

}  // namespace safeloop::risk
