#pragma once
/// @file transaction.hpp
/// Run a function in one database transaction and turn every libpqxx exception into a Status:
/// broken connection → UNAVAILABLE, unique violation → ALREADY_EXISTS, foreign-key / check violation →
/// FAILED_PRECONDITION, anything else → INTERNAL. Serialization failures and deadlocks are retried.
///
/// Tenant transactions switch to the non-privileged role `safeloop_app` and set
/// `safeloop.enterprise_id`, so PostgreSQL row-level security backs up the service's own tenant checks.
///
///   auto r = db::InTenantTransaction<Area>(pool, tenant, [&](pqxx::work& tx) -> Result<Area> { ... });

#include <functional>
#include <string>

#include <pqxx/pqxx>

#include "safeloop/core/log.hpp"
#include "safeloop/db/pool.hpp"

namespace safeloop::db {

/// Maps an exception thrown by libpqxx (or anything else) to a Status.
Status StatusFromException(const std::exception& e);

/// Sets the transaction-local tenant and drops to the row-level-security role.
void EnterTenant(pqxx::work& tx, const std::string& enterprise_id);
/// Same for a park account reading across its park's enterprises: sets `safeloop.park_id` (and no
/// enterprise), so only policies that admit rows by park let anything through.
void EnterPark(pqxx::work& tx, const std::string& park_id);

namespace detail {
template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.status();
}
inline Status StatusOf(const Status& s) { return s; }
}  // namespace detail

/// Runs `fn(tx)` (returning Status or Result<T>) and commits when it succeeds; rolls back otherwise.
template <typename R, typename Fn>
R InTransaction(ConnectionPool& pool, Fn&& fn, int attempts = 3) {
  for (int attempt = 1;; ++attempt) {
    auto lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    try {
      pqxx::work tx(**lease);
      R result = fn(tx);
      if (detail::StatusOf(result).ok()) tx.commit();
      return result;
    } catch (const pqxx::serialization_failure& e) {
      if (attempt >= attempts) return StatusFromException(e);
      LogInfo("db", "retrying after serialization failure", {{"attempt", attempt}});
    } catch (const pqxx::deadlock_detected& e) {
      if (attempt >= attempts) return StatusFromException(e);
      LogInfo("db", "retrying after deadlock", {{"attempt", attempt}});
    } catch (const pqxx::broken_connection& e) {
      if (attempt >= attempts) return StatusFromException(e);
      LogWarn("db", "connection broken, retrying", {{"attempt", attempt}, {"error", e.what()}});
    } catch (const std::exception& e) {
      return StatusFromException(e);
    }
  }
}

/// InTransaction for one enterprise, with row-level security in force.
template <typename R, typename Fn>
R InTenantTransaction(ConnectionPool& pool, const std::string& enterprise_id, Fn&& fn) {
  return InTransaction<R>(pool, [&](pqxx::work& tx) -> R {
    EnterTenant(tx, enterprise_id);
    return fn(tx);
  });
}

/// InTransaction for a park account (policies admit rows of the park's enterprises that allow it).
template <typename R, typename Fn>
R InParkTransaction(ConnectionPool& pool, const std::string& park_id, Fn&& fn) {
  return InTransaction<R>(pool, [&](pqxx::work& tx) -> R {
    EnterPark(tx, park_id);
    return fn(tx);
  });
}

}  // namespace safeloop::db
