#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "e1_example.hpp"
#include "safeloop/documents/xlsx_renderer.hpp"
#include "safeloop/xlsx/reader.hpp"
#include "test_support.hpp"

using namespace safeloop;
using namespace safeloop::documents;
using namespace safeloop::documents::testing;

namespace {

std::string Rendered(const Document& document) {
  auto bytes = RenderXlsx(document);
  INFO(bytes.status().ToString());
  REQUIRE(bytes.ok());
  return *bytes;
}

xlsx::Sheet ReadBack(const std::string& bytes) {
  auto workbook = xlsx::ReadWorkbook(bytes);
  INFO(workbook.status().ToString());
  REQUIRE(workbook.ok());
  REQUIRE(workbook->sheets.size() == 1);
  return workbook->sheets[0];
}

bool HasMerge(const std::string& sheet_xml, const std::string& ref) {
  return sheet_xml.find("<mergeCell ref=\"" + ref + "\"/>") != std::string::npos;
}

}  // namespace

TEST_CASE("the E.1 ledger renders to one sheet: title, grouped header, 60 body rows, footer", "[unit]") {
  Document document = E1Document();
  const Table& table = std::get<Table>(document.body);
  std::string bytes = Rendered(document);
  xlsx::Sheet sheet = ReadBack(bytes);

  CHECK(sheet.name == "XXXX企业（单位）风险点分级管控台账");
  // title, header fields, 2 header rows, 60 body rows, (a blank row), 2 footer lines
  REQUIRE(sheet.rows.size() == 1 + 1 + 2 + 60 + 2);
  CHECK(sheet.rows[0].number == 1);
  CHECK(sheet.rows[0].cells == std::vector<std::string>{"XXXX企业（单位）风险点分级管控台账"});
  CHECK(sheet.rows[1].Cell(0) == "企业名称：临港精细化工有限公司");

  // Merged header text sits in the top-left cell of its merge; the cells under it are empty.
  CHECK(sheet.rows[2].number == 3);
  CHECK(sheet.rows[2].cells == std::vector<std::string>{"风险点序号", "风险点位置", "", "", "风险点名称", "风险点编号",
                                                        "风险等级", "风险因素", "风险类别", "管控责任", "",
                                                        "隐患检查事项", "风险管控措施", "检查频次"});
  CHECK(sheet.rows[3].cells == std::vector<std::string>{"", "一级单元", "二级子单元", "三级子单元", "", "", "", "", "",
                                                        "单位", "责任人", "", "", "岗位", "班组", "车间", "部门",
                                                        "公司"});

  // Body: the first row of a risk point carries its spanning cells, the rows of its other measures do not.
  const xlsx::Row& first = sheet.rows[4];
  CHECK(first.number == 5);
  CHECK(first.Cell(0) == "001");
  CHECK(first.Cell(5) == "LG-101");
  CHECK(first.Cell(6) == "重大风险");
  CHECK(first.Cell(11) == table.body_rows[0][11].text);
  const xlsx::Row& second = sheet.rows[5];
  CHECK(second.Cell(0).empty());
  CHECK(second.Cell(10).empty());
  CHECK(second.Cell(11) == table.body_rows[1][0].text);
  CHECK(second.Cell(12) == table.body_rows[1][1].text);
  // Every body row is where it belongs, in order.
  for (std::size_t r = 0; r < table.body_rows.size(); ++r) {
    const xlsx::Row& row = sheet.rows[4 + r];
    INFO("body row " << r + 1);
    CHECK(row.number == static_cast<int>(5 + r));
    const std::vector<Cell>& cells = table.body_rows[r];
    // A measure row's first cell is in column L (隐患检查事项).
    std::size_t column = cells.size() == static_cast<std::size_t>(kE1Columns) ? 0 : 11;
    CHECK(row.Cell(column) == cells.front().text);
  }
  CHECK(sheet.rows[64].number == 66);  // row 65 is the blank line before the signatures
  CHECK(sheet.rows[64].Cell(0) == "分析人：李明");
  CHECK(sheet.rows[65].Cell(0) == "编制日期：2026年3月18日");

  auto xml = ZipEntry(bytes, "xl/worksheets/sheet1.xml");
  REQUIRE(xml.has_value());
  for (const char* ref : {"A1:R1", "A3:A4", "B3:D3", "E3:E4", "J3:K3", "L3:L4", "M3:M4", "N3:R3", "A5:A7", "G5:G7",
                          "K5:K7", "A8:A9"}) {
    INFO(ref);
    CHECK(HasMerge(*xml, ref));
  }
  CHECK_FALSE(HasMerge(*xml, "L5:L7"));                        // one cell per measure
  CHECK(xml->find("<pane ySplit=\"4\"") != std::string::npos);  // title, fields and header rows frozen
  CHECK(xml->find("orientation=\"landscape\"") != std::string::npos);
  CHECK(xml->find("paperSize=\"9\"") != std::string::npos);
  CHECK(xml->find("fitToPage=\"1\"") != std::string::npos);
  CHECK(xml->find("第 &amp;P 页 共 &amp;N 页") != std::string::npos);
  auto workbook_xml = ZipEntry(bytes, "xl/workbook.xml");
  REQUIRE(workbook_xml.has_value());
  CHECK(workbook_xml->find("$3:$4") != std::string::npos);  // header rows repeat on every printed page
  auto styles = ZipEntry(bytes, "xl/styles.xml");
  REQUIRE(styles.has_value());
  for (const char* colour : {"FFE53935", "FFFB8C00", "FFFDD835", "FF1E88E5"}) {
    INFO(colour);
    CHECK(styles->find(colour) != std::string::npos);
  }
}

