#include "safeloop/xlsx/reader.hpp"

#include <optional>
#include <string>
#include <vector>

#include "package.hpp"
#include "sheet_reader.hpp"
#include "styles.hpp"
#include "xml.hpp"
#include "zip_archive.hpp"

namespace safeloop::xlsx {
namespace {

Status NotXlsx(const std::string& detail) { return InvalidArgument("not an .xlsx workbook: " + detail, "file"); }

const Relationship* FindById(const std::vector<Relationship>& relationships, std::string_view id) {
  for (const Relationship& rel : relationships) {
    if (rel.id == id) return &rel;
  }
  return nullptr;
}

// The target of the first relationship of that type, or the conventional sibling of `source_part`.
std::string PartOfType(const std::vector<Relationship>& relationships, std::string_view type,
                       std::string_view source_part, std::string_view fallback) {
  for (const Relationship& rel : relationships) {
    if (rel.IsType(type)) return rel.target;
  }
  return ResolveTarget(source_part, fallback);
}

Result<std::vector<std::string>> ReadSharedStrings(ZipArchive& zip, const std::string& part) {
  auto text = zip.Read(part);
  if (!text.ok()) return text.status();
  std::vector<std::string> strings;
  if (!text->has_value()) return strings;  // a workbook without text cells may have none
  pugi::xml_document doc;
  SAFELOOP_RETURN_IF_ERROR(ParseXml(**text, doc, part));
  for (pugi::xml_node item : Child(doc, "sst").children()) {
    if (IsElement(item, "si")) strings.push_back(StringItemText(item));
  }
  return strings;
}

Result<std::vector<DateKind>> ReadStyles(ZipArchive& zip, const std::string& part) {
  auto text = zip.Read(part);
  if (!text.ok()) return text.status();
  if (!text->has_value()) return std::vector<DateKind>();  // no styles: no dates
  pugi::xml_document doc;
  SAFELOOP_RETURN_IF_ERROR(ParseXml(**text, doc, part));
  return ReadDateStyles(doc);
}

}  // namespace

Result<Workbook> ReadWorkbook(std::string_view xlsx_bytes, const ReadLimits& limits) {
  auto zip = ZipArchive::Open(xlsx_bytes, limits.max_uncompressed_bytes);
  if (!zip.ok()) return zip.status();

  // The package root names the main part; every writer we know puts it at xl/workbook.xml.
  auto root_rels = ReadRelationships(*zip, "");
  if (!root_rels.ok()) return root_rels.status();
  std::string workbook_part = "xl/workbook.xml";
  for (const Relationship& rel : *root_rels) {
    if (rel.IsType("officeDocument")) workbook_part = rel.target;
  }
  auto workbook_text = zip->Read(workbook_part);
  if (!workbook_text.ok()) return workbook_text.status();
  if (!workbook_text->has_value()) {
    return NotXlsx("it has no " + workbook_part + " (a .docx, .zip or another kind of file?)");
  }
  pugi::xml_document workbook_doc;
  SAFELOOP_RETURN_IF_ERROR(ParseXml(**workbook_text, workbook_doc, workbook_part));
  pugi::xml_node workbook_node = Child(workbook_doc, "workbook");
  if (!workbook_node) return NotXlsx(workbook_part + " is not a spreadsheet workbook");

  auto rels = ReadRelationships(*zip, workbook_part);
  if (!rels.ok()) return rels.status();
  auto shared_strings = ReadSharedStrings(*zip, PartOfType(*rels, "sharedStrings", workbook_part, "sharedStrings.xml"));
  if (!shared_strings.ok()) return shared_strings.status();
  auto date_styles = ReadStyles(*zip, PartOfType(*rels, "styles", workbook_part, "styles.xml"));
  if (!date_styles.ok()) return date_styles.status();

  SheetContext context{*shared_strings, *date_styles,
                       Attr(Child(workbook_node, "workbookPr"), "date1904").as_bool(false),
                       limits.max_rows_per_sheet};
  std::size_t cells_left = limits.max_cells;
  Workbook workbook;
  int position = 0;
  for (pugi::xml_node sheet_node : Child(workbook_node, "sheets").children()) {
    if (!IsElement(sheet_node, "sheet")) continue;
    ++position;
    Sheet sheet;
    sheet.name = Attr(sheet_node, "name").value();
    std::string_view state = Attr(sheet_node, "state").value();
    sheet.hidden = state == "hidden" || state == "veryHidden";

    const Relationship* rel = FindById(*rels, Attr(sheet_node, "id").value());
    if (rel != nullptr && !rel->IsType("worksheet")) {  // a chart sheet or dialog sheet: no cells
      workbook.sheets.push_back(std::move(sheet));
      continue;
    }
    // Without a relationship, fall back to the name every writer uses.
    std::string part = rel != nullptr
                           ? rel->target
                           : ResolveTarget(workbook_part, "worksheets/sheet" + std::to_string(position) + ".xml");
    auto sheet_text = zip->Read(part);
    if (!sheet_text.ok()) return sheet_text.status();
    if (!sheet_text->has_value()) return NotXlsx("sheet '" + sheet.name + "' has no data part (" + part + ")");
    SAFELOOP_RETURN_IF_ERROR(ReadSheetRows(**sheet_text, part, context, sheet, cells_left));
    workbook.sheets.push_back(std::move(sheet));
  }
  if (workbook.sheets.empty()) return NotXlsx(workbook_part + " lists no sheets");
  return workbook;
}

}  // namespace safeloop::xlsx
