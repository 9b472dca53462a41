#include "personnel_app.hpp"

#include "personnel_module.hpp"
#include "safeloop/bus/topics.hpp"
#include "safeloop/core/termination.hpp"
#include "safeloop/db/migrations.hpp"
#include "safeloop/db/outbox.hpp"
#include "safeloop/obs/metrics.hpp"
#include "safeloop/rpc/server.hpp"

namespace safeloop::personnel {

std::vector<db::Migration> EmbeddedMigrations();  // generated from services/personnel/migrations

// Violation photos (≤ 5 MiB, twice in one request with the signature) and people workbooks (≤ 10 MiB).
constexpr int kMaxRequestBytes = 12 << 20;

int RunPersonnelService(const PersonnelConfig& config) {
  SetLogLevel(config.log_level);
  SystemClock clock;
  obs::MetricsServer metrics(config.metrics_address);
  {
    pqxx::connection conn(config.pg_url);
    auto applied = db::ApplyMigrations(conn, kSchema, EmbeddedMigrations());
    if (!applied.ok()) {
      LogError("personnel", "migrations failed", {{"error", applied.status().ToString()}});
      return 1;
    }
  }
  auto signer = auth::JwtSigner::Create(config.jwt, clock);
  auto verifier = auth::JwtVerifier::Create(config.jwt, clock);
  if (!signer.ok() || !verifier.ok()) {
    LogError("personnel", "bad JWT configuration",
             {{"error", (signer.ok() ? verifier.status() : signer.status()).ToString()}});
    return 1;
  }
  db::ConnectionPool pool(config.pg_url, config.pg_pool_size);
  cache::RedisClient redis({config.redis_address});
  PersonnelContext context{config, clock, pool, redis, *signer, rpc::CallGuard{&*verifier}, metrics.registry()};

  std::vector<std::unique_ptr<PersonnelModule>> modules;
  modules.push_back(MakeTenancyModule(context));
  modules.push_back(MakeIdentityModule(context));
  modules.push_back(MakeQualificationModule(context));

  rpc::ServerOptions options{config.grpc_address, "personnel", {}, {}};
  options.max_receive_bytes = kMaxRequestBytes;
  for (auto& m : modules) {
    for (auto* s : m->Services()) options.services.push_back(s);
    for (auto& n : m->HealthNames()) options.health_names.push_back(n);
  }
  db::OutboxRelay relay({config.pg_url, kSchema, {config.kafka_brokers, "personnel-outbox-relay"}},
                        metrics.registry());
  rpc::GrpcServer server(std::move(options), metrics.registry());
  if (Status s = server.Start(); !s.ok()) {
    LogError("personnel", "cannot start gRPC server", {{"error", s.ToString()}});
    return 1;
  }
  relay.Start();
  for (auto& m : modules) m->Start();
  LogInfo("personnel", "personnel service ready");

  WaitForTerminationSignal();
  for (auto& m : modules) m->Stop();
  server.Shutdown(std::chrono::seconds(10));
  relay.Stop();
  LogInfo("personnel", "personnel service stopped");
  return 0;
}

}  // namespace safeloop::personnel
