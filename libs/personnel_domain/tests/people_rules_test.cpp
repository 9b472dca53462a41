#include <catch2/catch.hpp>

#include "safeloop/personnel_domain/people_rules.hpp"

using namespace safeloop::personnel_domain;

namespace {

PersonFields Valid() {
  PersonFields f;
  f.employee_no = "E-001";
  f.name = "张三";
  f.gender = "male";
  f.person_type = "employee";
  f.mobile = "13800138000";
  f.id_number = "11010519491231002X";
  return f;
}

std::vector<std::string> FieldsOf(const std::vector<FieldProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field);
  return out;
}

}  // namespace

TEST_CASE("trimming and UTF-8 length") {
  CHECK(TrimText("  张三\t") == "张三");
  CHECK(TrimText("\u3000张 三\u3000 ") == "张 三");
  CHECK(TrimText("   ").empty());
  CHECK(TrimText("").empty());
  CHECK(Utf8Length("张三") == 2);
  CHECK(Utf8Length("ab") == 2);
  CHECK(Utf8Length("") == 0);
  CHECK(Utf8Length("\xe5\xbc") == -1);      // truncated sequence
  CHECK(Utf8Length("\xff") == -1);
  CHECK(Utf8Length("\xf0\x9f\x98\x80") == 1);  // 4-byte sequence
}

TEST_CASE("codes and labels: every code has a label and both read back") {
  for (const auto* table : {&Genders(), &PersonTypes()}) {
    for (const auto& e : *table) {
      INFO(e.code);
      CHECK(CodeOf(*table, e.label) == std::string(e.code));
      CHECK(CodeOf(*table, e.code) == std::string(e.code));
      CHECK(CodeOf(*table, " " + std::string(e.label) + " ") == std::string(e.code));
      CHECK(LabelOf(*table, e.code) == e.label);
    }
  }
  CHECK(CodeOf(Genders(), "MALE") == std::string("male"));
  CHECK_FALSE(CodeOf(Genders(), "男性").has_value());
  CHECK_FALSE(CodeOf(PersonTypes(), "").has_value());
  CHECK(LabelOf(PersonTypes(), "contractor").empty());
  CHECK(PersonTypes().size() == 4);
}

TEST_CASE("yes/no cells") {
  for (const char* yes : {"是", "Y", "yes", "TRUE", "1", " 是 "}) CHECK(ParseYesNo(yes) == true);
  for (const char* no : {"否", "", "  ", "n", "No", "false", "0"}) CHECK(ParseYesNo(no) == false);
  for (const char* bad : {"对", "2", "maybe"}) CHECK_FALSE(ParseYesNo(bad).has_value());
  CHECK(ParseYesNo(YesNoLabel(true)) == true);
  CHECK(ParseYesNo(YesNoLabel(false)) == false);
}

TEST_CASE("person fields: one problem per bad field, table-driven") {
  CHECK(ValidatePersonFields(Valid()).empty());
  struct Case {
    const char* what;
    void (*mutate)(PersonFields&);
    const char* field;
    const char* message_part;
  };
  const Case cases[] = {
      {"no employee_no", [](PersonFields& f) { f.employee_no = ""; }, "employee_no", "工号不能为空"},
      {"employee_no with a space", [](PersonFields& f) { f.employee_no = "E 1"; }, "employee_no", "字母、数字"},
      {"employee_no in Chinese", [](PersonFields& f) { f.employee_no = "工一"; }, "employee_no", "字母、数字"},
      {"employee_no too long", [](PersonFields& f) { f.employee_no = std::string(51, '1'); }, "employee_no", "50"},
      {"blank name", [](PersonFields& f) { f.name = "  "; }, "name", "姓名不能为空"},
      {"name too long", [](PersonFields& f) { f.name = std::string(51 * 3, 'a'); }, "name", "最多50"},
      {"no gender", [](PersonFields& f) { f.gender = ""; }, "gender", "性别不能为空"},
      {"bad gender", [](PersonFields& f) { f.gender = "男"; }, "gender", "男"},  // labels are mapped before
      {"title too long", [](PersonFields& f) { f.title = std::string(51, 'x'); }, "title", "职务"},
      {"professional title not UTF-8", [](PersonFields& f) { f.professional_title = "\xff"; }, "professional_title",
       "UTF-8"},
      {"work type too long", [](PersonFields& f) { f.work_type = std::string(60, 'x'); }, "work_type", "工种"},
      {"no person type", [](PersonFields& f) { f.person_type = ""; }, "person_type", "不能为空"},
      {"bad person type", [](PersonFields& f) { f.person_type = "contractor"; }, "person_type", "访客"},
      {"short mobile", [](PersonFields& f) { f.mobile = "1380013800"; }, "mobile", "11位"},
      {"mobile 12...", [](PersonFields& f) { f.mobile = "12800138000"; }, "mobile", "11位"},
      {"bad id check digit", [](PersonFields& f) { f.id_number = "110105194912310021"; }, "id_number", "校验位"},
      {"bad id date", [](PersonFields& f) { f.id_number = "110105194902300020"; }, "id_number", "出生日期"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    PersonFields f = Valid();
    c.mutate(f);
    auto problems = ValidatePersonFields(f);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field == c.field);
    CHECK_THAT(problems[0].message, Catch::Contains(c.message_part));
  }
  PersonFields optional_empty = Valid();
  optional_empty.mobile = "";
  optional_empty.id_number = "";
  CHECK(ValidatePersonFields(optional_empty).empty());
  // Everything wrong at once: every problem, in column order.
  PersonFields all_bad;
  all_bad.mobile = "1";
  all_bad.id_number = "1";
  CHECK(FieldsOf(ValidatePersonFields(all_bad)) ==
        std::vector<std::string>{"employee_no", "name", "gender", "person_type", "mobile", "id_number"});
}

TEST_CASE("template columns: the fields the import and export map, with the required ones marked") {
  std::vector<std::string> fields, required;
  for (const auto& c : PeopleColumns()) {
    fields.emplace_back(c.field);
    if (c.required) required.emplace_back(c.header);
    CHECK_FALSE(c.note.empty());
    CHECK(PeopleColumnOfField(c.field) == &c);
  }
  CHECK(fields == std::vector<std::string>{"employee_no", "name", "gender", "unit", "post", "title",
                                           "professional_title", "work_type", "person_type", "special_operation",
                                           "mobile", "id_number"});
  CHECK(required == std::vector<std::string>{"工号", "姓名", "性别", "所属部门", "人员类型"});
  CHECK(PeopleColumnOfField("employee_no")->text);
  CHECK(PeopleColumnOfField("mobile")->text);
  CHECK(PeopleColumnOfField("id_number")->text);
  CHECK_FALSE(PeopleColumnOfField("name")->text);
  CHECK(PeopleColumnOfField("status") == nullptr);
}
