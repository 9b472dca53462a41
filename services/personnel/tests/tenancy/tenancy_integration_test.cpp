// Enterprises and parks through the real gRPC server, tenant isolation across every tenancy RPC, and the
// bootstrap-tenant command's idempotency.
#include "safeloop/core/clock.hpp"
#include "tenancy/bootstrap_tenant.hpp"
#include "tenancy_test_support.hpp"

using namespace safeloop;
using namespace safeloop::personnel;
using namespace safeloop::personnel::testing;

namespace {

v1::Enterprise GetMine(TenancyClients& c, const std::string& token) {
  v1::Enterprise e;
  Status s = Invoke(token, [&](grpc::ClientContext& ctx) {
    return c.tenancy->GetMyEnterprise(&ctx, v1::GetMyEnterpriseRequest(), &e);
  });
  INFO(s.ToString());
  REQUIRE(s.ok());
  return e;
}

std::string ParkToken(PersonnelHarness& h, const TestTenant& t, std::vector<std::string> perms) {
  auto token = h.context().signer.Issue({.subject = NewUuidV7(),
                                         .enterprise_id = "",
                                         .park_id = t.park_id,
                                         .roles = {"park_supervisor"},
                                         .perms = std::move(perms),
                                         .scope = "park",
                                         .ttl = std::chrono::minutes(5)});
  REQUIRE(token.ok());
  return *token;
}

}  // namespace

TEST_CASE("enterprise file: read, validated update with versions, events") {
  PersonnelHarness h;
  TenancyClients c(h.channel());
  auto t = h.NewTenant("沧州某化工有限公司");
  const auto admin = h.TokenFor(t, {"admin"});

  auto e = GetMine(c, admin);
  CHECK(e.id() == t.enterprise_id);
  CHECK(e.park_id() == t.park_id);
  CHECK(e.profile().name() == "沧州某化工有限公司");
  CHECK(e.profile().credit_code() == t.credit_code);
  CHECK_FALSE(e.profile().has_headcount());
  CHECK(e.version() == 1);

  v1::UpdateMyEnterpriseRequest up;
  *up.mutable_profile() = e.profile();
  auto* p = up.mutable_profile();
  p->set_founded_on("2008-05-12");
  p->set_term_until("");
  p->set_legal_representative("王某");
  p->set_principal_name("李某");
  p->set_principal_mobile("13912345678");
  p->set_safety_principal_mobile("13812345678");
  p->set_headcount(320);
  p->set_area_m2(52000.5);
  p->set_economic_industry_code("C2614");
  p->set_hazchem_registration_code("130912345");
  up.set_version(1);
  up.set_park_write_granted(true);
  v1::Enterprise updated;
  REQUIRE(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.tenancy->UpdateMyEnterprise(&ctx, up, &updated); }).ok());
  CHECK(updated.version() == 2);
  CHECK(updated.profile().founded_on() == "2008-05-12");
  CHECK(updated.profile().term_until().empty());
  CHECK(updated.profile().headcount() == 320);
  CHECK(updated.profile().area_m2() == Approx(52000.5));
  CHECK(updated.profile().hazchem_registration_code() == "130912345");
  CHECK(updated.park_write_granted());
  CHECK(OutboxCount(h, t.enterprise_id, "safeloop.personnel.enterprise.v1", t.enterprise_id) == 1);

  auto refused = [&](void (*mutate)(v1::EnterpriseProfile&)) {
    v1::UpdateMyEnterpriseRequest bad = up;
    bad.set_version(2);
    mutate(*bad.mutable_profile());
    v1::Enterprise out;
    return Invoke(admin, [&](grpc::ClientContext& ctx) { return c.tenancy->UpdateMyEnterprise(&ctx, bad, &out); });
  };
  CHECK(refused([](v1::EnterpriseProfile& x) { x.set_credit_code("91350100M000100Y44"); }).field() ==
        "profile.credit_code");
  CHECK(refused([](v1::EnterpriseProfile& x) { x.set_hazchem_registration_code("1309123"); }).field() ==
        "profile.hazchem_registration_code");
  CHECK(refused([](v1::EnterpriseProfile& x) { x.set_principal_mobile("110"); }).field() == "profile.principal_mobile");
  CHECK(refused([](v1::EnterpriseProfile& x) { x.set_founded_on("2023-02-30"); }).field() == "profile.founded_on");
  CHECK(refused([](v1::EnterpriseProfile& x) { x.set_term_until("2000-01-01"); }).field() == "profile.term_until");
  CHECK(refused([](v1::EnterpriseProfile& x) { x.set_name(""); }).field() == "profile.name");
  CHECK(refused([](v1::EnterpriseProfile& x) { x.set_headcount(-1); }).field() == "profile.headcount");

  auto other = h.NewTenant();
  auto taken = refused([](v1::EnterpriseProfile&) {});
  CHECK(taken.ok());  // same values again, version 2 -> 3
  v1::UpdateMyEnterpriseRequest dup = up;
  dup.mutable_profile()->set_credit_code(other.credit_code);
  dup.set_version(3);
  v1::Enterprise out;
  auto dup_status = Invoke(admin, [&](grpc::ClientContext& ctx) { return c.tenancy->UpdateMyEnterprise(&ctx, dup, &out); });
  CHECK(dup_status.code() == StatusCode::kAlreadyExists);
  CHECK(dup_status.field() == "profile.credit_code");
  up.set_version(1);
  CHECK(Invoke(admin, [&](grpc::ClientContext& ctx) { return c.tenancy->UpdateMyEnterprise(&ctx, up, &out); }).code() ==
        StatusCode::kAborted);

  // A worker may read the file but not change it.
  const auto worker = h.TokenFor(t, {"worker"});
  CHECK(Invoke(worker, [&](grpc::ClientContext& ctx) {
          return c.tenancy->GetMyEnterprise(&ctx, v1::GetMyEnterpriseRequest(), &out);
        }).code() == StatusCode::kPermissionDenied);  // worker has no personnel.enterprise.read
  const auto head = h.TokenFor(t, {"dept_head"});
  CHECK(GetMine(c, head).id() == t.enterprise_id);
  up.set_version(3);
  CHECK(Invoke(head, [&](grpc::ClientContext& ctx) { return c.tenancy->UpdateMyEnterprise(&ctx, up, &out); }).code() ==
        StatusCode::kPermissionDenied);
}

