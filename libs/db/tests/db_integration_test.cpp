// Real PostgreSQL (SAFELOOP_PG_URL from tools/test): migrations, tenancy with row-level security,
// transaction error mapping, and the outbox row written in the caller's transaction.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <thread>

#include "safeloop/bus/inbox.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/migrations.hpp"
#include "safeloop/db/outbox.hpp"
#include "safeloop/db/transaction.hpp"
#include "safeloop/events/envelope.hpp"
#include "safeloop/events/v1/risk_events.pb.h"

using namespace safeloop;

namespace {
std::string PgUrl() {
  const char* url = std::getenv("SAFELOOP_PG_URL");
  if (url == nullptr) FAIL("SAFELOOP_PG_URL is not set: run through ./tools/test (or source tools/lib/env.sh test)");
  return url;
}

std::string FreshSchema() {
  std::string id = NewUuidV7();
  std::string out = "t_";
  for (char c : id) if (c != '-') out += c;
  return out;
}

std::vector<db::Migration> SampleMigrations() {
  return {{1, "001_widgets.sql",
           "CREATE TABLE widget (id uuid PRIMARY KEY, enterprise_id uuid NOT NULL, name text NOT NULL UNIQUE);"
           "ALTER TABLE widget ENABLE ROW LEVEL SECURITY; ALTER TABLE widget FORCE ROW LEVEL SECURITY;"
           "CREATE POLICY tenant ON widget USING (enterprise_id = current_setting('safeloop.enterprise_id')::uuid);"},
          {2, "002_color.sql", "ALTER TABLE widget ADD COLUMN color text NOT NULL DEFAULT '红';"}};
}
}  // namespace

TEST_CASE("migrations apply once, in order, and are idempotent") {
  pqxx::connection conn(PgUrl());
  auto schema = FreshSchema();
  auto first = db::ApplyMigrations(conn, schema, SampleMigrations());
  REQUIRE(first.ok());
  CHECK(*first == 2);
  auto second = db::ApplyMigrations(conn, schema, SampleMigrations());
  REQUIRE(second.ok());
  CHECK(*second == 0);
  pqxx::work tx(conn);
  CHECK(tx.exec1("SELECT count(*) FROM " + schema + ".schema_migrations")[0].as<int>() == 2);
  CHECK(tx.exec1("SELECT count(*) FROM information_schema.tables WHERE table_schema='" + schema +
                 "' AND table_name IN ('outbox','inbox')")[0].as<int>() == 2);
}

TEST_CASE("an applied migration that was edited stops the start") {
  pqxx::connection conn(PgUrl());
  auto schema = FreshSchema();
  REQUIRE(db::ApplyMigrations(conn, schema, SampleMigrations()).ok());
  auto edited = SampleMigrations();
  edited[1].sql += " -- edited";
  auto r = db::ApplyMigrations(conn, schema, edited);
  CHECK(r.status().code() == StatusCode::kFailedPrecondition);
  CHECK(r.status().message().find("002_color.sql") != std::string::npos);
}

TEST_CASE("a bad migration is rolled back and reported") {
  pqxx::connection conn(PgUrl());
  auto schema = FreshSchema();
  auto migrations = SampleMigrations();
  migrations.push_back({3, "003_broken.sql", "CREATE TABLE broken (id int); SELECT no_such_function();"});
  auto r = db::ApplyMigrations(conn, schema, migrations);
  CHECK_FALSE(r.ok());
  pqxx::work tx(conn);
  CHECK(tx.exec1("SELECT count(*) FROM " + schema + ".schema_migrations")[0].as<int>() == 2);
  CHECK(tx.exec1("SELECT count(*) FROM information_schema.tables WHERE table_schema='" + schema +
                 "' AND table_name='broken'")[0].as<int>() == 0);
}

