#include "safeloop/xlsx/cell_ref.hpp"

#include <algorithm>

namespace safeloop::xlsx {

std::string ColumnLetter(int zero_based_index) {
  if (zero_based_index < 0) return {};
  // Bijective base 26: there is no zero digit, so "Z" is followed by "AA".
  std::string letters;
  for (int n = zero_based_index + 1; n > 0; n = (n - 1) / 26) {
    letters += static_cast<char>('A' + (n - 1) % 26);
  }
  std::reverse(letters.begin(), letters.end());
  return letters;
}

std::optional<CellRef> ParseCellRef(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '$') ++i;
  int column = 0;
  std::size_t letters = 0;
  for (; i < text.size(); ++i, ++letters) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    if (letters == 3) return std::nullopt;  // past XFD
    column = column * 26 + (c - 'A' + 1);
  }
  if (letters == 0 || column > kMaxColumns) return std::nullopt;
  if (i < text.size() && text[i] == '$') ++i;
  int row = 0;
  std::size_t digits = 0;
  for (; i < text.size(); ++i, ++digits) {
    char c = text[i];
    if (c < '0' || c > '9' || digits == 7) return std::nullopt;
    row = row * 10 + (c - '0');
  }
  if (digits == 0 || row < 1 || row > kMaxRows) return std::nullopt;
  return CellRef{row, column - 1};
}

}  // namespace safeloop::xlsx