TEST_CASE("park accounts: exactly the park's enterprises, read-only unless granted") {
  PersonnelHarness h;
  TenancyClients c(h.channel());
  auto a = h.NewTenant("乙企业");
  auto b = h.NewTenantInPark(a, "甲企业");
  auto elsewhere = h.NewTenant("别处企业");
  const auto park = h.TokenFor(a, {"park_supervisor"});

  v1::ListParkEnterprisesResponse list;
  REQUIRE(Invoke(park, [&](grpc::ClientContext& ctx) {
            return c.tenancy->ListParkEnterprises(&ctx, v1::ListParkEnterprisesRequest(), &list);
          }).ok());
  CHECK(list.park().id() == a.park_id);
  REQUIRE(list.enterprises_size() == 2);
  CHECK(list.enterprises(0).profile().name() == "甲企业");  // pinyin: jia before yi
  CHECK(list.enterprises(1).profile().name() == "乙企业");

  v1::GetParkEnterpriseRequest get;
  get.set_enterprise_id(b.enterprise_id);
  v1::Enterprise e;
  REQUIRE(Invoke(park, [&](grpc::ClientContext& ctx) { return c.tenancy->GetParkEnterprise(&ctx, get, &e); }).ok());
  CHECK(e.id() == b.enterprise_id);
  get.set_enterprise_id(elsewhere.enterprise_id);
  CHECK(Invoke(park, [&](grpc::ClientContext& ctx) { return c.tenancy->GetParkEnterprise(&ctx, get, &e); }).code() ==
        StatusCode::kNotFound);

  // An enterprise account may not list the park, even with a broad grant.
  const auto director = h.TokenFor(a, {"safety_director"});
  CHECK(Invoke(director, [&](grpc::ClientContext& ctx) {
          return c.tenancy->ListParkEnterprises(&ctx, v1::ListParkEnterprisesRequest(), &list);
        }).code() == StatusCode::kPermissionDenied);

  // Writing: needs personnel.enterprise.write and the enterprise's grant.
  v1::UpdateParkEnterpriseRequest up;
  up.set_enterprise_id(b.enterprise_id);
  up.set_version(1);
  *up.mutable_profile() = list.enterprises(0).profile();
  up.mutable_profile()->set_emergency_phone("0317-1234567");
  CHECK(Invoke(park, [&](grpc::ClientContext& ctx) { return c.tenancy->UpdateParkEnterprise(&ctx, up, &e); }).code() ==
        StatusCode::kPermissionDenied);  // the default supervisor role is read-only
  const auto writer = ParkToken(h, a, {"personnel.park.read", "personnel.enterprise.*"});
  auto not_granted = Invoke(writer, [&](grpc::ClientContext& ctx) { return c.tenancy->UpdateParkEnterprise(&ctx, up, &e); });
  CHECK(not_granted.code() == StatusCode::kPermissionDenied);
  CHECK_THAT(not_granted.message(), Catch::Contains("未授权"));

  const auto b_admin = h.TokenFor(b, {"admin"});
  auto mine = GetMine(c, b_admin);
  v1::UpdateMyEnterpriseRequest grant;
  *grant.mutable_profile() = mine.profile();
  grant.set_version(mine.version());
  grant.set_park_write_granted(true);
  REQUIRE(Invoke(b_admin, [&](grpc::ClientContext& ctx) { return c.tenancy->UpdateMyEnterprise(&ctx, grant, &e); }).ok());
  up.set_version(e.version());
  REQUIRE(Invoke(writer, [&](grpc::ClientContext& ctx) { return c.tenancy->UpdateParkEnterprise(&ctx, up, &e); }).ok());
  CHECK(e.profile().emergency_phone() == "0317-1234567");
  CHECK(e.park_write_granted());
  CHECK(GetMine(c, b_admin).profile().emergency_phone() == "0317-1234567");
  CHECK(OutboxCount(h, b.enterprise_id, "safeloop.personnel.enterprise.v1", b.enterprise_id) == 2);

  up.set_enterprise_id(elsewhere.enterprise_id);
  CHECK(Invoke(writer, [&](grpc::ClientContext& ctx) { return c.tenancy->UpdateParkEnterprise(&ctx, up, &e); }).code() ==
        StatusCode::kNotFound);

  // The park account has no enterprise of its own to read.
  CHECK(Invoke(park, [&](grpc::ClientContext& ctx) {
          return c.tenancy->GetMyEnterprise(&ctx, v1::GetMyEnterpriseRequest(), &e);
        }).code() == StatusCode::kPermissionDenied);
}

