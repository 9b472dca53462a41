#pragma once
/// @file risk_level.hpp
/// The four national risk levels and their colours (standards.md §1.1). Numbers equal the national level
/// codes and the proto enum values; a lower number is a higher risk. 0 means "not assessed".

#include <optional>
#include <span>
#include <string_view>

namespace safeloop::risk {

enum class RiskLevel : int {
  kUnassessed = 0,
  kMajor = 1,   // 重大风险, red
  kHigh = 2,    // 较大风险, orange
  kMedium = 3,  // 一般风险, yellow
  kLow = 4,     // 低风险, blue
};

/// 重大风险 / 较大风险 / 一般风险 / 低风险 / 未评估
std::string_view LevelNameZh(RiskLevel level);
/// 红 / 橙 / 黄 / 蓝 / 无
std::string_view ColorNameZh(RiskLevel level);
/// red / orange / yellow / blue / none (API and CSS vocabulary)
std::string_view ColorCode(RiskLevel level);
/// #E53935 / #FB8C00 / #FDD835 / #1E88E5 / #BDBDBD
std::string_view ColorHex(RiskLevel level);

/// The level from an integer code 0..4; nullopt otherwise.
std::optional<RiskLevel> RiskLevelFromCode(int code);

/// "Judge from the stricter side" (从严从高): the higher of two levels; unassessed never wins.
RiskLevel Stricter(RiskLevel a, RiskLevel b);
/// The highest level among several (an area from its points, a point from its hazards).
RiskLevel Highest(std::span<const RiskLevel> levels);

}  // namespace safeloop::risk
