// The import checks and the data scope's unit coverage, without a database.
#include <catch2/catch.hpp>

#include "tenancy/data_scope.hpp"
#include "tenancy/people_import.hpp"

using namespace safeloop;
using namespace safeloop::personnel;
using namespace safeloop::personnel::tenancy;
using K = personnel_domain::UnitKind;

namespace {

personnel_domain::OrgTree Tree() {
  return personnel_domain::OrgTree({{"00000000-0000-7000-8000-000000000001", "", K::kCompany, "公司", true},
                                    {"00000000-0000-7000-8000-000000000002", "00000000-0000-7000-8000-000000000001",
                                     K::kDepartment, "生产部", true},
                                    {"00000000-0000-7000-8000-000000000003", "00000000-0000-7000-8000-000000000002",
                                     K::kWorkshop, "一车间", true},
                                    {"00000000-0000-7000-8000-000000000004", "00000000-0000-7000-8000-000000000001",
                                     K::kDepartment, "安全部", true},
                                    {"00000000-0000-7000-8000-000000000005", "00000000-0000-7000-8000-000000000003",
                                     K::kPost, "操作工", true}});
}
const std::string kRoot = "00000000-0000-7000-8000-000000000001";
const std::string kProd = "00000000-0000-7000-8000-000000000002";
const std::string kW1 = "00000000-0000-7000-8000-000000000003";
const std::string kSafety = "00000000-0000-7000-8000-000000000004";
const std::string kPost = "00000000-0000-7000-8000-000000000005";

DataScope ScopeOf(const std::string& scope, const std::string& unit = "", const std::string& pid = "") {
  auth::Claims claims;
  claims.scope = scope;
  claims.unit = unit;
  claims.pid = pid;
  return DataScope::FromClaims(claims);
}

PeopleSheet Sheet(std::vector<std::map<std::string, std::string>> rows) {
  PeopleSheet sheet;
  const char* fields[] = {"employee_no", "name",        "gender",   "unit",   "post", "title", "professional_title",
                          "work_type",   "person_type", "special_operation", "mobile", "id_number"};
  for (int i = 0; i < 12; ++i) {
    sheet.columns[fields[i]] = {std::string(1, static_cast<char>('A' + i)), fields[i]};
  }
  int number = 2;
  for (auto& r : rows) sheet.rows.push_back({number++, std::move(r)});
  return sheet;
}

}  // namespace

TEST_CASE("data scope from claims: which units it covers") {
  auto tree = Tree();
  struct Case {
    DataScope scope;
    std::vector<std::string> covered;
  };
  const Case cases[] = {
      {ScopeOf("enterprise"), {kRoot, kProd, kW1, kSafety, kPost}},
      {ScopeOf("park"), {kRoot, kProd, kW1, kSafety, kPost}},
      {ScopeOf("subtree", kProd), {kProd, kW1, kPost}},
      {ScopeOf("unit", kProd), {kProd}},
      {ScopeOf("own", kProd, kW1), {}},
      {ScopeOf("subtree"), {}},  // no unit claim: nothing
      {ScopeOf("unit", "not-a-uuid"), {}},
      {ScopeOf("everything"), {}},  // unknown scope: nothing
  };
  for (const auto& c : cases) {
    for (const auto& id : {kRoot, kProd, kW1, kSafety, kPost}) {
      bool expected = std::find(c.covered.begin(), c.covered.end(), id) != c.covered.end();
      CHECK(c.scope.CoversUnit(tree, id) == expected);
    }
  }
  CHECK(ScopeOf("enterprise").covers_all());
  CHECK(ScopeOf("own").kind() == DataScope::Kind::kOwn);
  CHECK_FALSE(ScopeOf("enterprise").CoversUnit(tree, "00000000-0000-7000-8000-00000000000f"));
}

TEST_CASE("import rows: labels become codes, references become ids, problems are located") {
  auto tree = Tree();
  auto check = CheckPeopleRows(
      Sheet({{{"employee_no", "E1"}, {"name", "张三"}, {"gender", "男"}, {"unit", "一车间"}, {"post", "操作工"},
              {"person_type", "外包人员"}, {"special_operation", "是"}, {"id_number", "11010519491231002x"}},
             {{"employee_no", "E2"}, {"name", "李四"}, {"gender", "female"}, {"unit", "公司"},
              {"person_type", "visitor"}}}),
      tree, ScopeOf("enterprise"), {});
  REQUIRE(check.problems.empty());
  REQUIRE(check.people.size() == 2);
  CHECK(check.people[0].unit_id() == kW1);
  CHECK(check.people[0].post_id() == kPost);
  CHECK(check.people[0].gender() == "male");
  CHECK(check.people[0].person_type() == "outsourced");
  CHECK(check.people[0].special_operation());
  CHECK(check.people[1].unit_id() == kRoot);
  CHECK(check.people[1].post_id().empty());
  CHECK_FALSE(check.people[1].special_operation());

  auto bad = CheckPeopleRows(
      Sheet({{{"employee_no", "E1"}, {"name", "张三"}, {"gender", "男"}, {"unit", "安全部"}, {"person_type", "访客"}},
             {{"employee_no", "E1"}, {"name", "王五"}, {"gender", "男"}, {"unit", "一车间/操作工"},
              {"person_type", "访客"}},
             {{"employee_no", "OLD"}, {"name", "赵六"}, {"gender", "女"}, {"unit", "生产部"}, {"post", "一车间"},
              {"person_type", "访客"}, {"mobile", "138"}}}),
      tree, ScopeOf("subtree", kProd), {"OLD"});
  std::vector<std::string> where;
  for (const auto& p : bad.problems) where.push_back(std::to_string(p.row()) + p.column());
  // Row 2: 安全部 is outside the subtree; row 3: duplicate 工号, a post is not a unit; row 4: 工号 taken,
  // a workshop is not a post, bad mobile.
  CHECK(where == std::vector<std::string>{"2D", "3A", "3D", "4A", "4E", "4K"});
  CHECK_THAT(bad.problems[0].message(), Catch::Contains("数据范围"));
  CHECK(bad.problems[1].header() == "employee_no");
}
