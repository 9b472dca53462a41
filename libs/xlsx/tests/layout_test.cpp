// The optional layout of printable sheets: styles, merges, row heights, frozen rows, pictures, print setup.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "safeloop/xlsx/reader.hpp"
#include "safeloop/xlsx/writer.hpp"
#include "zip_builder.hpp"

using namespace safeloop;
using namespace safeloop::xlsx;
using namespace safeloop::xlsx::testing;

namespace {

std::string Written(const SheetSpec& sheet) {
  auto bytes = WriteWorkbook({sheet});
  INFO(bytes.status().ToString());
  REQUIRE(bytes.ok());
  return *bytes;
}

std::string SheetXml(const std::string& bytes) {
  auto xml = ZipEntry(bytes, "xl/worksheets/sheet1.xml");
  REQUIRE(xml.has_value());
  return *xml;
}

// A ledger-like sheet: a merged title, a two-row header with merges, bordered wrapped body cells.
SheetSpec Ledger() {
  SheetSpec sheet;
  sheet.name = "台账";
  sheet.rows = {
      {std::string("风险点分级管控台账")},
      {std::string("序号"), std::string("风险点位置"), {}, std::string("风险等级")},
      {{}, std::string("一级单元"), std::string("二级子单元")},
      {1.0, std::string("罐区"), std::string("储罐"), std::string("重大风险")},
  };
  CellStyle title{.bold = true, .font_size = 16, .align = HorizontalAlign::kCenter};
  CellStyle header{.bold = true, .align = HorizontalAlign::kCenter, .vertical_center = true, .wrap = true,
                   .border = true, .fill = 0xF2F2F2};
  CellStyle body{.vertical_center = true, .wrap = true, .border = true};
  CellStyle red = body;
  red.fill = 0xE53935;
  sheet.styles = {{title, title, title, title}, {header, header, header, header}, {header, header, header, header},
                  {body, body, body, red}};
  sheet.merges = {{0, 0, 0, 3}, {1, 0, 2, 0}, {1, 1, 1, 2}, {1, 3, 2, 3}};
  sheet.column_widths = {6, 14, 14, 10};
  sheet.row_heights = {30};
  sheet.freeze_rows = 3;
  sheet.print = PrintSetup{.landscape = true, .repeat_first_row = 1, .repeat_last_row = 2,
                           .footer = "&C第 &P 页 共 &N 页"};
  return sheet;
}

}  // namespace

TEST_CASE("merged ranges keep the top-left value and read back in place", "[unit]") {
  std::string bytes = Written(Ledger());
  auto workbook = ReadWorkbook(bytes);
  REQUIRE(workbook.ok());
  const Sheet& sheet = workbook->sheets[0];
  REQUIRE(sheet.rows.size() == 4);
  CHECK(sheet.rows[0].cells == std::vector<std::string>{"风险点分级管控台账"});
  CHECK(sheet.rows[1].cells == std::vector<std::string>{"序号", "风险点位置", "", "风险等级"});
  CHECK(sheet.rows[2].cells == std::vector<std::string>{"", "一级单元", "二级子单元"});
  CHECK(sheet.rows[3].cells == std::vector<std::string>{"1", "罐区", "储罐", "重大风险"});

  std::string xml = SheetXml(bytes);
  CHECK(xml.find("<mergeCells count=\"4\">") != std::string::npos);
  for (const char* ref : {"A1:D1", "A2:A3", "B2:C2", "D2:D3"}) {
    INFO(ref);
    CHECK(xml.find(std::string("<mergeCell ref=\"") + ref + "\"/>") != std::string::npos);
  }
}

TEST_CASE("styles, widths, heights, frozen rows and print setup reach the file", "[unit]") {
  std::string bytes = Written(Ledger());
  std::string xml = SheetXml(bytes);
  CHECK(xml.find("ySplit=\"3\"") != std::string::npos);
  CHECK(xml.find("ht=\"30\" customHeight=\"1\"") != std::string::npos);
  CHECK(xml.find("width=\"14.7109375\"") != std::string::npos);  // 14 characters plus Excel's padding
  CHECK(xml.find("paperSize=\"9\"") != std::string::npos);
  CHECK(xml.find("orientation=\"landscape\"") != std::string::npos);
  CHECK(xml.find("fitToHeight=\"0\"") != std::string::npos);
  CHECK(xml.find("fitToPage=\"1\"") != std::string::npos);
  CHECK(xml.find("第 &amp;P 页 共 &amp;N 页") != std::string::npos);

  auto styles = ZipEntry(bytes, "xl/styles.xml");
  REQUIRE(styles.has_value());
  CHECK(styles->find("FFE53935") != std::string::npos);
  CHECK(styles->find("wrapText=\"1\"") != std::string::npos);
  CHECK(styles->find("<left style=\"thin\">") != std::string::npos);

  auto workbook_xml = ZipEntry(bytes, "xl/workbook.xml");
  REQUIRE(workbook_xml.has_value());
  CHECK(workbook_xml->find("_xlnm.Print_Titles") != std::string::npos);
  CHECK(workbook_xml->find("$2:$3") != std::string::npos);
}

