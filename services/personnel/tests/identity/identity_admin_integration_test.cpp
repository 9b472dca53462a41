// Account and role administration, tenant isolation, park accounts and the bootstrap CLI, through the
// real gRPC server.
#include "identity_test_support.hpp"

#include <algorithm>

#include "identity/bootstrap_account.hpp"
#include "identity/credentials.hpp"
#include "identity/pg_identity_store.hpp"

using namespace safeloop;
using namespace safeloop::personnel;
using namespace safeloop::personnel::testing;

namespace {

using AccountStub = pv1::AccountService::Stub;
using RoleStub = pv1::RoleService::Stub;
using AuthStub = pv1::AuthService::Stub;

identity::BootstrapOutcome Bootstrap(PersonnelHarness& h, identity::BootstrapInput input) {
  identity::PgIdentityStore store(h.pool(), h.context().clock);
  input.password_hash = identity::HashPassword(kPassword);
  auto out = store.BootstrapAccount(input);
  INFO(out.status().ToString());
  REQUIRE(out.ok());
  return *out;
}

pv1::Role FindRole(PersonnelHarness& h, const std::string& token, const std::string& code) {
  auto stub = pv1::RoleService::NewStub(h.channel());
  pv1::ListRolesRequest req;
  pv1::ListRolesResponse resp;
  REQUIRE(Call(*stub, &RoleStub::ListRoles, token, req, resp).ok());
  for (const auto& r : resp.roles()) {
    if (r.code() == code) return r;
  }
  FAIL("no role " << code);
  return {};
}

}  // namespace

