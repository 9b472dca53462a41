#pragma once
/// @file sheet_reader.hpp
/// Turns one worksheet part (xl/worksheets/sheetN.xml) into rows of cell text.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "date_format.hpp"
#include "safeloop/core/status.hpp"
#include "safeloop/xlsx/workbook.hpp"

namespace safeloop::xlsx {

/// What the workbook knows that a sheet's cells refer to.
struct SheetContext {
  const std::vector<std::string>& shared_strings;
  const std::vector<DateKind>& date_styles;  // by cell style index
  bool date1904 = false;
  std::size_t max_rows = 0;
};

/// Appends the non-empty rows of the worksheet XML `xml` (part name `part`, for messages) to `sheet.rows`.
/// `cells_left` is the workbook-wide cell budget (gaps in sparse rows count); it is decreased, and running out
/// is INVALID_ARGUMENT, as are more than `max_rows` rows, malformed XML and malformed cell references.
/// `xml` is used as scratch space.
Status ReadSheetRows(std::string& xml, std::string_view part, const SheetContext& context, Sheet& sheet,
                     std::size_t& cells_left);

}  // namespace safeloop::xlsx
