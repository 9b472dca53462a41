#pragma once
/// @file import.hpp
/// Generic helpers for row-by-row imports: find columns by header text and report problems by cell.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/xlsx/cell_ref.hpp"
#include "safeloop/xlsx/workbook.hpp"

namespace safeloop::xlsx {

/// One thing wrong with an uploaded file, for the row-by-row error report.
struct ImportProblem {
  int row = 0;          // Excel row number
  std::string column;   // Excel column letter, e.g. "C"; empty when the problem is the whole row
  std::string header;   // that column's header text, e.g. "手机号"
  std::string message;  // what is wrong and what to enter instead

  friend bool operator==(const ImportProblem&, const ImportProblem&) = default;
};

/// Header text as a template shows it, reduced to the column's name: surrounding spaces (ASCII and the
/// ideographic U+3000) and one trailing "*" / "＊" required-marker removed. "  姓名* " -> "姓名".
std::string NormalizeHeader(std::string_view text);

/// Where each named column sits in a sheet, found by header text (see NormalizeHeader), so users may reorder
/// or add columns.
class HeaderMap {
 public:
  /// Indexes `header_cells` (usually the first row). INVALID_ARGUMENT with field "header" naming every missing
  /// required column at once, and any wanted column whose header appears more than once.
  static Result<HeaderMap> Build(const std::vector<std::string>& header_cells,
                                 const std::vector<std::string>& required,
                                 const std::vector<std::string>& optional = {});

  /// Zero-based column of a required or optional name (given with or without its "*"); nullopt for an
  /// optional column the file lacks.
  std::optional<std::size_t> Column(std::string_view name) const;
  bool Has(std::string_view name) const { return Column(name).has_value(); }

  /// The cell under `name` in `row`; "" when the column is absent or the row is short.
  std::string_view Cell(const Row& row, std::string_view name) const;

  /// A problem at `name`'s cell of `row_number`, column letter and header filled in (the letter stays empty
  /// for an optional column the file lacks).
  ImportProblem Problem(int row_number, std::string_view name, std::string message) const;

 private:
  std::map<std::string, std::size_t, std::less<>> columns_;  // name -> zero-based column
};

}  // namespace safeloop::xlsx
