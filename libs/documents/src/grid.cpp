#include "grid.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "safeloop/core/text.hpp"

namespace safeloop::documents {
namespace {

// A card's grid: labels narrow, values sharing what is left of a typical portrait table width.
constexpr double kCardLabelWidth = 16;
constexpr double kCardTotalWidth = 90;
constexpr double kCardMinValueWidth = 20;
constexpr double kCardHeadingScale = 1.6;

Status Bad(const std::string& message, const std::string& field) {
  return InvalidArgument("documents: " + message, field);
}

std::string Index(const std::string& field, std::size_t i) { return field + "[" + std::to_string(i) + "]"; }

// Bytes of the UTF-8 sequence a lead byte starts (validated text only).
std::size_t SequenceLength(char lead) {
  auto c = static_cast<unsigned char>(lead);
  return c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
}

// The start of a text for an error message, cut between code points.
std::string Excerpt(const std::string& text) {
  constexpr int kMaxCodePoints = 16;
  std::size_t end = 0;
  for (int count = 0; end < text.size() && count < kMaxCodePoints; ++count) end += SequenceLength(text[end]);
  if (end >= text.size()) return text;
  return text.substr(0, end) + "…";
}

Status CheckText(const std::string& text, const std::string& what, const std::string& field) {
  if (Utf8Length(text) < 0) return Bad(what + ": text is not valid UTF-8", field);
  return Status::Ok();
}

Status CheckFieldLines(const std::vector<FieldLine>& lines, const std::string& what, const std::string& field) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string line = what + " line " + std::to_string(i + 1);
    if (lines[i].empty()) return Bad(line + ": a field line needs at least one field", Index(field, i));
    for (std::size_t j = 0; j < lines[i].size(); ++j) {
      std::string where = line + ", field " + std::to_string(j + 1);
      std::string path = Index(Index(field, i), j);
      SAFELOOP_RETURN_IF_ERROR(CheckText(lines[i][j].label, where, path + ".label"));
      SAFELOOP_RETURN_IF_ERROR(CheckText(lines[i][j].value, where, path + ".value"));
    }
  }
  return Status::Ok();
}

// Places one section (header or body) of a table like an HTML table: each cell takes the next column not
// already covered by a row span from above. `owner` maps every slot of the section to the cell covering it.
Status PlaceSection(const std::vector<std::vector<Cell>>& rows, const Table& table, bool header,
                    Grid& grid) {
  const std::string section = header ? "header row " : "body row ";
  const std::string field = header ? "table.header_rows" : "table.body_rows";
  const int columns = static_cast<int>(table.columns.size());
  const int count = static_cast<int>(rows.size());
  const int first_grid_row = grid.rows;
  std::vector<int> owner(static_cast<std::size_t>(count) * static_cast<std::size_t>(columns), -1);
  auto slot = [&](int r, int c) -> int& {
    return owner[static_cast<std::size_t>(r) * static_cast<std::size_t>(columns) + static_cast<std::size_t>(c)];
  };

  for (int r = 0; r < count; ++r) {
    const std::vector<Cell>& row = rows[static_cast<std::size_t>(r)];
    int column = 0;
    for (std::size_t j = 0; j < row.size(); ++j) {
      const Cell& cell = row[j];
      std::string where = section + std::to_string(r + 1) + ", cell " + std::to_string(j + 1);
      std::string path = Index(Index(field, static_cast<std::size_t>(r)), j);
      SAFELOOP_RETURN_IF_ERROR(CheckText(cell.text, where, path + ".text"));
      if (cell.row_span < 1 || cell.column_span < 1) return Bad(where + ": spans must be at least 1", path);
      if (cell.fill && *cell.fill > 0xFFFFFFu) return Bad(where + ": fill must be 0xRRGGBB", path + ".fill");
      while (column < columns && slot(r, column) != -1) ++column;
      if (column >= columns) {
        return Bad(where + ": the row already fills all " + std::to_string(columns) +
                       " columns (cells merged down from rows above count); remove the cell or a span",
                   path);
      }
      where += " (column " + std::to_string(column + 1) + ")";
      if (column + cell.column_span > columns) {
        return Bad(where + ": column_span " + std::to_string(cell.column_span) + " reaches past the last column (" +
                       std::to_string(columns) + ")",
                   path + ".column_span");
      }
      if (r + cell.row_span > count) {
        return Bad(where + ": row_span " + std::to_string(cell.row_span) + " reaches past the last " + section +
                       "(" + std::to_string(count) + ")",
                   path + ".row_span");
      }
      int index = static_cast<int>(grid.cells.size());
      for (int dr = 0; dr < cell.row_span; ++dr) {
        for (int dc = 0; dc < cell.column_span; ++dc) {
          int other = slot(r + dr, column + dc);
          if (other != -1) {
            const GridCell& merged = grid.cells[static_cast<std::size_t>(other)];
            return Bad(where + ": overlaps the merged cell \"" + Excerpt(merged.text) + "\" of " + section +
                           std::to_string(merged.row - first_grid_row + 1) + ", column " +
                           std::to_string(merged.column + 1),
                       path);
          }
          slot(r + dr, column + dc) = index;
        }
      }
      GridCell placed;
      placed.row = first_grid_row + r;
      placed.column = column;
      placed.row_span = cell.row_span;
      placed.column_span = cell.column_span;
      placed.text = cell.text;
      Align column_align = table.columns[static_cast<std::size_t>(column)].align;
      placed.align = cell.align.value_or(header ? Align::kCenter : column_align);
      placed.bold = header || cell.bold;
      placed.fill = cell.fill ? cell.fill : header ? std::optional<Rgb>(kLabelFill) : std::nullopt;
      grid.cells.push_back(std::move(placed));
      column += cell.column_span;
    }
    // A gap would print as a hole in the table (and shift every later cell of a hand-made row).
    for (int c = 0; c < columns; ++c) {
      if (slot(r, c) == -1) {
        int covered = 0;
        for (int k = 0; k < columns; ++k) covered += slot(r, k) != -1 ? 1 : 0;
        return Bad(section + std::to_string(r + 1) + ": covers " + std::to_string(covered) + " of " +
                       std::to_string(columns) + " columns after spans; column " + std::to_string(c + 1) +
                       " is empty (add a cell or widen a span)",
                   Index(field, static_cast<std::size_t>(r)));
      }
    }
  }
  grid.rows += count;
  return Status::Ok();
}

