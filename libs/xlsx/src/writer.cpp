#include "safeloop/xlsx/writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "number_format.hpp"
#include "safeloop/xlsx/cell_ref.hpp"
#include "temp_file.hpp"
#include "text.hpp"

namespace safeloop::xlsx {
namespace {

constexpr std::size_t kMaxCellChars = 32767;
// Excel caps an inline dropdown list ("a,b,c") at 255 characters; longer lists live on a hidden sheet.
constexpr std::size_t kMaxInlineListBytes = 255;
constexpr const char* kListSheetName = "_safeloop_lists";
constexpr lxw_color_t kHeaderFill = 0xDDEBF7;
// Excel's own bounds for what the layout fields set.
constexpr double kMaxColumnWidth = 255;
constexpr double kMaxRowHeight = 409;
constexpr double kMaxFontSize = 409;
constexpr std::size_t kMaxFooterChars = 255;
constexpr std::uint8_t kPaperA4 = 9;

Status Bad(const SheetSpec& sheet, const std::string& where, const std::string& problem) {
  return InvalidArgument("xlsx: sheet '" + sheet.name + "' " + where + ": " + problem, "sheets");
}

Status CheckText(const SheetSpec& sheet, const std::string& where, const std::string& text) {
  if (!IsValidUtf8(text)) return Bad(sheet, where, "text is not valid UTF-8");
  if (Utf8Length(text) > kMaxCellChars) return Bad(sheet, where, "text is longer than 32767 characters");
  return Status::Ok();
}

std::string CellName(std::size_t row_index, std::size_t column) {
  return "cell " + ColumnLetter(static_cast<int>(column)) + std::to_string(row_index + 1);
}

std::string RangeName(const MergeRange& range) {
  return ColumnLetter(range.first_column) + std::to_string(range.first_row + 1) + ":" +
         ColumnLetter(range.last_column) + std::to_string(range.last_row + 1);
}

bool IsEmpty(const CellValue& cell) {
  if (std::holds_alternative<std::monostate>(cell)) return true;
  const auto* text = std::get_if<std::string>(&cell);
  return text != nullptr && text->empty();
}

// Whether zero-based sheet position (row, column) holds a value, from the header row or `rows`.
bool HasValue(const SheetSpec& sheet, int row, int column) {
  int header_rows = sheet.columns.empty() ? 0 : 1;
  if (row < header_rows) {
    return static_cast<std::size_t>(column) < sheet.columns.size() &&
           !sheet.columns[static_cast<std::size_t>(column)].header.empty();
  }
  auto r = static_cast<std::size_t>(row - header_rows);
  if (r >= sheet.rows.size() || static_cast<std::size_t>(column) >= sheet.rows[r].size()) return false;
  return !IsEmpty(sheet.rows[r][static_cast<std::size_t>(column)]);
}

Status CheckMerges(const SheetSpec& sheet) {
  std::vector<const MergeRange*> sorted;
  for (const MergeRange& range : sheet.merges) {
    bool inside = range.first_row >= 0 && range.first_column >= 0 && range.first_row <= range.last_row &&
                  range.first_column <= range.last_column && range.last_row < kMaxRows &&
                  range.last_column < kMaxColumns;
    if (!inside) {
      return Bad(sheet, "merge", "rows " + std::to_string(range.first_row) + ".." + std::to_string(range.last_row) +
                                     ", columns " + std::to_string(range.first_column) + ".." +
                                     std::to_string(range.last_column) + " are not a range inside the sheet");
    }
    if (range.first_row == range.last_row && range.first_column == range.last_column) {
      return Bad(sheet, "merge " + RangeName(range), "a merge needs at least two cells");
    }
    sorted.push_back(&range);
  }
  // Excel "repairs" (drops) overlapping merges when opening, and libxlsxwriter 1.1.4 does not check.
  std::sort(sorted.begin(), sorted.end(),
            [](const MergeRange* a, const MergeRange* b) { return a->first_row < b->first_row; });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    for (std::size_t j = i + 1; j < sorted.size() && sorted[j]->first_row <= sorted[i]->last_row; ++j) {
      if (sorted[j]->first_column <= sorted[i]->last_column && sorted[i]->first_column <= sorted[j]->last_column) {
        return Bad(sheet, "merge " + RangeName(*sorted[j]), "overlaps merge " + RangeName(*sorted[i]));
      }
    }
  }
  // Excel keeps only the top-left value; anything else under a merge would silently disappear.
  int header_rows = sheet.columns.empty() ? 0 : 1;
  int data_rows = static_cast<int>(sheet.rows.size()) + header_rows;
  for (const MergeRange& range : sheet.merges) {
    // Only cells that exist can hold a value: a big merge is scanned where there are rows and cells.
    for (int row = range.first_row; row <= std::min(range.last_row, data_rows - 1); ++row) {
      std::size_t length = row < header_rows ? sheet.columns.size()
                                             : sheet.rows[static_cast<std::size_t>(row - header_rows)].size();
      int last = std::min(range.last_column, static_cast<int>(length) - 1);
      for (int column = range.first_column; column <= last; ++column) {
        if ((row != range.first_row || column != range.first_column) && HasValue(sheet, row, column)) {
          return Bad(sheet, "cell " + ColumnLetter(column) + std::to_string(row + 1),
                     "holds a value but lies under merge " + RangeName(range) + " (only its top-left cell shows)");
        }
      }
    }
  }
  return Status::Ok();
}

Status CheckLayout(const SheetSpec& sheet) {
  if (sheet.column_widths.size() > static_cast<std::size_t>(kMaxColumns)) {
    return Bad(sheet, "column widths", "more than 16384");
  }
  for (std::size_t c = 0; c < sheet.column_widths.size(); ++c) {
    double width = sheet.column_widths[c];
    if (!(width >= 0 && width <= kMaxColumnWidth)) {
      return Bad(sheet, "column " + ColumnLetter(static_cast<int>(c)) + " width", "must be between 0 and 255");
    }
  }
  if (sheet.styles.size() > sheet.rows.size()) return Bad(sheet, "styles", "more style rows than rows");
  for (std::size_t r = 0; r < sheet.styles.size(); ++r) {
    if (sheet.styles[r].size() > static_cast<std::size_t>(kMaxColumns)) {
      return Bad(sheet, "styles of row " + std::to_string(r + 1), "more than 16384 cells");
    }
    std::size_t header_rows = sheet.columns.empty() ? 0 : 1;
    for (std::size_t c = 0; c < sheet.styles[r].size(); ++c) {
      const CellStyle& style = sheet.styles[r][c];
      if (style.fill && *style.fill > 0xFFFFFFu) {
        return Bad(sheet, CellName(r + header_rows, c) + " style", "fill must be 0xRRGGBB");
      }
      if (!(style.font_size >= 0 && style.font_size <= kMaxFontSize)) {
        return Bad(sheet, CellName(r + header_rows, c) + " style", "font size must be between 0 and 409 points");
      }
    }
  }
  SAFELOOP_RETURN_IF_ERROR(CheckMerges(sheet));
  if (sheet.row_heights.size() > static_cast<std::size_t>(kMaxRows)) return Bad(sheet, "row heights", "too many");
  for (std::size_t r = 0; r < sheet.row_heights.size(); ++r) {
    double height = sheet.row_heights[r];
    if (!(height >= 0 && height <= kMaxRowHeight)) {
      return Bad(sheet, "row " + std::to_string(r + 1) + " height", "must be between 0 and 409 points");
    }
  }
  if (sheet.freeze_rows < 0 || sheet.freeze_rows >= kMaxRows) return Bad(sheet, "freeze_rows", "out of range");
  for (std::size_t i = 0; i < sheet.images.size(); ++i) {
    const ImageSpec& image = sheet.images[i];
    std::string where = "picture " + std::to_string(i + 1);
    if (image.row < 0 || image.row >= kMaxRows || image.column < 0 || image.column >= kMaxColumns) {
      return Bad(sheet, where, "its cell is outside the sheet");
    }
    if (!(std::isfinite(image.scale) && image.scale > 0)) return Bad(sheet, where, "scale must be positive");
    if (image.x_offset < 0 || image.y_offset < 0) return Bad(sheet, where, "offsets must not be negative");
    if (image.path.empty() || !IsValidUtf8(image.path)) return Bad(sheet, where, "needs a file path");
    // libxlsxwriter would only print a warning to stderr; say which file instead.
    if (!std::ifstream(image.path, std::ios::binary)) return Bad(sheet, where, "cannot read " + image.path);
  }
  if (sheet.print) {
    const PrintSetup& print = *sheet.print;
    bool no_repeat = print.repeat_first_row == -1 && print.repeat_last_row == -1;
    bool repeat_ok = print.repeat_first_row >= 0 && print.repeat_first_row <= print.repeat_last_row &&
                     print.repeat_last_row < kMaxRows;
    if (!no_repeat && !repeat_ok) return Bad(sheet, "print setup", "repeated rows are not a range of rows");
    SAFELOOP_RETURN_IF_ERROR(CheckText(sheet, "print footer", print.footer));
    if (Utf8Length(print.footer) > kMaxFooterChars) return Bad(sheet, "print footer", "longer than 255 characters");
  }
  return Status::Ok();
}

// Everything Excel or libxlsxwriter would reject, found before a file is written.
Status CheckSheet(const SheetSpec& sheet) {
  if (!IsValidUtf8(sheet.name)) return InvalidArgument("xlsx: a sheet name is not valid UTF-8", "sheets");
  std::size_t header_rows = sheet.columns.empty() ? 0 : 1;
  if (sheet.columns.size() > static_cast<std::size_t>(kMaxColumns)) return Bad(sheet, "columns", "more than 16384");
  if (sheet.rows.size() + header_rows > static_cast<std::size_t>(kMaxRows)) {
    return Bad(sheet, "rows", "more than Excel's 1048576 rows");
  }
  for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
    const ColumnSpec& column = sheet.columns[c];
    std::string where = "column " + ColumnLetter(static_cast<int>(c));
    SAFELOOP_RETURN_IF_ERROR(CheckText(sheet, where + " header", column.header));
    SAFELOOP_RETURN_IF_ERROR(CheckText(sheet, where + " note", column.note));
    for (const std::string& value : column.allowed_values) {
      SAFELOOP_RETURN_IF_ERROR(CheckText(sheet, where + " allowed value", value));
      if (value.empty()) return Bad(sheet, where, "an allowed value is empty");
    }
  }
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    if (sheet.rows[r].size() > static_cast<std::size_t>(kMaxColumns)) {
      return Bad(sheet, "row " + std::to_string(r + header_rows + 1), "more than 16384 cells");
    }
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const CellValue& cell = sheet.rows[r][c];
      if (const auto* text = std::get_if<std::string>(&cell)) {
        SAFELOOP_RETURN_IF_ERROR(CheckText(sheet, CellName(r + header_rows, c), *text));
      } else if (const auto* number = std::get_if<double>(&cell); number && !std::isfinite(*number)) {
        return Bad(sheet, CellName(r + header_rows, c), "a number must be finite");
      }
    }
  }
  return CheckLayout(sheet);
}