TEST_CASE("tenant isolation: enterprise B's ids from enterprise A's token are not found") {
  PersonnelHarness h;
  TenancyClients c(h.channel());
  auto a = h.NewTenant();
  auto b = h.NewTenantInPark(a);  // same park: isolation must not lean on the park
  const auto admin_a = h.TokenFor(a, {"admin"});
  const auto admin_b = h.TokenFor(b, {"admin"});
  auto dept_a = c.CreateUnit(admin_a, a.root_unit_id, "department", "生产部");
  auto dept_b = c.CreateUnit(admin_b, b.root_unit_id, "department", "生产部");
  auto post_b = c.CreateUnit(admin_b, dept_b.id(), "post", "操作工");
  auto person_b = c.CreatePerson(admin_b, dept_b.id(), "B1", "乙一");

  auto expect_not_found = [](const Status& s, const char* what) {
    INFO(what << ": " << s.ToString());
    CHECK(s.code() == StatusCode::kNotFound);
  };
  v1::OrgUnit unit;
  v1::Person person;

  v1::UpdateUnitRequest update_unit;
  update_unit.set_unit_id(dept_b.id());
  update_unit.set_name("偷改");
  update_unit.set_version(1);
  expect_not_found(Invoke(admin_a, [&](auto& ctx) { return c.org->UpdateUnit(&ctx, update_unit, &unit); }), "UpdateUnit");
  v1::MoveUnitRequest move;
  move.set_unit_id(dept_b.id());
  move.set_new_parent_id(a.root_unit_id);
  move.set_version(1);
  expect_not_found(Invoke(admin_a, [&](auto& ctx) { return c.org->MoveUnit(&ctx, move, &unit); }), "MoveUnit");
  v1::CloseUnitRequest close;
  close.set_unit_id(post_b.id());
  close.set_version(1);
  expect_not_found(Invoke(admin_a, [&](auto& ctx) { return c.org->CloseUnit(&ctx, close, &unit); }), "CloseUnit");
  v1::ReopenUnitRequest reopen;
  reopen.set_unit_id(post_b.id());
  reopen.set_version(1);
  expect_not_found(Invoke(admin_a, [&](auto& ctx) { return c.org->ReopenUnit(&ctx, reopen, &unit); }), "ReopenUnit");
  v1::ListUnitHistoryRequest history;
  history.set_unit_id(dept_b.id());
  v1::ListUnitHistoryResponse changes;
  expect_not_found(Invoke(admin_a, [&](auto& ctx) { return c.org->ListUnitHistory(&ctx, history, &changes); }),
                   "ListUnitHistory");

  v1::GetPersonRequest get;
  get.set_person_id(person_b.id());
  expect_not_found(Invoke(admin_a, [&](auto& ctx) { return c.people->GetPerson(&ctx, get, &person); }), "GetPerson");
  v1::UpdatePersonRequest update_person;
  update_person.set_person_id(person_b.id());
  update_person.set_version(1);
  update_person.mutable_person()->set_unit_id(dept_a.id());
  update_person.mutable_person()->set_employee_no("B1");
  update_person.mutable_person()->set_name("乙一");
  update_person.mutable_person()->set_gender("male");
  update_person.mutable_person()->set_person_type("employee");
  expect_not_found(Invoke(admin_a, [&](auto& ctx) { return c.people->UpdatePerson(&ctx, update_person, &person); }),
                   "UpdatePerson");
  v1::MarkPersonLeftRequest leave;
  leave.set_person_id(person_b.id());
  leave.set_version(1);
  expect_not_found(Invoke(admin_a, [&](auto& ctx) { return c.people->MarkPersonLeft(&ctx, leave, &person); }),
                   "MarkPersonLeft");
  v1::ListPeopleRequest list;
  list.set_unit_id(dept_b.id());
  v1::ListPeopleResponse people;
  expect_not_found(Invoke(admin_a, [&](auto& ctx) { return c.people->ListPeople(&ctx, list, &people); }), "ListPeople");
  list.set_unit_id("");
  list.set_post_id(post_b.id());
  expect_not_found(Invoke(admin_a, [&](auto& ctx) { return c.people->ListPeople(&ctx, list, &people); }),
                   "ListPeople by post");
  v1::ExportPeopleRequest export_req;
  export_req.set_unit_id(dept_b.id());
  v1::XlsxFile file;
  expect_not_found(Invoke(admin_a, [&](auto& ctx) { return c.people->ExportPeople(&ctx, export_req, &file); }),
                   "ExportPeople");

  // Creates naming a foreign parent are bad input (the parent is not the caller's), as in the risk service.
  v1::CreateUnitRequest create_unit;
  create_unit.set_parent_id(dept_b.id());
  create_unit.set_kind("workshop");
  create_unit.set_name("一车间");
  auto foreign_parent = Invoke(admin_a, [&](auto& ctx) { return c.org->CreateUnit(&ctx, create_unit, &unit); });
  CHECK(foreign_parent.code() == StatusCode::kInvalidArgument);
  CHECK(foreign_parent.field() == "parent_id");
  v1::MoveUnitRequest move_into_b;
  move_into_b.set_unit_id(dept_a.id());
  move_into_b.set_new_parent_id(b.root_unit_id);
  move_into_b.set_version(1);
  CHECK(Invoke(admin_a, [&](auto& ctx) { return c.org->MoveUnit(&ctx, move_into_b, &unit); }).field() ==
        "new_parent_id");
  v1::CreatePersonRequest create_person;
  *create_person.mutable_person() = update_person.person();
  create_person.mutable_person()->set_unit_id(dept_b.id());
  create_person.mutable_person()->set_employee_no("A1");
  CHECK(Invoke(admin_a, [&](auto& ctx) { return c.people->CreatePerson(&ctx, create_person, &person); }).field() ==
        "person.unit_id");
  create_person.mutable_person()->set_unit_id(dept_a.id());
  create_person.mutable_person()->set_post_id(post_b.id());
  CHECK(Invoke(admin_a, [&](auto& ctx) { return c.people->CreatePerson(&ctx, create_person, &person); }).field() ==
        "person.post_id");

  // A's tree, lists and exports never show B's rows; B is untouched.
  v1::OrgTree tree;
  REQUIRE(Invoke(admin_a, [&](auto& ctx) { return c.org->GetOrgTree(&ctx, v1::GetOrgTreeRequest(), &tree); }).ok());
  CHECK(tree.root().unit().id() == a.root_unit_id);
  CHECK(tree.root().children_size() == 1);
  REQUIRE(Invoke(admin_a, [&](auto& ctx) { return c.people->ListPeople(&ctx, v1::ListPeopleRequest(), &people); }).ok());
  CHECK(people.total_size() == 0);
  REQUIRE(Invoke(admin_b, [&](auto& ctx) { return c.people->GetPerson(&ctx, get, &person); }).ok());
  CHECK(person.unit_id() == dept_b.id());
}