TEST_CASE("concurrent starters apply each migration exactly once") {
  auto schema = FreshSchema();
  std::atomic<int> applied{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      pqxx::connection conn(PgUrl());
      auto r = db::ApplyMigrations(conn, schema, SampleMigrations());
      if (r.ok()) applied += *r;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(applied == 2);
}

TEST_CASE("row-level security keeps tenants apart even if a query forgets the tenant") {
  pqxx::connection setup(PgUrl());
  auto schema = FreshSchema();
  REQUIRE(db::ApplyMigrations(setup, schema, SampleMigrations()).ok());
  db::ConnectionPool pool(PgUrl(), 2);
  std::string ent_a = NewUuidV7(), ent_b = NewUuidV7();
  for (const auto& [ent, name] : {std::pair{ent_a, std::string("罐区泵")}, std::pair{ent_b, std::string("仓库门")}}) {
    auto s = db::InTenantTransaction<Status>(pool, ent, [&](pqxx::work& tx) {
      tx.exec_params("INSERT INTO " + schema + ".widget (id, enterprise_id, name) VALUES ($1, $2, $3)", NewUuidV7(),
                     ent, name);
      return Status::Ok();
    });
    REQUIRE(s.ok());
  }
  auto names = db::InTenantTransaction<Result<std::vector<std::string>>>(pool, ent_a, [&](pqxx::work& tx) {
    std::vector<std::string> out;
    for (const auto& row : tx.exec("SELECT name FROM " + schema + ".widget")) out.push_back(row[0].as<std::string>());
    return Result<std::vector<std::string>>(out);
  });
  REQUIRE(names.ok());
  CHECK(*names == std::vector<std::string>{"罐区泵"});

  // Writing a row of another tenant is refused by the policy.
  auto sneaky = db::InTenantTransaction<Status>(pool, ent_a, [&](pqxx::work& tx) {
    tx.exec_params("INSERT INTO " + schema + ".widget (id, enterprise_id, name) VALUES ($1, $2, 'x')", NewUuidV7(),
                   ent_b);
    return Status::Ok();
  });
  CHECK_FALSE(sneaky.ok());
}

TEST_CASE("transaction errors become typed statuses and roll back") {
  pqxx::connection setup(PgUrl());
  auto schema = FreshSchema();
  REQUIRE(db::ApplyMigrations(setup, schema, SampleMigrations()).ok());
  db::ConnectionPool pool(PgUrl(), 2);
  std::string ent = NewUuidV7();
  auto insert = [&](const std::string& name) {
    return db::InTenantTransaction<Status>(pool, ent, [&](pqxx::work& tx) {
      tx.exec_params("INSERT INTO " + schema + ".widget (id, enterprise_id, name) VALUES ($1, $2, $3)", NewUuidV7(),
                     ent, name);
      return Status::Ok();
    });
  };
  REQUIRE(insert("dup").ok());
  CHECK(insert("dup").code() == StatusCode::kAlreadyExists);
  // A handler that returns an error rolls back its writes.
  auto failed = db::InTenantTransaction<Status>(pool, ent, [&](pqxx::work& tx) {
    tx.exec_params("INSERT INTO " + schema + ".widget (id, enterprise_id, name) VALUES ($1, $2, 'rolled')",
                   NewUuidV7(), ent);
    return InvalidArgument("no", "x");
  });
  CHECK(failed.code() == StatusCode::kInvalidArgument);
  pqxx::work tx(setup);
  CHECK(tx.exec1("SELECT count(*) FROM " + schema + ".widget WHERE name = 'rolled'")[0].as<int>() == 0);
}

TEST_CASE("an outbox row is written in the caller's transaction, or not at all") {
  pqxx::connection conn(PgUrl());
  auto schema = FreshSchema();
  REQUIRE(db::ApplyMigrations(conn, schema, SampleMigrations()).ok());
  SystemClock clock;
  safeloop::events::v1::AreaLevelChanged payload;
  payload.set_area_id("area");
  auto env = events::MakeEnvelope({"safeloop.test.v1", NewUuidV7(), "", "area", "area", 1, "test", ""}, payload, clock);
  {
    pqxx::work tx(conn);
    db::AppendToOutbox(tx, schema, env);
    // not committed: rolled back at scope exit
  }
  {
    pqxx::work tx(conn);
    CHECK(tx.exec1("SELECT count(*) FROM " + schema + ".outbox")[0].as<int>() == 0);
    db::AppendToOutbox(tx, schema, env);
    tx.commit();
  }
  pqxx::work tx(conn);
  auto row = tx.exec1("SELECT topic, record_key, payload, published_at IS NULL FROM " + schema + ".outbox");
  CHECK(row[0].as<std::string>() == "safeloop.test.v1");
  CHECK(row[1].as<std::string>() == "area");
  CHECK(pqxx::binarystring(row[2]).str() == env.SerializeAsString());
  CHECK(row[3].as<bool>());
}

TEST_CASE("the inbox records an event id once per consumer, inside the caller's transaction") {
  pqxx::connection conn(PgUrl());
  auto schema = FreshSchema();
  REQUIRE(db::ApplyMigrations(conn, schema, SampleMigrations()).ok());
  std::string event = NewUuidV7();
  {
    pqxx::work tx(conn);
    CHECK(bus::MarkHandled(tx, schema, "projector", event));
    // rolled back: the effect and the inbox row go together
  }
  {
    pqxx::work tx(conn);
    CHECK(bus::MarkHandled(tx, schema, "projector", event));
    CHECK_FALSE(bus::MarkHandled(tx, schema, "projector", event));
    CHECK(bus::MarkHandled(tx, schema, "another-consumer", event));
    tx.commit();
  }
  pqxx::work tx(conn);
  CHECK_FALSE(bus::MarkHandled(tx, schema, "projector", event));
}

TEST_CASE("the pool hands out connections exclusively, times out clearly, and replaces broken ones") {
  db::ConnectionPool pool(PgUrl(), 1);
  {
    auto first = pool.Acquire();
    REQUIRE(first.ok());
    auto second = pool.Acquire(std::chrono::milliseconds(100));
    CHECK(second.status().code() == StatusCode::kUnavailable);
    CHECK(second.status().message().find("busy") != std::string::npos);
  }
  // The backend of the pooled connection is killed (a PostgreSQL restart, a network cut): the next
  // transaction notices, the helper retries on a fresh connection, and the caller sees success.
  int pid = 0;
  {
    auto lease = pool.Acquire();
    REQUIRE(lease.ok());
    pqxx::nontransaction tx(**lease);
    pid = tx.exec1("SELECT pg_backend_pid()")[0].as<int>();
  }
  {
    pqxx::connection killer(PgUrl());
    pqxx::nontransaction tx(killer);
    REQUIRE(tx.exec_params1("SELECT pg_terminate_backend($1)", pid)[0].as<bool>());
  }
  auto after = db::InTransaction<Result<int>>(pool, [](pqxx::work& tx) {
    return Result<int>(tx.exec1("SELECT pg_backend_pid()")[0].as<int>());
  });
  REQUIRE(after.ok());
  CHECK(*after != pid);
}

TEST_CASE("an unreachable database is UNAVAILABLE with the reason") {
  db::ConnectionPool pool("postgresql://safeloop@127.0.0.1:1/safeloop?connect_timeout=2", 1);
  auto lease = pool.Acquire();
  CHECK(lease.status().code() == StatusCode::kUnavailable);
  CHECK(lease.status().message().find("cannot connect to PostgreSQL") != std::string::npos);
}
