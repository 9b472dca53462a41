#include <catch2/catch.hpp>

#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "safeloop/xlsx/reader.hpp"
#include "zip_builder.hpp"

using namespace safeloop;
using namespace safeloop::xlsx;
using namespace safeloop::xlsx::testing;

namespace {

// Writes with libxlsxwriter directly (the library's writer has no date cells: exports send ISO text).
std::string WriteWithLibxlsxwriter(void (*fill)(lxw_workbook*, lxw_worksheet*)) {
  auto path = std::filesystem::temp_directory_path() /
              ("safeloop-xlsx-date-test-" + std::to_string(getpid()) + ".xlsx");  // parallel runs may share /tmp
  lxw_workbook* workbook = workbook_new(path.c_str());
  REQUIRE(workbook != nullptr);
  fill(workbook, workbook_add_worksheet(workbook, "日期"));
  REQUIRE(workbook_close(workbook) == LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

lxw_format* FormatWith(lxw_workbook* workbook, const char* code) {
  lxw_format* format = workbook_add_format(workbook);
  format_set_num_format(format, code);
  return format;
}

std::vector<std::string> FirstRow(const std::string& bytes) {
  auto workbook = ReadWorkbook(bytes);
  INFO(workbook.status().ToString());
  REQUIRE(workbook.ok());
  REQUIRE_FALSE(workbook->sheets[0].rows.empty());
  return workbook->sheets[0].rows[0].cells;
}

}  // namespace

TEST_CASE("date-formatted numbers written by libxlsxwriter read back as ISO text") {
  std::string bytes = WriteWithLibxlsxwriter([](lxw_workbook* wb, lxw_worksheet* ws) {
    lxw_datetime date{2024, 3, 1, 0, 0, 0};
    lxw_datetime moment{2024, 3, 1, 8, 30, 15};
    worksheet_write_datetime(ws, 0, 0, &date, FormatWith(wb, "yyyy-mm-dd"));
    worksheet_write_datetime(ws, 0, 1, &moment, FormatWith(wb, "yyyy-mm-dd hh:mm:ss"));
    worksheet_write_datetime(ws, 0, 2, &date, FormatWith(wb, "yyyy\"年\"m\"月\"d\"日\""));
    lxw_format* builtin14 = workbook_add_format(wb);
    format_set_num_format_index(builtin14, 14);
    worksheet_write_datetime(ws, 0, 3, &date, builtin14);
    worksheet_write_datetime(ws, 0, 4, &moment, FormatWith(wb, "[$-804]h:mm AM/PM"));
    worksheet_write_datetime(ws, 0, 5, &moment, FormatWith(wb, "yyyy-mm-dd"));  // the format hides the time
    worksheet_write_number(ws, 0, 6, 0.25, FormatWith(wb, "0.00%"));           // not a date
    worksheet_write_number(ws, 0, 7, 45000, FormatWith(wb, "[Red]#,##0\"元\""));
    lxw_datetime leap_bug_before{1900, 2, 28, 0, 0, 0};
    lxw_datetime leap_bug_after{1900, 3, 1, 0, 0, 0};
    worksheet_write_datetime(ws, 0, 8, &leap_bug_before, FormatWith(wb, "yyyy-mm-dd"));
    worksheet_write_datetime(ws, 0, 9, &leap_bug_after, FormatWith(wb, "yyyy-mm-dd"));
    worksheet_write_number(ws, 0, 10, 60, FormatWith(wb, "yyyy-mm-dd"));  // Lotus' phantom 1900-02-29
    worksheet_write_number(ws, 0, 11, 45350.999999, FormatWith(wb, "yyyy-mm-dd hh:mm:ss"));  // rounds up a day
  });
  CHECK(FirstRow(bytes) == std::vector<std::string>{"2024-03-01", "2024-03-01 08:30:15", "2024-03-01",
                                                   "2024-03-01", "08:30:15", "2024-03-01", "0.25", "45000",
                                                   "1900-02-28", "1900-03-01", "1900-02-29",
                                                   "2024-02-29 00:00:00"});
}

TEST_CASE("the 1904 date system and built-in date styles of a hand-made workbook") {
  XlsxParts parts;
  parts.workbook = R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
      xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/>
      <sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  parts.styles = R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
      <numFmts count="1"><numFmt numFmtId="176" formatCode="m&quot;月&quot;d&quot;日&quot;"/></numFmts>
      <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="176"/>
      <xf numFmtId="58"/></cellXfs></styleSheet>)";
  parts.sheets["xl/worksheets/sheet1.xml"] = WorksheetXml(R"(<row r="1">
      <c r="A1" s="1"><v>0</v></c><c r="B1" s="2"><v>43524.5</v></c><c r="C1" s="3"><v>43524</v></c>
      <c r="D1" s="0"><v>43524</v></c><c r="E1" s="4"><v>43524</v></c><c r="F1" s="1"><v>-1</v></c>
      <c r="G1" s="77"><v>5</v></c></row>)");
  // 1904 serial 43524 is 2023-03-01 (it would be 2019-02-28 in the 1900 system).
  CHECK(FirstRow(BuildXlsx(parts)) == std::vector<std::string>{"1904-01-01", "2023-03-01 12:00:00", "2023-03-01",
                                                              "43524", "2023-03-01", "-1", "5"});
}

TEST_CASE("1900 system: serials below one are no date and show as numbers") {
  XlsxParts parts;
  parts.styles = R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
      <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="20"/></cellXfs></styleSheet>)";
  parts.sheets["xl/worksheets/sheet1.xml"] = WorksheetXml(R"(<row r="1">
      <c r="A1" s="1"><v>0.5</v></c><c r="B1" s="2"><v>0.5</v></c><c r="C1" s="1"><v>1</v></c>
      <c r="D1" t="d"><v>2024-05-06T00:00:00</v></c><c r="E1" t="d"><v>2024-05-06T07:08:09Z</v></c></row>)");
  CHECK(FirstRow(BuildXlsx(parts)) ==
        std::vector<std::string>{"0.5", "12:00:00", "1900-01-01", "2024-05-06", "2024-05-06 07:08:09"});
}
