#pragma once
// Private helpers for the value tables of LEC and MES: exact lookups and the error naming the allowed values.

#include <cmath>
#include <cstdint>
#include <span>
#include <sstream>

#include "safeloop/core/status.hpp"

namespace safeloop::risk::internal {

// Tenths of a table value, or -1 when not in the table (tolerates binary noise like 0.1000000001).
inline std::int64_t TableTenths(double value, std::span<const double> table) {
  if (!std::isfinite(value)) return -1;
  for (double allowed : table) {
    if (std::fabs(value - allowed) < 1e-9) return std::llround(allowed * 10);
  }
  return -1;
}

// OK when `value` is in `table`; else INVALID_ARGUMENT naming the field, its meaning and the allowed values.
inline Status CheckTableValue(double value, std::span<const double> table, const char* field, const char* meaning) {
  if (TableTenths(value, table) >= 0) return Status::Ok();
  std::ostringstream msg;
  msg << field << " (" << meaning << ") must be one of ";
  for (std::size_t i = 0; i < table.size(); ++i) msg << (i ? ", " : "") << table[i];
  msg << "; got " << value;
  return InvalidArgument(msg.str(), field);
}

}  // namespace safeloop::risk::internal
