#pragma once
// One event per change of the risk model chain, through the outbox in the changing transaction.

#include <pqxx/pqxx>
#include <string>

#include "risk_actor.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/events/v1/risk_events.pb.h"

namespace safeloop::risk::model {

inline constexpr const char* kModelTopic = "safeloop.risk.model.v1";

/// `payload` has its entity set; its change and actor are filled here.
void AppendModelEvent(pqxx::work& tx, const Actor& actor, const char* change, const char* aggregate_type,
                      const std::string& aggregate_id, int aggregate_version, events::v1::RiskModelChanged payload,
                      const Clock& clock);

}  // namespace safeloop::risk::model
