#pragma once
/// @file cell_ref.hpp
/// A1-style cell references: "C" <-> column 2, "AA12" <-> (row 12, column 26).

#include <optional>
#include <string>
#include <string_view>

namespace safeloop::xlsx {

/// Excel's largest sheet: 1,048,576 rows by 16,384 columns (A..XFD).
inline constexpr int kMaxRows = 1048576;
inline constexpr int kMaxColumns = 16384;

/// "A" for 0, "Z" for 25, "AA" for 26, "XFD" for 16383; "" for a negative index.
std::string ColumnLetter(int zero_based_index);

struct CellRef {
  int row = 0;     // 1-based
  int column = 0;  // 0-based
};

/// Parses "AA12" (letters then digits, either case, optional '$' markers); nullopt when malformed or outside
/// Excel's grid.
std::optional<CellRef> ParseCellRef(std::string_view text);

}  // namespace safeloop::xlsx
