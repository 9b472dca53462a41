#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "e1_example.hpp"
#include "safeloop/documents/document.hpp"

using namespace safeloop;
using namespace safeloop::documents;
using namespace safeloop::documents::testing;

namespace {

Document WithTable(int columns, std::vector<std::vector<Cell>> body, std::vector<std::vector<Cell>> header = {}) {
  Table table;
  table.columns.assign(static_cast<std::size_t>(columns), Column{});
  table.header_rows = std::move(header);
  table.body_rows = std::move(body);
  Document document;
  document.title = "测试表";
  document.body = std::move(table);
  return document;
}

// The validation error of `document`, which must be INVALID_ARGUMENT with `field`.
std::string Error(const Document& document, const std::string& field) {
  Status status = Validate(document);
  INFO(status.ToString());
  REQUIRE(status.code() == StatusCode::kInvalidArgument);
  CHECK(status.field() == field);
  CHECK(status.message().rfind("documents: ", 0) == 0);
  return status.message();
}

}  // namespace

TEST_CASE("the E.1 ledger and simple documents are valid", "[unit]") {
  Document e1 = E1Document();
  CHECK(Validate(e1).ok());
  const Table& table = std::get<Table>(e1.body);
  CHECK(table.columns.size() == static_cast<std::size_t>(kE1Columns));
  CHECK(table.body_rows.size() == 60);

  CHECK(Validate(WithTable(1, {})).ok());  // a header-less, empty table
  CHECK(Validate(WithTable(3, {{{"a", 2}, {"b", 1, 2}}, {{"c"}, {"d"}}})).ok());

  Document card;
  card.body = Card{"岗位风险告知卡", std::nullopt, {{{"车间", "合成车间"}, {"岗位", "操作工"}}, {{"主要危险源", "反应釜"}}}};
  CHECK(Validate(card).ok());
}

TEST_CASE("a table needs columns of positive width", "[unit]") {
  CHECK(Error(WithTable(0, {}), "table.columns") == "documents: a table needs at least one column");
  for (double width : {0.0, -3.0, std::nan(""), static_cast<double>(INFINITY)}) {
    Document document = WithTable(3, {});
    std::get<Table>(document.body).columns[1].width = width;
    CHECK(Error(document, "table.columns[1].width") == "documents: column 2: width must be a positive number");
  }
}

TEST_CASE("spans must stay inside the grid", "[unit]") {
  CHECK(Error(WithTable(4, {{{"a"}, {"b", 1, 4}}}), "table.body_rows[0][1].column_span") ==
        "documents: body row 1, cell 2 (column 2): column_span 4 reaches past the last column (4)");
  CHECK(Error(WithTable(2, {{{"a", 3}, {"b"}}, {{"c"}}}), "table.body_rows[0][0].row_span") ==
        "documents: body row 1, cell 1 (column 1): row_span 3 reaches past the last body row (2)");
  // A header cell cannot reach down into the body.
  CHECK(Error(WithTable(2, {{{"x"}, {"y"}}}, {{{"表头", 2}, {"列"}}}), "table.header_rows[0][0].row_span") ==
        "documents: header row 1, cell 1 (column 1): row_span 2 reaches past the last header row (1)");
  CHECK(Error(WithTable(2, {{{"a", 0}, {"b"}}}), "table.body_rows[0][0]") ==
        "documents: body row 1, cell 1: spans must be at least 1");
  CHECK(Error(WithTable(2, {{{"a"}, {"b", 1, -1}}}), "table.body_rows[0][1]") ==
        "documents: body row 1, cell 2: spans must be at least 1");
}

