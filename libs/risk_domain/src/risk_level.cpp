#include "safeloop/risk_domain/risk_level.hpp"

namespace safeloop::risk {

std::string_view LevelNameZh(RiskLevel level) {
  switch (level) {
    case RiskLevel::kMajor: return "重大风险";
    case RiskLevel::kHigh: return "较大风险";
    case RiskLevel::kMedium: return "一般风险";
    case RiskLevel::kLow: return "低风险";
    case RiskLevel::kUnassessed: return "未评估";
  }
  return "未评估";
}

std::string_view ColorNameZh(RiskLevel level) {
  switch (level) {
    case RiskLevel::kMajor: return "红";
    case RiskLevel::kHigh: return "橙";
    case RiskLevel::kMedium: return "黄";
    case RiskLevel::kLow: return "蓝";
    case RiskLevel::kUnassessed: return "无";
  }
  return "无";
}

std::string_view ColorCode(RiskLevel level) {
  switch (level) {
    case RiskLevel::kMajor: return "red";
    case RiskLevel::kHigh: return "orange";
    case RiskLevel::kMedium: return "yellow";
    case RiskLevel::kLow: return "blue";
    case RiskLevel::kUnassessed: return "none";
  }
  return "none";
}

std::string_view ColorHex(RiskLevel level) {
  switch (level) {
    case RiskLevel::kMajor: return "#E53935";
    case RiskLevel::kHigh: return "#FB8C00";
    case RiskLevel::kMedium: return "#FDD835";
    case RiskLevel::kLow: return "#1E88E5";
    case RiskLevel::kUnassessed: return "#BDBDBD";
  }
  return "#BDBDBD";
}

std::optional<RiskLevel> RiskLevelFromCode(int code) {
  if (code < 0 || code > 4) return std::nullopt;
  return static_cast<RiskLevel>(code);
}

RiskLevel Stricter(RiskLevel a, RiskLevel b) {
  if (a == RiskLevel::kUnassessed) return b;
  if (b == RiskLevel::kUnassessed) return a;
  return static_cast<int>(a) < static_cast<int>(b) ? a : b;
}

RiskLevel Highest(std::span<const RiskLevel> levels) {
  RiskLevel out = RiskLevel::kUnassessed;
  for (RiskLevel l : levels) out = Stricter(out, l);
  return out;
}

}  // namespace safeloop::risk
