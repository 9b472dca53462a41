#pragma once
/// @file date_format.hpp
/// Excel stores dates as numbers (days since 1900 or 1904) and marks them only through the cell's number
/// format; this file recognises date formats and turns serials into ISO text.

#include <optional>
#include <string>
#include <string_view>

namespace safeloop::xlsx {

enum class DateKind {
  kNone,      // not a date: print the number
  kDate,      // "YYYY-MM-DD"
  kDateTime,  // "YYYY-MM-DD HH:MM:SS"
  kTime,      // "HH:MM:SS"
};

/// The kind of a built-in number format id (ECMA-376 §18.8.30 plus the zh-CN locale ids 27-36, 50-58).
DateKind BuiltinDateKind(int num_fmt_id);

/// The kind of a custom format code: date tokens (y, d, m without h/s around it) and time tokens (h, s),
/// ignoring quoted literals, escapes, [colour]/[$-804] sections and AM/PM markers.
/// "yyyy\"年\"m\"月\"d\"日\"" -> kDate, "yyyy-mm-dd hh:mm" -> kDateTime, "0.00%" -> kNone.
DateKind ClassifyFormatCode(std::string_view code);

/// ISO text of `serial` in the 1900 date system (with Lotus' phantom 1900-02-29, serial 60) or the 1904 one;
/// seconds are rounded. nullopt outside 0001..9999 or before the system's first day (then print the number).
std::optional<std::string> FormatSerial(double serial, DateKind kind, bool date1904);

}  // namespace safeloop::xlsx
