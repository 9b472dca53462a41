#include "safeloop/documents/xlsx_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "grid.hpp"
#include "png.hpp"
#include "safeloop/xlsx/writer.hpp"

namespace safeloop::documents {
namespace {

using xlsx::CellStyle;
using xlsx::HorizontalAlign;

// Row heights are estimated: Excel sizes neither merged cells nor rows whose height is set, and it measures
// with the fonts of whoever opens the file. The numbers fit Excel's default 11-point font with a Chinese
// fallback font.
constexpr double kBodyFontSize = 11;
constexpr double kTitleFontSize = 16;
constexpr double kSubtitleFontSize = 12;
constexpr double kLineHeight = 15;       // points per line at 11 pt
constexpr double kRowPadding = 5;        // points above and below the text
constexpr double kWideUnits = 2.1;       // Excel width units per Chinese character at 11 pt
constexpr double kNarrowUnits = 1.1;     // ... per Latin character or digit
constexpr double kCellPaddingUnits = 1;  // width lost to the cell's margins
constexpr int kSignHeightPx = 80;
constexpr int kSignGapPx = 8;
constexpr double kPixelsPerPoint = 96.0 / 72.0;
constexpr double kMaxRowHeight = 409;  // Excel's limit, in points
constexpr std::size_t kMaxSheetNameCodePoints = 31;
constexpr const char* kFieldSeparator = "　　";
constexpr const char* kPageFooter = "&C第 &P 页 共 &N 页";

int EstimateLines(const std::string& text, double width, double font_size) {
  double room = std::max(1.0, width - kCellPaddingUnits);
  double scale = font_size / kBodyFontSize;
  int lines = 0;
  double units = 0;
  auto end_paragraph = [&] {
    lines += std::max(1, static_cast<int>(std::ceil(units * scale / room - 1e-9)));
    units = 0;
  };
  ForEachCodePoint(text, [&](char32_t code_point) {
    if (code_point == U'\n') {
      end_paragraph();
    } else {
      units += IsWide(code_point) ? kWideUnits : kNarrowUnits;
    }
  });
  end_paragraph();
  return lines;
}

double EstimateHeight(const std::string& text, double width, double font_size) {
  return EstimateLines(text, width, font_size) * kLineHeight * font_size / kBodyFontSize + kRowPadding;
}

// Excel's pixel width of a column `width` characters wide (Calibri 11: 7 pixels a digit plus 5 of padding).
int ColumnPixels(double width) {
  return width < 1 ? static_cast<int>(width * 12 + 0.5) : static_cast<int>(width * 7 + 0.5) + 5;
}

HorizontalAlign ExcelAlign(Align align) {
  switch (align) {
    case Align::kLeft: return HorizontalAlign::kLeft;
    case Align::kCenter: return HorizontalAlign::kCenter;
    case Align::kRight: return HorizontalAlign::kRight;
  }
  return HorizontalAlign::kGeneral;
}

// The sheet's name: the document's, else its title without the characters Excel forbids, cut to 31.
std::string SheetName(const Document& document) {
  if (!document.sheet_name.empty()) return document.sheet_name;
  std::string name;
  std::size_t count = 0;
  // Walked by lead bytes: BuildGrid has checked the title is UTF-8.
  for (std::size_t i = 0; i < document.title.size() && count < kMaxSheetNameCodePoints;) {
    auto lead = static_cast<unsigned char>(document.title[i]);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
    std::string piece = document.title.substr(i, length);
    i += length;
    if (piece.size() == 1 && std::string("[]:*?/\\").find(piece[0]) != std::string::npos) continue;
    name += piece;
    ++count;
  }
  while (!name.empty() && name.front() == '\'') name.erase(name.begin());
  while (!name.empty() && name.back() == '\'') name.pop_back();
  return name.empty() ? "Sheet1" : name;
}

// Contiguous runs of columns of about equal width for `count` fields side by side: [first, end) each.
std::vector<std::pair<int, int>> ShareColumns(const std::vector<double>& widths, int count) {
  int columns = static_cast<int>(widths.size());
  int parts = std::min(count, columns);
  std::vector<double> before(widths.size() + 1, 0);
  for (std::size_t c = 0; c < widths.size(); ++c) before[c + 1] = before[c] + widths[c];
  std::vector<int> starts{0};
  for (int i = 1; i < parts; ++i) {
    double target = before.back() * i / parts;
    int best = starts.back() + 1;
    for (int b = best; b <= columns - (parts - i); ++b) {
      if (std::abs(before[static_cast<std::size_t>(b)] - target) <
          std::abs(before[static_cast<std::size_t>(best)] - target)) {
        best = b;
      }
    }
    starts.push_back(best);
  }
  std::vector<std::pair<int, int>> runs;
  starts.push_back(columns);
  for (std::size_t i = 0; i + 1 < starts.size(); ++i) runs.emplace_back(starts[i], starts[i + 1]);
  return runs;
}

class SheetBuilder {
 public:
  explicit SheetBuilder(const std::vector<double>& widths) : widths_(widths) {
    sheet_.freeze_header = false;
    sheet_.column_widths = widths;
  }