TEST_CASE("accounts: create checks person, username, password and roles; list searches; update is versioned") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto other = h.NewTenant();
  auto admin = h.TokenFor(t, {"admin"});
  auto stub = pv1::AccountService::NewStub(h.channel());
  auto person = InsertPerson(h, t, "王五");

  pv1::CreateAccountRequest req;
  req.set_person_id(person);
  req.set_username(UniqueUsername("wang"));
  req.set_password(kPassword);
  req.set_mobile("13800138000");
  req.add_role_codes("inspector");
  pv1::Account created;

  auto expect_bad = [&](pv1::CreateAccountRequest bad, StatusCode code, const std::string& field) {
    pv1::Account ignored;
    auto r = Call(*stub, &AccountStub::CreateAccount, admin, bad, ignored);
    INFO(r.status.ToString());
    CHECK(r.status.code() == code);
    CHECK(r.status.field() == field);
  };
  auto bad = req;
  bad.set_person_id(InsertPerson(h, other));  // another enterprise's person: as if it did not exist
  expect_bad(bad, StatusCode::kInvalidArgument, "person_id");
  bad = req;
  bad.set_password("weakpass");
  expect_bad(bad, StatusCode::kInvalidArgument, "password");
  bad = req;
  bad.set_username("a b");
  expect_bad(bad, StatusCode::kInvalidArgument, "username");
  bad = req;
  bad.add_role_codes("no_such_role");
  expect_bad(bad, StatusCode::kInvalidArgument, "role_codes");
  bad = req;
  bad.set_mobile("12345");
  expect_bad(bad, StatusCode::kInvalidArgument, "mobile");

  auto r = Call(*stub, &AccountStub::CreateAccount, admin, req, created);
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  CHECK(created.display_name() == "王五");  // defaults to the person's name
  CHECK(created.person_name() == "王五");
  CHECK(created.kind() == "user");
  CHECK(created.status() == "active");
  CHECK(created.version() == 1);
  REQUIRE(created.roles_size() == 1);
  CHECK(created.roles(0).name() == "安全员/督导员");

  bad = req;
  bad.set_username(UniqueUsername("again"));
  expect_bad(bad, StatusCode::kAlreadyExists, "person_id");  // one account per person
  bad = req;
  bad.set_person_id(InsertPerson(h, t));
  std::string upper = req.username();
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  bad.set_username(upper);
  expect_bad(bad, StatusCode::kAlreadyExists, "username");
  // Usernames are global: another enterprise cannot take it either.
  pv1::CreateAccountRequest elsewhere = req;
  elsewhere.set_person_id(InsertPerson(h, other));
  elsewhere.clear_role_codes();
  pv1::Account ignored;
  auto taken = Call(*stub, &AccountStub::CreateAccount, h.TokenFor(other, {"admin"}), elsewhere, ignored);
  CHECK(taken.status.code() == StatusCode::kAlreadyExists);
  CHECK(taken.status.field() == "username");

  // Search by username, display name and mobile; paging.
  auto second = MakeAccount(h, t, {"worker"}, "zz");
  pv1::ListAccountsRequest list;
  pv1::ListAccountsResponse found;
  for (const std::string& q : {req.username().substr(2), std::string("王五"), std::string("0013800")}) {
    list.set_query(q);
    found.Clear();
    REQUIRE(Call(*stub, &AccountStub::ListAccounts, admin, list, found).ok());
    INFO(q);
    REQUIRE(found.accounts_size() == 1);
    CHECK(found.accounts(0).id() == created.id());
  }
  list.set_query("");
  list.mutable_page()->set_page_size(1);
  found.Clear();
  REQUIRE(Call(*stub, &AccountStub::ListAccounts, admin, list, found).ok());
  REQUIRE(found.accounts_size() == 1);
  CHECK(found.accounts(0).id() == second.account_id);  // newest first
  REQUIRE_FALSE(found.page().next_page_token().empty());
  list.mutable_page()->set_page_token(found.page().next_page_token());
  found.Clear();
  REQUIRE(Call(*stub, &AccountStub::ListAccounts, admin, list, found).ok());
  REQUIRE(found.accounts_size() == 1);
  CHECK(found.accounts(0).id() == created.id());
  CHECK(found.page().next_page_token().empty());

  // Update: the version must be current.
  pv1::UpdateAccountRequest upd;
  upd.set_account_id(created.id());
  upd.set_version(1);
  upd.set_display_name("王五（班长）");
  upd.set_mobile("");
  upd.set_status("active");
  upd.add_role_codes("inspector");
  upd.add_role_codes("worker");
  pv1::Account updated;
  REQUIRE(Call(*stub, &AccountStub::UpdateAccount, admin, upd, updated).ok());
  CHECK(updated.version() == 2);
  CHECK(updated.roles_size() == 2);
  auto stale = Call(*stub, &AccountStub::UpdateAccount, admin, upd, updated);
  CHECK(stale.status.code() == StatusCode::kAborted);
  CHECK(stale.status.field() == "version");

  // Permissions: a worker may not read accounts.
  found.Clear();
  CHECK(Call(*stub, &AccountStub::ListAccounts, h.TokenFor(t, {"worker"}), list, found).grpc.error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
}

TEST_CASE("accounts: an administrator's reset ends every session and asks for a new password") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto a = MakeAccount(h, t, {"worker"});
  auto session = MustLogin(h, a);
  auto stub = pv1::AccountService::NewStub(h.channel());
  pv1::ResetPasswordRequest req;
  req.set_account_id(a.account_id);
  req.set_new_password("short");
  pv1::Account resp;
  auto weak = Call(*stub, &AccountStub::ResetPassword, h.TokenFor(t, {"admin"}), req, resp);
  CHECK(weak.status.field() == "new_password");
  req.set_new_password("Temp#2024pw");
  REQUIRE(Call(*stub, &AccountStub::ResetPassword, h.TokenFor(t, {"admin"}), req, resp).ok());
  CHECK(resp.must_change_password());
  pv1::TokenPair pair;
  CHECK_FALSE(Refresh(h, session.refresh_token(), pair).ok());
  CHECK_FALSE(Login(h, a.username, a.password, pair).ok());
  REQUIRE(Login(h, a.username, "Temp#2024pw", pair).ok());
  auto auth = pv1::AuthService::NewStub(h.channel());
  pv1::MeRequest me_req;
  pv1::MeResponse me;
  REQUIRE(Call(*auth, &AuthStub::Me, pair.access_token(), me_req, me).ok());
  CHECK(me.must_change_password());
}

