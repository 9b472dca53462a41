// Login, lockout, refresh rotation, logout, password change and Me, through the real gRPC server.
#include "identity_test_support.hpp"

#include <algorithm>

#include "identity/credentials.hpp"
#include "identity/pg_identity_store.hpp"
#include "identity/session_tokens.hpp"
#include "identity/visitor_sweep.hpp"

using namespace safeloop;
using namespace safeloop::personnel;
using namespace safeloop::personnel::testing;

namespace {

PersonnelConfig LockoutConfig() {
  auto c = PersonnelHarness::DefaultConfig();
  c.lockout_threshold = 3;
  c.lockout_duration = std::chrono::seconds(600);
  return c;
}

auto AuthStub(PersonnelHarness& h) { return pv1::AuthService::NewStub(h.channel()); }

}  // namespace

TEST_CASE("login: a token that verifies and carries the account's roles, perms, scope, session, person and unit") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto a = MakeAccount(h, t, {"safety_officer", "worker"});
  pv1::TokenPair pair;
  auto r = Login(h, a.username, a.password, pair, {{"x-safeloop-client-ip", "10.1.2.3"}, {"x-safeloop-user-agent", "it-test"}});
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  CHECK(pair.token_type() == "Bearer");
  CHECK(pair.expires_in() == static_cast<int>(h.config().access_ttl.count()));
  CHECK(pair.refresh_token().size() == 43);

  auto claims = h.verifier().Verify(pair.access_token());
  REQUIRE(claims.ok());
  CHECK(claims->sub == a.account_id);
  CHECK(claims->ent == t.enterprise_id);
  CHECK(claims->park == t.park_id);
  CHECK(claims->roles == std::vector<std::string>{"safety_officer", "worker"});
  CHECK(claims->scope == "enterprise");  // the broader of enterprise (安全管理员) and unit (一线员工)
  CHECK(claims->pid == a.person_id);
  CHECK(claims->unit == t.root_unit_id);
  CHECK(IsUuid(claims->sid));
  CHECK(auth::RequirePermission(*claims, "personnel.person.write").ok());
  CHECK_FALSE(auth::RequirePermission(*claims, "personnel.account.write").ok());
  for (const auto& p : claims->perms) CHECK(auth::KindOfCode(p) == auth::PermissionKind::kApi);

  // The session stores the client's address and agent, and only the hash of the refresh token.
  auto row = OwnerExec(h, "SELECT s.client_ip, s.user_agent, rt.token_hash FROM personnel.login_session s "
                          "JOIN personnel.refresh_token rt ON rt.session_id = s.id WHERE s.id = '" + claims->sid + "'");
  REQUIRE(row.size() == 1);
  CHECK(row[0][0].as<std::string>() == "10.1.2.3");
  CHECK(row[0][1].as<std::string>() == "it-test");
  CHECK(row[0][2].as<std::string>() == identity::Sha256Hex(pair.refresh_token()));
  // The stored password is an argon2id hash.
  auto hash = OwnerExec(h, "SELECT password_hash FROM personnel.account WHERE id = '" + a.account_id + "'");
  CHECK_THAT(hash[0][0].as<std::string>(), Catch::StartsWith("$argon2id$"));
}