  int columns() const { return static_cast<int>(widths_.size()); }
  int rows() const { return static_cast<int>(sheet_.rows.size()); }

  double Width(int first, int span) const {
    double width = 0;
    for (int c = first; c < first + span; ++c) width += widths_[static_cast<std::size_t>(c)];
    return width;
  }

  int Pixels(int first, int span) const {
    int pixels = 0;
    for (int c = first; c < first + span; ++c) pixels += ColumnPixels(widths_[static_cast<std::size_t>(c)]);
    return pixels;
  }

  int AddRow(double height) {
    sheet_.rows.emplace_back(widths_.size());
    sheet_.styles.emplace_back(widths_.size());
    sheet_.row_heights.push_back(0);
    SetHeight(rows() - 1, height);
    return rows() - 1;
  }

  // Rounded up to a quarter point, and at most Excel's 409 points (a longer cell keeps its text, partly hidden).
  void SetHeight(int row, double height) {
    sheet_.row_heights[static_cast<std::size_t>(row)] = std::min(kMaxRowHeight, std::ceil(height * 4) / 4);
  }

  // A cell (merged when it spans) with its text; covered cells keep no value (the merge shows the style).
  void Put(int row, int column, int row_span, int column_span, const std::string& text, const CellStyle& style) {
    auto r = static_cast<std::size_t>(row);
    auto c = static_cast<std::size_t>(column);
    if (!text.empty()) sheet_.rows[r][c] = text;
    sheet_.styles[r][c] = style;
    if (row_span > 1 || column_span > 1) {
      sheet_.merges.push_back({row, column, row + row_span - 1, column + column_span - 1});
    }
  }

  // One line across the table: centred text, or fields side by side.
  void Line(const std::string& text, const CellStyle& style, double font_size) {
    int row = AddRow(EstimateHeight(text, Width(0, columns()), font_size));
    Put(row, 0, 1, columns(), text, style);
  }

  void Fields(const FieldLine& fields) {
    std::vector<std::pair<int, int>> runs = ShareColumns(widths_, static_cast<int>(fields.size()));
    CellStyle style{.align = HorizontalAlign::kLeft, .vertical_center = true, .wrap = true};
    int row = AddRow(0);
    double height = kLineHeight + kRowPadding;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      std::string text = FieldText(fields[i]);
      // More fields than columns: the rest share the last column.
      for (std::size_t extra = runs.size(); i + 1 == runs.size() && extra < fields.size(); ++extra) {
        text += kFieldSeparator + FieldText(fields[extra]);
      }
      auto [first, end] = runs[i];
      Put(row, first, 1, end - first, text, style);
      height = std::max(height, EstimateHeight(text, Width(first, end - first), kBodyFontSize));
    }
    SetHeight(row, height);
  }

  xlsx::SheetSpec& sheet() { return sheet_; }

