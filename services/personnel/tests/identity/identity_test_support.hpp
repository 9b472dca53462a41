#pragma once
// Helpers for the identity integration tests: people inserted as the owner (the tenancy API is built in
// parallel), accounts created through the real AccountService, logins through the real AuthService.

#include <pqxx/pqxx>

#include "../personnel_harness.hpp"
#include "safeloop/personnel/v1/identity.grpc.pb.h"
#include "safeloop/rpc/status.hpp"

namespace safeloop::personnel::testing {

namespace pv1 = safeloop::personnel::v1;

inline constexpr const char* kPassword = "Str0ng!Pass";

inline std::string UniqueUsername(const std::string& prefix) {
  std::string id = NewUuidV7();
  return prefix + "_" + id.substr(id.size() - 12);
}

/// A person of type `type` in the tenant's root unit (or `unit_id`), inserted as the schema owner.
inline std::string InsertPerson(PersonnelHarness& h, const TestTenant& t, const std::string& name = "张三",
                                const std::string& unit_id = "", const std::string& type = "employee") {
  std::string id = NewUuidV7();
  pqxx::connection conn(h.config().pg_url);
  pqxx::work tx(conn);
  tx.exec_params("INSERT INTO personnel.person (id, enterprise_id, unit_id, employee_no, name, gender, person_type) "
                 "VALUES ($1, $2, $3, $4, $5, 'male', $6)",
                 id, t.enterprise_id, unit_id.empty() ? t.root_unit_id : unit_id, "E-" + id.substr(24), name, type);
  tx.commit();
  return id;
}

/// Runs one statement as the owner (moving clocks stored in rows, reading what the API does not show).
inline pqxx::result OwnerExec(PersonnelHarness& h, const std::string& sql) {
  pqxx::connection conn(h.config().pg_url);
  pqxx::work tx(conn);
  auto r = tx.exec(sql);
  tx.commit();
  return r;
}

struct CallResult {
  grpc::Status grpc;
  Status status;  // with the field from the trailers
  bool ok() const { return grpc.ok(); }
};

template <typename Stub, typename Method, typename Req, typename Resp>
CallResult Call(Stub& stub, Method method, const std::string& token, const Req& req, Resp& resp,
                const std::vector<std::pair<std::string, std::string>>& metadata = {}) {
  grpc::ClientContext ctx;
  if (!token.empty()) {
    PersonnelHarness::Authorize(ctx, token);
  } else {
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  }
  for (const auto& [k, v] : metadata) ctx.AddMetadata(k, v);
  grpc::Status s = (stub.*method)(&ctx, req, &resp);
  return {s, rpc::FromGrpcStatus(s, &ctx)};
}

struct TestAccount {
  std::string account_id;
  std::string person_id;
  std::string username;
  std::string password = kPassword;
};

/// A person and an account with `roles`, created by the tenant's administrator through AccountService.
inline TestAccount MakeAccount(PersonnelHarness& h, const TestTenant& t, const std::vector<std::string>& roles,
                               const std::string& prefix = "user") {
  TestAccount a;
  a.person_id = InsertPerson(h, t);
  a.username = UniqueUsername(prefix);
  auto stub = pv1::AccountService::NewStub(h.channel());
  pv1::CreateAccountRequest req;
  req.set_person_id(a.person_id);
  req.set_username(a.username);
  req.set_password(a.password);
  for (const auto& r : roles) req.add_role_codes(r);
  pv1::Account resp;
  auto r = Call(*stub, &pv1::AccountService::Stub::CreateAccount, h.TokenFor(t, {"admin"}), req, resp);
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  a.account_id = resp.id();
  return a;
}

inline CallResult Login(PersonnelHarness& h, const std::string& username, const std::string& password,
                        pv1::TokenPair& out, const std::vector<std::pair<std::string, std::string>>& metadata = {}) {
  auto stub = pv1::AuthService::NewStub(h.channel());
  pv1::LoginRequest req;
  req.set_username(username);
  req.set_password(password);
  return Call(*stub, &pv1::AuthService::Stub::Login, "", req, out, metadata);
}

inline pv1::TokenPair MustLogin(PersonnelHarness& h, const TestAccount& a) {
  pv1::TokenPair pair;
  auto r = Login(h, a.username, a.password, pair);
  INFO(r.status.ToString());
  REQUIRE(r.ok());
  return pair;
}

inline CallResult Refresh(PersonnelHarness& h, const std::string& refresh_token, pv1::TokenPair& out) {
  auto stub = pv1::AuthService::NewStub(h.channel());
  pv1::RefreshRequest req;
  req.set_refresh_token(refresh_token);
  return Call(*stub, &pv1::AuthService::Stub::Refresh, "", req, out);
}

}  // namespace safeloop::personnel::testing
