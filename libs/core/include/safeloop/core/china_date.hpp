#pragma once
/// @file china_date.hpp
/// Calendar days as Chinese users mean them: China has one time zone (UTC+8) and no daylight saving, so a
/// day is the UTC instant plus 8 hours, floored. One definition for every service (certificates, document
/// dates, accident-type list versions).

#include <chrono>
#include <string>

#include "safeloop/core/clock.hpp"

namespace safeloop {

/// The calendar day of `t` in China.
std::chrono::sys_days ChinaDateOf(TimePoint t);
/// YYYY-MM-DD
std::string FormatDate(std::chrono::sys_days date);
/// YYYYMMDD (file names)
std::string FormatCompactDate(std::chrono::sys_days date);

}  // namespace safeloop
