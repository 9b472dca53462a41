#include "model/model_events.hpp"

#include "pg_risk_store.hpp"
#include "safeloop/db/outbox.hpp"
#include "safeloop/events/envelope.hpp"

namespace safeloop::risk::model {

void AppendModelEvent(pqxx::work& tx, const Actor& actor, const char* change, const char* aggregate_type,
                      const std::string& aggregate_id, int aggregate_version, events::v1::RiskModelChanged payload,
                      const Clock& clock) {
  payload.set_change(change);
  payload.set_actor(actor.subject);
  auto envelope = events::MakeEnvelope({kModelTopic, actor.enterprise_id, actor.park_id, aggregate_type, aggregate_id,
                                        aggregate_version, "risk", actor.request_id},
                                       payload, clock);
  db::AppendToOutbox(tx, kSchema, envelope);
}


}  // namespace safeloop::risk::model