Result<Grid> TableGrid(const Table& table) {
  if (table.columns.empty()) return Bad("a table needs at least one column", "table.columns");
  Grid grid;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    double width = table.columns[c].width;
    if (!(std::isfinite(width) && width > 0)) {
      return Bad("column " + std::to_string(c + 1) + ": width must be a positive number",
                 Index("table.columns", c) + ".width");
    }
    grid.widths.push_back(width);
  }
  SAFELOOP_RETURN_IF_ERROR(PlaceSection(table.header_rows, table, true, grid));
  grid.header_rows = grid.rows;
  SAFELOOP_RETURN_IF_ERROR(PlaceSection(table.body_rows, table, false, grid));
  return grid;
}

// A card as a grid of label | value pairs: 2m columns for the widest line of m fields; a line of k fields
// gives field i the pairs [i*m/k, (i+1)*m/k), its value spanning all but the label column.
Result<Grid> CardGrid(const Card& card) {
  SAFELOOP_RETURN_IF_ERROR(CheckText(card.heading, "card heading", "card.heading"));
  SAFELOOP_RETURN_IF_ERROR(CheckText(card.sign_note, "card sign note", "card.sign_note"));
  if (card.heading_fill && *card.heading_fill > 0xFFFFFFu) {
    return Bad("card heading: fill must be 0xRRGGBB", "card.heading_fill");
  }
  if (card.rows.empty()) return Bad("a card needs at least one line of fields", "card.rows");
  SAFELOOP_RETURN_IF_ERROR(CheckFieldLines(card.rows, "card", "card.rows"));
  for (std::size_t i = 0; i < card.sign_images.size(); ++i) {
    const std::string& path = card.sign_images[i];
    if (path.empty() || Utf8Length(path) < 0) {
      return Bad("card sign " + std::to_string(i + 1) + ": needs a PNG file path", Index("card.sign_images", i));
    }
  }

  std::size_t pairs = 1;
  for (const FieldLine& line : card.rows) pairs = std::max(pairs, line.size());
  double value_width = std::max(kCardMinValueWidth, (kCardTotalWidth - kCardLabelWidth * static_cast<double>(pairs)) /
                                                        static_cast<double>(pairs));
  Grid grid;
  for (std::size_t p = 0; p < pairs; ++p) {
    grid.widths.push_back(kCardLabelWidth);
    grid.widths.push_back(value_width);
  }
  const int columns = static_cast<int>(grid.widths.size());
  if (!card.heading.empty()) {
    GridCell heading;
    heading.row = grid.rows++;
    heading.column_span = columns;
    heading.text = card.heading;
    heading.bold = true;
    heading.font_scale = kCardHeadingScale;
    heading.fill = card.heading_fill;
    grid.cells.push_back(std::move(heading));
  }
  for (const FieldLine& line : card.rows) {
    int row = grid.rows++;
    for (std::size_t i = 0; i < line.size(); ++i) {
      int first_pair = static_cast<int>(i * pairs / line.size());
      int end_pair = static_cast<int>((i + 1) * pairs / line.size());
      GridCell label;
      label.row = row;
      label.column = 2 * first_pair;
      label.text = line[i].label;
      label.bold = true;
      label.fill = kLabelFill;
      GridCell value;
      value.row = row;
      value.column = 2 * first_pair + 1;
      value.column_span = 2 * (end_pair - first_pair) - 1;
      value.text = line[i].value;
      value.align = Align::kLeft;
      grid.cells.push_back(std::move(label));
      grid.cells.push_back(std::move(value));
    }
  }
  if (!card.sign_images.empty() || !card.sign_note.empty()) {
    GridCell signs;
    signs.row = grid.rows++;
    signs.column_span = columns;
    signs.text = card.sign_note;
    signs.images = card.sign_images;
    grid.cells.push_back(std::move(signs));
  }
  return grid;
}

}  // namespace

