#pragma once
/// @file pdf_renderer.hpp
/// A Document as PDF bytes (cairo + pango), for printing and for handing to an inspector.
///
/// Page: A4 in the document's orientation, margins on every side. Page 1 starts with the centred title, the
/// subtitles and the header fields; every page that holds table rows starts with the header rows (repeated);
/// every page ends with "第 N 页 共 M 页" centred in the bottom margin. Text wraps inside its cell.
///
/// Page breaks: rows joined by a row span (one risk point and its measures) stay on one page whenever they
/// fit on one; a group taller than a page breaks between its rows, and a merged cell cut by the break is
/// drawn again on the next page with its text followed by "（续）". A single row taller than a page is split
/// honestly: each of its cells continues on the next page from the first line that did not fit (no text is
/// dropped). The footer fields follow the last row, on a new page if they do not fit.
///
/// The bytes depend only on the document, the options and the installed fonts, except for the PDF creation
/// date that cairo writes.

#include <string>

#include "safeloop/core/status.hpp"
#include "safeloop/documents/document.hpp"

namespace safeloop::documents {

struct PdfOptions {
  /// A fontconfig family with Chinese glyphs (Debian: fonts-noto-cjk).
  std::string font_family = "Noto Sans CJK SC";
  double body_font_size = 9;  ///< points; the title, fields and header scale from it
  double margin_mm = 12;      ///< left, right and top; the bottom margin adds room for the page number
};

/// The PDF bytes of `document`. INVALID_ARGUMENT as Validate(), for options out of range (font size 4..72,
/// margin 0..50 mm), when the header rows (or the title block) leave no room for a row on a page, or with
/// field "card.sign_images[i]" when a sign is not a readable PNG; INTERNAL when cairo fails.
Result<std::string> RenderPdf(const Document& document, const PdfOptions& options = {});

}  // namespace safeloop::documents
