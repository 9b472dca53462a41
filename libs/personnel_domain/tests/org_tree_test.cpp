#include <catch2/catch.hpp>

#include "safeloop/personnel_domain/org_tree.hpp"

using namespace safeloop;
using namespace safeloop::personnel_domain;

namespace {

using K = UnitKind;

// 化工公司
// ├─ 生产部 (department)
// │  ├─ 一车间 (workshop)
// │  │  ├─ 甲班 (team)
// │  │  │  └─ 操作工 (post)
// │  │  └─ 操作工 (post)
// │  └─ 二车间 (workshop)
// │     └─ 甲班 (team)
// ├─ 安全部 (department)
// │  └─ 一车间 (workshop, closed)
// └─ 旧部门 (department, closed)
OrgTree Sample() {
  return OrgTree({{"root", "", K::kCompany, "化工公司", true},
                  {"prod", "root", K::kDepartment, "生产部", true},
                  {"w1", "prod", K::kWorkshop, "一车间", true},
                  {"w1a", "w1", K::kTeam, "甲班", true},
                  {"w1a-op", "w1a", K::kPost, "操作工", true},
                  {"w1-op", "w1", K::kPost, "操作工", true},
                  {"w2", "prod", K::kWorkshop, "二车间", true},
                  {"w2a", "w2", K::kTeam, "甲班", true},
                  {"safety", "root", K::kDepartment, "安全部", true},
                  {"safety-w1", "safety", K::kWorkshop, "一车间", false},
                  {"old", "root", K::kDepartment, "旧部门", false}});
}

}  // namespace

TEST_CASE("kind codes and labels round-trip") {
  for (K k : kAllUnitKinds) {
    CHECK(ParseUnitKind(UnitKindCode(k)) == k);
    CHECK_FALSE(UnitKindLabel(k).empty());
  }
  CHECK_FALSE(ParseUnitKind("Company").has_value());
  CHECK_FALSE(ParseUnitKind("").has_value());
  CHECK_FALSE(ParseUnitKind("部门").has_value());
}

TEST_CASE("which kind may sit under which: the full 5 x 5 table") {
  struct Case {
    K parent, child;
    bool allowed;
  };
  // Rows: parent; every (parent, child) pair is listed once.
  const Case cases[] = {
      {K::kCompany, K::kCompany, false},       {K::kCompany, K::kDepartment, true},
      {K::kCompany, K::kWorkshop, true},       {K::kCompany, K::kTeam, false},
      {K::kCompany, K::kPost, false},          {K::kDepartment, K::kCompany, false},
      {K::kDepartment, K::kDepartment, true},  {K::kDepartment, K::kWorkshop, true},
      {K::kDepartment, K::kTeam, true},        {K::kDepartment, K::kPost, true},
      {K::kWorkshop, K::kCompany, false},      {K::kWorkshop, K::kDepartment, false},
      {K::kWorkshop, K::kWorkshop, false},     {K::kWorkshop, K::kTeam, true},
      {K::kWorkshop, K::kPost, true},          {K::kTeam, K::kCompany, false},
      {K::kTeam, K::kDepartment, false},       {K::kTeam, K::kWorkshop, false},
      {K::kTeam, K::kTeam, false},             {K::kTeam, K::kPost, true},
      {K::kPost, K::kCompany, false},          {K::kPost, K::kDepartment, false},
      {K::kPost, K::kWorkshop, false},         {K::kPost, K::kTeam, false},
      {K::kPost, K::kPost, false},
  };
  STATIC_REQUIRE(std::size(cases) == 25);
  for (const auto& c : cases) {
    INFO(UnitKindCode(c.parent) << " > " << UnitKindCode(c.child));
    CHECK(CanContain(c.parent, c.child) == c.allowed);
    Status s = CheckPlacement(c.parent, c.child, "kind");
    CHECK(s.ok() == c.allowed);
    if (!c.allowed) {
      CHECK(s.code() == StatusCode::kFailedPrecondition);
      CHECK(s.field() == "kind");
      CHECK_THAT(s.message(), Catch::Contains(std::string(UnitKindLabel(c.child))));
    }
  }
  CHECK_THAT(CheckPlacement(K::kWorkshop, K::kDepartment, "kind").message(), Catch::Contains("只能放在公司、部门下"));
  CHECK_THAT(CheckPlacement(K::kDepartment, K::kCompany, "kind").message(), Catch::Contains("根节点"));
}

TEST_CASE("subtree, ancestors, within and paths") {
  OrgTree t = Sample();
  CHECK(t.Root()->id == "root");
  CHECK(t.Subtree("prod") == std::vector<std::string>{"prod", "w1", "w2", "w1a", "w1-op", "w2a", "w1a-op"});
  CHECK(t.Subtree("w1a-op") == std::vector<std::string>{"w1a-op"});
  CHECK(t.Subtree("nope").empty());
  CHECK(t.Subtree("root").size() == 11);
  CHECK(t.AncestorsOf("w1a-op") == std::vector<std::string>{"w1a-op", "w1a", "w1", "prod", "root"});
  CHECK(t.IsWithin("w1a-op", "prod"));
  CHECK(t.IsWithin("prod", "prod"));
  CHECK_FALSE(t.IsWithin("prod", "w1"));
  CHECK_FALSE(t.IsWithin("safety-w1", "prod"));
  CHECK(t.Path("w1a") == "生产部/一车间/甲班");
  CHECK(t.Path("w1a", true) == "化工公司/生产部/一车间/甲班");
  CHECK(t.Path("root") == "化工公司");
  CHECK(t.Path("prod") == "生产部");
  CHECK(t.Path("missing").empty());
}