Result<Grid> BuildGrid(const Document& document) {
  SAFELOOP_RETURN_IF_ERROR(CheckText(document.title, "title", "title"));
  SAFELOOP_RETURN_IF_ERROR(CheckText(document.sheet_name, "sheet name", "sheet_name"));
  for (std::size_t i = 0; i < document.subtitles.size(); ++i) {
    SAFELOOP_RETURN_IF_ERROR(
        CheckText(document.subtitles[i], "subtitle " + std::to_string(i + 1), Index("subtitles", i)));
  }
  SAFELOOP_RETURN_IF_ERROR(CheckFieldLines(document.header_fields, "header field", "header_fields"));
  SAFELOOP_RETURN_IF_ERROR(CheckFieldLines(document.footer, "footer", "footer"));
  if (const auto* table = std::get_if<Table>(&document.body)) return TableGrid(*table);
  return CardGrid(std::get<Card>(document.body));
}

Status Validate(const Document& document) { return BuildGrid(document).status(); }

std::vector<double> FitRowHeights(const Grid& grid, double min_height,
                                  const std::function<double(const GridCell&)>& height_of) {
  std::vector<double> heights(static_cast<std::size_t>(grid.rows), min_height);
  std::vector<const GridCell*> spanning;
  for (const GridCell& cell : grid.cells) {
    if (cell.row_span == 1) {
      double& height = heights[static_cast<std::size_t>(cell.row)];
      height = std::max(height, height_of(cell));
    } else {
      spanning.push_back(&cell);
    }
  }
  // Short spans first, so a long span sees the rows its inner spans have already grown.
  std::stable_sort(spanning.begin(), spanning.end(),
                   [](const GridCell* a, const GridCell* b) { return a->row_span < b->row_span; });
  for (const GridCell* cell : spanning) {
    auto first = static_cast<std::size_t>(cell->row);
    auto end = first + static_cast<std::size_t>(cell->row_span);
    double have = 0;
    for (std::size_t r = first; r < end; ++r) have += heights[r];
    double need = height_of(*cell);
    if (need > have) {
      double extra = (need - have) / cell->row_span;
      for (std::size_t r = first; r < end; ++r) heights[r] += extra;
    }
  }
  return heights;
}

std::string FieldText(const Field& field) { return field.label + "：" + field.value; }

void ForEachCodePoint(std::string_view text, const std::function<void(char32_t)>& visit) {
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = SequenceLength(text[i]);
    char32_t code_point = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      code_point = (code_point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    visit(code_point);
    i += length;
  }
}

bool IsWide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace safeloop::documents
