#pragma once
// In-process risk service for module integration tests: the real schema on the test-profile PostgreSQL, the
// model and assessment modules behind a real gRPC server on an ephemeral loopback port, tokens signed with an in-memory
// key, and a fresh enterprise per test. Directory rows (org units, people) go through the real projector's
// Handle() with real personnel event envelopes, exactly as they arrive from Kafka.
#include <catch2/catch.hpp>
#include <grpcpp/grpcpp.h>

#include <cstdlib>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assessment/grpc_risk_assessment_service.hpp"
#include "ledger/grpc_risk_ledger_service.hpp"
#include "major_hazard/grpc_major_hazard_service.hpp"
#include "model/directory.hpp"
#include "model/grpc_risk_model_service.hpp"
#include "pg_risk_store.hpp"
#include "safeloop/auth/jwt.hpp"
#include "safeloop/auth/permissions.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/migrations.hpp"
#include "safeloop/events/envelope.hpp"
#include "safeloop/events/v1/personnel_tenancy_events.pb.h"
#include "safeloop/obs/metrics.hpp"
#include "safeloop/rpc/server.hpp"

namespace safeloop::risk {
std::vector<db::Migration> EmbeddedMigrations();
}

namespace safeloop::risk::testing {

inline std::string RequireEnv(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') FAIL(std::string(name) + " is not set: run through ./tools/test (test profile)");
  return v;
}

struct TestTenant {
  std::string park_id;
  std::string enterprise_id;
  Actor actor() const { return {enterprise_id, park_id, "it-tester", NewUuidV7()}; }
};

class RiskHarness {
 public:
  RiskHarness()
      : pool_(RequireEnv("SAFELOOP_PG_URL"), 4),
        jwt_(TestJwt()),
        signer_(*auth::JwtSigner::Create(jwt_, clock_)),
        verifier_(*auth::JwtVerifier::Create(jwt_, clock_)),
        store_(pool_, clock_),
        objects_(pool_, clock_),
        events_(pool_, clock_),
        directory_(pool_),
        model_service_(objects_, events_, rpc::CallGuard{&verifier_}, clock_),
        assessments_(pool_, clock_),
        assessment_service_(assessments_, rpc::CallGuard{&verifier_}, clock_),
        ledger_(pool_),
        ledger_service_(ledger_, rpc::CallGuard{&verifier_}, clock_),
        installations_(pool_),
        major_hazard_service_(installations_, rpc::CallGuard{&verifier_}) {
    {
      pqxx::connection conn(RequireEnv("SAFELOOP_PG_URL"));
      auto applied = db::ApplyMigrations(conn, kSchema, EmbeddedMigrations());
      if (!applied.ok()) FAIL("risk migrations: " + applied.status().ToString());
    }
    rpc::ServerOptions options{{"127.0.0.1", 0}, "risk-it", {&model_service_, &assessment_service_, &ledger_service_, &major_hazard_service_},
                               {}};
    server_ = std::make_unique<rpc::GrpcServer>(std::move(options), metrics_.registry());
    Status started = server_->Start();
    if (!started.ok()) FAIL("risk test server: " + started.ToString());
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials());
  }
  ~RiskHarness() { server_->Shutdown(std::chrono::milliseconds(500)); }

  static auth::JwtConfig TestJwt() {
    auth::JwtConfig c;
    c.algorithm = auth::JwtAlgorithm::kHS256;
    c.issuer = "safeloop-risk-it";
    c.signing_key = std::string(32, 'r') + NewUuidV7();
    c.verify_key = c.signing_key;
    return c;
  }

  TestTenant NewTenant() const { return {NewUuidV7(), NewUuidV7()}; }

  std::string TokenFor(const TestTenant& t, const std::vector<std::string>& roles) {
    auto grants = auth::GrantsOfDefaultRoles(roles);
    REQUIRE(grants.ok());
    auto token = signer_.Issue({.subject = "it-" + t.enterprise_id.substr(24),
                                .enterprise_id = grants->scope == "park" ? "" : t.enterprise_id,
                                .park_id = t.park_id,
                                .roles = roles,
                                .perms = grants->perms,
                                .scope = grants->scope,
                                .ttl = std::chrono::minutes(10)});
    REQUIRE(token.ok());
    return *token;
  }

  static void Authorize(grpc::ClientContext& ctx, const std::string& token) {
    ctx.AddMetadata("authorization", "Bearer " + token);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  }

  /// Publishes (through the projector's Handle) personnel's event for an org unit of `t`.
  std::string AddUnit(const TestTenant& t, const std::string& kind, const std::string& name, int version = 1,
                      bool active = true, std::string id = "") {
    if (id.empty()) id = NewUuidV7();
    events::v1::OrgUnitChanged payload;
    payload.set_change(version == 1 ? "created" : "updated");
    auto* u = payload.mutable_unit();
    u->set_id(id);
    u->set_kind(kind);
    u->set_name(name);
    u->set_status(active ? "active" : "closed");
    u->set_version(version);
    Deliver(t, model::kOrgUnitTopic, "org_unit", id, version, payload);
    return id;
  }
  std::string AddPerson(const TestTenant& t, const std::string& name, int version = 1, bool active = true,
                        std::string id = "") {
    if (id.empty()) id = NewUuidV7();
    events::v1::PersonChanged payload;
    payload.set_change(version == 1 ? "created" : "updated");
    auto* p = payload.mutable_person();
    p->set_id(id);
    p->set_name(name);
    p->set_status(active ? "active" : "left");
    p->set_version(version);
    Deliver(t, model::kPersonTopic, "person", id, version, payload);
    return id;
  }

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  PgRiskStore& store() { return store_; }
  db::ConnectionPool& pool() { return pool_; }
  model::DirectoryProjector& directory() { return directory_; }
  const Clock& clock() const { return clock_; }

 private:
  void Deliver(const TestTenant& t, const char* topic, const char* type, const std::string& id, int version,
               const google::protobuf::Message& payload) {
    auto envelope = events::MakeEnvelope({topic, t.enterprise_id, t.park_id, type, id, version, "personnel", ""},
                                         payload, clock_);
    bus::ConsumedRecord record;
    record.topic = topic;
    record.key = id;
    record.value = envelope.SerializeAsString();
    REQUIRE(directory_.Handle(record).ok());
  }

  SystemClock clock_;
  obs::MetricsServer metrics_;
  db::ConnectionPool pool_;
  auth::JwtConfig jwt_;
  auth::JwtSigner signer_;
  auth::JwtVerifier verifier_;
  PgRiskStore store_;
  model::ObjectStore objects_;
  model::EventStore events_;
  model::DirectoryProjector directory_;
  model::GrpcRiskModelService model_service_;
  assessment::AssessmentStore assessments_;
  assessment::GrpcRiskAssessmentService assessment_service_;
  ledger::LedgerStore ledger_;
  ledger::GrpcRiskLedgerService ledger_service_;
  major_hazard_module::MajorHazardStore installations_;
  major_hazard_module::GrpcMajorHazardService major_hazard_service_;
  std::unique_ptr<rpc::GrpcServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace safeloop::risk::testing
