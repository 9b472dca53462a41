#pragma once
// In-process personnel service for integration tests: the real schema on the test-profile PostgreSQL, the
// real Redis, all three modules behind a real gRPC server on an ephemeral loopback port, and a fresh
// park + enterprise (with its company root unit) per test so tests never see each other's rows.
//
//   PersonnelHarness h;                       // migrations applied, server started
//   auto t = h.NewTenant();                   // park, enterprise, root unit
//   auto token = h.TokenFor(t, {"admin"});    // default-role grants, like a login would give
//   auto stub = safeloop::personnel::v1::OrgService::NewStub(h.channel());
//   grpc::ClientContext ctx; h.Authorize(ctx, token);

#include <catch2/catch.hpp>

#include <grpcpp/grpcpp.h>

#include <cstdlib>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "personnel_config.hpp"
#include "personnel_module.hpp"
#include "safeloop/auth/jwt.hpp"
#include "safeloop/auth/permissions.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/migrations.hpp"
#include "safeloop/obs/metrics.hpp"
#include "safeloop/personnel_domain/identifiers.hpp"
#include "safeloop/rpc/server.hpp"

namespace safeloop::personnel {
std::vector<db::Migration> EmbeddedMigrations();
}

namespace safeloop::personnel::testing {

inline std::string RequireEnv(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') FAIL(std::string(name) + " is not set: run through ./tools/test (test profile)");
  return v;
}

struct TestTenant {
  std::string park_id;
  std::string enterprise_id;
  std::string root_unit_id;  ///< the company (公司) unit
  std::string credit_code;
};

/// A valid, unique 统一社会信用代码 (random body, correct GB 32100 check character).
inline std::string RandomCreditCode() {
  static const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::string id = NewUuidV7();
  std::string body = "91";
  for (std::size_t i = 0; body.size() < 17; ++i) {
    body += alphabet[static_cast<unsigned char>(id[id.size() - 1 - (i % id.size())] + i * 7) % alphabet.size()];
  }
  return body + personnel_domain::CreditCodeCheckChar(body);
}

class PersonnelHarness {
 public:
  explicit PersonnelHarness(PersonnelConfig config = DefaultConfig())
      : config_(std::move(config)),
        pool_(config_.pg_url, 4),
        redis_({config_.redis_address}),
        signer_(*auth::JwtSigner::Create(config_.jwt, clock_)),
        verifier_(*auth::JwtVerifier::Create(config_.jwt, clock_)),
        context_{config_, clock_, pool_, redis_, signer_, rpc::CallGuard{&verifier_}, metrics_.registry()} {
    {
      pqxx::connection conn(config_.pg_url);
      auto applied = db::ApplyMigrations(conn, kSchema, EmbeddedMigrations());
      if (!applied.ok()) FAIL("personnel migrations: " + applied.status().ToString());
    }
    modules_.push_back(MakeTenancyModule(context_));
    modules_.push_back(MakeIdentityModule(context_));
    modules_.push_back(MakeQualificationModule(context_));
    rpc::ServerOptions options{{"127.0.0.1", 0}, "personnel-it", {}, {}};
    options.max_receive_bytes = 12 << 20;  // as personnel_app.cpp
    for (auto& m : modules_) {
      for (auto* s : m->Services()) options.services.push_back(s);
    }
    server_ = std::make_unique<rpc::GrpcServer>(std::move(options), metrics_.registry());
    Status started = server_->Start();
    if (!started.ok()) FAIL("personnel test server: " + started.ToString());
    for (auto& m : modules_) m->Start();
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials());
  }

  ~PersonnelHarness() {
    for (auto& m : modules_) m->Stop();
    server_->Shutdown(std::chrono::milliseconds(500));
  }

