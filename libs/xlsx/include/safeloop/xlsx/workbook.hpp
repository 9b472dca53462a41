#pragma once
/// @file workbook.hpp
/// What ReadWorkbook returns: every sheet's cell text, in workbook order, rows keyed by their Excel number.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace safeloop::xlsx {

/// One non-empty row. `cells[i]` is column i (A = 0); the vector ends at the last non-empty cell, so a short
/// row just means the rest is empty.
struct Row {
  int number = 0;  // 1-based Excel row number, as shown in Excel's margin (empty rows are skipped, not renumbered)
  std::vector<std::string> cells;

  /// The text of column `index`, or "" past the end.
  std::string_view Cell(std::size_t index) const;
};

struct Sheet {
  std::string name;
  bool hidden = false;  // state="hidden"/"veryHidden" (e.g. a template's dropdown lists)
  std::vector<Row> rows;
};

struct Workbook {
  std::vector<Sheet> sheets;  // workbook (tab) order

  /// The sheet named exactly `name`, or nullptr.
  const Sheet* FindSheet(std::string_view name) const;
};

}  // namespace safeloop::xlsx