Status LxwStatus(lxw_error error, const SheetSpec& sheet, const std::string& what) {
  if (error == LXW_NO_ERROR) return Status::Ok();
  return Bad(sheet, what, lxw_strerror(error));
}

// Closes the workbook on every path: libxlsxwriter frees it only in workbook_close.
class WorkbookHandle {
 public:
  explicit WorkbookHandle(lxw_workbook* workbook) : workbook_(workbook) {}
  ~WorkbookHandle() {
    if (workbook_ != nullptr) workbook_close(workbook_);
  }
  WorkbookHandle(const WorkbookHandle&) = delete;
  WorkbookHandle& operator=(const WorkbookHandle&) = delete;
  lxw_workbook* get() const { return workbook_; }
  lxw_error Close() {
    lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    return error;
  }

 private:
  lxw_workbook* workbook_;
};

struct Formats {
  lxw_format* header;
  lxw_format* text;
};

// One Excel format per distinct (style, text column) pair: workbooks have a limit of about 64,000 formats, and
// a ledger of thousands of cells uses a handful of looks.
class FormatCache {
 public:
  FormatCache(lxw_workbook* workbook, lxw_format* text) : workbook_(workbook), text_(text) {}

  /// nullptr for the default look.
  lxw_format* Get(const CellStyle& style, bool text_column) {
    if (style == CellStyle{}) return text_column ? text_ : nullptr;
    for (const Entry& entry : entries_) {
      if (entry.text_column == text_column && entry.style == style) return entry.format;
    }
    lxw_format* format = workbook_add_format(workbook_);
    if (style.bold) format_set_bold(format);
    if (style.font_size > 0) format_set_font_size(format, style.font_size);
    switch (style.align) {
      case HorizontalAlign::kGeneral: break;
      case HorizontalAlign::kLeft: format_set_align(format, LXW_ALIGN_LEFT); break;
      case HorizontalAlign::kCenter: format_set_align(format, LXW_ALIGN_CENTER); break;
      case HorizontalAlign::kRight: format_set_align(format, LXW_ALIGN_RIGHT); break;
    }
    if (style.vertical_center) format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
    if (style.wrap) format_set_text_wrap(format);
    if (style.border) format_set_border(format, LXW_BORDER_THIN);
    if (style.fill) {
      format_set_bg_color(format, *style.fill);
      format_set_pattern(format, LXW_PATTERN_SOLID);
    }
    if (text_column) format_set_num_format(format, "@");
    entries_.push_back({style, text_column, format});
    return format;
  }