TEST_CASE("bootstrap-tenant: creates park, enterprise and root once, then reuses them") {
  PersonnelHarness h;  // applies the migrations
  SystemClock clock;
  const std::string park_name = "测试园区-" + NewUuidV7();
  auto args = tenancy::ParseBootstrapTenantArgs({"--park-name", park_name, "--park-region", "河北省沧州市",
                                                 "--enterprise-name", "引导化工", "--credit-code", RandomCreditCode(),
                                                 "--hazchem-code", "130912345"});
  REQUIRE(args.ok());
  pqxx::connection conn(h.config().pg_url);
  auto first = tenancy::BootstrapTenant(conn, *args, clock);
  INFO(first.status().ToString());
  REQUIRE(first.ok());
  auto again = tenancy::BootstrapTenant(conn, *args, clock);
  REQUIRE(again.ok());
  CHECK(again->park_id == first->park_id);
  CHECK(again->enterprise_id == first->enterprise_id);
  CHECK(again->root_unit_id == first->root_unit_id);

  // A second enterprise in the same park reuses the park.
  auto second_args = *args;
  second_args.enterprise_name = "第二化工";
  second_args.credit_code = RandomCreditCode();
  auto second = tenancy::BootstrapTenant(conn, second_args, clock);
  REQUIRE(second.ok());
  CHECK(second->park_id == first->park_id);
  CHECK(second->enterprise_id != first->enterprise_id);

  // The result is a working tenant: its admin reads the file and the tree.
  TestTenant t{first->park_id, first->enterprise_id, first->root_unit_id, args->credit_code};
  TenancyClients c(h.channel());
  auto e = GetMine(c, h.TokenFor(t, {"admin"}));
  CHECK(e.profile().name() == "引导化工");
  CHECK(e.profile().hazchem_registration_code() == "130912345");
  CHECK(e.park_name() == park_name);
  CHECK(OutboxCount(h, t.enterprise_id, "safeloop.personnel.enterprise.v1", t.enterprise_id) == 1);
  CHECK(OutboxCount(h, t.enterprise_id, "safeloop.personnel.org_unit.v1", t.root_unit_id) == 1);

  // Bad arguments are refused before touching the database.
  CHECK(tenancy::ParseBootstrapTenantArgs({"--park-name", "x", "--enterprise-name", "y", "--credit-code", "123"})
            .status()
            .field() == "--credit-code");
  CHECK(tenancy::ParseBootstrapTenantArgs({"--park-name", "x"}).status().field() == "--enterprise-name");
  CHECK(tenancy::ParseBootstrapTenantArgs({"--bogus", "x"}).status().field() == "--bogus");
  // The same credit code under another park is refused.
  auto moved = *args;
  moved.park_name = park_name + "-其他";
  CHECK(tenancy::BootstrapTenant(conn, moved, clock).status().code() == StatusCode::kFailedPrecondition);
}
