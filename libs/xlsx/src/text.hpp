#pragma once
/// @file text.hpp
/// UTF-8 details of spreadsheet text: OOXML's _xHHHH_ escapes, byte-order marks, validity.

#include <string>
#include <string_view>

namespace safeloop::xlsx {

/// Decodes the ST_Xstring escapes writers use for characters XML cannot hold ("_x000D_" -> CR,
/// "_x005F_" -> "_"); anything that is not a well-formed escape is left as written.
std::string DecodeXString(std::string_view text);

/// Removes one leading UTF-8 byte-order mark (text pasted from a CSV can carry one into a cell).
void StripLeadingBom(std::string& text);

/// Whether `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF). Excel
/// refuses to open a file holding anything else, so the writer checks before writing.
bool IsValidUtf8(std::string_view text);

/// Number of code points in valid UTF-8 `text` (Excel's length limits count characters, not bytes).
std::size_t Utf8Length(std::string_view text);

}  // namespace safeloop::xlsx
