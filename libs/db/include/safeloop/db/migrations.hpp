#pragma once
/// @file migrations.hpp
/// Applies a service's migrations to its own schema at start-up. Concurrent starters are serialised by
/// an advisory lock; applied versions are recorded in <schema>.schema_migrations with a checksum, and a
/// migration edited after it was applied stops the start with FAILED_PRECONDITION (never silently
/// diverge). Each migration runs in its own transaction with search_path = <schema>, public.
///
/// Before the service's own files it creates the framework objects every service has: the role
/// `safeloop_app` used for row-level security, <schema>.outbox (+ NOTIFY trigger) and <schema>.inbox.

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "safeloop/core/status.hpp"

namespace safeloop::db {

struct Migration {
  int version = 0;   // from the file name NNN_name.sql
  std::string name;  // file name
  std::string sql;
};

/// Sorts by version; INVALID_ARGUMENT on duplicate or non-positive versions.
Result<std::vector<Migration>> SortMigrations(std::vector<Migration> migrations);

/// Applies what is missing. Returns the number applied.
Result<int> ApplyMigrations(pqxx::connection& conn, const std::string& schema, std::vector<Migration> migrations);

/// Stable checksum of a migration's text (FNV-1a 64, hex).
std::string MigrationChecksum(const std::string& sql);

/// NOTIFY channel the outbox trigger of a schema uses.
std::string OutboxChannel(const std::string& schema);

}  // namespace safeloop::db