 private:
  struct Entry {
    CellStyle style;
    bool text_column;
    lxw_format* format;
  };
  lxw_workbook* workbook_;
  lxw_format* text_;
  std::vector<Entry> entries_;
};

// Dropdown lists too long (or with commas) for an inline list, to be written to the hidden list sheet.
using LongLists = std::vector<std::vector<std::string>>;

// Counted in bytes, stricter than Excel's characters; a comma or quote would split or break the inline list.
bool FitsInline(const std::vector<std::string>& values) {
  std::size_t bytes = 0;
  for (const std::string& value : values) {
    if (value.find_first_of(",\"") != std::string::npos) return false;
    bytes += value.size() + 1;
  }
  return bytes - 1 <= kMaxInlineListBytes;
}

Status AddDropdown(lxw_worksheet* worksheet, const SheetSpec& sheet, std::size_t column,
                   const std::vector<std::string>& values, LongLists& long_lists) {
  lxw_data_validation validation{};
  std::vector<char*> list;  // libxlsxwriter copies it during the call
  std::string formula;
  if (FitsInline(values)) {
    for (const std::string& value : values) list.push_back(const_cast<char*>(value.c_str()));
    list.push_back(nullptr);
    validation.validate = LXW_VALIDATION_TYPE_LIST;
    validation.value_list = list.data();
  } else {
    std::string letter = ColumnLetter(static_cast<int>(long_lists.size()));
    formula = std::string("='") + kListSheetName + "'!$" + letter + "$1:$" + letter + "$" +
              std::to_string(values.size());
    validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    validation.value_formula = formula.data();
    long_lists.push_back(values);
  }
  // Every data row, including the ones a user adds to a downloaded template.
  return LxwStatus(worksheet_data_validation_range(worksheet, 1, static_cast<lxw_col_t>(column), LXW_ROW_MAX - 1,
                                                   static_cast<lxw_col_t>(column), &validation),
                   sheet, "column " + ColumnLetter(static_cast<int>(column)) + " dropdown");
}