TEST_CASE("merged cells must not overlap", "[unit]") {
  // "Z" is merged down into row 2, where "W" spans columns 2-3 over it.
  Document document = WithTable(3, {{{"X", 2}, {"Y"}, {"Z", 2}}, {{"W", 1, 2}}});
  CHECK(Error(document, "table.body_rows[1][0]") ==
        "documents: body row 2, cell 1 (column 2): overlaps the merged cell \"Z\" of body row 1, column 3");
  // The merged cell is named by its first characters only.
  std::get<Table>(document.body).body_rows[0][2].text = "一二三四五六七八九十一二三四五六七八";
  CHECK(Error(document, "table.body_rows[1][0]").find("\"一二三四五六七八九十一二三四五六…\"") != std::string::npos);
}

TEST_CASE("every row fills every column after spans, no more and no less", "[unit]") {
  CHECK(Error(WithTable(3, {{{"a"}, {"b"}, {"c"}, {"d"}}}), "table.body_rows[0][3]") ==
        "documents: body row 1, cell 4: the row already fills all 3 columns (cells merged down from rows above "
        "count); remove the cell or a span");
  // Row 2 has its first column from the span above, lists two cells, and so has one too many.
  CHECK(Error(WithTable(3, {{{"a", 2}, {"b"}, {"c"}}, {{"d"}, {"e"}, {"f"}}}), "table.body_rows[1][2]")
            .find("body row 2, cell 3: the row already fills all 3 columns") != std::string::npos);
  CHECK(Error(WithTable(3, {{{"a"}, {"b"}, {"c"}}, {{"d"}, {"e"}}}), "table.body_rows[1]") ==
        "documents: body row 2: covers 2 of 3 columns after spans; column 3 is empty (add a cell or widen a span)");
  CHECK(Error(WithTable(2, {{}}), "table.body_rows[0]") ==
        "documents: body row 1: covers 0 of 2 columns after spans; column 1 is empty (add a cell or widen a span)");
  // In the E.1 header, dropping 二级子单元 leaves a hole at the end of row 2.
  Document e1 = E1Document();
  auto& header = std::get<Table>(e1.body).header_rows;
  header[1].erase(header[1].begin() + 1);
  CHECK(Error(e1, "table.header_rows[1]") ==
        "documents: header row 2: covers 17 of 18 columns after spans; column 18 is empty (add a cell or widen a "
        "span)");
}

TEST_CASE("colours and text are checked", "[unit]") {
  Document fill = WithTable(1, {{{"红", 1, 1, 0x1000000}}});
  CHECK(Error(fill, "table.body_rows[0][0].fill") == "documents: body row 1, cell 1: fill must be 0xRRGGBB");
  CHECK(Error(WithTable(1, {{{"\xE4\xB8"}}}), "table.body_rows[0][0].text") ==
        "documents: body row 1, cell 1: text is not valid UTF-8");
  Document title = WithTable(1, {});
  title.title = "\xFF";
  CHECK(Error(title, "title") == "documents: title: text is not valid UTF-8");
}

TEST_CASE("field lines and cards are checked", "[unit]") {
  Document footer = WithTable(1, {});
  footer.footer = {{{"分析人", ""}}, {}};
  CHECK(Error(footer, "footer[1]") == "documents: footer line 2: a field line needs at least one field");
  Document header = WithTable(1, {});
  header.header_fields = {{{"企业名称", "\xC3"}}};
  CHECK(Error(header, "header_fields[0][0].value") ==
        "documents: header field line 1, field 1: text is not valid UTF-8");

  Document card;
  card.body = Card{"重大安全风险公告栏"};
  CHECK(Error(card, "card.rows") == "documents: a card needs at least one line of fields");
  card.body = Card{"重大安全风险公告栏", kRiskRed, {{{"风险点位置", "液氨罐区"}}}, {"signs/no_fire.png", ""}};
  CHECK(Error(card, "card.sign_images[1]") == "documents: card sign 2: needs a PNG file path");
  card.body = Card{"公告栏", 0xFFFFFFF, {{{"风险点位置", "液氨罐区"}}}};
  CHECK(Error(card, "card.heading_fill") == "documents: card heading: fill must be 0xRRGGBB");
}