TEST_CASE("visitors: expiry must be in the future and at most 30 days ahead; the unit must be the tenant's") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto other = h.NewTenant();
  auto stub = pv1::AccountService::NewStub(h.channel());
  pv1::CreateVisitorAccountRequest v;
  v.set_unit_id(t.root_unit_id);
  v.set_name("访客");
  v.set_gender("male");
  v.set_username(UniqueUsername("v"));
  v.set_password(kPassword);
  pv1::Account resp;
  auto now = std::chrono::system_clock::now();
  for (const std::string& bad : {FormatRfc3339(now - std::chrono::minutes(1)),
                                 FormatRfc3339(now + std::chrono::hours(24 * 31)), std::string("tomorrow")}) {
    v.set_expires_at(bad);
    auto r = Call(*stub, &AccountStub::CreateVisitorAccount, h.TokenFor(t, {"admin"}), v, resp);
    INFO(bad);
    CHECK(r.status.code() == StatusCode::kInvalidArgument);
    CHECK(r.status.field() == "expires_at");
  }
  v.set_expires_at(FormatRfc3339(now + std::chrono::hours(24 * 29)));
  v.set_unit_id(other.root_unit_id);
  auto foreign = Call(*stub, &AccountStub::CreateVisitorAccount, h.TokenFor(t, {"admin"}), v, resp);
  CHECK(foreign.status.code() == StatusCode::kInvalidArgument);
  CHECK(foreign.status.field() == "unit_id");
  v.set_unit_id(t.root_unit_id);
  auto r = Call(*stub, &AccountStub::CreateVisitorAccount, h.TokenFor(t, {"admin"}), v, resp);
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  CHECK_FALSE(resp.expires_at().empty());
  auto type = OwnerExec(h, "SELECT person_type FROM personnel.person WHERE id = '" + resp.person_id() + "'");
  CHECK(type[0][0].as<std::string>() == "visitor");
}

