#pragma once
// A risk point's profile (where it sits in the partition, whose it is) and its risk events with their
// control measures: the JHA steps / SCL items of the point's record table.

#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "risk_actor.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"
#include "safeloop/risk/v1/risk_model.pb.h"

namespace safeloop::risk::model {

/// The live events of a point with their measures, by seq (inside the caller's tenant transaction).
std::vector<v1::RiskEvent> LoadLiveEvents(pqxx::work& tx, const std::string& point_id);

class EventStore {
 public:
  EventStore(db::ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  Result<v1::RiskPointProfile> GetProfile(const Actor& actor, const std::string& point_id);
  /// `accident_type_version` must already be resolved (never "").
  Result<v1::RiskPointProfile> UpdateProfile(const Actor& actor, const v1::UpdateRiskPointProfileRequest& req);

  /// Accident types are checked against the point's list version (`current_version` when it has none).
  Result<v1::RiskEvent> CreateEvent(const Actor& actor, const v1::CreateRiskEventRequest& req,
                                    const std::string& current_version);
  /// The request's measures are the complete list: ids keep (and update) a measure, new ones have no id,
  /// measures left out are marked deleted.
  Result<v1::RiskEvent> UpdateEvent(const Actor& actor, const v1::UpdateRiskEventRequest& req,
                                    const std::string& current_version);
  Result<v1::RiskEvent> DeleteEvent(const Actor& actor, const std::string& event_id, int version);
  Result<std::vector<v1::RiskEvent>> ListEvents(const Actor& actor, const std::string& point_id, bool include_deleted);

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace safeloop::risk::model
