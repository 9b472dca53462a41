#include "safeloop/core/china_date.hpp"

#include <cstdio>

namespace safeloop {
namespace {
std::string Format(std::chrono::sys_days date, const char* pattern) {
  std::chrono::year_month_day ymd(date);
  char buf[16];
  std::snprintf(buf, sizeof buf, pattern, static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}
}  // namespace

std::chrono::sys_days ChinaDateOf(TimePoint t) { return std::chrono::floor<std::chrono::days>(t + std::chrono::hours(8)); }

std::string FormatDate(std::chrono::sys_days date) { return Format(date, "%04d-%02u-%02u"); }

std::string FormatCompactDate(std::chrono::sys_days date) { return Format(date, "%04d%02u%02u"); }

}  // namespace safeloop