Status WriteHeader(lxw_worksheet* worksheet, const SheetSpec& sheet, const Formats& formats, LongLists& long_lists) {
  for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
    const ColumnSpec& column = sheet.columns[c];
    auto col = static_cast<lxw_col_t>(c);
    std::string where = "column " + ColumnLetter(static_cast<int>(c));
    SAFELOOP_RETURN_IF_ERROR(LxwStatus(
        worksheet_set_column(worksheet, col, col, column.width, column.text ? formats.text : nullptr), sheet, where));
    SAFELOOP_RETURN_IF_ERROR(
        LxwStatus(worksheet_write_string(worksheet, 0, col, column.header.c_str(), formats.header), sheet, where));
    if (!column.note.empty()) {
      lxw_comment_options options{};
      options.width = 260;  // the default box is too small for a sentence of Chinese
      options.height = 110;
      SAFELOOP_RETURN_IF_ERROR(LxwStatus(
          worksheet_write_comment_opt(worksheet, 0, col, column.note.c_str(), &options), sheet, where + " note"));
    }
    if (!column.allowed_values.empty()) {
      SAFELOOP_RETURN_IF_ERROR(AddDropdown(worksheet, sheet, c, column.allowed_values, long_lists));
    }
  }
  if (sheet.freeze_header && sheet.freeze_rows == 0) worksheet_freeze_panes(worksheet, 1, 0);
  return Status::Ok();
}

