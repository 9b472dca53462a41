#pragma once
/// @file xlsx_renderer.hpp
/// A Document as an .xlsx workbook of one sheet, for people who keep editing the ledger in Excel or WPS.
///
/// Layout, top to bottom: the title merged across the table (bold, 16 pt), subtitles, header fields (each
/// field merged over its share of the columns), the header rows (merged per the spans, bold, grey), the body
/// (thin borders, wrapped text, fills), then the footer fields. Everything above the body is frozen. Printing:
/// A4 in the document's orientation, fit to one page wide, the header rows repeated on every page, footer
/// "第 &P 页 共 &N 页". Row heights are estimated from the text (Excel does not fit merged cells itself).
/// A card becomes the same kind of grid (label and value cells) with its signs placed over the last row.

#include <string>

#include "safeloop/core/status.hpp"
#include "safeloop/documents/document.hpp"

namespace safeloop::documents {

/// The .xlsx bytes of `document`. INVALID_ARGUMENT as Validate(), or with field "card.sign_images[i]" when a
/// sign is not a readable PNG; INTERNAL when the workbook cannot be written.
Result<std::string> RenderXlsx(const Document& document);

}  // namespace safeloop::documents
