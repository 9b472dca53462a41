#pragma once
// The risk service's copy of the personnel directory (org units and people), projected from personnel's
// events: stores check and name departments, posts and liable persons against it inside their own
// transaction, with no call to another service. An id personnel has not published (yet) is refused.

#include <pqxx/pqxx>
#include <string>

#include "safeloop/bus/consumer_loop.hpp"
#include "safeloop/core/status.hpp"
#include "safeloop/db/pool.hpp"

namespace safeloop::risk::model {

inline constexpr const char* kOrgUnitTopic = "safeloop.personnel.org_unit.v1";
inline constexpr const char* kPersonTopic = "safeloop.personnel.person.v1";

/// OK when `id` is "" or an active org unit of the transaction's enterprise (of kind `kind` when given).
Status CheckUnit(pqxx::work& tx, const std::string& id, const char* field, const char* kind = nullptr);
/// OK when `id` is "" or an active person of the transaction's enterprise.
Status CheckPerson(pqxx::work& tx, const std::string& id, const char* field);

/// Applies personnel's org-unit and person events to risk.directory_*. Idempotent and order-safe: a row is
/// only replaced by a higher personnel version, so redelivery and replays change nothing.
class DirectoryProjector {
 public:
  explicit DirectoryProjector(db::ConnectionPool& pool) : pool_(pool) {}
  ~DirectoryProjector() { Stop(); }

  /// UNAVAILABLE (database down) means retry; a record that is not a personnel event is logged and skipped.
  Status Handle(const bus::ConsumedRecord& record);

  void Start(const std::string& brokers);
  void Stop();

 private:
  db::ConnectionPool& pool_;
  std::unique_ptr<bus::ConsumerLoop> loop_;
};

}  // namespace safeloop::risk::model