TEST_CASE("login: the username is case-insensitive; wrong password and unknown user get the same answer") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto a = MakeAccount(h, t, {"worker"});
  pv1::TokenPair pair;
  std::string upper = a.username;
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  CHECK(Login(h, upper, a.password, pair).ok());

  auto wrong = Login(h, a.username, "Wr0ng!Pass", pair);
  auto unknown = Login(h, UniqueUsername("nobody"), a.password, pair);
  CHECK(wrong.grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK(unknown.grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK(wrong.grpc.error_message() == "用户名或密码错误");
  CHECK(unknown.grpc.error_message() == wrong.grpc.error_message());
  CHECK(Login(h, "", a.password, pair).grpc.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_CASE("lockout: N failures lock (message says until when, even the right password is refused); time and an "
          "administrator unlock") {
  PersonnelHarness h(LockoutConfig());
  auto t = h.NewTenant();
  auto a = MakeAccount(h, t, {"worker"});
  pv1::TokenPair pair;
  CHECK(Login(h, a.username, "Wr0ng!Pass", pair).grpc.error_message() == "用户名或密码错误");
  CHECK(Login(h, a.username, "Wr0ng!Pass", pair).grpc.error_message() == "用户名或密码错误");
  auto third = Login(h, a.username, "Wr0ng!Pass", pair);
  CHECK(third.grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK_THAT(third.grpc.error_message(), Catch::Contains("已锁定") && Catch::Contains("北京时间"));
  auto refused = Login(h, a.username, a.password, pair);
  CHECK(refused.grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK_THAT(refused.grpc.error_message(), Catch::Contains("已锁定"));
  auto locked = OwnerExec(h, "SELECT count(*) FROM personnel.outbox WHERE record_key = '" + a.account_id +
                                 "' AND topic = 'safeloop.personnel.account.v1' "
                                 "AND position(convert_to('AccountLocked', 'UTF8') in payload) > 0");
  CHECK(locked[0][0].as<int>() == 1);

  auto accounts = pv1::AccountService::NewStub(h.channel());
  SECTION("the lock runs out") {
    OwnerExec(h, "UPDATE personnel.account SET locked_until = now() - interval '1 second' WHERE id = '" +
                     a.account_id + "'");
    CHECK(Login(h, a.username, a.password, pair).ok());
  }
  SECTION("an administrator unlocks; the account shows the lock before") {
    pv1::GetAccountRequest get;
    get.set_account_id(a.account_id);
    pv1::Account before;
    REQUIRE(Call(*accounts, &pv1::AccountService::Stub::GetAccount, h.TokenFor(t, {"admin"}), get, before).ok());
    CHECK_FALSE(before.locked_until().empty());
    pv1::UnlockAccountRequest req;
    req.set_account_id(a.account_id);
    pv1::Account after;
    REQUIRE(Call(*accounts, &pv1::AccountService::Stub::UnlockAccount, h.TokenFor(t, {"admin"}), req, after).ok());
    CHECK(after.locked_until().empty());
    CHECK(after.failed_logins() == 0);
    CHECK(Login(h, a.username, a.password, pair).ok());
  }
  SECTION("a success resets the count") {
    OwnerExec(h, "UPDATE personnel.account SET locked_until = NULL WHERE id = '" + a.account_id + "'");
    CHECK_FALSE(Login(h, a.username, "Wr0ng!Pass", pair).ok());
    CHECK(Login(h, a.username, a.password, pair).ok());
    CHECK_FALSE(Login(h, a.username, "Wr0ng!Pass", pair).ok());
    CHECK_FALSE(Login(h, a.username, "Wr0ng!Pass", pair).ok());
    CHECK(Login(h, a.username, a.password, pair).ok());  // 2 < 3 since the success
  }
}

TEST_CASE("login: disabled accounts and expired visitors are refused") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto a = MakeAccount(h, t, {"worker"});
  auto accounts = pv1::AccountService::NewStub(h.channel());
  pv1::TokenPair pair;
  auto session = MustLogin(h, a);

  pv1::UpdateAccountRequest upd;
  upd.set_account_id(a.account_id);
  upd.set_version(1);
  upd.set_display_name("张三");
  upd.set_status("disabled");
  upd.add_role_codes("worker");
  pv1::Account updated;
  auto r = Call(*accounts, &pv1::AccountService::Stub::UpdateAccount, h.TokenFor(t, {"admin"}), upd, updated);
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  CHECK(updated.status() == "disabled");
  auto refused = Login(h, a.username, a.password, pair);
  CHECK(refused.grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK_THAT(refused.grpc.error_message(), Catch::Contains("停用"));
  // Disabling ended the open session: refresh fails and the gateway learns the sid from Redis.
  CHECK(Refresh(h, session.refresh_token(), pair).grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  auto sid = h.verifier().Verify(session.access_token())->sid;
  CHECK(*h.context().redis.Get(identity::SessionRevocations::KeyFor(sid)) == std::optional<std::string>("1"));

  // A visitor whose time ran out.
  pv1::CreateVisitorAccountRequest v;
  v.set_unit_id(t.root_unit_id);
  v.set_name("访客李四");
  v.set_gender("female");
  v.set_username(UniqueUsername("visitor"));
  v.set_password(kPassword);
  v.set_expires_at(FormatRfc3339(std::chrono::system_clock::now() + std::chrono::hours(2)));
  pv1::Account visitor;
  r = Call(*accounts, &pv1::AccountService::Stub::CreateVisitorAccount, h.TokenFor(t, {"admin"}), v, visitor);
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  CHECK(visitor.kind() == "visitor");
  REQUIRE(visitor.roles_size() == 1);
  CHECK(visitor.roles(0).code() == "worker");
  CHECK(Login(h, v.username(), kPassword, pair).ok());
  auto visitor_session = pair;
  OwnerExec(h, "UPDATE personnel.account SET expires_at = now() - interval '1 second' WHERE id = '" + visitor.id() + "'");
  refused = Login(h, v.username(), kPassword, pair);
  CHECK(refused.grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK_THAT(refused.grpc.error_message(), Catch::Contains("过期"));

  // The sweep ends the visitor's open session.
  identity::PgIdentityStore store(h.pool(), h.context().clock);
  identity::SessionRevocations revocations(h.context().redis, h.config().access_ttl);
  prometheus::Registry registry;
  identity::VisitorSweep sweep(store, revocations, registry);
  auto swept = sweep.RunOnce();  // (another process's sweep may have got there first: same outcome)
  REQUIRE(swept.ok());
  auto visitor_sid = h.verifier().Verify(visitor_session.access_token())->sid;
  auto reason = OwnerExec(h, "SELECT revoke_reason FROM personnel.login_session WHERE id = '" + visitor_sid + "'");
  CHECK(reason[0][0].as<std::string>() == "expired");
  CHECK(h.context().redis.Get(identity::SessionRevocations::KeyFor(visitor_sid))->has_value());
  CHECK(Refresh(h, visitor_session.refresh_token(), pair).grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
}

TEST_CASE("refresh: rotation gives a new pair; the old refresh token presented again revokes the session") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto a = MakeAccount(h, t, {"worker"});
  auto first = MustLogin(h, a);
  pv1::TokenPair second;
  auto r = Refresh(h, first.refresh_token(), second);
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  CHECK(second.refresh_token() != first.refresh_token());
  auto c1 = h.verifier().Verify(first.access_token());
  auto c2 = h.verifier().Verify(second.access_token());
  REQUIRE(c2.ok());
  CHECK(c2->sid == c1->sid);
  CHECK(c2->roles == c1->roles);

  pv1::TokenPair third;
  auto reuse = Refresh(h, first.refresh_token(), third);  // the used-up token again: theft
  CHECK(reuse.grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK_THAT(reuse.grpc.error_message(), Catch::Contains("已注销"));
  // The whole session is gone, including the legitimate newest token.
  CHECK(Refresh(h, second.refresh_token(), third).grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  auto reason = OwnerExec(h, "SELECT revoke_reason FROM personnel.login_session WHERE id = '" + c1->sid + "'");
  CHECK(reason[0][0].as<std::string>() == "reuse_detected");
  CHECK(h.context().redis.Get(identity::SessionRevocations::KeyFor(c1->sid))->has_value());
  CHECK(Refresh(h, "not-a-token", third).grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
}

TEST_CASE("refresh: a role change reaches the holder at the next refresh") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto a = MakeAccount(h, t, {"worker"});
  auto first = MustLogin(h, a);
  CHECK_FALSE(auth::RequirePermission(*h.verifier().Verify(first.access_token()), "personnel.person.write").ok());
  auto accounts = pv1::AccountService::NewStub(h.channel());
  pv1::UpdateAccountRequest upd;
  upd.set_account_id(a.account_id);
  upd.set_version(1);
  upd.set_display_name("张三");
  upd.set_status("active");
  upd.add_role_codes("dept_head");
  pv1::Account updated;
  REQUIRE(Call(*accounts, &pv1::AccountService::Stub::UpdateAccount, h.TokenFor(t, {"admin"}), upd, updated).ok());
  pv1::TokenPair next;
  REQUIRE(Refresh(h, first.refresh_token(), next).ok());
  auto claims = h.verifier().Verify(next.access_token());
  CHECK(claims->roles == std::vector<std::string>{"dept_head"});
  CHECK(claims->scope == "subtree");
  CHECK(auth::RequirePermission(*claims, "personnel.person.write").ok());
}

TEST_CASE("logout: revokes the refresh token and writes the Redis key for the gateway") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto a = MakeAccount(h, t, {"worker"});
  auto pair = MustLogin(h, a);
  auto sid = h.verifier().Verify(pair.access_token())->sid;
  auto key = identity::SessionRevocations::KeyFor(sid);
  CHECK_FALSE(h.context().redis.Get(key)->has_value());
  auto stub = AuthStub(h);
  pv1::LogoutRequest req;
  pv1::LogoutResponse resp;
  auto r = Call(*stub, &pv1::AuthService::Stub::Logout, pair.access_token(), req, resp);
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  CHECK(*h.context().redis.Get(key) == std::optional<std::string>("1"));
  auto ttl = h.context().redis.Command({"TTL", key});
  CHECK(ttl->integer > h.config().access_ttl.count());
  CHECK(ttl->integer <= h.config().access_ttl.count() + 60);
  pv1::TokenPair next;
  CHECK(Refresh(h, pair.refresh_token(), next).grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  // A second logout of the same session finds nothing to end.
  CHECK(Call(*stub, &pv1::AuthService::Stub::Logout, pair.access_token(), req, resp).grpc.error_code() ==
        grpc::StatusCode::NOT_FOUND);
}

TEST_CASE("change password: policy enforced, old one checked, other sessions revoked, this one kept") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto a = MakeAccount(h, t, {"worker"});
  auto other = MustLogin(h, a);
  auto mine = MustLogin(h, a);
  auto stub = AuthStub(h);
  pv1::ChangePasswordRequest req;
  pv1::ChangePasswordResponse resp;

  req.set_old_password("Wr0ng!Pass");
  req.set_new_password("N3w!Secret");
  auto wrong_old = Call(*stub, &pv1::AuthService::Stub::ChangePassword, mine.access_token(), req, resp);
  CHECK(wrong_old.status.code() == StatusCode::kInvalidArgument);
  CHECK(wrong_old.status.field() == "old_password");

  req.set_old_password(a.password);
  for (const auto& [bad, fragment] : std::vector<std::pair<std::string, std::string>>{
           {"short1!", "不能少于8位"}, {"alllowercase", "至少三类"}, {a.password, "不能与原密码相同"},
           {"X" + a.username + "1!", "不能包含用户名"}}) {
    req.set_new_password(bad);
    auto r = Call(*stub, &pv1::AuthService::Stub::ChangePassword, mine.access_token(), req, resp);
    INFO(bad);
    CHECK(r.status.code() == StatusCode::kInvalidArgument);
    CHECK(r.status.field() == "new_password");
    CHECK_THAT(r.status.message(), Catch::Contains(fragment));
  }

  req.set_new_password("N3w!Secret");
  auto r = Call(*stub, &pv1::AuthService::Stub::ChangePassword, mine.access_token(), req, resp);
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  CHECK(resp.sessions_revoked() == 1);
  pv1::TokenPair next;
  CHECK(Refresh(h, other.refresh_token(), next).grpc.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  auto other_sid = h.verifier().Verify(other.access_token())->sid;
  CHECK(h.context().redis.Get(identity::SessionRevocations::KeyFor(other_sid))->has_value());
  CHECK(Refresh(h, mine.refresh_token(), next).ok());
  CHECK_FALSE(Login(h, a.username, a.password, next).ok());
  CHECK(Login(h, a.username, "N3w!Secret", next).ok());
}

TEST_CASE("Me: account, person, enterprise, roles with Chinese names and the expanded permissions of all kinds") {
  PersonnelHarness h;
  auto t = h.NewTenant("我的化工公司");
  auto a = MakeAccount(h, t, {"dept_head"});
  auto pair = MustLogin(h, a);
  auto stub = AuthStub(h);
  pv1::MeRequest req;
  pv1::MeResponse me;
  auto r = Call(*stub, &pv1::AuthService::Stub::Me, pair.access_token(), req, me);
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  CHECK(me.account_id() == a.account_id);
  CHECK(me.username() == a.username);
  CHECK(me.person_id() == a.person_id);
  CHECK(me.person_name() == "张三");
  CHECK(me.unit_id() == t.root_unit_id);
  CHECK(me.enterprise_id() == t.enterprise_id);
  CHECK(me.enterprise_name() == "我的化工公司");
  CHECK(me.park_id() == t.park_id);
  REQUIRE(me.roles_size() == 1);
  CHECK(me.roles(0).code() == "dept_head");
  CHECK(me.roles(0).name() == "部门负责人");
  CHECK(me.data_scope() == "subtree");
  auto has = [](const auto& list, const std::string& code) {
    return std::find(list.begin(), list.end(), code) != list.end();
  };
  CHECK(has(me.function_permissions(), "menu.people"));
  CHECK_FALSE(has(me.function_permissions(), "menu.roles"));
  CHECK(has(me.operation_permissions(), "op.people.export"));
  CHECK_FALSE(has(me.operation_permissions(), "op.people.import"));
  // Globs are expanded: "personnel.person.*" → read and write.
  CHECK(has(me.api_permissions(), "personnel.person.read"));
  CHECK(has(me.api_permissions(), "personnel.person.write"));
  CHECK_FALSE(has(me.api_permissions(), "personnel.account.read"));
  for (const auto& p : me.api_permissions()) CHECK(auth::FindPermission(p) != nullptr);
}
