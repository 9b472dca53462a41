#pragma once
/// @file grid.hpp
/// The body of a Document (a table or a card) placed on one grid of rows and columns: every cell at its final
/// row and column with its spans and look decided. Both renderers draw this grid, so they agree on what
/// goes where; building it is also how a document is validated.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/documents/document.hpp"

namespace safeloop::documents {

/// Light grey behind header cells and card labels.
inline constexpr Rgb kLabelFill = 0xF2F2F2;

struct GridCell {
  int row = 0;  ///< grid row: the header rows first, then the body rows
  int column = 0;
  int row_span = 1;
  int column_span = 1;
  std::string text;
  Align align = Align::kCenter;
  bool bold = false;
  double font_scale = 1;  ///< relative to the body text (a card's heading is larger)
  std::optional<Rgb> fill;
  /// Sign pictures (PNG paths) shown above the text; index i is the card's sign_images[i].
  std::vector<std::string> images;
};

struct Grid {
  std::vector<double> widths;   ///< per column, in Excel character units
  int header_rows = 0;          ///< rows repeated on every page
  int rows = 0;                 ///< header and body rows
  std::vector<GridCell> cells;  ///< ordered by (row, column) of their top-left slot; they tile the grid
};

/// The grid of `document`'s body, after checking the whole document (Validate() is this without the grid).
Result<Grid> BuildGrid(const Document& document);

/// Row heights that fit every cell: a row is as tall as its tallest cell of row_span 1 (at least
/// `min_height`); a spanning cell taller than its rows together adds the difference evenly to them.
std::vector<double> FitRowHeights(const Grid& grid, double min_height,
                                  const std::function<double(const GridCell&)>& height_of);

/// "label：value".
std::string FieldText(const Field& field);

/// Code points of valid UTF-8 `text`, calling `visit(code_point)` for each.
void ForEachCodePoint(std::string_view text, const std::function<void(char32_t)>& visit);

/// Whether a code point is drawn about twice as wide as a Latin letter (CJK, fullwidth forms).
bool IsWide(char32_t code_point);

}  // namespace safeloop::documents
