#pragma once
/// @file writer.hpp
/// Writes .xlsx files for template downloads and exports: a bold, filled, frozen header row, column widths,
/// dropdowns, header notes and text-formatted ID columns. Printable documents (ledgers, forms) may also style
/// cells, merge ranges, set row heights, place pictures and set up printing; all of that is optional and off
/// by default.

#include <cstdint>
#include <optional>
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

/// Horizontal alignment of a styled cell (kGeneral: Excel's default, text left and numbers right).
enum class HorizontalAlign { kGeneral, kLeft, kCenter, kRight };

/// How a cell looks. Cells with equal styles share one Excel format.
struct CellStyle {
  bool bold = false;
  double font_size = 0;  // points; 0 keeps Excel's default (11)
  HorizontalAlign align = HorizontalAlign::kGeneral;
  bool vertical_center = false;       // false: Excel's default, text at the bottom of the cell
  bool wrap = false;                  // wrap long text inside the column width
  bool border = false;                // a thin black line on all four sides
  std::optional<std::uint32_t> fill;  // solid background, 0xRRGGBB

  friend bool operator==(const CellStyle&, const CellStyle&) = default;
};

/// Cells shown as one: zero-based sheet rows and columns (A1 is 0,0; row 0 is the header row when `columns`
/// is set), both ends included, at least two cells. The merged cell shows the top-left cell's value and style;
/// every other cell of the range must be empty.
struct MergeRange {
  int first_row = 0;
  int first_column = 0;
  int last_row = 0;
  int last_column = 0;
};

/// A picture (PNG, JPEG, GIF or BMP file) floating over the sheet, its top-left corner in cell (row, column)
/// (zero-based sheet coordinates), moved right and down by the offsets in pixels.
struct ImageSpec {
  int row = 0;
  int column = 0;
  std::string path;
  int x_offset = 0;
  int y_offset = 0;
  double scale = 1;  // 1 = the picture's own size
};

/// How the sheet prints (or exports to PDF from Excel / WPS). The paper is always A4.
struct PrintSetup {
  bool landscape = false;
  bool fit_to_width = true;         // shrink so every column fits on one page wide (rows may take many pages)
  bool center_horizontally = true;  // centre the table between the left and right margins
  /// Zero-based sheet rows printed at the top of every page (a table's header rows); -1 for none.
  int repeat_first_row = -1;
  int repeat_last_row = -1;
  /// Excel page footer with its codes, e.g. "&C第 &P 页 共 &N 页"; empty for none. At most 255 characters.
  std::string footer;
};

struct SheetSpec {
  std::string name;                 // at most 31 characters, none of []:*?/\ ; Chinese is fine
  std::vector<ColumnSpec> columns;  // empty: no header row, rows start at row 1
  std::vector<std::vector<CellValue>> rows;
  bool freeze_header = true;

  // Optional layout for printable documents; the defaults leave a plain sheet.

  /// Widths (Excel character units, 0..255) of columns A, B, ... where no ColumnSpec gives one.
  std::vector<double> column_widths;
  /// `styles[r][c]` is how `rows[r][c]` looks; a missing entry keeps the default look. A style on a cell with
  /// no value still shows (borders and fills of empty cells).
  std::vector<std::vector<CellStyle>> styles;
  /// Merged ranges; they must not overlap.
  std::vector<MergeRange> merges;
  /// Row heights in points (0..409) by zero-based sheet row; 0 or past the end leaves the height to Excel.
  std::vector<double> row_heights;
  /// > 0: freeze this many top rows (instead of the single header row of `freeze_header`).
  int freeze_rows = 0;
  std::vector<ImageSpec> images;
  std::optional<PrintSetup> print;
};

/// The .xlsx bytes of `sheets` in order (the first is the active one). An instructions sheet ("说明") is
/// just another SheetSpec. INVALID_ARGUMENT (with the sheet and cell in the message) for a bad sheet name,
/// a duplicate name, text longer than Excel's 32,767 characters, invalid UTF-8 or a NaN/infinite number,
/// and for layout Excel would refuse or repair: overlapping or one-cell merges, a value under a merge, a
/// style, width, height, picture or print setting out of range, a picture file that cannot be read;
/// INTERNAL when the temporary file cannot be written or read back.
Result<std::string> WriteWorkbook(const std::vector<SheetSpec>& sheets);

}  // namespace safeloop::xlsx