TEST_CASE("roles: catalogue, seven built-ins, custom role CRUD with grant validation, built-ins undeletable") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto admin = h.TokenFor(t, {"admin"});
  auto stub = pv1::RoleService::NewStub(h.channel());

  pv1::ListPermissionCatalogRequest cat_req;
  pv1::ListPermissionCatalogResponse catalog;
  REQUIRE(Call(*stub, &RoleStub::ListPermissionCatalog, admin, cat_req, catalog).ok());
  CHECK(catalog.permissions_size() == static_cast<int>(auth::TenantPermissionCatalog().size()));
  std::set<std::string> kinds;
  for (const auto& p : catalog.permissions()) kinds.insert(p.kind());
  CHECK(kinds == std::set<std::string>{"api", "function", "operation"});

  pv1::ListRolesRequest list_req;
  pv1::ListRolesResponse roles;
  REQUIRE(Call(*stub, &RoleStub::ListRoles, admin, list_req, roles).ok());
  REQUIRE(roles.roles_size() == 7);
  for (const auto& def : auth::DefaultRoles()) {
    auto it = std::find_if(roles.roles().begin(), roles.roles().end(), [&](const pv1::Role& r) { return r.code() == def.code; });
    REQUIRE(it != roles.roles().end());
    CHECK(it->name() == def.display_name);
    CHECK(it->builtin());
    CHECK(it->data_scope() == auth::DataScopeName(def.scope));
    std::vector<std::string> grants(it->grants().begin(), it->grants().end()), expected = def.grants;
    std::sort(expected.begin(), expected.end());
    CHECK(grants == expected);
  }
  // Listing again seeds nothing twice.
  roles.Clear();
  REQUIRE(Call(*stub, &RoleStub::ListRoles, admin, list_req, roles).ok());
  CHECK(roles.roles_size() == 7);

  pv1::CreateRoleRequest create;
  create.set_code("gas_tester");
  create.set_name("气体检测员");
  create.set_description("动火作业气体分析");
  create.set_data_scope("unit");
  create.add_grants("risk.*.read");
  create.add_grants("menu.risk.map");
  create.add_grants("personnel.nothing.here");
  pv1::Role role;
  auto bad = Call(*stub, &RoleStub::CreateRole, admin, create, role);
  CHECK(bad.status.code() == StatusCode::kInvalidArgument);
  CHECK(bad.status.field() == "grants");
  CHECK_THAT(bad.status.message(), Catch::Contains("personnel.nothing.here"));
  create.mutable_grants()->RemoveLast();
  create.set_code("Gas-Tester");
  CHECK(Call(*stub, &RoleStub::CreateRole, admin, create, role).status.field() == "code");
  create.set_code("gas_tester");
  create.set_data_scope("park");
  CHECK(Call(*stub, &RoleStub::CreateRole, admin, create, role).status.field() == "data_scope");
  create.set_data_scope("unit");
  auto r = Call(*stub, &RoleStub::CreateRole, admin, create, role);
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  CHECK_FALSE(role.builtin());
  CHECK(role.grants_size() == 2);
  CHECK(Call(*stub, &RoleStub::CreateRole, admin, create, role).status.code() == StatusCode::kAlreadyExists);

  // Assigned → cannot be deleted; the holder's login carries its grants.
  auto holder = MakeAccount(h, t, {"gas_tester"});
  auto claims = h.verifier().Verify(MustLogin(h, holder).access_token());
  CHECK(claims->roles == std::vector<std::string>{"gas_tester"});
  CHECK(claims->perms == std::vector<std::string>{"risk.*.read"});
  CHECK(claims->scope == "unit");
  pv1::DeleteRoleRequest del;
  del.set_role_id(role.id());
  pv1::DeleteRoleResponse deleted;
  CHECK(Call(*stub, &RoleStub::DeleteRole, admin, del, deleted).status.code() == StatusCode::kFailedPrecondition);

  pv1::UpdateRoleRequest upd;
  upd.set_role_id(role.id());
  upd.set_version(1);
  upd.set_name("气体分析员");
  upd.set_data_scope("subtree");
  upd.add_grants("risk.map.read");
  pv1::Role updated;
  REQUIRE(Call(*stub, &RoleStub::UpdateRole, admin, upd, updated).ok());
  CHECK(updated.version() == 2);
  CHECK(updated.holder_count() == 1);
  CHECK(std::vector<std::string>(updated.grants().begin(), updated.grants().end()) ==
        std::vector<std::string>{"risk.map.read"});
  CHECK(Call(*stub, &RoleStub::UpdateRole, admin, upd, updated).status.code() == StatusCode::kAborted);

  // Free the role, then it can go.
  auto accounts = pv1::AccountService::NewStub(h.channel());
  pv1::UpdateAccountRequest unassign;
  unassign.set_account_id(holder.account_id);
  unassign.set_version(1);
  unassign.set_display_name("张三");
  unassign.set_status("active");
  pv1::Account acct;
  REQUIRE(Call(*accounts, &AccountStub::UpdateAccount, admin, unassign, acct).ok());
  REQUIRE(Call(*stub, &RoleStub::DeleteRole, admin, del, deleted).ok());
  pv1::GetRoleRequest get;
  get.set_role_id(role.id());
  CHECK(Call(*stub, &RoleStub::GetRole, admin, get, updated).grpc.error_code() == grpc::StatusCode::NOT_FOUND);

  // Built-in roles: grants editable, deletion refused.
  auto worker = FindRole(h, admin, "worker");
  pv1::UpdateRoleRequest edit_builtin;
  edit_builtin.set_role_id(worker.id());
  edit_builtin.set_version(worker.version());
  edit_builtin.set_name(worker.name());
  edit_builtin.set_description(worker.description());
  edit_builtin.set_data_scope(worker.data_scope());
  *edit_builtin.mutable_grants() = worker.grants();
  edit_builtin.add_grants("op.violation.record");
  REQUIRE(Call(*stub, &RoleStub::UpdateRole, admin, edit_builtin, updated).ok());
  CHECK(updated.builtin());
  del.set_role_id(worker.id());
  auto builtin = Call(*stub, &RoleStub::DeleteRole, admin, del, deleted);
  CHECK(builtin.status.code() == StatusCode::kFailedPrecondition);
  CHECK_THAT(builtin.status.message(), Catch::Contains("内置角色"));

  // Events went to the outbox with the change.
  auto events = OwnerExec(h, "SELECT count(*) FROM personnel.outbox WHERE topic = 'safeloop.personnel.role.v1' "
                             "AND enterprise_id = '" + t.enterprise_id + "'");
  CHECK(events[0][0].as<int>() == 4);  // created, updated, deleted, updated (built-in)
}

