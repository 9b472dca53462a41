#include <catch2/catch.hpp>

#include "safeloop/xlsx/reader.hpp"
#include "zip_builder.hpp"

using namespace safeloop;
using namespace safeloop::xlsx;
using namespace safeloop::xlsx::testing;

namespace {

const char* kSharedStrings = R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
  <si><t>姓名</t></si>
  <si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></si>
  <si><t>&#xFEFF;带BOM</t></si>
  <si><t>line_x000D_
break</t></si>
</sst>)";

std::string OneSheet(const std::string& rows, const std::string& shared_strings = kSharedStrings) {
  XlsxParts parts;
  parts.shared_strings = shared_strings;
  parts.sheets["xl/worksheets/sheet1.xml"] = WorksheetXml(rows);
  return BuildXlsx(parts);
}

Sheet ReadOnlySheet(const std::string& bytes) {
  auto workbook = ReadWorkbook(bytes);
  INFO(workbook.status().ToString());
  REQUIRE(workbook.ok());
  REQUIRE(workbook->sheets.size() == 1);
  return workbook->sheets[0];
}

void RequireInvalid(const Result<Workbook>& result, const std::string& fragment) {
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == StatusCode::kInvalidArgument);
  CHECK(result.status().field() == "file");
  CHECK_THAT(result.status().message(), Catch::Matchers::Contains(fragment));
}

}  // namespace

