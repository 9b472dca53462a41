#include "risk_app.hpp"

#include "grpc_risk_service.hpp"
#include "assessment/grpc_risk_assessment_service.hpp"
#include "ledger/grpc_risk_ledger_service.hpp"
#include "major_hazard/grpc_major_hazard_service.hpp"
#include "map_projector.hpp"
#include "model/directory.hpp"
#include "model/grpc_risk_model_service.hpp"
#include "model/model_events.hpp"
#include "pg_risk_store.hpp"
#include "risk_map_cache.hpp"
#include "safeloop/auth/jwt.hpp"
#include "safeloop/bus/topics.hpp"
#include "safeloop/db/migrations.hpp"
#include "safeloop/db/outbox.hpp"
#include "safeloop/obs/metrics.hpp"
#include "safeloop/core/termination.hpp"
#include "safeloop/rpc/server.hpp"

namespace safeloop::risk {

std::vector<db::Migration> EmbeddedMigrations();  // generated from services/risk/migrations

namespace {
void EnsureRiskTopics(const std::string& brokers) {
  Status s = bus::EnsureTopics(brokers,
                               {{kAssessmentTopic, 3, 1, {}},
                                {kAreaLevelTopic, 3, 1, {}},
                                {kAreaFactorTopic, 3, 1, {}},
                                {model::kModelTopic, 3, 1, {}}},
                               std::chrono::milliseconds(5000));
  // Kafka down at start is not fatal: the outbox keeps events and the broker auto-creates topics later.
  if (!s.ok()) LogWarn("risk", "could not ensure Kafka topics yet", {{"error", s.ToString()}});
}
}  // namespace

int RunRiskService(const RiskConfig& config) {
  SetLogLevel(config.log_level);
  SystemClock clock;
  obs::MetricsServer metrics(config.metrics_address);

  {
    pqxx::connection conn(config.pg_url);
    auto applied = db::ApplyMigrations(conn, kSchema, EmbeddedMigrations());
    if (!applied.ok()) {
      LogError("risk", "migrations failed", {{"error", applied.status().ToString()}});
      return 1;
    }
  }
  EnsureRiskTopics(config.kafka_brokers);

  db::ConnectionPool pool(config.pg_url, config.pg_pool_size);
  PgRiskStore store(pool, clock);
  cache::RedisClient redis({config.redis_address});
  RedisRiskMapCache map_cache(redis);

  auto verifier = auth::JwtVerifier::Create(config.jwt, clock);
  if (!verifier.ok()) {
    LogError("risk", "bad JWT configuration", {{"error", verifier.status().ToString()}});
    return 1;
  }
  GrpcRiskService service(store, rpc::CallGuard{&*verifier});
  model::ObjectStore objects(pool, clock);
  model::EventStore risk_events(pool, clock);
  model::GrpcRiskModelService model_service(objects, risk_events, rpc::CallGuard{&*verifier}, clock);
  assessment::AssessmentStore assessments(pool, clock);
  assessment::GrpcRiskAssessmentService assessment_service(assessments, rpc::CallGuard{&*verifier}, clock);
  ledger::LedgerStore ledger(pool);
  ledger::GrpcRiskLedgerService ledger_service(ledger, rpc::CallGuard{&*verifier}, clock);
  major_hazard_module::MajorHazardStore installations(pool);
  major_hazard_module::GrpcMajorHazardService major_hazard_service(installations, rpc::CallGuard{&*verifier});

  db::OutboxRelay relay({config.pg_url, kSchema, {config.kafka_brokers, "risk-outbox-relay"}}, metrics.registry());
  MapProjector projector(store, map_cache, metrics.registry());
  model::DirectoryProjector directory(pool);

  rpc::GrpcServer server({config.grpc_address,
                          "risk",
                          {&service, &model_service, &assessment_service, &ledger_service, &major_hazard_service},
                          {"safeloop.risk.v1.RiskService", "safeloop.risk.v1.RiskModelService",
                           "safeloop.risk.v1.RiskAssessmentService", "safeloop.risk.v1.RiskLedgerService",
                           "safeloop.risk.v1.MajorHazardService"}},
                         metrics.registry());
  if (Status s = server.Start(); !s.ok()) {
    LogError("risk", "cannot start gRPC server", {{"error", s.ToString()}});
    return 1;
  }
  relay.Start();
  projector.Start(
      {config.kafka_brokers, "risk-map-projector", {kAssessmentTopic, kAreaFactorTopic}, "risk-map-projector"});
  directory.Start(config.kafka_brokers);
  LogInfo("risk", "risk service ready");

  WaitForTerminationSignal();
  server.Shutdown(std::chrono::seconds(10));
  directory.Stop();
  projector.Stop();
  relay.Stop();
  LogInfo("risk", "risk service stopped");
  return 0;
}

}  // namespace safeloop::risk