  /// The test profile's environment with an in-memory signing key (HS256: no key files needed).
  static PersonnelConfig DefaultConfig() {
    PersonnelConfig c;
    c.grpc_address = {"127.0.0.1", 0};
    c.metrics_address = {"127.0.0.1", 0};
    c.pg_url = RequireEnv("SAFELOOP_PG_URL");
    c.redis_address = *ParseHostPort(RequireEnv("SAFELOOP_REDIS_ADDR"));
    c.kafka_brokers = RequireEnv("SAFELOOP_KAFKA_BROKERS");
    c.jwt.algorithm = auth::JwtAlgorithm::kHS256;
    c.jwt.issuer = "safeloop-personnel-it";
    c.jwt.signing_key = std::string(32, 'k') + NewUuidV7();
    c.jwt.verify_key = c.jwt.signing_key;
    return c;
  }

  /// A new park with one enterprise and its company root unit, inserted as the schema owner.
  TestTenant NewTenant(const std::string& enterprise_name = "测试化工有限公司") {
    TestTenant t{NewUuidV7(), NewUuidV7(), NewUuidV7(), RandomCreditCode()};
    pqxx::connection conn(config_.pg_url);
    pqxx::work tx(conn);
    tx.exec_params("INSERT INTO personnel.park (id, name) VALUES ($1, $2)", t.park_id, "测试园区-" + t.park_id);
    AddEnterprise(tx, t, enterprise_name);
    tx.commit();
    return t;
  }

  /// A second enterprise in the same park as `in_park`.
  TestTenant NewTenantInPark(const TestTenant& in_park, const std::string& enterprise_name = "同园区企业") {
    TestTenant t{in_park.park_id, NewUuidV7(), NewUuidV7(), RandomCreditCode()};
    pqxx::connection conn(config_.pg_url);
    pqxx::work tx(conn);
    AddEnterprise(tx, t, enterprise_name);
    tx.commit();
    return t;
  }

  /// A token carrying the default-role grants, as a login for these roles would issue.
  std::string TokenFor(const TestTenant& t, const std::vector<std::string>& roles, const std::string& unit_id = "",
                       const std::string& person_id = "") {
    auto grants = auth::GrantsOfDefaultRoles(roles);
    REQUIRE(grants.ok());
    auto token = signer_.Issue({.subject = NewUuidV7(),
                                .enterprise_id = grants->scope == "park" ? "" : t.enterprise_id,
                                .park_id = t.park_id,
                                .roles = roles,
                                .perms = grants->perms,
                                .scope = grants->scope,
                                .person_id = person_id,
                                .unit_id = unit_id,
                                .ttl = std::chrono::minutes(10)});
    REQUIRE(token.ok());
    return *token;
  }

  static void Authorize(grpc::ClientContext& ctx, const std::string& token) {
    ctx.AddMetadata("authorization", "Bearer " + token);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  }

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  PersonnelContext& context() { return context_; }
  db::ConnectionPool& pool() { return pool_; }
  const PersonnelConfig& config() const { return config_; }
  const auth::JwtVerifier& verifier() const { return verifier_; }

 private:
  void AddEnterprise(pqxx::work& tx, const TestTenant& t, const std::string& name) {
    tx.exec_params("INSERT INTO personnel.enterprise (id, park_id, name, credit_code) VALUES ($1, $2, $3, $4)",
                   t.enterprise_id, t.park_id, name, t.credit_code);
    tx.exec_params(
        "INSERT INTO personnel.org_unit (id, enterprise_id, parent_id, kind, name) VALUES ($1, $2, NULL, 'company', $3)",
        t.root_unit_id, t.enterprise_id, name);
  }

  PersonnelConfig config_;
  SystemClock clock_;
  obs::MetricsServer metrics_;
  db::ConnectionPool pool_;
  cache::RedisClient redis_;
  auth::JwtSigner signer_;
  auth::JwtVerifier verifier_;
  PersonnelContext context_;
  std::vector<std::unique_ptr<PersonnelModule>> modules_;
  std::unique_ptr<rpc::GrpcServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace safeloop::personnel::testing