TEST_CASE("portrait documents, sheet names and tables without a header", "[unit]") {
  Document document;
  document.title = "风险/清单[2026]：第一批";
  document.body = Table{{{8}, {30, Align::kLeft}}, {}, {{{"1"}, {"储罐区"}}}};
  std::string bytes = Rendered(document);
  xlsx::Sheet sheet = ReadBack(bytes);
  CHECK(sheet.name == "风险清单2026：第一批");
  CHECK(sheet.rows.size() == 2);
  auto xml = ZipEntry(bytes, "xl/worksheets/sheet1.xml");
  REQUIRE(xml.has_value());
  CHECK(xml->find("orientation=\"portrait\"") != std::string::npos);
  CHECK(xml->find("<pane") == std::string::npos);  // nothing to freeze

  document.sheet_name = "清单";
  CHECK(ReadBack(Rendered(document)).name == "清单");
  document.sheet_name.clear();
  document.title.clear();
  CHECK(ReadBack(Rendered(document)).name == "Sheet1");
}

TEST_CASE("a card (D.1) renders as label and value cells with its signs over the last row", "[unit]") {
  TempPath no_fire(".png");
  TempPath helmet(".png");
  WriteSignPng(no_fire.string(), 120);
  WriteSignPng(helmet.string(), 90);
  Document document;
  document.body = Card{"岗位风险告知卡",
                       std::nullopt,
                       {{{"车间", "合成车间"}, {"岗位", "反应釜操作工"}},
                        {{"主要危险源", "反应釜、氨气管道"}},
                        {{"潜在的事故或职业危害类型", "火灾、爆炸、中毒和窒息"}},
                        {{"异常情况应急处置", "立即切断进料，启动紧急泄压，撤离至上风向并报告班长"}}},
                       {no_fire.string(), helmet.string()},
                       "（安全标志应符合GB 2894的相关规定）"};
  std::string bytes = Rendered(document);
  xlsx::Sheet sheet = ReadBack(bytes);
  REQUIRE(sheet.rows.size() == 6);
  CHECK(sheet.rows[0].cells == std::vector<std::string>{"岗位风险告知卡"});
  CHECK(sheet.rows[1].cells == std::vector<std::string>{"车间", "合成车间", "岗位", "反应釜操作工"});
  CHECK(sheet.rows[2].cells == std::vector<std::string>{"主要危险源", "反应釜、氨气管道"});
  CHECK(sheet.rows[4].Cell(0) == "异常情况应急处置");
  CHECK(sheet.rows[5].cells == std::vector<std::string>{"（安全标志应符合GB 2894的相关规定）"});

  auto xml = ZipEntry(bytes, "xl/worksheets/sheet1.xml");
  REQUIRE(xml.has_value());
  for (const char* ref : {"A1:D1", "B3:D3", "B5:D5", "A6:D6"}) {
    INFO(ref);
    CHECK(HasMerge(*xml, ref));
  }
  auto drawing = ZipEntry(bytes, "xl/drawings/drawing1.xml");
  REQUIRE(drawing.has_value());
  CHECK(Count(*drawing, "<xdr:pic>") == 2);
}

TEST_CASE("xlsx rendering reports invalid documents and unreadable signs", "[unit]") {
  Document invalid = E1Document();
  std::get<Table>(invalid.body).body_rows[3].pop_back();
  auto refused = RenderXlsx(invalid);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status() == Validate(invalid));

  Document card;
  card.body = Card{"重大安全风险公告栏", kRiskRed, {{{"风险点位置", "液氨罐区"}}}, {"/nonexistent/sign.png"}};
  auto missing = RenderXlsx(card);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == StatusCode::kInvalidArgument);
  CHECK(missing.status().field() == "card.sign_images[0]");
  CHECK(missing.status().message().find("/nonexistent/sign.png") != std::string::npos);
}
