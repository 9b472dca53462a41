#include "safeloop/xlsx/workbook.hpp"

namespace safeloop::xlsx {

std::string_view Row::Cell(std::size_t index) const {
  return index < cells.size() ? std::string_view(cells[index]) : std::string_view();
}

const Sheet* Workbook::FindSheet(std::string_view name) const {
  for (const Sheet& sheet : sheets) {
    if (sheet.name == name) return &sheet;
  }
  return nullptr;
}

}  // namespace safeloop::xlsx