bool IsTextColumn(const SheetSpec& sheet, std::size_t column) {
  return column < sheet.columns.size() && sheet.columns[column].text;
}

const CellStyle& StyleOf(const SheetSpec& sheet, std::size_t r, std::size_t c) {
  static const CellStyle kDefault;
  if (r < sheet.styles.size() && c < sheet.styles[r].size()) return sheet.styles[r][c];
  return kDefault;
}

// The format of data cell rows[r][c]: its style if any, else the column's default.
lxw_format* DataFormat(const SheetSpec& sheet, FormatCache& cache, std::size_t r, std::size_t c) {
  return cache.Get(StyleOf(sheet, r, c), IsTextColumn(sheet, c));
}

// `styled`: write even an empty cell, so its border or fill shows.
lxw_error WriteValue(lxw_worksheet* worksheet, lxw_row_t row, lxw_col_t col, const CellValue& cell, bool text_column,
                     lxw_format* format, bool styled) {
  if (const auto* text = std::get_if<std::string>(&cell); text && !text->empty()) {
    return worksheet_write_string(worksheet, row, col, text->c_str(), format);
  }
  if (const auto* number = std::get_if<double>(&cell)) {
    return text_column ? worksheet_write_string(worksheet, row, col, FormatNumber(*number).c_str(), format)
                       : worksheet_write_number(worksheet, row, col, *number, format);
  }
  if (styled) return worksheet_write_blank(worksheet, row, col, format);
  return LXW_NO_ERROR;
}

Status WriteRows(lxw_worksheet* worksheet, const SheetSpec& sheet, FormatCache& cache) {
  lxw_row_t first = sheet.columns.empty() ? 0 : 1;
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    auto row = static_cast<lxw_row_t>(first + r);
    std::size_t styled = r < sheet.styles.size() ? sheet.styles[r].size() : 0;
    std::size_t width = std::max(sheet.rows[r].size(), styled);
    for (std::size_t c = 0; c < width; ++c) {
      CellValue empty;
      const CellValue& cell = c < sheet.rows[r].size() ? sheet.rows[r][c] : empty;
      lxw_error error = WriteValue(worksheet, row, static_cast<lxw_col_t>(c), cell, IsTextColumn(sheet, c),
                                   DataFormat(sheet, cache, r, c), !(StyleOf(sheet, r, c) == CellStyle{}));
      SAFELOOP_RETURN_IF_ERROR(LxwStatus(error, sheet, CellName(row, c)));
    }
  }
  return Status::Ok();
}

