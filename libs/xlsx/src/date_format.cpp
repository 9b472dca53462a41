#include "date_format.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace safeloop::xlsx {
namespace {

constexpr long long kSecondsPerDay = 86400;
// 1900 system serial of 1970-01-01, counting the phantom 1900-02-29.
constexpr long long kUnixEpochSerial1900 = 25569;
// 1904 system serial 0 is 1904-01-01, 24107 days before 1970-01-01.
constexpr long long kUnixEpochSerial1904 = 24107;
// 9999-12-31 is serial 2958465 in the 1900 system; Excel shows #### past it.
constexpr double kMaxSerial = 2958466;

std::string TwoDigits(long long n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02lld", n);
  return buf;
}

std::string IsoTime(long long seconds_of_day) {
  return TwoDigits(seconds_of_day / 3600) + ":" + TwoDigits(seconds_of_day / 60 % 60) + ":" +
         TwoDigits(seconds_of_day % 60);
}

std::string IsoDate(const std::chrono::year_month_day& ymd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace

DateKind BuiltinDateKind(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 ||
      id == 58) {
    return DateKind::kDate;
  }
  if (id == 22) return DateKind::kDateTime;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56) {
    return DateKind::kTime;
  }
  return DateKind::kNone;
}

DateKind ClassifyFormatCode(std::string_view code) {
  bool date = false;            // y or d
  bool time = false;            // h or s, or an elapsed [h]/[mm]/[ss]
  bool month_or_minute = false;  // m: a month beside dates, a minute beside h/s
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == ';') break;  // the first section is the one positive numbers use
    if (c == '"') {       // quoted literal: "年"
      auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {  // escaped, padding-width and fill characters are literals
      ++i;
      continue;
    }
    if (c == '[') {  // [Red], [$-804], [DBNum1] are decoration; [h], [mm], [ss] are elapsed time
      auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      std::string_view inner = code.substr(i + 1, close - i - 1);
      if (!inner.empty() && inner.find_first_not_of("hHmMsS") == std::string_view::npos) time = true;
      i = close;
      continue;
    }
    if ((c == 'A' || c == 'a') && (code.substr(i, 5) == "AM/PM" || code.substr(i, 5) == "am/pm")) {
      i += 4;
      continue;
    }
    switch (c) {
      case 'y': case 'Y': case 'd': case 'D': date = true; break;
      case 'h': case 'H': case 's': case 'S': time = true; break;
      case 'm': case 'M': month_or_minute = true; break;
      default: break;
    }
  }
  if (month_or_minute && !date && !time) date = true;  // "mmm": a month name
  if (date && time) return DateKind::kDateTime;
  if (date) return DateKind::kDate;
  if (time) return DateKind::kTime;
  return DateKind::kNone;
}

std::optional<std::string> FormatSerial(double serial, DateKind kind, bool date1904) {
  if (kind == DateKind::kNone || !std::isfinite(serial) || serial < 0 || serial >= kMaxSerial) return std::nullopt;
  long long total = std::llround(serial * static_cast<double>(kSecondsPerDay));
  long long day = total / kSecondsPerDay;
  long long seconds = total % kSecondsPerDay;
  if (kind == DateKind::kTime) return IsoTime(seconds);

  long long unix_day;
  if (date1904) {
    unix_day = day - kUnixEpochSerial1904;
  } else {
    if (day < 1) return std::nullopt;  // Excel shows "1900-01-00": no real date to give
    if (day == 60) return std::string("1900-02-29") + (kind == DateKind::kDateTime ? " " + IsoTime(seconds) : "");
    unix_day = day - kUnixEpochSerial1900 + (day < 60 ? 1 : 0);  // before the phantom day nothing is shifted
  }
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{unix_day}}};
  if (ymd.year() > std::chrono::year{9999}) return std::nullopt;
  std::string text = IsoDate(ymd);
  if (kind == DateKind::kDateTime) text += " " + IsoTime(seconds);
  return text;
}

}  // namespace safeloop::xlsx