TEST_CASE("a corrupt parent chain does not loop forever") {
  OrgTree t({{"a", "b", K::kDepartment, "A", true}, {"b", "a", K::kDepartment, "B", true}});
  CHECK(t.AncestorsOf("a") == std::vector<std::string>{"a", "b"});
  CHECK(t.Root() == nullptr);
}

TEST_CASE("moves: no cycles, no moving the root, kind rules apply") {
  OrgTree t = Sample();
  CHECK(t.CheckMove("w2", "safety").ok());          // workshop under another department
  CHECK(t.CheckMove("w2a", "w1").ok());             // team under another workshop
  CHECK(t.CheckMove("w1-op", "w2a").ok());          // post under a team
  CHECK(t.CheckMove("prod", "safety").ok());        // department under department
  auto self = t.CheckMove("prod", "prod");
  CHECK(self.code() == StatusCode::kFailedPrecondition);
  CHECK(self.field() == "new_parent_id");
  auto below = t.CheckMove("prod", "w1a");
  CHECK(below.code() == StatusCode::kFailedPrecondition);
  CHECK_THAT(below.message(), Catch::Contains("下级"));
  CHECK(t.CheckMove("root", "prod").code() == StatusCode::kFailedPrecondition);
  CHECK(t.CheckMove("w1", "w2").code() == StatusCode::kFailedPrecondition);      // workshop under workshop
  CHECK(t.CheckMove("w1a", "root").code() == StatusCode::kFailedPrecondition);   // team under company
  CHECK(t.CheckMove("safety", "w1-op").code() == StatusCode::kFailedPrecondition);
  CHECK(t.CheckMove("w1", "missing").code() == StatusCode::kInvalidArgument);
  CHECK(t.CheckMove("missing", "prod").code() == StatusCode::kInvalidArgument);
}

TEST_CASE("unit references: a unique tail of the path names one active unit") {
  OrgTree t = Sample();
  const std::vector<K> units = {K::kCompany, K::kDepartment, K::kWorkshop, K::kTeam};
  struct Case {
    const char* reference;
    const char* expected;  // "" = refused
    const char* message_part;
  };
  const Case cases[] = {
      {"生产部", "prod", ""},
      {"二车间", "w2", ""},
      {"一车间", "w1", ""},  // 安全部/一车间 is closed: only one active match
      {"生产部/一车间", "w1", ""},
      {"化工公司/生产部/一车间", "w1", ""},
      {" 生产部 / 一车间 ", "w1", ""},
      {"生产部／一车间", "w1", ""},  // full-width slash
      {"化工公司", "root", ""},
      {"一车间/甲班", "w1a", ""},
      {"甲班", "", "多个单位"},
      {"旧部门", "", "找不到"},  // closed
      {"三车间", "", "找不到"},
      {"安全部/一车间", "", "找不到"},
      {"别的公司/生产部", "", "找不到"},
      {"", "", "不能为空"},
      {"生产部//一车间", "", "不能为空"},
      {"操作工", "", "找不到"},  // a post is not a unit people belong to
  };
  for (const auto& c : cases) {
    INFO(c.reference);
    auto r = t.Resolve(c.reference, units, "unit");
    if (*c.expected != '\0') {
      REQUIRE(r.ok());
      CHECK(*r == c.expected);
    } else {
      REQUIRE_FALSE(r.ok());
      CHECK(r.status().code() == StatusCode::kInvalidArgument);
      CHECK(r.status().field() == "unit");
      CHECK_THAT(r.status().message(), Catch::Contains(c.message_part));
    }
  }
  auto ambiguous = t.Resolve("操作工", {K::kPost}, "post");
  REQUIRE_FALSE(ambiguous.ok());
  CHECK_THAT(ambiguous.status().message(), Catch::Contains("生产部/一车间/甲班/操作工"));
  CHECK_THAT(ambiguous.status().message(), Catch::Contains("生产部/一车间/操作工"));
  CHECK(*t.Resolve("甲班/操作工", {K::kPost}, "post") == "w1a-op");
  CHECK(*t.Resolve("一车间/操作工", {K::kPost}, "post") == "w1-op");
  // Every active unit resolves from its own path (what the export writes).
  for (const auto& id : t.Subtree("root")) {
    const UnitNode* u = t.Find(id);
    if (!u->active || t.IsWithin(id, "old")) continue;
    INFO(t.Path(id));
    CHECK(*t.Resolve(t.Path(id), {u->kind}, "unit") == id);
  }
}

TEST_CASE("headcounts: direct, subtree, and a person counted once per unit") {
  OrgTree t = Sample();
  auto counts = CountHeads(t, {{"w1a", "w1a-op", 3},  // team members holding the team's post
                               {"w1", "", 2},
                               {"w2a", "w1-op", 1},   // post elsewhere: counts under both branches' ancestors
                               {"safety", "", 4}});
  CHECK(counts.size() == 11);
  CHECK(counts["w1a"].direct == 3);
  CHECK(counts["w1a-op"].direct == 3);
  CHECK(counts["w1a"].subtree == 3);  // not 6: the same three people
  CHECK(counts["w1"].direct == 2);
  CHECK(counts["w1"].subtree == 6);   // 3 in the team + 2 + the one holding w1's post
  CHECK(counts["w1-op"].direct == 1);
  CHECK(counts["w2"].subtree == 1);
  CHECK(counts["prod"].subtree == 6);
  CHECK(counts["root"].subtree == 10);
  CHECK(counts["root"].direct == 0);
  CHECK(counts["old"].subtree == 0);
  auto empty = CountHeads(OrgTree({}), {{"x", "", 1}});
  CHECK(empty.empty());
}
