#include <catch2/catch.hpp>

#include "safeloop/xlsx/import.hpp"

using namespace safeloop;
using namespace safeloop::xlsx;

TEST_CASE("ColumnLetter counts like Excel's column headings") {
  CHECK(ColumnLetter(0) == "A");
  CHECK(ColumnLetter(25) == "Z");
  CHECK(ColumnLetter(26) == "AA");
  CHECK(ColumnLetter(51) == "AZ");
  CHECK(ColumnLetter(52) == "BA");
  CHECK(ColumnLetter(701) == "ZZ");
  CHECK(ColumnLetter(702) == "AAA");
  CHECK(ColumnLetter(16383) == "XFD");
  CHECK(ColumnLetter(-1).empty());
}

TEST_CASE("ParseCellRef reads A1 references inside Excel's grid") {
  auto ref = ParseCellRef("AA12");
  REQUIRE(ref.has_value());
  CHECK(ref->row == 12);
  CHECK(ref->column == 26);
  CHECK(ParseCellRef("$b$3")->column == 1);
  CHECK(ParseCellRef("XFD1048576").has_value());
  CHECK_FALSE(ParseCellRef("XFE1").has_value());
  CHECK_FALSE(ParseCellRef("A1048577").has_value());
  CHECK_FALSE(ParseCellRef("A0").has_value());
  CHECK_FALSE(ParseCellRef("A").has_value());
  CHECK_FALSE(ParseCellRef("12").has_value());
  CHECK_FALSE(ParseCellRef("A1B").has_value());
  CHECK_FALSE(ParseCellRef("").has_value());
  for (int column : {0, 25, 26, 701, 702, 16383}) {
    CHECK(ParseCellRef(ColumnLetter(column) + "1")->column == column);
  }
}

TEST_CASE("NormalizeHeader drops spaces and the required marker only") {
  CHECK(NormalizeHeader("  姓名* ") == "姓名");
  CHECK(NormalizeHeader("\xE3\x80\x80手机号\xEF\xBC\x8A") == "手机号");  // ideographic space, full-width star
  CHECK(NormalizeHeader("身份证 号") == "身份证 号");
  CHECK(NormalizeHeader("a**") == "a*");
  CHECK(NormalizeHeader("*") == "");
}

TEST_CASE("HeaderMap finds columns by header text wherever they are") {
  std::vector<std::string> header{"备注", " 姓名* ", "", "手机号*", "部门"};
  auto map = HeaderMap::Build(header, {"姓名", "手机号*"}, {"部门", "邮箱"});
  REQUIRE(map.ok());
  CHECK(map->Column("姓名") == 1u);
  CHECK(map->Column("手机号") == 3u);
  CHECK(map->Column("手机号*") == 3u);
  CHECK(map->Has("部门"));
  CHECK_FALSE(map->Has("邮箱"));
  CHECK_FALSE(map->Has("备注"));  // present in the file but not asked for

  Row row{7, {"", "张三", "", "13800138000"}};
  CHECK(map->Cell(row, "姓名") == "张三");
  CHECK(map->Cell(row, "部门").empty());  // the row is short
  CHECK(map->Cell(row, "邮箱").empty());  // the column is absent
  CHECK(map->Problem(7, "手机号", "手机号格式不正确") == ImportProblem{7, "D", "手机号", "手机号格式不正确"});
  CHECK(map->Problem(7, "邮箱", "缺少邮箱") == ImportProblem{7, "", "邮箱", "缺少邮箱"});
}

TEST_CASE("HeaderMap reports every missing required column at once") {
  auto map = HeaderMap::Build({"姓名", "部门"}, {"姓名", "工号", "手机号"}, {"邮箱"});
  REQUIRE_FALSE(map.ok());
  CHECK(map.status().code() == StatusCode::kInvalidArgument);
  CHECK(map.status().field() == "header");
  CHECK(map.status().message() == "xlsx: the header row lacks required columns: 工号, 手机号");

  auto twice = HeaderMap::Build({"姓名", "工号", "姓名*"}, {"姓名"}, {"手机号"});
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.status().message() == "xlsx: the header row has columns more than once: 姓名 (A, C)");

  auto both = HeaderMap::Build({"姓名", "姓名"}, {"姓名", "工号"});
  REQUIRE_FALSE(both.ok());
  CHECK(both.status().message() ==
        "xlsx: the header row lacks required columns: 工号; has columns more than once: 姓名 (A, B)");
}