// worksheet_merge_range writes a string; the top-left cell is then rewritten with its own value (a number
// stays a number) in the same format, as libxlsxwriter documents.
Status WriteMerges(lxw_worksheet* worksheet, const SheetSpec& sheet, const Formats& formats, FormatCache& cache) {
  int header_rows = sheet.columns.empty() ? 0 : 1;
  for (const MergeRange& range : sheet.merges) {
    auto row = static_cast<lxw_row_t>(range.first_row);
    auto col = static_cast<lxw_col_t>(range.first_column);
    auto c = static_cast<std::size_t>(range.first_column);
    lxw_format* format = nullptr;
    CellValue value;
    if (range.first_row < header_rows) {
      format = formats.header;
      if (c < sheet.columns.size()) value = sheet.columns[c].header;
    } else {
      auto r = static_cast<std::size_t>(range.first_row - header_rows);
      format = DataFormat(sheet, cache, r, c);
      if (r < sheet.rows.size() && c < sheet.rows[r].size()) value = sheet.rows[r][c];
    }
    std::string where = "merge " + RangeName(range);
    SAFELOOP_RETURN_IF_ERROR(LxwStatus(
        worksheet_merge_range(worksheet, row, col, static_cast<lxw_row_t>(range.last_row),
                              static_cast<lxw_col_t>(range.last_column), "", format),
        sheet, where));
    if (!IsEmpty(value)) {
      SAFELOOP_RETURN_IF_ERROR(
          LxwStatus(WriteValue(worksheet, row, col, value, IsTextColumn(sheet, c), format, false), sheet, where));
    }
  }
  return Status::Ok();
}

Status WriteLayout(lxw_worksheet* worksheet, const SheetSpec& sheet) {
  for (std::size_t c = sheet.columns.size(); c < sheet.column_widths.size(); ++c) {
    auto col = static_cast<lxw_col_t>(c);
    SAFELOOP_RETURN_IF_ERROR(LxwStatus(worksheet_set_column(worksheet, col, col, sheet.column_widths[c], nullptr),
                                       sheet, "column " + ColumnLetter(static_cast<int>(c)) + " width"));
  }
  for (std::size_t r = 0; r < sheet.row_heights.size(); ++r) {
    if (sheet.row_heights[r] <= 0) continue;
    SAFELOOP_RETURN_IF_ERROR(
        LxwStatus(worksheet_set_row(worksheet, static_cast<lxw_row_t>(r), sheet.row_heights[r], nullptr), sheet,
                  "row " + std::to_string(r + 1) + " height"));
  }
  if (sheet.freeze_rows > 0) worksheet_freeze_panes(worksheet, static_cast<lxw_row_t>(sheet.freeze_rows), 0);
  for (std::size_t i = 0; i < sheet.images.size(); ++i) {
    const ImageSpec& image = sheet.images[i];
    lxw_image_options options{};
    options.x_offset = image.x_offset;
    options.y_offset = image.y_offset;
    options.x_scale = image.scale;
    options.y_scale = image.scale;
    SAFELOOP_RETURN_IF_ERROR(LxwStatus(
        worksheet_insert_image_opt(worksheet, static_cast<lxw_row_t>(image.row), static_cast<lxw_col_t>(image.column),
                                   image.path.c_str(), &options),
        sheet, "picture " + std::to_string(i + 1) + " (" + image.path + ")"));
  }
  if (sheet.print) {
    const PrintSetup& print = *sheet.print;
    worksheet_set_paper(worksheet, kPaperA4);
    if (print.landscape) {
      worksheet_set_landscape(worksheet);
    } else {
      worksheet_set_portrait(worksheet);
    }
    if (print.fit_to_width) worksheet_fit_to_pages(worksheet, 1, 0);  // 0: as many pages tall as needed
    if (print.center_horizontally) worksheet_center_horizontally(worksheet);
    if (print.repeat_first_row >= 0) {
      lxw_error error = worksheet_repeat_rows(worksheet, static_cast<lxw_row_t>(print.repeat_first_row),
                                              static_cast<lxw_row_t>(print.repeat_last_row));
      SAFELOOP_RETURN_IF_ERROR(LxwStatus(error, sheet, "print setup repeated rows"));
    }
    if (!print.footer.empty()) {
      SAFELOOP_RETURN_IF_ERROR(LxwStatus(worksheet_set_footer(worksheet, print.footer.c_str()), sheet, "print footer"));
    }
  }
  return Status::Ok();
}

