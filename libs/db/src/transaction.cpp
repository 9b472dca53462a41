#include "safeloop/db/transaction.hpp"

namespace safeloop::db {

Status StatusFromException(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return Unavailable(std::string("database connection lost: ") + e.what());
  }
  if (dynamic_cast<const pqxx::unique_violation*>(&e) != nullptr) {
    return AlreadyExists(std::string("already exists: ") + e.what());
  }
  if (dynamic_cast<const pqxx::foreign_key_violation*>(&e) != nullptr ||
      dynamic_cast<const pqxx::check_violation*>(&e) != nullptr ||
      dynamic_cast<const pqxx::not_null_violation*>(&e) != nullptr) {
    return FailedPrecondition(std::string("constraint violated: ") + e.what());
  }
  if (dynamic_cast<const pqxx::serialization_failure*>(&e) != nullptr ||
      dynamic_cast<const pqxx::deadlock_detected*>(&e) != nullptr) {
    return Status(StatusCode::kAborted, std::string("concurrent update, retry: ") + e.what());
  }
  if (dynamic_cast<const pqxx::statement_completion_unknown*>(&e) != nullptr) {
    return Unavailable(std::string("commit outcome unknown: ") + e.what());
  }
  return Internal(std::string("database error: ") + e.what());
}

void EnterTenant(pqxx::work& tx, const std::string& enterprise_id) {
  tx.exec("SET LOCAL ROLE safeloop_app");
  tx.exec_params("SELECT set_config('safeloop.enterprise_id', $1, true)", enterprise_id);
}

void EnterPark(pqxx::work& tx, const std::string& park_id) {
  tx.exec("SET LOCAL ROLE safeloop_app");
  tx.exec_params("SELECT set_config('safeloop.park_id', $1, true)", park_id);
}

}  // namespace safeloop::db