TEST_CASE("tenant isolation: another enterprise's account and role ids are NOT_FOUND everywhere") {
  PersonnelHarness h;
  auto a = h.NewTenant("甲");
  auto b = h.NewTenantInPark(a, "乙");
  auto victim = MakeAccount(h, a, {"worker"});
  auto a_role = FindRole(h, h.TokenFor(a, {"admin"}), "worker");
  auto b_admin = h.TokenFor(b, {"admin"});
  auto accounts = pv1::AccountService::NewStub(h.channel());
  auto roles = pv1::RoleService::NewStub(h.channel());
  pv1::Account acct;
  pv1::Role role;

  pv1::GetAccountRequest get;
  get.set_account_id(victim.account_id);
  CHECK(Call(*accounts, &AccountStub::GetAccount, b_admin, get, acct).grpc.error_code() == grpc::StatusCode::NOT_FOUND);
  pv1::UpdateAccountRequest upd;
  upd.set_account_id(victim.account_id);
  upd.set_version(1);
  upd.set_display_name("x");
  upd.set_status("disabled");
  CHECK(Call(*accounts, &AccountStub::UpdateAccount, b_admin, upd, acct).grpc.error_code() ==
        grpc::StatusCode::NOT_FOUND);
  pv1::ResetPasswordRequest reset;
  reset.set_account_id(victim.account_id);
  reset.set_new_password("Hack3d!pass");
  CHECK(Call(*accounts, &AccountStub::ResetPassword, b_admin, reset, acct).grpc.error_code() ==
        grpc::StatusCode::NOT_FOUND);
  pv1::UnlockAccountRequest unlock;
  unlock.set_account_id(victim.account_id);
  CHECK(Call(*accounts, &AccountStub::UnlockAccount, b_admin, unlock, acct).grpc.error_code() ==
        grpc::StatusCode::NOT_FOUND);
  pv1::ListAccountsRequest list;
  pv1::ListAccountsResponse listed;
  REQUIRE(Call(*accounts, &AccountStub::ListAccounts, b_admin, list, listed).ok());
  CHECK(listed.accounts_size() == 0);

  pv1::GetRoleRequest get_role;
  get_role.set_role_id(a_role.id());
  CHECK(Call(*roles, &RoleStub::GetRole, b_admin, get_role, role).grpc.error_code() == grpc::StatusCode::NOT_FOUND);
  pv1::UpdateRoleRequest upd_role;
  upd_role.set_role_id(a_role.id());
  upd_role.set_version(a_role.version());
  upd_role.set_name("x");
  upd_role.set_data_scope("own");
  CHECK(Call(*roles, &RoleStub::UpdateRole, b_admin, upd_role, role).grpc.error_code() == grpc::StatusCode::NOT_FOUND);
  pv1::DeleteRoleRequest del_role;
  del_role.set_role_id(a_role.id());
  pv1::DeleteRoleResponse deleted;
  CHECK(Call(*roles, &RoleStub::DeleteRole, b_admin, del_role, deleted).grpc.error_code() ==
        grpc::StatusCode::NOT_FOUND);

  // And the victim is untouched.
  pv1::TokenPair pair;
  CHECK(Login(h, victim.username, victim.password, pair).ok());
}

