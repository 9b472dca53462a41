#include "safeloop/documents/pdf_renderer.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "grid.hpp"
#include "png.hpp"
#include "safeloop/core/text.hpp"

namespace safeloop::documents {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kA4ShortMm = 210;
constexpr double kA4LongMm = 297;
constexpr double kPageNumberBandMm = 8;  // added to the bottom margin for "第 N 页 共 M 页"
constexpr double kPadX = 3;              // points between a cell's border and its text
constexpr double kPadY = 2.5;
constexpr double kBorderWidth = 0.5;
constexpr double kBlockGap = 6;  // between the title block, the table and the footer
constexpr double kLineGap = 3;   // between lines of the title block and of the footer
constexpr double kSignHeightMm = 22;
constexpr double kSignGap = 6;
constexpr double kEpsilon = 0.01;  // points of rounding slack when comparing heights
// Sizes relative to the body text (at 9 pt: title 16, subtitles 11, fields 10).
constexpr double kTitleScale = 16.0 / 9.0;
constexpr double kSubtitleScale = 11.0 / 9.0;
constexpr double kFieldScale = 10.0 / 9.0;
constexpr double kPageNumberSpacing = 0.15;  // letter spacing of "第 N 页 共 M 页", in ems
constexpr const char* kContinued = "（续）";

struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
struct FontFree {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;
using FontPtr = std::unique_ptr<PangoFontDescription, FontFree>;

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

PangoAlignment PangoAlign(Align align) {
  switch (align) {
    case Align::kLeft: return PANGO_ALIGN_LEFT;
    case Align::kCenter: return PANGO_ALIGN_CENTER;
    case Align::kRight: return PANGO_ALIGN_RIGHT;
  }
  return PANGO_ALIGN_LEFT;
}

void SetColor(cairo_t* cr, Rgb rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
}

// One line of a wrapped layout, in points from the layout's top-left.
struct LineBox {
  double top = 0;
  double bottom = 0;
  double baseline = 0;
  double x = 0;  // where the line starts (alignment moves it)
};

// A measured grid cell.
struct Box {
  double x = 0;
  double width = 0;
  LayoutPtr layout;
  double text_height = 0;
  struct Sign {
    cairo_surface_t* image;
    double x, y, scale;  // x, y inside the cell's padding box
  };
  std::vector<Sign> signs;
  double signs_height = 0;
  std::vector<LineBox> lines;  // measured only when the cell's row is split across pages

  bool has_text() const { return pango_layout_get_character_count(layout.get()) > 0; }
  double ContentHeight() const {
    if (signs.empty()) return text_height;
    return signs_height + (has_text() ? kSignGap + text_height : 0);
  }
};

// Lines [first, end) of a cell shown on one page.
struct LineRange {
  std::size_t first = 0;
  std::size_t end = 0;
};

// A grid row (or, for a row taller than a page, one slice of it) on a page.
struct Band {
  int row = 0;
  double height = 0;
  bool whole = true;
  int slice = 0;                                          // 0: the row's first (or only) part
  std::vector<std::pair<std::size_t, LineRange>> lines;  // slices: cell index -> its lines on this page
};

struct Page {
  std::vector<Band> bands;  // consecutive body rows, each at most once
  bool footer = false;      // the footer fields end this page
};

// Title, subtitles or one field line: layouts side by side.
struct TextLine {
  std::vector<std::pair<double, LayoutPtr>> parts;  // x from the left margin, layout
  double height = 0;
};

class PdfRenderer {
 public:
  PdfRenderer(const Document& document, const Grid& grid, const PdfOptions& options)
      : document_(document), grid_(grid), options_(options) {}

  Result<std::string> Render() {
    SAFELOOP_RETURN_IF_ERROR(Open());
    SAFELOOP_RETURN_IF_ERROR(Measure());
    SAFELOOP_RETURN_IF_ERROR(Paginate());
    for (std::size_t p = 0; p < pages_.size(); ++p) DrawPage(p);
    return Close();
  }

