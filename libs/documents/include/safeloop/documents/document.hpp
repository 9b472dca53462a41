#pragma once
/// @file document.hpp
/// One model for the platform's printable Chinese tabular documents (台账, 清单, 告知卡, 公告栏), rendered to .xlsx
/// (xlsx_renderer.hpp) and to PDF (pdf_renderer.hpp). Plain data, no I/O.
///
/// A document is a title, optional subtitle and header-field lines, one body — a Table or a Card — and footer
/// lines (signatures, 编制日期). A table's header and body rows are written like an HTML table: each row lists
/// its cells left to right, and a cell merged down from a row above (row_span) takes its columns in the rows
/// below, so those rows simply list fewer cells. Example, the two header rows of 风险点分级管控台账 (DB13 E.1):
///
///     header_rows = {
///       {{"风险点序号", 2}, {"风险点位置", 1, 3}, {"风险点名称", 2}, ..., {"管控责任", 1, 2}, ...},
///       {{"一级单元"}, {"二级子单元"}, {"三级子单元"}, {"单位"}, {"责任人"}, ...},
///     };
///
/// Validate() reports the first problem with the cell named by 1-based row and column in the message, e.g.
/// "documents: body row 12, cell 3 (column 5): ...", and by zero-based indexes in the field,
/// e.g. "table.body_rows[11][2]".

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::documents {

/// A colour as 0xRRGGBB.
using Rgb = std::uint32_t;

/// The four risk colours of the four-colour risk map (四色).
inline constexpr Rgb kRiskRed = 0xE53935;     ///< 重大风险
inline constexpr Rgb kRiskOrange = 0xFB8C00;  ///< 较大风险
inline constexpr Rgb kRiskYellow = 0xFDD835;  ///< 一般风险
inline constexpr Rgb kRiskBlue = 0x1E88E5;    ///< 低风险

/// A4 either way up.
enum class Orientation { kPortrait, kLandscape };

enum class Align { kLeft, kCenter, kRight };

/// "label：value", e.g. {"企业名称", "临港精细化工有限公司"}. An empty value leaves room to fill in by hand
/// (signatures: {"审核人", ""}).
struct Field {
  std::string label;
  std::string value;
};

/// Fields shown side by side on one line, each given an equal share of the width.
using FieldLine = std::vector<Field>;

/// A table column: its width and how its body text is aligned. The width is in Excel character units (a Latin
/// letter; a Chinese character takes about two): the .xlsx uses it as the column width, the PDF shares the
/// page width between the columns in these proportions.
struct Column {
  double width = 10;
  Align align = Align::kCenter;
};

/// A header or body cell. Spans merge it with the cells to its right (column_span) and below (row_span) within
/// its section: a header cell cannot span into the body.
struct Cell {
  std::string text;  ///< "\n" starts a new line; long text wraps inside the cell
  int row_span = 1;
  int column_span = 1;
  std::optional<Rgb> fill;    ///< background, e.g. kRiskRed for a 风险等级 cell
  std::optional<Align> align;  ///< overrides the column's alignment (header cells are centred)
  bool bold = false;           ///< header cells are always bold
};

/// A bordered table whose header rows repeat at the top of every page.
struct Table {
  std::vector<Column> columns;                  ///< at least one; their number is the table's width
  std::vector<std::vector<Cell>> header_rows;  ///< may be empty
  std::vector<std::vector<Cell>> body_rows;
};

/// A bordered box of labelled sections (岗位风险告知卡 D.1, 重大安全风险公告栏 G.1): a heading inside the box,
/// rows of label | value cells, then the safety signs with a note under them.
struct Card {
  std::string heading;          ///< e.g. "岗位风险告知卡", large and bold in the first row of the box
  std::optional<Rgb> heading_fill;  ///< e.g. kRiskRed for a 重大安全风险公告栏
  /// One row of the box per line; fields on one line share its width (车间 | … | 岗位 | …). At least one line.
  std::vector<FieldLine> rows;
  /// PNG files of safety signs (GB 2894), shown side by side in the last row; read when rendering.
  std::vector<std::string> sign_images;
  std::string sign_note;  ///< e.g. "（安全标志应符合GB 2894的相关规定）", under the signs
};

struct Document {
  std::string title;                     ///< e.g. "XXXX企业（单位）风险点分级管控台账"; may be empty
  std::vector<std::string> subtitles;    ///< centred under the title, e.g. "第0012号风险点清单"
  std::vector<FieldLine> header_fields;  ///< above the body, e.g. 企业名称：… 所在风险单元名称：…
  Orientation orientation = Orientation::kPortrait;
  std::variant<Table, Card> body;
  std::vector<FieldLine> footer;  ///< below the body (after the last row), e.g. 分析人 / 审核人 / 审定人, 编制日期
  /// The .xlsx sheet name; empty: the title with []:*?/\ removed, cut to 31 characters (or "Sheet1").
  std::string sheet_name;
};

/// OK when both renderers can draw `document`. INVALID_ARGUMENT for: no columns, a width that is not a
/// positive number, a span below 1, a cell spanning past the last column or past its section's last row, a
/// cell overlapping another merged cell, a row that does not fill every column after spans, a fill above
/// 0xFFFFFF, text that is not UTF-8, an empty field line, a card without rows or with an empty sign path.
Status Validate(const Document& document);

}  // namespace safeloop::documents
