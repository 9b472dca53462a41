#include "sheet_reader.hpp"

#include <charconv>
#include <optional>

#include "number_format.hpp"
#include "safeloop/xlsx/cell_ref.hpp"
#include "text.hpp"
#include "xml.hpp"

namespace safeloop::xlsx {
namespace {

Status Malformed(const Sheet& sheet, const std::string& detail) {
  return InvalidArgument("not an .xlsx workbook: sheet '" + sheet.name + "' " + detail, "file");
}

// A t="d" cell holds ISO 8601 already; show it like a date-formatted number.
std::string IsoDateCell(std::string_view value) {
  if (value.size() < 10) return std::string(value);
  std::string_view time = value.size() >= 19 ? value.substr(11, 8) : std::string_view();
  if (time.empty() || time == "00:00:00") return std::string(value.substr(0, 10));
  return std::string(value.substr(0, 10)) + " " + std::string(time);
}

// The text of one <c>; nullopt when it points at a shared string that does not exist.
std::optional<std::string> CellText(const pugi::xml_node& cell, const SheetContext& context) {
  std::string_view type = Attr(cell, "t").value();
  std::string_view value = Child(cell, "v").text().get();
  if (type == "s") {
    std::size_t index = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
    if (ec != std::errc() || end != value.data() + value.size() || index >= context.shared_strings.size()) {
      return std::nullopt;
    }
    return context.shared_strings[index];
  }
  if (type == "inlineStr" || (type.empty() && value.empty() && Child(cell, "is"))) {
    return StringItemText(Child(cell, "is"));
  }
  if (type == "str") return DecodeXString(value);  // a formula's text result
  if (type == "e") return std::string(value);      // "#N/A", "#DIV/0!"
  if (type == "b") return value.empty() ? std::string() : std::string(value == "1" ? "TRUE" : "FALSE");
  if (type == "d") return IsoDateCell(value);
  if (value.empty()) return std::string();

  double number = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec != std::errc() || end != value.data() + value.size()) return std::string(value);
  std::size_t style = Attr(cell, "s").as_uint(0);
  DateKind kind = style < context.date_styles.size() ? context.date_styles[style] : DateKind::kNone;
  if (auto date = FormatSerial(number, kind, context.date1904)) return *date;
  return FormatNumber(number);
}

// Running state while rows arrive, possibly over several parsed chunks.
struct RowReader {
  const SheetContext& context;
  Sheet& sheet;
  std::size_t& cells_left;
  int row_number = 0;

  Status Add(const pugi::xml_node& row_node);
};

Status RowReader::Add(const pugi::xml_node& row_node) {
  // Rows and cells may omit r="..."; they then follow the previous one.
  pugi::xml_attribute r = Attr(row_node, "r");
  row_number = r ? r.as_int(0) : row_number + 1;
  if (row_number < 1 || row_number > kMaxRows) {
    return Malformed(sheet, "has a row numbered '" + (r ? std::string(r.value()) : std::to_string(row_number)) + "'");
  }

  Row row{row_number, {}};
  int column = -1;
  for (pugi::xml_node cell : row_node.children()) {
    if (!IsElement(cell, "c")) continue;
    pugi::xml_attribute ref_attr = Attr(cell, "r");
    if (ref_attr) {
      auto ref = ParseCellRef(ref_attr.value());
      if (!ref) return Malformed(sheet, "has a malformed cell reference '" + std::string(ref_attr.value()) + "'");
      column = ref->column;
    } else if (++column >= kMaxColumns) {
      return Malformed(sheet, "row " + std::to_string(row_number) + " has more than " + std::to_string(kMaxColumns) +
                                  " columns");
    }

    std::optional<std::string> text = CellText(cell, context);
    if (!text) {
      return Malformed(sheet, "cell " + ColumnLetter(column) + std::to_string(row_number) +
                                  " refers to a shared string that does not exist");
    }
    StripLeadingBom(*text);
    if (text->empty()) continue;  // an empty (e.g. only styled) cell does not lengthen the row

    auto index = static_cast<std::size_t>(column);
    if (index >= row.cells.size()) {
      std::size_t growth = index + 1 - row.cells.size();
      if (growth > cells_left) {
        return InvalidArgument("xlsx: the workbook has too many cells (sheet '" + sheet.name + "', row " +
                                   std::to_string(row_number) + "); split it into smaller files",
                               "file");
      }
      cells_left -= growth;
      row.cells.resize(index + 1);
    }
    row.cells[index] = std::move(*text);
  }

  if (row.cells.empty()) return Status::Ok();  // fully empty rows are skipped; numbering stays Excel's
  if (sheet.rows.size() == context.max_rows) {
    return InvalidArgument("xlsx: sheet '" + sheet.name + "' has more than " + std::to_string(context.max_rows) +
                               " rows; split it into smaller files",
                           "file");
  }
  sheet.rows.push_back(std::move(row));
  return Status::Ok();
}

// Where the rows are: the content of <sheetData>, and how a row element closes ("</row>", "</x:row>").
struct SheetDataSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string row_close;
};

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.';
}