 private:
  std::vector<double> widths_;
  xlsx::SheetSpec sheet_;
};

// The grid's signs over their cell, in one centred line at a common height (shrunk together to fit the
// cell's width); returns the height they take in points.
Result<double> PlaceSigns(const GridCell& cell, int sheet_row, SheetBuilder& builder) {
  if (cell.images.empty()) return 0.0;
  std::vector<double> scales;
  std::vector<double> widths;  // pixels at kSignHeightPx
  double total = 0;
  for (std::size_t i = 0; i < cell.images.size(); ++i) {
    Result<PngImage> image = LoadPng(cell.images[i], i);
    if (!image.ok()) return image.status();
    scales.push_back(static_cast<double>(kSignHeightPx) / image->height);
    widths.push_back(image->width * scales.back());
    total += widths.back() + (i > 0 ? kSignGapPx : 0);
  }
  int room = builder.Pixels(cell.column, cell.column_span) - 2 * kSignGapPx;
  double shrink = total > room ? room / total : 1.0;
  double x = kSignGapPx + std::max(0.0, (room - total * shrink) / 2);
  for (std::size_t i = 0; i < cell.images.size(); ++i) {
    builder.sheet().images.push_back(
        {sheet_row, cell.column, cell.images[i], static_cast<int>(x), kSignGapPx / 2, scales[i] * shrink});
    x += (widths[i] + kSignGapPx) * shrink;
  }
  return (kSignHeightPx * shrink + kSignGapPx) / kPixelsPerPoint;
}

CellStyle GridStyle(const GridCell& cell) {
  CellStyle style;
  style.bold = cell.bold;
  style.font_size = cell.font_scale != 1 ? kBodyFontSize * cell.font_scale : 0;
  style.align = ExcelAlign(cell.align);
  style.vertical_center = cell.images.empty();  // a sign row keeps its note at the bottom, under the signs
  style.wrap = true;
  style.border = true;
  style.fill = cell.fill;
  return style;
}

}  // namespace

Result<std::string> RenderXlsx(const Document& document) {
  Result<Grid> built = BuildGrid(document);
  if (!built.ok()) return built.status();
  const Grid& grid = *built;
  SheetBuilder builder(grid.widths);
  xlsx::SheetSpec& sheet = builder.sheet();
  sheet.name = SheetName(document);

  if (!document.title.empty()) {
    builder.Line(document.title,
                 {.bold = true, .font_size = kTitleFontSize, .align = HorizontalAlign::kCenter, .vertical_center = true,
                  .wrap = true},
                 kTitleFontSize);
  }
  for (const std::string& subtitle : document.subtitles) {
    builder.Line(subtitle,
                 {.font_size = kSubtitleFontSize, .align = HorizontalAlign::kCenter, .vertical_center = true,
                  .wrap = true},
                 kSubtitleFontSize);
  }
  for (const FieldLine& fields : document.header_fields) builder.Fields(fields);

  const int first_row = builder.rows();
  for (int r = 0; r < grid.rows; ++r) builder.AddRow(0);
  std::vector<double> sign_heights(grid.cells.size(), 0);
  for (std::size_t i = 0; i < grid.cells.size(); ++i) {
    const GridCell& cell = grid.cells[i];
    builder.Put(first_row + cell.row, cell.column, cell.row_span, cell.column_span, cell.text, GridStyle(cell));
    Result<double> signs = PlaceSigns(cell, first_row + cell.row, builder);
    if (!signs.ok()) return signs.status();
    sign_heights[i] = *signs;
  }
  std::vector<double> heights =
      FitRowHeights(grid, kLineHeight + kRowPadding, [&](const GridCell& cell) {
        double font_size = kBodyFontSize * cell.font_scale;
        double signs = sign_heights[static_cast<std::size_t>(&cell - grid.cells.data())];
        bool text = !cell.text.empty() || cell.images.empty();
        return signs + (text ? EstimateHeight(cell.text, builder.Width(cell.column, cell.column_span), font_size) : 0);
      });
  for (int r = 0; r < grid.rows; ++r) builder.SetHeight(first_row + r, heights[static_cast<std::size_t>(r)]);

  if (!document.footer.empty()) {
    builder.AddRow(0);  // a blank line between the table and the signatures
    for (const FieldLine& fields : document.footer) builder.Fields(fields);
  }

  if (grid.header_rows > 0) sheet.freeze_rows = first_row + grid.header_rows;
  xlsx::PrintSetup print;
  print.landscape = document.orientation == Orientation::kLandscape;
  if (grid.header_rows > 0) {
    print.repeat_first_row = first_row;
    print.repeat_last_row = first_row + grid.header_rows - 1;
  }
  print.footer = kPageFooter;
  sheet.print = print;
  return xlsx::WriteWorkbook({sheet});
}

}  // namespace safeloop::documents
