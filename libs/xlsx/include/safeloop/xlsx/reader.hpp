#pragma once
/// @file reader.hpp
/// Reads an uploaded .xlsx (bytes in memory) into plain cell text.
///
/// Every cell comes back as the text a person would type to get it: shared/inline/rich strings joined,
/// numbers without a trailing ".0" or exponent ("13800138000"), booleans "TRUE"/"FALSE", formulas as their
/// cached value, and numbers in a date/time style as ISO text ("2024-03-01", "2024-03-01 08:30:00",
/// "08:30:00" — the cell's format decides which, as Excel shows it). Other number formats (percent,
/// decimals) are ignored: the stored value is returned. A leading UTF-8 BOM is stripped; nothing is trimmed.

#include <cstddef>
#include <string_view>

#include "safeloop/core/status.hpp"
#include "safeloop/xlsx/workbook.hpp"

namespace safeloop::xlsx {

/// Bounds that keep a hostile upload (zip bomb, a cell at XFD1048576 in every row) from exhausting memory.
/// For scale: 100,000 rows of 20 short columns are about 75 MB of sheet XML; reading holds the inflated XML
/// plus the result (about 200 MB for that sheet), as rows are parsed a slice at a time.
struct ReadLimits {
  std::size_t max_uncompressed_bytes = 64u << 20;  // all parts read, after inflation
  std::size_t max_rows_per_sheet = 100000;          // non-empty rows, a header row included
  std::size_t max_cells = 4000000;                  // all sheets, counting the gaps that sparse rows pad
};

/// INVALID_ARGUMENT "not an .xlsx workbook ..." for anything that is not an OOXML spreadsheet (garbage,
/// an .xls, a password-protected file, a zip without xl/workbook.xml), and INVALID_ARGUMENT naming the
/// limit when one is exceeded; `field` is "file" in both cases.
Result<Workbook> ReadWorkbook(std::string_view xlsx_bytes, const ReadLimits& limits = {});

}  // namespace safeloop::xlsx