TEST_CASE("an empty styled cell is written so its border shows, an unstyled one is not", "[unit]") {
  SheetSpec sheet{"表", {}, {{std::string("a"), {}, {}}}};
  sheet.styles = {{CellStyle{}, CellStyle{.border = true}}};
  std::string xml = SheetXml(Written(sheet));
  CHECK(xml.find("<c r=\"B1\" s=") != std::string::npos);
  CHECK(xml.find("r=\"C1\"") == std::string::npos);
}

TEST_CASE("a merge over the header row of `columns` keeps the header text", "[unit]") {
  SheetSpec sheet{"表", {{"合并表头", 10}, {"", 10}}, {{std::string("x"), std::string("y")}}};
  sheet.merges = {{0, 0, 0, 1}};
  auto read = ReadWorkbook(Written(sheet));
  REQUIRE(read.ok());
  CHECK(read->sheets[0].rows[0].cells == std::vector<std::string>{"合并表头"});
  CHECK(read->sheets[0].rows[1].cells == std::vector<std::string>{"x", "y"});

  sheet.columns[1].header = "乙";  // a header under the merge would disappear
  auto refused = WriteWorkbook({sheet});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message().find("cell B1: holds a value but lies under merge A1:B1") != std::string::npos);
}

TEST_CASE("layout Excel would refuse or repair is rejected with the place named", "[unit]") {
  auto message = [](const SheetSpec& sheet) {
    auto bytes = WriteWorkbook({sheet});
    REQUIRE_FALSE(bytes.ok());
    CHECK(bytes.status().code() == StatusCode::kInvalidArgument);
    CHECK(bytes.status().field() == "sheets");
    return bytes.status().message();
  };
  SheetSpec base{"表", {}, {{std::string("a"), {}, {}}, {{}, {}, {}}}};

  SheetSpec overlap = base;
  overlap.merges = {{0, 0, 1, 1}, {1, 1, 1, 2}};
  CHECK(message(overlap).find("merge B2:C2: overlaps merge A1:B2") != std::string::npos);

  SheetSpec single = base;
  single.merges = {{0, 0, 0, 0}};
  CHECK(message(single).find("at least two cells") != std::string::npos);

  SheetSpec reversed = base;
  reversed.merges = {{1, 0, 0, 1}};
  CHECK(message(reversed).find("not a range") != std::string::npos);

  SheetSpec hidden_value = base;
  hidden_value.rows[1][2] = std::string("被覆盖");
  hidden_value.merges = {{0, 0, 1, 2}};
  CHECK(message(hidden_value).find("cell C2: holds a value but lies under merge A1:C2") != std::string::npos);

  SheetSpec fill = base;
  fill.styles = {{CellStyle{.fill = 0x1000000}}};
  CHECK(message(fill).find("cell A1 style: fill") != std::string::npos);

  SheetSpec width = base;
  width.column_widths = {10, -1};
  CHECK(message(width).find("column B width") != std::string::npos);

  SheetSpec height = base;
  height.row_heights = {0, 500};
  CHECK(message(height).find("row 2 height") != std::string::npos);

  SheetSpec repeat = base;
  repeat.print = PrintSetup{.repeat_first_row = 2, .repeat_last_row = 1};
  CHECK(message(repeat).find("repeated rows") != std::string::npos);

  SheetSpec picture = base;
  picture.images = {{0, 0, "/nonexistent/sign.png"}};
  CHECK(message(picture).find("picture 1: cannot read /nonexistent/sign.png") != std::string::npos);
}

TEST_CASE("a picture is placed over its cell", "[unit]") {
  // A 1x1 PNG (the smallest valid one), written to a temp file.
  const unsigned char png[] = {0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
                               0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
                               0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78,
                               0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99,
                               0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  std::filesystem::path path = std::filesystem::temp_directory_path() / "safeloop-xlsx-layout-test.png";
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(png), sizeof png);
  }
  SheetSpec sheet{"标志", {}, {{std::string("安全标志")}}};
  sheet.images = {{1, 0, path.string(), 4, 4, 20}};
  std::string bytes = Written(sheet);
  std::filesystem::remove(path);
  CHECK(ZipEntry(bytes, "xl/media/image1.png").has_value());
  CHECK(ZipEntry(bytes, "xl/drawings/drawing1.xml").has_value());
}