 private:
  Status Open() {
    bool landscape = document_.orientation == Orientation::kLandscape;
    page_width_ = (landscape ? kA4LongMm : kA4ShortMm) * kPointsPerMm;
    page_height_ = (landscape ? kA4ShortMm : kA4LongMm) * kPointsPerMm;
    double margin = options_.margin_mm * kPointsPerMm;
    left_ = margin;
    top_ = margin;
    content_width_ = page_width_ - 2 * margin;
    bottom_ = page_height_ - margin - kPageNumberBandMm * kPointsPerMm;
    surface_.reset(cairo_pdf_surface_create_for_stream(AppendToString, &bytes_, page_width_, page_height_));
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) {
      return Internal(std::string("documents: cannot create a PDF surface: ") +
                      cairo_status_to_string(cairo_surface_status(surface_.get())));
    }
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, document_.title.c_str());
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "SafeLoop");
    cr_.reset(cairo_create(surface_.get()));
    context_.reset(pango_cairo_create_context(cr_.get()));
    // Unhinted metrics: text measures the same in the first pass as it draws in the second.
    cairo_font_options_t* font_options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(font_options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(font_options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context_.get(), font_options);
    cairo_font_options_destroy(font_options);
    return Status::Ok();
  }

  LayoutPtr MakeLayout(const std::string& text, double scale, bool bold, double width, Align align) const {
    LayoutPtr layout(pango_layout_new(context_.get()));
    FontPtr font(pango_font_description_new());
    pango_font_description_set_family(font.get(), options_.font_family.c_str());
    pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    // Absolute size: device units are PDF points, whatever resolution pango assumes.
    pango_font_description_set_absolute_size(font.get(), options_.body_font_size * scale * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), static_cast<int>(std::max(1.0, width) * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), PangoAlign(align));
    pango_layout_set_text(layout.get(), text.c_str(), -1);
    return layout;
  }

  static double Height(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return static_cast<double>(logical.y + logical.height) / PANGO_SCALE;
  }

  TextLine Centred(const std::string& text, double scale, bool bold) const {
    TextLine line;
    line.parts.emplace_back(0, MakeLayout(text, scale, bold, content_width_, Align::kCenter));
    line.height = Height(line.parts.back().second.get());
    return line;
  }

  // Each field gets an equal share of the width and wraps inside it.
  TextLine Fields(const FieldLine& fields) const {
    TextLine line;
    double share = content_width_ / static_cast<double>(fields.size());
    for (std::size_t i = 0; i < fields.size(); ++i) {
      line.parts.emplace_back(share * static_cast<double>(i),
                              MakeLayout(FieldText(fields[i]), kFieldScale, false, share - kPadX, Align::kLeft));
      line.height = std::max(line.height, Height(line.parts.back().second.get()));
    }
    return line;
  }

  static double BlockHeight(const std::vector<TextLine>& lines) {
    double height = 0;
    for (const TextLine& line : lines) height += line.height;
    if (!lines.empty()) height += kLineGap * static_cast<double>(lines.size() - 1);
    return height;
  }

  Status Measure() {
    if (!document_.title.empty()) title_lines_.push_back(Centred(document_.title, kTitleScale, true));
    for (const std::string& subtitle : document_.subtitles) {
      title_lines_.push_back(Centred(subtitle, kSubtitleScale, false));
    }
    for (const FieldLine& fields : document_.header_fields) title_lines_.push_back(Fields(fields));
    for (const FieldLine& fields : document_.footer) footer_lines_.push_back(Fields(fields));
    title_height_ = title_lines_.empty() ? 0 : BlockHeight(title_lines_) + kBlockGap;
    footer_height_ = footer_lines_.empty() ? 0 : BlockHeight(footer_lines_) + kBlockGap;

    double total = 0;
    for (double width : grid_.widths) total += width;
    column_x_.push_back(left_);
    for (double width : grid_.widths) column_x_.push_back(column_x_.back() + width / total * content_width_);

    for (std::size_t i = 0; i < grid_.cells.size(); ++i) {
      const GridCell& cell = grid_.cells[i];
      Box box;
      box.x = column_x_[static_cast<std::size_t>(cell.column)];
      box.width = column_x_[static_cast<std::size_t>(cell.column + cell.column_span)] - box.x;
      double inner = std::max(1.0, box.width - 2 * kPadX);
      box.layout = MakeLayout(cell.text, cell.font_scale, cell.bold, inner, cell.align);
      box.text_height = Height(box.layout.get());
      SAFELOOP_RETURN_IF_ERROR(PlaceSigns(cell, inner, box));
      boxes_.push_back(std::move(box));
    }
    LayoutPtr probe = MakeLayout("国", 1, false, content_width_, Align::kLeft);
    min_row_height_ = Height(probe.get()) + 2 * kPadY;
    heights_ = FitRowHeights(grid_, min_row_height_, [this](const GridCell& cell) {
      return boxes_[static_cast<std::size_t>(&cell - grid_.cells.data())].ContentHeight() + 2 * kPadY;
    });
    for (int r = 0; r < grid_.header_rows; ++r) header_height_ += heights_[static_cast<std::size_t>(r)];
    return Status::Ok();
  }

  // Signs side by side at a common height, wrapping to further lines, each line centred.
  Status PlaceSigns(const GridCell& cell, double inner, Box& box) {
    double target = kSignHeightMm * kPointsPerMm;
    std::vector<std::vector<Box::Sign>> lines(1);
    std::vector<double> line_widths(1, 0);
    for (std::size_t i = 0; i < cell.images.size(); ++i) {
      auto found = images_.find(cell.images[i]);
      if (found == images_.end()) {
        Result<PngImage> image = LoadPng(cell.images[i], i);
        if (!image.ok()) return image.status();
        found = images_.emplace(cell.images[i], std::move(*image)).first;
      }
      const PngImage& image = found->second;
      double scale = std::min(target / image.height, inner / image.width);
      double width = image.width * scale;
      if (line_widths.back() > 0 && line_widths.back() + kSignGap + width > inner) {
        lines.emplace_back();
        line_widths.push_back(0);
      }
      double x = line_widths.back() > 0 ? line_widths.back() + kSignGap : 0;
      lines.back().push_back({image.surface.get(), x, 0, scale});
      line_widths.back() = x + width;
    }
    if (cell.images.empty()) return Status::Ok();
    double y = 0;
    for (std::size_t l = 0; l < lines.size(); ++l) {
      double shift = (inner - line_widths[l]) / 2;
      double line_height = 0;
      for (Box::Sign& sign : lines[l]) {
        sign.x += shift;
        sign.y = y;
        line_height = std::max(line_height, cairo_image_surface_get_height(sign.image) * sign.scale);
        box.signs.push_back(sign);
      }
      y += line_height + (l + 1 < lines.size() ? kSignGap : 0);
    }
    box.signs_height = y;
    return Status::Ok();
  }

  const std::vector<LineBox>& Lines(std::size_t index) {
    Box& box = boxes_[index];
    if (!box.lines.empty()) return box.lines;
    PangoLayoutIter* iter = pango_layout_get_iter(box.layout.get());
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      double baseline = static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE;
      box.lines.push_back({static_cast<double>(logical.y) / PANGO_SCALE,
                           static_cast<double>(logical.y + logical.height) / PANGO_SCALE, baseline,
                           static_cast<double>(logical.x) / PANGO_SCALE});
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    return box.lines;
  }

  double Available(std::size_t page) const {
    return bottom_ - top_ - header_height_ - (page == 0 ? title_height_ : 0);
  }

  void NewPage() {
    pages_.emplace_back();
    used_ = 0;
  }

  void PlaceWhole(int row) {
    pages_.back().bands.push_back({row, heights_[static_cast<std::size_t>(row)], true, 0, {}});
    used_ += heights_[static_cast<std::size_t>(row)];
  }

  bool Fits(double height) const { return used_ + height <= Available(pages_.size() - 1) + kEpsilon; }

  // A row taller than a page: every cell of the row shows as many whole lines as fit, and continues on the
  // next page from the first line that did not. Cells merged into the row from others are drawn clipped.
  void SplitRow(int row) {
    std::vector<std::size_t> cells;
    for (std::size_t i = 0; i < grid_.cells.size(); ++i) {
      const GridCell& cell = grid_.cells[i];
      if (cell.row == row && cell.row_span == 1 && cell.images.empty()) cells.push_back(i);
    }
    if (cells.empty()) {
      // Only merged-in cells or pictures: nothing flows, the part that fits is shown and the rest clipped.
      double room = Available(pages_.size() - 1) - used_;
      double height = std::min(heights_[static_cast<std::size_t>(row)], room);
      pages_.back().bands.push_back({row, height, false, 0, {}});
      used_ += height;
      return;
    }
    std::vector<std::size_t> cursor(cells.size(), 0);
    for (int slice = 0;; ++slice) {
      double room = Available(pages_.size() - 1) - used_;
      if (used_ > 0 && room < min_row_height_ * 2) {
        NewPage();
        room = Available(pages_.size() - 1);
      }
      Band band{row, 0, false, slice, {}};
      bool done = true;
      double tallest = 0;
      for (std::size_t k = 0; k < cells.size(); ++k) {
        const std::vector<LineBox>& lines = Lines(cells[k]);
        std::size_t first = cursor[k];
        std::size_t end = first;
        while (end < lines.size() && lines[end].bottom - lines[first].top <= room - 2 * kPadY + kEpsilon) ++end;
        // A single line taller than the page still moves on (clipped) instead of looping forever.
        if (end == first && first < lines.size() && used_ == 0) end = first + 1;
        if (end > first) tallest = std::max(tallest, lines[end - 1].bottom - lines[first].top);
        if (end < lines.size()) done = false;
        cursor[k] = end;
        band.lines.push_back({cells[k], {first, end}});
      }
      band.height = done ? std::max(tallest + 2 * kPadY, min_row_height_) : room;
      used_ += band.height;
      pages_.back().bands.push_back(std::move(band));
      if (done) return;
      NewPage();
    }
  }

  Status Paginate() {
    if (bottom_ - top_ - header_height_ < min_row_height_) {
      return InvalidArgument("documents: the header rows are taller than a page", "table.header_rows");
    }
    if (Available(0) < min_row_height_) {
      return InvalidArgument("documents: the title and header fields leave no room for the table on the first page",
                             "header_fields");
    }
    // The last row each row is tied to by a row span: rows so tied form one group.
    std::vector<int> tied(static_cast<std::size_t>(grid_.rows));
    for (int r = 0; r < grid_.rows; ++r) tied[static_cast<std::size_t>(r)] = r;
    for (const GridCell& cell : grid_.cells) {
      int& last = tied[static_cast<std::size_t>(cell.row)];
      last = std::max(last, cell.row + cell.row_span - 1);
    }

    NewPage();
    double full_page = Available(1);
    for (int first = grid_.header_rows; first < grid_.rows;) {
      int last = first;
      for (int r = first; r <= last; ++r) last = std::max(last, tied[static_cast<std::size_t>(r)]);
      double height = 0;
      for (int r = first; r <= last; ++r) height += heights_[static_cast<std::size_t>(r)];
      if (Fits(height)) {
        for (int r = first; r <= last; ++r) PlaceWhole(r);
      } else if (used_ > 0 && height <= full_page + kEpsilon) {
        NewPage();
        for (int r = first; r <= last; ++r) PlaceWhole(r);
      } else {
        // Taller than a page (or than what page 1 leaves): break the group between its rows.
        for (int r = first; r <= last; ++r) {
          double row_height = heights_[static_cast<std::size_t>(r)];
          // On page 1 a row that fits a later page moves there rather than being split.
          if (Fits(row_height)) {
            PlaceWhole(r);
          } else if ((used_ > 0 || pages_.size() == 1) && row_height <= full_page + kEpsilon) {
            NewPage();
            PlaceWhole(r);
          } else {
            SplitRow(r);
          }
        }
      }
      first = last + 1;
    }
    if (!footer_lines_.empty()) {
      if (!Fits(footer_height_)) NewPage();
      pages_.back().footer = true;
    }
    return Status::Ok();
  }

  void DrawLine(const TextLine& line, double y) const {
    for (const auto& [x, layout] : line.parts) {
      cairo_move_to(cr_.get(), left_ + x, y);
      pango_cairo_show_layout(cr_.get(), layout.get());
    }
  }

  double DrawLines(const std::vector<TextLine>& lines, double y) const {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      DrawLine(lines[i], y);
      y += lines[i].height + (i + 1 < lines.size() ? kLineGap : 0);
    }
    return y;
  }

  void DrawSigns(const Box& box, double y) const {
    for (const Box::Sign& sign : box.signs) {
      cairo_save(cr_.get());
      cairo_translate(cr_.get(), box.x + kPadX + sign.x, y + sign.y);
      cairo_scale(cr_.get(), sign.scale, sign.scale);
      cairo_set_source_surface(cr_.get(), sign.image, 0, 0);
      cairo_paint(cr_.get());
      cairo_restore(cr_.get());
    }
  }

  enum class Mode { kWhole, kLines, kFirstPart, kContinued };

  void DrawCell(std::size_t index, double top, double height, Mode mode, LineRange range = {}) {
    const GridCell& cell = grid_.cells[index];
    const Box& box = boxes_[index];
    cairo_t* cr = cr_.get();
    if (cell.fill) {
      SetColor(cr, *cell.fill);
      cairo_rectangle(cr, box.x, top, box.width, height);
      cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_save(cr);
    cairo_rectangle(cr, box.x, top, box.width, height);
    cairo_clip(cr);
    switch (mode) {
      case Mode::kWhole: {
        double y = top + std::max(kPadY, (height - box.ContentHeight()) / 2);
        DrawSigns(box, y);
        if (box.signs.empty() || box.has_text()) {
          cairo_move_to(cr, box.x + kPadX, y + (box.signs.empty() ? 0 : box.signs_height + kSignGap));
          pango_cairo_show_layout(cr, box.layout.get());
        }
        break;
      }
      case Mode::kLines: {
        const std::vector<LineBox>& lines = Lines(index);
        for (std::size_t i = range.first; i < range.end; ++i) {
          cairo_move_to(cr, box.x + kPadX + lines[i].x, top + kPadY + lines[i].baseline - lines[range.first].top);
          pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(box.layout.get(), static_cast<int>(i)));
        }
        break;
      }
      case Mode::kFirstPart:
        DrawSigns(box, top + kPadY);
        cairo_move_to(cr, box.x + kPadX, top + kPadY + (box.signs.empty() ? 0 : box.signs_height + kSignGap));
        pango_cairo_show_layout(cr, box.layout.get());
        break;
      case Mode::kContinued: {
        // The merged cell was cut by a page break: say again what the rows below belong to.
        LayoutPtr again = MakeLayout(cell.text + kContinued, cell.font_scale, cell.bold,
                                     std::max(1.0, box.width - 2 * kPadX), cell.align);
        cairo_move_to(cr, box.x + kPadX, top + kPadY);
        pango_cairo_show_layout(cr, again.get());
        break;
      }
    }
    cairo_restore(cr);
    cairo_set_line_width(cr, kBorderWidth);
    cairo_rectangle(cr, box.x, top, box.width, height);
    cairo_stroke(cr);
  }

  void DrawPage(std::size_t p) {
    const Page& page = pages_[p];
    double y = top_;
    if (p == 0 && !title_lines_.empty()) y = DrawLines(title_lines_, y) + kBlockGap;
    // Header rows head every page with rows (and page 1 of a table without body rows).
    bool header = grid_.header_rows > 0 && (!page.bands.empty() || (p == 0 && grid_.rows == grid_.header_rows));
    if (header) {
      std::vector<double> row_top(static_cast<std::size_t>(grid_.header_rows) + 1, y);
      for (std::size_t r = 0; r + 1 < row_top.size(); ++r) row_top[r + 1] = row_top[r] + heights_[r];
      for (std::size_t i = 0; i < grid_.cells.size() && grid_.cells[i].row < grid_.header_rows; ++i) {
        const GridCell& cell = grid_.cells[i];
        double top = row_top[static_cast<std::size_t>(cell.row)];
        DrawCell(i, top, row_top[static_cast<std::size_t>(cell.row + cell.row_span)] - top, Mode::kWhole);
      }
      y += header_height_;
    }
    if (!page.bands.empty()) {
      std::vector<double> band_top(page.bands.size() + 1, y);
      for (std::size_t b = 0; b < page.bands.size(); ++b) band_top[b + 1] = band_top[b] + page.bands[b].height;
      int first_row = page.bands.front().row;
      int last_row = page.bands.back().row;
      for (std::size_t i = 0; i < grid_.cells.size(); ++i) {
        const GridCell& cell = grid_.cells[i];
        int cell_last = cell.row + cell.row_span - 1;
        if (cell.row < grid_.header_rows || cell_last < first_row || cell.row > last_row) continue;
        auto lo = static_cast<std::size_t>(std::max(cell.row, first_row) - first_row);
        auto hi = static_cast<std::size_t>(std::min(cell_last, last_row) - first_row);
        bool whole = cell.row >= first_row && cell_last <= last_row;
        for (std::size_t b = lo; b <= hi; ++b) whole = whole && page.bands[b].whole;
        double top = band_top[lo];
        double height = band_top[hi + 1] - top;
        const Band& start = page.bands[lo];
        if (whole) {
          DrawCell(i, top, height, Mode::kWhole);
          continue;
        }
        auto own = std::find_if(start.lines.begin(), start.lines.end(),
                                [i](const std::pair<std::size_t, LineRange>& entry) { return entry.first == i; });
        if (own != start.lines.end()) {
          DrawCell(i, top, height, Mode::kLines, own->second);
        } else {
          bool continued = cell.row < first_row || start.slice > 0;
          DrawCell(i, top, height, continued ? Mode::kContinued : Mode::kFirstPart);
        }
      }
      y = band_top.back();
    }
    if (page.footer) DrawLines(footer_lines_, y + (y > top_ ? kBlockGap : 0));

    std::string number = "第 " + std::to_string(p + 1) + " 页 共 " + std::to_string(pages_.size()) + " 页";
    LayoutPtr footer = MakeLayout(number, 1, false, content_width_, Align::kCenter);
    // Spaced out a little: with only a space's width around the numbers, text extraction (pdftotext -layout,
    // copy and paste in some viewers) runs the line together as "第1页共7页".
    PangoAttrList* spacing = pango_attr_list_new();
    pango_attr_list_insert(spacing, pango_attr_letter_spacing_new(
                                        static_cast<int>(options_.body_font_size * kPageNumberSpacing * PANGO_SCALE)));
    pango_layout_set_attributes(footer.get(), spacing);
    pango_attr_list_unref(spacing);
    double band = page_height_ - bottom_;
    cairo_set_source_rgb(cr_.get(), 0, 0, 0);
    cairo_move_to(cr_.get(), left_, bottom_ + (band - Height(footer.get())) / 2);
    pango_cairo_show_layout(cr_.get(), footer.get());
    cairo_show_page(cr_.get());
  }

  Result<std::string> Close() {
    cairo_status_t status = cairo_status(cr_.get());
    boxes_.clear();
    title_lines_.clear();
    footer_lines_.clear();
    context_.reset();
    cr_.reset();
    cairo_surface_finish(surface_.get());
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface_.get());
    surface_.reset();
    if (status != CAIRO_STATUS_SUCCESS) {
      return Internal(std::string("documents: cannot draw the PDF: ") + cairo_status_to_string(status));
    }
    return std::move(bytes_);
  }

  const Document& document_;
  const Grid& grid_;
  const PdfOptions& options_;
  std::string bytes_;

  double page_width_ = 0;
  double page_height_ = 0;
  double left_ = 0;
  double top_ = 0;
  double bottom_ = 0;  // where the page-number band starts
  double content_width_ = 0;

  // Declared in creation order: members are destroyed in reverse, layouts before their context.
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface_;
  std::unique_ptr<cairo_t, CairoDestroy> cr_;
  ContextPtr context_;
  std::map<std::string, PngImage> images_;
  std::vector<Box> boxes_;  // parallel to grid_.cells
  std::vector<TextLine> title_lines_;
  std::vector<TextLine> footer_lines_;

  std::vector<double> column_x_;
  std::vector<double> heights_;  // per grid row
  double min_row_height_ = 0;
  double header_height_ = 0;
  double title_height_ = 0;
  double footer_height_ = 0;

  std::vector<Page> pages_;
  double used_ = 0;  // body height used on the last page
};

Status CheckOptions(const PdfOptions& options) {
  if (options.font_family.empty() || Utf8Length(options.font_family) < 0) {
    return InvalidArgument("documents: the PDF font family must be a name", "font_family");
  }
  if (!(options.body_font_size >= 4 && options.body_font_size <= 72)) {
    return InvalidArgument("documents: the PDF body font size must be between 4 and 72 points", "body_font_size");
  }
  if (!(options.margin_mm >= 0 && options.margin_mm <= 50)) {
    return InvalidArgument("documents: the PDF margin must be between 0 and 50 mm", "margin_mm");
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> RenderPdf(const Document& document, const PdfOptions& options) {
  SAFELOOP_RETURN_IF_ERROR(CheckOptions(options));
  Result<Grid> grid = BuildGrid(document);
  if (!grid.ok()) return grid.status();
  PdfRenderer renderer(document, *grid, options);
  return renderer.Render();
}

}  // namespace safeloop::documents
