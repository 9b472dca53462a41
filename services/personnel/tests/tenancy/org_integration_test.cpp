// The org tree through the real gRPC server: create/update/move/close/reopen with the kind rules, history,
// headcounts in the tree, optimistic versions, and an event per change in the outbox.
#include "tenancy_test_support.hpp"

using namespace safeloop;
using namespace safeloop::personnel;
using namespace safeloop::personnel::testing;

namespace {

const v1::OrgTreeNode* FindNode(const v1::OrgTreeNode& node, const std::string& id) {
  if (node.unit().id() == id) return &node;
  for (const auto& child : node.children()) {
    if (const auto* found = FindNode(child, id)) return found;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("org tree: create by the kind rules, headcounts, rename, move, close and reopen with history") {
  PersonnelHarness h;
  TenancyClients c(h.channel());
  auto t = h.NewTenant("甲化工");
  const auto admin = h.TokenFor(t, {"admin"});

  auto prod = c.CreateUnit(admin, t.root_unit_id, "department", "生产部");
  auto w1 = c.CreateUnit(admin, prod.id(), "workshop", "一车间");
  auto team = c.CreateUnit(admin, w1.id(), "team", "甲班");
  auto post = c.CreateUnit(admin, team.id(), "post", "操作工");
  auto safety = c.CreateUnit(admin, t.root_unit_id, "department", "安全部");
  CHECK(prod.kind() == "department");
  CHECK(prod.parent_id() == t.root_unit_id);
  CHECK(prod.version() == 1);
  CHECK(prod.status() == "active");

  SECTION("kind rules, duplicates and bad input are refused with the field named") {
    v1::CreateUnitRequest req;
    v1::OrgUnit out;
    auto create = [&](const std::string& parent, const std::string& kind, const std::string& name) {
      req.set_parent_id(parent);
      req.set_kind(kind);
      req.set_name(name);
      return Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->CreateUnit(&ctx, req, &out); });
    };
    auto team_under_company = create(t.root_unit_id, "team", "乙班");
    CHECK(team_under_company.code() == StatusCode::kFailedPrecondition);
    CHECK(team_under_company.field() == "kind");
    CHECK(create(post.id(), "post", "副操作工").code() == StatusCode::kFailedPrecondition);
    CHECK(create(w1.id(), "workshop", "二车间").code() == StatusCode::kFailedPrecondition);
    CHECK(create(prod.id(), "company", "子公司").code() == StatusCode::kFailedPrecondition);
    auto dup = create(t.root_unit_id, "department", "生产部");
    CHECK(dup.code() == StatusCode::kAlreadyExists);
    CHECK(dup.field() == "name");
    CHECK(create(t.root_unit_id, "division", "x").field() == "kind");
    CHECK(create(t.root_unit_id, "department", "  ").field() == "name");
    CHECK(create(t.root_unit_id, "department", "a/b").field() == "name");
    CHECK(create("not-a-uuid", "department", "x").field() == "parent_id");
    auto unknown_parent = create(NewUuidV7(), "department", "x");
    CHECK(unknown_parent.code() == StatusCode::kInvalidArgument);
    CHECK(unknown_parent.field() == "parent_id");
  }

  SECTION("the tree nests units and counts active people per unit and subtree") {
    c.CreatePerson(admin, team.id(), "A1", "张三");
    c.CreatePerson(admin, team.id(), "A2", "李四");
    c.CreatePerson(admin, w1.id(), "A3", "王五");
    auto left = c.CreatePerson(admin, safety.id(), "A4", "赵六");
    v1::MarkPersonLeftRequest leave;
    leave.set_person_id(left.id());
    leave.set_version(left.version());
    v1::Person gone;
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.people->MarkPersonLeft(&ctx, leave, &gone); }).ok());

    v1::OrgTree tree;
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) {
              return c.org->GetOrgTree(&ctx, v1::GetOrgTreeRequest(), &tree);
            }).ok());
    CHECK(tree.root().unit().id() == t.root_unit_id);
    CHECK(tree.root().unit().kind() == "company");
    CHECK(tree.root().children_size() == 2);
    CHECK(tree.root().subtree_headcount() == 3);  // the one who left is not counted
    const auto* w1_node = FindNode(tree.root(), w1.id());
    REQUIRE(w1_node != nullptr);
    CHECK(w1_node->headcount() == 1);
    CHECK(w1_node->subtree_headcount() == 3);
    CHECK(w1_node->path() == "生产部/一车间");
    CHECK(FindNode(tree.root(), team.id())->headcount() == 2);
    CHECK(FindNode(tree.root(), safety.id())->subtree_headcount() == 0);
    CHECK(FindNode(tree.root(), post.id())->unit().kind() == "post");
  }

  SECTION("rename and move keep history and bump the version; stale versions are refused") {
    v1::UpdateUnitRequest rename;
    rename.set_unit_id(w1.id());
    rename.set_name("第一车间");
    rename.set_code("W01");
    rename.set_version(w1.version());
    v1::OrgUnit renamed;
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->UpdateUnit(&ctx, rename, &renamed); }).ok());
    CHECK(renamed.name() == "第一车间");
    CHECK(renamed.code() == "W01");
    CHECK(renamed.version() == 2);
    auto stale = Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->UpdateUnit(&ctx, rename, &renamed); });
    CHECK(stale.code() == StatusCode::kAborted);
    CHECK(stale.field() == "version");

    v1::MoveUnitRequest move;
    move.set_unit_id(w1.id());
    move.set_new_parent_id(safety.id());
    move.set_version(2);
    v1::OrgUnit moved;
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->MoveUnit(&ctx, move, &moved); }).ok());
    CHECK(moved.parent_id() == safety.id());
    CHECK(moved.version() == 3);

    // No cycles: the department cannot go below its own team; kinds still apply; the root stays.
    v1::MoveUnitRequest cycle;
    cycle.set_unit_id(safety.id());
    cycle.set_new_parent_id(team.id());
    cycle.set_version(safety.version());
    auto refused = Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->MoveUnit(&ctx, cycle, &moved); });
    CHECK(refused.code() == StatusCode::kFailedPrecondition);
    CHECK(refused.field() == "new_parent_id");
    v1::MoveUnitRequest team_to_root;
    team_to_root.set_unit_id(team.id());
    team_to_root.set_new_parent_id(t.root_unit_id);
    team_to_root.set_version(team.version());
    CHECK(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->MoveUnit(&ctx, team_to_root, &moved); }).code() ==
          StatusCode::kFailedPrecondition);

    v1::ListUnitHistoryRequest hist;
    hist.set_unit_id(w1.id());
    v1::ListUnitHistoryResponse history;
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->ListUnitHistory(&ctx, hist, &history); }).ok());
    REQUIRE(history.changes_size() == 3);  // newest first
    CHECK(history.changes(0).change() == "moved");
    CHECK(history.changes(0).old_parent_id() == prod.id());
    CHECK(history.changes(0).new_parent_id() == safety.id());
    CHECK(history.changes(0).unit_version() == 3);
    CHECK(history.changes(1).change() == "renamed");
    CHECK(history.changes(1).old_name() == "一车间");
    CHECK(history.changes(1).new_name() == "第一车间");
    CHECK(history.changes(1).new_code() == "W01");
    CHECK(history.changes(2).change() == "created");
    CHECK_FALSE(history.changes(0).actor().empty());
    CHECK_FALSE(history.changes(0).at().empty());

    // Paging over the whole enterprise's history: 5 creations + rename + move.
    hist.set_unit_id("");
    hist.set_page_size(4);
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->ListUnitHistory(&ctx, hist, &history); }).ok());
    CHECK(history.changes_size() == 4);
    REQUIRE_FALSE(history.next_page_token().empty());
    hist.set_page_token(history.next_page_token());
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->ListUnitHistory(&ctx, hist, &history); }).ok());
    CHECK(history.changes_size() == 3);
    CHECK(history.next_page_token().empty());

    // One event per change of the unit.
    CHECK(OutboxCount(h, t.enterprise_id, "safeloop.personnel.org_unit.v1", w1.id()) == 3);
  }

  SECTION("close is refused while people or active children remain; reopen restores; closed units hide") {
    auto person = c.CreatePerson(admin, team.id(), "B1", "孙七");
    v1::CloseUnitRequest close;
    v1::OrgUnit closed;
    close.set_unit_id(team.id());
    close.set_version(team.version());
    auto busy = Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->CloseUnit(&ctx, close, &closed); });
    CHECK(busy.code() == StatusCode::kFailedPrecondition);
    CHECK_THAT(busy.message(), Catch::Contains("1名在职人员"));
    close.set_unit_id(w1.id());
    close.set_version(w1.version());
    auto parent_busy = Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->CloseUnit(&ctx, close, &closed); });
    CHECK(parent_busy.code() == StatusCode::kFailedPrecondition);
    CHECK_THAT(parent_busy.message(), Catch::Contains("1个在用的下级单位"));
    close.set_unit_id(t.root_unit_id);
    close.set_version(1);
    CHECK(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->CloseUnit(&ctx, close, &closed); }).code() ==
          StatusCode::kFailedPrecondition);

    // A post held by someone counts as occupied too.
    v1::UpdatePersonRequest give_post;
    give_post.set_person_id(person.id());
    give_post.set_version(person.version());
    *give_post.mutable_person() = v1::PersonInput();
    give_post.mutable_person()->set_unit_id(safety.id());
    give_post.mutable_person()->set_post_id(post.id());
    give_post.mutable_person()->set_employee_no("B1");
    give_post.mutable_person()->set_name("孙七");
    give_post.mutable_person()->set_gender("female");
    give_post.mutable_person()->set_person_type("intern");
    v1::Person moved;
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.people->UpdatePerson(&ctx, give_post, &moved); }).ok());
    close.set_unit_id(post.id());
    close.set_version(post.version());
    CHECK(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->CloseUnit(&ctx, close, &closed); }).code() ==
          StatusCode::kFailedPrecondition);
    give_post.mutable_person()->clear_post_id();
    give_post.set_version(moved.version());
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.people->UpdatePerson(&ctx, give_post, &moved); }).ok());

    // Now post then team close (children first).
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->CloseUnit(&ctx, close, &closed); }).ok());
    CHECK(closed.status() == "closed");
    CHECK_FALSE(closed.closed_at().empty());
    close.set_unit_id(team.id());
    close.set_version(team.version());
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->CloseUnit(&ctx, close, &closed); }).ok());
    auto team_closed = closed;

    // Nobody can join a closed unit, and nothing can be created under it.
    v1::CreatePersonRequest join;
    join.mutable_person()->set_unit_id(team.id());
    join.mutable_person()->set_employee_no("B2");
    join.mutable_person()->set_name("周八");
    join.mutable_person()->set_gender("male");
    join.mutable_person()->set_person_type("employee");
    v1::Person joined;
    auto refused = Invoke(admin, [&](grpc::ClientContext& ctx) { return c.people->CreatePerson(&ctx, join, &joined); });
    CHECK(refused.code() == StatusCode::kInvalidArgument);
    CHECK(refused.field() == "person.unit_id");
    v1::CreateUnitRequest under_closed;
    under_closed.set_parent_id(team.id());
    under_closed.set_kind("post");
    under_closed.set_name("班长");
    v1::OrgUnit unit;
    CHECK(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->CreateUnit(&ctx, under_closed, &unit); }).code() ==
          StatusCode::kFailedPrecondition);

    v1::OrgTree tree;
    v1::GetOrgTreeRequest all;
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->GetOrgTree(&ctx, all, &tree); }).ok());
    CHECK(FindNode(tree.root(), team.id()) == nullptr);
    all.set_include_closed(true);
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->GetOrgTree(&ctx, all, &tree); }).ok());
    REQUIRE(FindNode(tree.root(), team.id()) != nullptr);
    CHECK(FindNode(tree.root(), team.id())->unit().status() == "closed");

    // Reopening the post first is refused (its parent is closed); the team first, then the post.
    v1::ReopenUnitRequest reopen;
    reopen.set_unit_id(post.id());
    reopen.set_version(post.version() + 1);
    CHECK(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->ReopenUnit(&ctx, reopen, &unit); }).code() ==
          StatusCode::kFailedPrecondition);
    reopen.set_unit_id(team.id());
    reopen.set_version(team_closed.version());
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->ReopenUnit(&ctx, reopen, &unit); }).ok());
    CHECK(unit.status() == "active");
    CHECK(unit.closed_at().empty());

    v1::ListUnitHistoryRequest hist;
    hist.set_unit_id(team.id());
    v1::ListUnitHistoryResponse history;
    REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.org->ListUnitHistory(&ctx, hist, &history); }).ok());
    REQUIRE(history.changes_size() == 3);
    CHECK(history.changes(0).change() == "reopened");
    CHECK(history.changes(1).change() == "closed");
    CHECK(OutboxCount(h, t.enterprise_id, "safeloop.personnel.org_unit.v1", team.id()) == 3);
  }

  SECTION("org writes need personnel.org.write") {
    const auto worker = h.TokenFor(t, {"worker"}, team.id());
    v1::CreateUnitRequest req;
    req.set_parent_id(t.root_unit_id);
    req.set_kind("department");
    req.set_name("人事部");
    v1::OrgUnit out;
    CHECK(Invoke(worker, [&](grpc::ClientContext& ctx) { return c.org->CreateUnit(&ctx, req, &out); }).code() ==
          StatusCode::kPermissionDenied);
    v1::OrgTree tree;
    CHECK(Invoke(worker, [&](grpc::ClientContext& ctx) {
            return c.org->GetOrgTree(&ctx, v1::GetOrgTreeRequest(), &tree);
          }).ok());
  }
}
