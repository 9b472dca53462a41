#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <limits>

#include "safeloop/xlsx/reader.hpp"
#include "safeloop/xlsx/writer.hpp"
#include "zip_builder.hpp"

using namespace safeloop;
using namespace safeloop::xlsx;
using namespace safeloop::xlsx::testing;

namespace {

Workbook RoundTrip(const std::vector<SheetSpec>& sheets) {
  auto bytes = WriteWorkbook(sheets);
  INFO(bytes.status().ToString());
  REQUIRE(bytes.ok());
  CHECK(bytes->substr(0, 2) == "PK");
  auto workbook = ReadWorkbook(*bytes);
  INFO(workbook.status().ToString());
  REQUIRE(workbook.ok());
  return *workbook;
}

std::string Repeat(const std::string& unit, int times) {
  std::string text;
  for (int i = 0; i < times; ++i) text += unit;
  return text;
}

int CountTempFiles() {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
    std::string name = entry.path().filename().string();
    if (name.rfind("safeloop-", 0) == 0 && entry.path().extension() == ".xlsx") ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("a written template reads back: Chinese text, numbers, empty cells and the instructions sheet") {
  SheetSpec people{"人员名单",
                   {{"姓名*", 12}, {"工号*", 14, {}, "员工卡上的编号", true}, {"年龄", 8}, {"备注", 40}},
                   {{std::string("张三"), std::string("007"), 35.0, std::string("持证上岗")},
                    {std::string("李四"), {}, 28.5, {}},
                    {std::string("王五"), 12345.0, {}, std::string("带\"引号\"、逗号, 和换行\n第二行")}}};
  SheetSpec help{"说明", {{"填写说明", 80}}, {{std::string("带*的列必须填写。")}}};

  Workbook workbook = RoundTrip({people, help});
  REQUIRE(workbook.sheets.size() == 2);
  const Sheet& sheet = workbook.sheets[0];
  CHECK(sheet.name == "人员名单");
  REQUIRE(sheet.rows.size() == 4);
  CHECK(sheet.rows[0].number == 1);
  CHECK(sheet.rows[0].cells == std::vector<std::string>{"姓名*", "工号*", "年龄", "备注"});
  CHECK(sheet.rows[1].cells == std::vector<std::string>{"张三", "007", "35", "持证上岗"});
  CHECK(sheet.rows[2].number == 3);
  CHECK(sheet.rows[2].cells == std::vector<std::string>{"李四", "", "28.5"});
  // A number written to a text column is stored as text, so it reads back the same.
  CHECK(sheet.rows[3].cells == std::vector<std::string>{"王五", "12345", "", "带\"引号\"、逗号, 和换行\n第二行"});
  CHECK(workbook.sheets[1].name == "说明");
  CHECK(workbook.sheets[1].rows[1].Cell(0) == "带*的列必须填写。");
}

TEST_CASE("a mobile number stored as a number reads back without exponent or decimals") {
  Workbook workbook = RoundTrip({{"手机", {}, {{13800138000.0, 0.1, -42.0, 1e15, 123456.789}}}});
  CHECK(workbook.sheets[0].rows[0].cells ==
        std::vector<std::string>{"13800138000", "0.1", "-42", "1000000000000000", "123456.789"});
}

TEST_CASE("long text and many rows survive the round trip") {
  std::string long_text = Repeat("安全第一，预防为主。", 2000);  // 20,000 characters, 60,000 bytes
  SheetSpec sheet{"大量数据", {{"序号"}, {"内容"}}, {}};
  sheet.rows.push_back({1.0, long_text});
  for (int i = 2; i <= 20000; ++i) sheet.rows.push_back({static_cast<double>(i), "第" + std::to_string(i) + "行"});

  Workbook workbook = RoundTrip({sheet});
  const auto& rows = workbook.sheets[0].rows;
  REQUIRE(rows.size() == 20001);
  CHECK(rows[1].Cell(1) == long_text);
  CHECK(rows.back().number == 20001);
  CHECK(rows.back().cells == std::vector<std::string>{"20000", "第20000行"});
}

TEST_CASE("templates carry dropdowns, notes, text format, a frozen bold header") {
  std::vector<std::string> many_levels;
  for (int i = 1; i <= 60; ++i) many_levels.push_back("岗位等级" + std::to_string(i));
  SheetSpec sheet{"导入模板",
                  {{"姓名*", 12, {}, "请填写身份证上的姓名"},
                   {"性别", 8, {"男", "女"}},
                   {"手机号", 16, {}, {}, true},
                   {"岗位", 20, many_levels},
                   {"部门", 12, {"安全部, 一组", "生产部"}}},
                  {}};
  auto bytes = WriteWorkbook({sheet});
  REQUIRE(bytes.ok());

  auto sheet_xml = ZipEntry(*bytes, "xl/worksheets/sheet1.xml");
  REQUIRE(sheet_xml.has_value());
  CHECK_THAT(*sheet_xml, Catch::Matchers::Contains("state=\"frozen\""));
  CHECK_THAT(*sheet_xml, Catch::Matchers::Contains("sqref=\"B2:B1048576\""));
  CHECK_THAT(*sheet_xml, Catch::Matchers::Contains("<formula1>\"男,女\"</formula1>"));
  CHECK_THAT(*sheet_xml, Catch::Matchers::Contains("_safeloop_lists'!$A$1:$A$60"));
  CHECK_THAT(*sheet_xml, Catch::Matchers::Contains("_safeloop_lists'!$B$1:$B$2"));  // a comma: not inline
  auto comments = ZipEntry(*bytes, "xl/comments1.xml");
  REQUIRE(comments.has_value());
  CHECK_THAT(*comments, Catch::Matchers::Contains("请填写身份证上的姓名"));
  auto styles = ZipEntry(*bytes, "xl/styles.xml");
  REQUIRE(styles.has_value());
  CHECK_THAT(*styles, Catch::Matchers::Contains("formatCode=\"@\""));
  CHECK_THAT(*styles, Catch::Matchers::Contains("<b/>"));
  CHECK_THAT(*styles, Catch::Matchers::Contains("patternType=\"solid\""));

  // The long list went to a hidden sheet after the caller's sheets.
  auto workbook = ReadWorkbook(*bytes);
  REQUIRE(workbook.ok());
  REQUIRE(workbook->sheets.size() == 2);
  CHECK(workbook->sheets[1].hidden);
  CHECK(workbook->sheets[1].rows.size() == 60);
  CHECK(workbook->sheets[1].rows[0].cells == std::vector<std::string>{"岗位等级1", "安全部, 一组"});
  CHECK(workbook->sheets[1].rows[59].Cell(0) == "岗位等级60");
}

TEST_CASE("writer refuses what Excel would not open") {
  auto invalid = [](const std::vector<SheetSpec>& sheets, const std::string& fragment) {
    auto bytes = WriteWorkbook(sheets);
    REQUIRE_FALSE(bytes.ok());
    CHECK(bytes.status().code() == StatusCode::kInvalidArgument);
    CHECK_THAT(bytes.status().message(), Catch::Matchers::Contains(fragment));
  };
  invalid({}, "at least one sheet");
  invalid({{"a/b", {}, {}}}, "sheet name 'a/b'");
  invalid({{std::string(32, 'x'), {}, {}}}, "sheet name");
  invalid({{"同名", {}, {}}, {"同名", {}, {}}}, "sheet name '同名'");
  invalid({{"坏", {}, {{std::string("\xff\xfe")}}}}, "cell A1: text is not valid UTF-8");
  invalid({{"坏", {{"h"}}, {{1.0, std::numeric_limits<double>::quiet_NaN()}}}}, "cell B2: a number must be finite");
  invalid({{"坏", {}, {{std::string(32768, 'x')}}}}, "longer than 32767 characters");
  // Excel's 31-character limit counts characters, not UTF-8 bytes.
  std::string chinese_31 = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一";
  CHECK(WriteWorkbook({{chinese_31, {}, {}}}).ok());
  invalid({{chinese_31 + "二", {}, {}}}, "sheet name");
}

TEST_CASE("the temporary file is gone after writing, on success and on failure") {
  int before = CountTempFiles();
  CHECK(WriteWorkbook({{"ok", {{"a"}}, {{1.0}}}}).ok());
  CHECK_FALSE(WriteWorkbook({{"ok", {}, {}}, {"ok", {}, {}}}).ok());
  CHECK(CountTempFiles() == before);
}