TEST_CASE("shared strings join rich-text runs and skip phonetic guides") {
  Sheet sheet = ReadOnlySheet(OneSheet(R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>
      <c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>)"));
  REQUIRE(sheet.rows.size() == 1);
  CHECK(sheet.rows[0].cells == std::vector<std::string>{"姓名", "张三 ", "带BOM", "line\r\nbreak"});
}

TEST_CASE("inline strings, including rich runs and preserved spaces") {
  Sheet sheet = ReadOnlySheet(OneSheet(R"(<row r="1">
      <c r="A1" t="inlineStr"><is><t>安全帽</t></is></c>
      <c r="B1" t="inlineStr"><is><r><t>高处</t></r><r><rPr><i/></rPr><t>作业</t></r></is></c>
      <c r="C1" t="inlineStr"><is><t xml:space="preserve">  </t></is></c></row>)"));
  CHECK(sheet.rows[0].cells == std::vector<std::string>{"安全帽", "高处作业", "  "});
}

TEST_CASE("numbers, booleans, errors and formulas' cached values") {
  Sheet sheet = ReadOnlySheet(OneSheet(R"(<row r="1">
      <c r="A1"><v>42</v></c><c r="B1" t="n"><v>3.5</v></c><c r="C1"><v>13800138000</v></c>
      <c r="D1"><v>0.30000000000000004</v></c><c r="E1"><v>-1.5E-3</v></c><c r="F1"><v>1.2345678901234567E+17</v></c>
      <c r="G1" t="b"><v>1</v></c><c r="H1" t="b"><v>0</v></c><c r="I1" t="e"><v>#N/A</v></c>
      <c r="J1"><f>A1*2</f><v>84</v></c><c r="K1" t="str"><f>"合"&amp;"格"</f><v>合格</v></c>
      <c r="L1"><f>NOW()</f></c><c r="M1"><v>4.0</v></c><c r="N1"><v>-0</v></c></row>)"));
  CHECK(sheet.rows[0].cells == std::vector<std::string>{"42", "3.5", "13800138000", "0.3", "-0.0015",
                                                        "123456789012346000", "TRUE", "FALSE", "#N/A", "84",
                                                        "合格", "", "4", "0"});
}

TEST_CASE("sparse cells land in their column and empty rows keep Excel's numbering") {
  Sheet sheet = ReadOnlySheet(OneSheet(R"(
      <row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="D1" t="inlineStr"><is><t>d</t></is></c></row>
      <row r="2"><c r="B2" s="0"/></row>
      <row r="4"><c r="AA4"><v>7</v></c></row>
      <row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c><c r="E6"><v>5</v></c><c><v>6</v></c></row>)"));
  REQUIRE(sheet.rows.size() == 3);
  CHECK(sheet.rows[0].number == 1);
  CHECK(sheet.rows[0].cells == std::vector<std::string>{"a", "", "", "d"});
  CHECK(sheet.rows[1].number == 4);
  CHECK(sheet.rows[1].cells.size() == 27);
  CHECK(sheet.rows[1].Cell(26) == "7");
  CHECK(sheet.rows[1].Cell(100).empty());
  CHECK(sheet.rows[2].number == 5);  // a row without r follows the previous one
  CHECK(sheet.rows[2].cells == std::vector<std::string>{"x", "1", "", "", "5", "6"});
}

TEST_CASE("a leading BOM is stripped from cells, other whitespace is kept") {
  Sheet sheet = ReadOnlySheet(OneSheet(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>&#xFEFF; 工号 </t></is></c></row>)"));
  CHECK(sheet.rows[0].Cell(0) == " 工号 ");
}

TEST_CASE("sheets come in workbook order with hidden state, whatever their part names") {
  XlsxParts parts;
  parts.workbook = R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
      xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
      <sheet name="人员" sheetId="2" r:id="rId9"/><sheet name="说明" sheetId="1" r:id="rId1"/>
      <sheet name="选项" sheetId="3" state="hidden" r:id="rId2"/></sheets></workbook>)";
  parts.workbook_rels = R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
      <Relationship Id="rId1"
      Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
      Target="/xl/worksheets/sheet1.xml"/>
      <Relationship Id="rId9"
      Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
      Target="./worksheets/../worksheets/people.xml"/>
      <Relationship Id="rId2"
      Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
      Target="worksheets/sheet3.xml"/>
      </Relationships>)";
  parts.sheets["xl/worksheets/sheet1.xml"] =
      WorksheetXml(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row>)");
  parts.sheets["xl/worksheets/people.xml"] =
      WorksheetXml(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>人</t></is></c></row>)");
  parts.sheets["xl/worksheets/sheet3.xml"] = WorksheetXml("");
  auto workbook = ReadWorkbook(BuildXlsx(parts));
  REQUIRE(workbook.ok());
  REQUIRE(workbook->sheets.size() == 3);
  CHECK(workbook->sheets[0].name == "人员");
  CHECK(workbook->sheets[0].rows[0].Cell(0) == "人");
  CHECK(workbook->sheets[1].name == "说明");
  CHECK(workbook->sheets[1].rows[0].Cell(0) == "说明");
  CHECK(workbook->sheets[2].hidden);
  CHECK(workbook->sheets[2].rows.empty());
  CHECK(workbook->FindSheet("说明") == &workbook->sheets[1]);
  CHECK(workbook->FindSheet("缺") == nullptr);
}

TEST_CASE("element names with a namespace prefix are read like unprefixed ones") {
  XlsxParts parts;
  parts.workbook = R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
      xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
      <x:sheets><x:sheet name="S" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>)";
  parts.sheets["xl/worksheets/sheet1.xml"] =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c></x:row>
      </x:sheetData></x:worksheet>)";
  auto workbook = ReadWorkbook(BuildXlsx(parts));
  REQUIRE(workbook.ok());
  CHECK(workbook->sheets[0].rows[0].number == 3);
  CHECK(workbook->sheets[0].rows[0].Cell(1) == "前缀");
}

TEST_CASE("input that is not an xlsx workbook is refused clearly") {
  RequireInvalid(ReadWorkbook("this is not a zip file at all"), "not an .xlsx workbook");
  RequireInvalid(ReadWorkbook(""), "not an .xlsx workbook");
  std::string empty_zip("PK\x05\x06", 4);
  empty_zip += std::string(18, '\0');
  RequireInvalid(ReadWorkbook(empty_zip), "not an .xlsx workbook: it has no xl/workbook.xml");
  RequireInvalid(ReadWorkbook(MakeZip({{"word/document.xml", "<w:document/>"}})),
                 "not an .xlsx workbook: it has no xl/workbook.xml");
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  RequireInvalid(ReadWorkbook(ole + std::string(512, '\0')), "old .xls file or a password-protected workbook");

  // A zip whose first bytes are fine but whose central directory is cut off.
  std::string valid = OneSheet("");
  RequireInvalid(ReadWorkbook(valid.substr(0, valid.size() / 2)), "not an .xlsx workbook");
}

TEST_CASE("damaged parts inside a zip are reported") {
  RequireInvalid(ReadWorkbook(OneSheet(R"(<row r="1"><c r="A1" t="s"><v>99</v></c></row>)")),
                 "cell A1 refers to a shared string that does not exist");
  RequireInvalid(ReadWorkbook(OneSheet(R"(<row r="1"><c r="1A"><v>1</v></c></row>)")),
                 "malformed cell reference '1A'");
  RequireInvalid(ReadWorkbook(OneSheet(R"(<row r="1"><c r="A1"><v>1</v></row>)")), "is not valid XML");
  XlsxParts no_sheet_part;
  RequireInvalid(ReadWorkbook(BuildXlsx(no_sheet_part)), "sheet 'Sheet1' has no data part");
}

TEST_CASE("a zip bomb is cut off at the uncompressed size limit") {
  // Zeros deflate about 1000:1, so this entry is tiny in the zip.
  std::string padding(2u << 20, ' ');
  XlsxParts parts;
  parts.sheets["xl/worksheets/sheet1.xml"] = WorksheetXml(padding);
  std::string bytes = BuildXlsx(parts);
  CHECK(bytes.size() < 64 * 1024);

  ReadLimits limits;
  limits.max_uncompressed_bytes = 1u << 20;
  RequireInvalid(ReadWorkbook(bytes, limits), "inflates to more than 1 MiB");
  CHECK(ReadWorkbook(bytes).ok());  // the default limit (64 MiB) allows it

  XlsxParts bomb;
  bomb.sheets["xl/worksheets/sheet1.xml"] = WorksheetXml(std::string(65u << 20, ' '));
  RequireInvalid(ReadWorkbook(BuildXlsx(bomb)), "inflates to more than 64 MiB");
}

TEST_CASE("row and cell limits bound what a sheet may hold") {
  std::string rows;
  for (int r = 1; r <= 11; ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>1</v></c></row>";
  }
  ReadLimits limits;
  limits.max_rows_per_sheet = 10;
  RequireInvalid(ReadWorkbook(OneSheet(rows), limits), "sheet 'Sheet1' has more than 10 rows");
  limits.max_rows_per_sheet = 11;
  CHECK(ReadWorkbook(OneSheet(rows), limits).ok());

  // One far-right cell per row would pad every row to 16384 cells.
  ReadLimits cells;
  cells.max_cells = 20000;
  std::string far_right = R"(<row r="1"><c r="XFD1"><v>1</v></c></row><row r="2"><c r="XFD2"><v>1</v></c></row>)";
  RequireInvalid(ReadWorkbook(OneSheet(far_right), cells), "too many cells");
}
