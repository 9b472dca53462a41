#include "rfc3339.hpp"

#include <chrono>

namespace safeloop::gateway {
namespace {

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<TimePoint> ParseRfc3339(std::string_view s) {
  int year, month, day, hour, minute, second;
  if (!Digits(s, 0, 4, year) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2, month) || s[7] != '-' ||
      !Digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !Digits(s, 11, 2, hour) ||
      s[13] != ':' || !Digits(s, 14, 2, minute) || s[16] != ':' || !Digits(s, 17, 2, second)) {
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                  std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;

  std::size_t pos = 19;
  std::chrono::microseconds fraction{0};
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    std::int64_t micros = 0;
    int used = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (used < 6) {
        micros = micros * 10 + (s[pos] - '0');
        ++used;
      }
      ++pos;
    }
    if (pos == start) return std::nullopt;
    while (used++ < 6) micros *= 10;
    fraction = std::chrono::microseconds(micros);
  }
  std::chrono::minutes offset{0};
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !Digits(s, pos + 4, 2, om) ||
        oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = std::chrono::minutes((s[pos] == '+' ? 1 : -1) * (oh * 60 + om));
    pos += 6;
  } else {
    return std::nullopt;  // a time without an offset is ambiguous
  }
  if (pos != s.size()) return std::nullopt;

  auto days = std::chrono::sys_days(ymd);
  auto t = days + std::chrono::hours(hour) + std::chrono::minutes(minute) + std::chrono::seconds(second) + fraction -
           offset;
  return std::chrono::time_point_cast<TimePoint::duration>(t);
}

}  // namespace safeloop::gateway
