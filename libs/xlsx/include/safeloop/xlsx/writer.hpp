#pragma once
/// @file writer.hpp
/// Writes .xlsx files for template downloads and exports: a bold, filled, frozen header row, column widths,
/// dropdowns, header notes and text-formatted ID columns.

#include <string>
#include <variant>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::xlsx {

/// A cell to write: empty, text, or a number (pass integers as double; exact up to 2^53).
using CellValue = std::variant<std::monostate, std::string, double>;

struct ColumnSpec {
  std::string header;  // e.g. "姓名*" (a trailing "*" marks a required column; HeaderMap accepts it)
  double width = 16;   // in Excel character units
  /// Non-empty: a dropdown (list validation) on every data row of the column; other values are refused by Excel.
  std::vector<std::string> allowed_values;
  /// Non-empty: a note (comment) on the header cell explaining what to enter.
  std::string note;
  /// Format the column as text ("@") so IDs and phone numbers typed into it stay text (no "1.38E+10", no lost
  /// leading zeros). Numbers written to a text column are written as their text.
  bool text = false;
};

struct SheetSpec {
  std::string name;                 // at most 31 characters, none of []:*?/\ ; Chinese is fine
  std::vector<ColumnSpec> columns;  // empty: no header row, rows start at row 1
  std::vector<std::vector<CellValue>> rows;
  bool freeze_header = true;
};

/// The .xlsx bytes of `sheets` in order (the first is the active one). An instructions sheet ("说明") is
/// just another SheetSpec. INVALID_ARGUMENT (with the sheet and cell in the message) for a bad sheet name,
/// a duplicate name, text longer than Excel's 32,767 characters, invalid UTF-8 or a NaN/infinite number;
/// INTERNAL when the temporary file cannot be written or read back.
Result<std::string> WriteWorkbook(const std::vector<SheetSpec>& sheets);

}  // namespace safeloop::xlsx
