#include "safeloop/xlsx/writer.hpp"

#include <xlsxwriter.h>

#include <cmath>
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
  return Status::Ok();
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
  if (sheet.freeze_header) worksheet_freeze_panes(worksheet, 1, 0);
  return Status::Ok();
}

Status WriteRows(lxw_worksheet* worksheet, const SheetSpec& sheet, const Formats& formats) {
  lxw_row_t first = sheet.columns.empty() ? 0 : 1;
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    auto row = static_cast<lxw_row_t>(first + r);
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const CellValue& cell = sheet.rows[r][c];
      bool text_column = c < sheet.columns.size() && sheet.columns[c].text;
      lxw_format* format = text_column ? formats.text : nullptr;
      auto col = static_cast<lxw_col_t>(c);
      lxw_error error = LXW_NO_ERROR;
      if (const auto* text = std::get_if<std::string>(&cell); text && !text->empty()) {
        error = worksheet_write_string(worksheet, row, col, text->c_str(), format);
      } else if (const auto* number = std::get_if<double>(&cell)) {
        error = text_column ? worksheet_write_string(worksheet, row, col, FormatNumber(*number).c_str(), format)
                            : worksheet_write_number(worksheet, row, col, *number, format);
      }
      SAFELOOP_RETURN_IF_ERROR(LxwStatus(error, sheet, CellName(row, c)));
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

  LongLists long_lists;
  for (const SheetSpec& sheet : sheets) {
    lxw_error name_error = workbook_validate_sheet_name(workbook.get(), sheet.name.c_str());
    if (name_error != LXW_NO_ERROR) {
      return InvalidArgument("xlsx: sheet name '" + sheet.name + "': " + lxw_strerror(name_error), "sheets");
    }
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook.get(), sheet.name.c_str());
    if (worksheet == nullptr) return Internal("xlsx: cannot add sheet '" + sheet.name + "'");
    if (!sheet.columns.empty()) SAFELOOP_RETURN_IF_ERROR(WriteHeader(worksheet, sheet, formats, long_lists));
    SAFELOOP_RETURN_IF_ERROR(WriteRows(worksheet, sheet, formats));
  }
  if (!long_lists.empty()) SAFELOOP_RETURN_IF_ERROR(WriteLongLists(workbook.get(), long_lists));

  lxw_error error = workbook.Close();
  if (error != LXW_NO_ERROR) return Internal(std::string("xlsx: cannot write the workbook: ") + lxw_strerror(error));
  return file.ReadAll();
}

}  // namespace safeloop::xlsx
