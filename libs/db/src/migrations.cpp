#include "safeloop/db/migrations.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "safeloop/core/log.hpp"
#include "safeloop/db/transaction.hpp"

namespace safeloop::db {
namespace {

// Advisory-lock key shared by every service for the cluster-wide part (the role), then one per schema.
constexpr long long kGlobalMigrationLock = 0x5AFE100;

bool IsIdentifier(const std::string& s) {
  if (s.empty() || s.size() > 63) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }) &&
         !(s[0] >= '0' && s[0] <= '9');
}

std::string FrameworkSql(const std::string& schema) {
  const std::string channel = OutboxChannel(schema);
  return R"SQL(
CREATE TABLE IF NOT EXISTS outbox (
  id            bigserial PRIMARY KEY,
  event_id      uuid NOT NULL UNIQUE,
  enterprise_id uuid NOT NULL,
  topic         text NOT NULL,
  record_key    text NOT NULL,
  payload       bytea NOT NULL,
  headers       jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz,
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text
);
CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
CREATE TABLE IF NOT EXISTS inbox (
  consumer   text NOT NULL,
  event_id   uuid NOT NULL,
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(')SQL" + channel + R"SQL(', '');
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS outbox_notify ON outbox;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
GRANT USAGE ON SCHEMA )SQL" + schema + R"SQL( TO safeloop_app;
GRANT SELECT, INSERT ON outbox TO safeloop_app;
GRANT SELECT, INSERT ON inbox TO safeloop_app;
GRANT USAGE ON SEQUENCE outbox_id_seq TO safeloop_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA )SQL" + schema + R"SQL( GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO safeloop_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA )SQL" + schema + R"SQL( GRANT USAGE, SELECT ON SEQUENCES TO safeloop_app;
)SQL";
}

constexpr const char* kRoleSql = R"SQL(
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'safeloop_app') THEN
    CREATE ROLE safeloop_app NOLOGIN;
  END IF;
  IF NOT pg_has_role(current_user, 'safeloop_app', 'MEMBER') THEN
    EXECUTE format('GRANT safeloop_app TO %I', current_user);
  END IF;
END $$;
)SQL";

}  // namespace

std::string OutboxChannel(const std::string& schema) { return "safeloop_outbox_" + schema; }

std::string MigrationChecksum(const std::string& sql) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : sql) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Result<std::vector<Migration>> SortMigrations(std::vector<Migration> migrations) {
  std::sort(migrations.begin(), migrations.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  std::set<int> seen;
  for (const auto& m : migrations) {
    if (m.version <= 0) return InvalidArgument("migration " + m.name + " has no positive NNN_ version prefix", "name");
    if (!seen.insert(m.version).second) {
      return InvalidArgument("two migrations share version " + std::to_string(m.version) + " (" + m.name + ")",
                             "version");
    }
  }
  return migrations;
}

Result<int> ApplyMigrations(pqxx::connection& conn, const std::string& schema, std::vector<Migration> migrations) {
  if (!IsIdentifier(schema)) return InvalidArgument("schema name '" + schema + "' is not a plain identifier", "schema");
  auto sorted = SortMigrations(std::move(migrations));
  if (!sorted.ok()) return sorted.status();
  int applied = 0;
  try {
    {
      pqxx::nontransaction lock_tx(conn);
      lock_tx.exec_params("SELECT pg_advisory_lock($1)", kGlobalMigrationLock);
    }
    struct Unlock {
      pqxx::connection& c;
      ~Unlock() {
        try {
          pqxx::nontransaction tx(c);
          tx.exec_params("SELECT pg_advisory_unlock($1)", kGlobalMigrationLock);
        } catch (...) {  // connection gone: the session lock went with it
        }
      }
    } unlock{conn};

    {
      pqxx::work tx(conn);
      tx.exec(kRoleSql);
      tx.exec("CREATE SCHEMA IF NOT EXISTS " + schema);
      tx.exec("SET LOCAL search_path TO " + schema + ", public");
      tx.exec(R"SQL(CREATE TABLE IF NOT EXISTS schema_migrations (
                      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                      applied_at timestamptz NOT NULL DEFAULT now()))SQL");
      tx.exec(FrameworkSql(schema));
      tx.commit();
    }

    std::map<int, std::pair<std::string, std::string>> done;  // version -> (name, checksum)
    {
      pqxx::work tx(conn);
      for (const auto& row : tx.exec("SELECT version, name, checksum FROM " + schema + ".schema_migrations")) {
        done[row[0].as<int>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
      }
    }
    for (const auto& m : *sorted) {
      const std::string sum = MigrationChecksum(m.sql);
      auto it = done.find(m.version);
      if (it != done.end()) {
        if (it->second.second != sum) {
          return FailedPrecondition("migration " + m.name + " was changed after it was applied to schema " + schema +
                                    "; add a new migration instead of editing an applied one");
        }
        continue;
      }
      pqxx::work tx(conn);
      tx.exec("SET LOCAL search_path TO " + schema + ", public");
      tx.exec(m.sql);
      tx.exec_params("INSERT INTO " + schema + ".schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                     m.version, m.name, sum);
      tx.commit();
      ++applied;
      LogInfo("db.migrations", "applied migration", {{"schema", schema}, {"migration", m.name}});
    }
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
  return applied;
}

}  // namespace safeloop::db