TEST_CASE("park accounts: log in without an enterprise, choose an enterprise of their park, never another park's") {
  PersonnelHarness h;
  auto a = h.NewTenant("园区企业甲");
  auto b = h.NewTenantInPark(a, "园区企业乙");
  auto elsewhere = h.NewTenant("别的园区企业");
  TestAccount regulator;
  regulator.username = UniqueUsername("park");
  auto boot = Bootstrap(h, {"", a.park_id, "", regulator.username, "", "园区监管员一", "male", {"park_supervisor"}});
  CHECK(boot.created);
  CHECK(boot.person_id.empty());
  regulator.account_id = boot.account_id;

  auto pair = MustLogin(h, regulator);
  auto claims = h.verifier().Verify(pair.access_token());
  REQUIRE(claims.ok());
  CHECK(claims->ent.empty());
  CHECK(claims->park == a.park_id);
  CHECK(claims->scope == "park");
  CHECK(claims->roles == std::vector<std::string>{"park_supervisor"});

  auto auth = pv1::AuthService::NewStub(h.channel());
  pv1::IssueEnterpriseTokenRequest req;
  req.set_enterprise_id(b.enterprise_id);
  pv1::TokenPair ent_pair;
  auto r = Call(*auth, &AuthStub::IssueEnterpriseToken, pair.access_token(), req, ent_pair);
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  CHECK(ent_pair.refresh_token().empty());
  auto ent_claims = h.verifier().Verify(ent_pair.access_token());
  REQUIRE(ent_claims.ok());
  CHECK(ent_claims->ent == b.enterprise_id);
  CHECK(ent_claims->scope == "park");
  CHECK(ent_claims->sid == claims->sid);
  CHECK(ent_claims->perms == claims->perms);
  CHECK_FALSE(auth::RequirePermission(*ent_claims, "personnel.person.write").ok());  // read-only by role

  // Me with the enterprise token names the chosen enterprise.
  pv1::MeRequest me_req;
  pv1::MeResponse me;
  REQUIRE(Call(*auth, &AuthStub::Me, ent_pair.access_token(), me_req, me).ok());
  CHECK(me.kind() == "park");
  CHECK(me.enterprise_id() == b.enterprise_id);
  CHECK(me.enterprise_name() == "园区企业乙");
  CHECK(me.data_scope() == "park");
  CHECK(std::find(me.function_permissions().begin(), me.function_permissions().end(), "menu.park") !=
        me.function_permissions().end());

  req.set_enterprise_id(elsewhere.enterprise_id);
  CHECK(Call(*auth, &AuthStub::IssueEnterpriseToken, pair.access_token(), req, ent_pair).grpc.error_code() ==
        grpc::StatusCode::NOT_FOUND);
  req.set_enterprise_id(NewUuidV7());
  CHECK(Call(*auth, &AuthStub::IssueEnterpriseToken, pair.access_token(), req, ent_pair).grpc.error_code() ==
        grpc::StatusCode::NOT_FOUND);

  // After logout the session cannot choose an enterprise any more.
  pv1::LogoutRequest out_req;
  pv1::LogoutResponse out_resp;
  REQUIRE(Call(*auth, &AuthStub::Logout, pair.access_token(), out_req, out_resp).ok());
  req.set_enterprise_id(a.enterprise_id);
  CHECK(Call(*auth, &AuthStub::IssueEnterpriseToken, pair.access_token(), req, ent_pair).grpc.error_code() ==
        grpc::StatusCode::UNAUTHENTICATED);

  // Enterprise accounts have no enterprise to choose.
  auto employee = MakeAccount(h, a, {"admin"});
  req.set_enterprise_id(b.enterprise_id);
  CHECK(Call(*auth, &AuthStub::IssueEnterpriseToken, MustLogin(h, employee).access_token(), req, ent_pair)
            .grpc.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_CASE("bootstrap: the first administrator of an enterprise, idempotent by username") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto other = h.NewTenant();
  TestAccount admin;
  admin.username = UniqueUsername("admin");
  identity::BootstrapInput in{t.enterprise_id, "", "", admin.username, "", "系统管理员", "female", {"admin"}};
  auto first = Bootstrap(h, in);
  CHECK(first.created);
  auto again = Bootstrap(h, in);
  CHECK_FALSE(again.created);
  CHECK(again.account_id == first.account_id);
  CHECK(again.person_id == first.person_id);
  auto unit = OwnerExec(h, "SELECT unit_id::text, person_type FROM personnel.person WHERE id = '" + first.person_id + "'");
  CHECK(unit[0][0].as<std::string>() == t.root_unit_id);
  CHECK(unit[0][1].as<std::string>() == "employee");

  identity::PgIdentityStore store(h.pool(), h.context().clock);
  auto foreign = in;
  foreign.enterprise_id = other.enterprise_id;
  foreign.password_hash = "x";
  CHECK(store.BootstrapAccount(foreign).status().code() == StatusCode::kFailedPrecondition);
  auto unknown_role = in;
  unknown_role.username = UniqueUsername("r");
  unknown_role.role_codes = {"emperor"};
  unknown_role.password_hash = "x";
  CHECK(store.BootstrapAccount(unknown_role).status().code() == StatusCode::kInvalidArgument);

  admin.account_id = first.account_id;
  auto claims = h.verifier().Verify(MustLogin(h, admin).access_token());
  CHECK(claims->roles == std::vector<std::string>{"admin"});
  CHECK(claims->perms == std::vector<std::string>{"*"});
  CHECK(claims->unit == t.root_unit_id);
}

TEST_CASE("bootstrap arguments") {
  using identity::ParseBootstrapAccountArgs;
  const std::string ent = NewUuidV7();
  auto ok = ParseBootstrapAccountArgs({"--enterprise", ent, "--username", "root_admin", "--password", kPassword,
                                       "--name", "管理员", "--role", "admin", "--role", "admin"});
  REQUIRE(ok.ok());
  CHECK(ok->roles == std::vector<std::string>{"admin"});
  CHECK(ok->gender == "male");
  CHECK(ParseBootstrapAccountArgs({"--username", "root_admin", "--password", kPassword, "--name", "x", "--role", "a1"})
            .status()
            .field() == "--enterprise");
  CHECK(ParseBootstrapAccountArgs({"--enterprise", ent, "--park", ent, "--username", "root_admin", "--password",
                                   kPassword, "--name", "x", "--role", "admin"})
            .status()
            .field() == "--enterprise");
  CHECK(ParseBootstrapAccountArgs({"--park", ent, "--unit", ent, "--username", "root_admin", "--password", kPassword,
                                   "--name", "x", "--role", "admin"})
            .status()
            .field() == "--unit");
  CHECK(ParseBootstrapAccountArgs({"--enterprise", ent, "--username", "root_admin", "--password", "weak", "--name",
                                   "x", "--role", "admin"})
            .status()
            .field() == "--password");
  CHECK(ParseBootstrapAccountArgs({"--enterprise", ent, "--username", "root_admin", "--password", kPassword, "--name",
                                   "x"})
            .status()
            .field() == "--role");
  CHECK(ParseBootstrapAccountArgs({"--enterprise", ent, "--bogus", "1"}).status().field() == "--bogus");
  CHECK(ParseBootstrapAccountArgs({"--enterprise"}).status().code() == StatusCode::kInvalidArgument);
}