Status WriteLongLists(lxw_workbook* workbook, const LongLists& long_lists) {
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, kListSheetName);
  if (worksheet == nullptr) return Internal("xlsx: cannot add the dropdown list sheet");
  worksheet_hide(worksheet);
  for (std::size_t c = 0; c < long_lists.size(); ++c) {
    for (std::size_t r = 0; r < long_lists[c].size(); ++r) {
      lxw_error error = worksheet_write_string(worksheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                               long_lists[c][r].c_str(), nullptr);
      if (error != LXW_NO_ERROR) return Internal(std::string("xlsx: dropdown list sheet: ") + lxw_strerror(error));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> WriteWorkbook(const std::vector<SheetSpec>& sheets) {
  if (sheets.empty()) return InvalidArgument("xlsx: a workbook needs at least one sheet", "sheets");
  for (const SheetSpec& sheet : sheets) SAFELOOP_RETURN_IF_ERROR(CheckSheet(sheet));

  TempFile file(".xlsx");  // declared first so the workbook is closed before the file is deleted
  WorkbookHandle workbook(workbook_new(file.path().c_str()));
  if (workbook.get() == nullptr) return Internal("xlsx: cannot create a workbook");

  Formats formats{workbook_add_format(workbook.get()), workbook_add_format(workbook.get())};
  format_set_bold(formats.header);
  format_set_bg_color(formats.header, kHeaderFill);
  format_set_pattern(formats.header, LXW_PATTERN_SOLID);
  format_set_border(formats.header, LXW_BORDER_THIN);
  format_set_align(formats.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_num_format(formats.text, "@");
  FormatCache cache(workbook.get(), formats.text);

  LongLists long_lists;
  for (const SheetSpec& sheet : sheets) {
    lxw_error name_error = workbook_validate_sheet_name(workbook.get(), sheet.name.c_str());
    if (name_error != LXW_NO_ERROR) {
      return InvalidArgument("xlsx: sheet name '" + sheet.name + "': " + lxw_strerror(name_error), "sheets");
    }
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook.get(), sheet.name.c_str());
    if (worksheet == nullptr) return Internal("xlsx: cannot add sheet '" + sheet.name + "'");
    if (!sheet.columns.empty()) SAFELOOP_RETURN_IF_ERROR(WriteHeader(worksheet, sheet, formats, long_lists));
    SAFELOOP_RETURN_IF_ERROR(WriteRows(worksheet, sheet, cache));
    SAFELOOP_RETURN_IF_ERROR(WriteMerges(worksheet, sheet, formats, cache));
    SAFELOOP_RETURN_IF_ERROR(WriteLayout(worksheet, sheet));
  }
  if (!long_lists.empty()) SAFELOOP_RETURN_IF_ERROR(WriteLongLists(workbook.get(), long_lists));

  lxw_error error = workbook.Close();
  if (error != LXW_NO_ERROR) return Internal(std::string("xlsx: cannot write the workbook: ") + lxw_strerror(error));
  return file.ReadAll();
}

}  // namespace safeloop::xlsx