std::optional<SheetDataSpan> FindSheetData(std::string_view xml) {
  constexpr std::string_view kName = "sheetData";
  for (std::size_t hit = xml.find(kName); hit != std::string_view::npos; hit = xml.find(kName, hit + 1)) {
    std::size_t name_start = hit;
    if (name_start > 0 && xml[name_start - 1] == ':') {  // a namespace prefix: "<x:sheetData"
      --name_start;
      while (name_start > 0 && IsNameChar(xml[name_start - 1])) --name_start;
    }
    std::size_t after = hit + kName.size();
    if (name_start == 0 || xml[name_start - 1] != '<' || after >= xml.size()) continue;
    char next = xml[after];
    if (next != '>' && next != '/' && next != ' ' && next != '\t' && next != '\r' && next != '\n') continue;

    std::size_t tag_end = xml.find('>', after);
    if (tag_end == std::string_view::npos) return std::nullopt;
    if (xml[tag_end - 1] == '/') return SheetDataSpan{tag_end + 1, tag_end + 1, {}};  // <sheetData/>
    std::string_view qualified = xml.substr(name_start, after - name_start);
    std::size_t close = xml.rfind("</" + std::string(qualified) + ">");
    if (close == std::string_view::npos || close < tag_end) return std::nullopt;
    std::string_view prefix = qualified.substr(0, qualified.size() - kName.size());
    return SheetDataSpan{tag_end + 1, close, "</" + std::string(prefix) + "row>"};
  }
  return std::nullopt;
}

// Rows are parsed a slice at a time: a DOM of a whole 60 MB sheet would take ten times that in memory.
constexpr std::size_t kSliceBytes = 1u << 20;

}  // namespace

Status ReadSheetRows(std::string& xml, std::string_view part, const SheetContext& context, Sheet& sheet,
                     std::size_t& cells_left) {
  RowReader reader{context, sheet, cells_left};
  std::optional<SheetDataSpan> span = FindSheetData(xml);
  if (!span) {
    // Not the UTF-8 layout every known writer produces (e.g. UTF-16): parse the whole part at once.
    pugi::xml_document doc;
    SAFELOOP_RETURN_IF_ERROR(ParseXml(xml, doc, part));
    for (pugi::xml_node row : Child(Child(doc, "worksheet"), "sheetData").children()) {
      if (IsElement(row, "row")) SAFELOOP_RETURN_IF_ERROR(reader.Add(row));
    }
    return Status::Ok();
  }

  std::string slice;
  for (std::size_t begin = span->begin; begin < span->end;) {
    // Cut after a row's closing tag ('<' cannot occur in text, so the tag is markup).
    std::size_t end = span->end;
    if (begin + kSliceBytes < span->end) {
      std::size_t close = xml.find(span->row_close, begin + kSliceBytes);
      if (close != std::string::npos && close < span->end) end = close + span->row_close.size();
    }
    slice.assign(xml, begin, end - begin);
    pugi::xml_document doc;
    SAFELOOP_RETURN_IF_ERROR(ParseXml(slice, doc, part, /*fragment=*/true));
    for (pugi::xml_node row : doc.children()) {
      if (IsElement(row, "row")) SAFELOOP_RETURN_IF_ERROR(reader.Add(row));
    }
    begin = end;
  }
  return Status::Ok();
}

}  // namespace safeloop::xlsx
