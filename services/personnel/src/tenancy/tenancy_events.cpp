#include "tenancy/tenancy_events.hpp"

#include "personnel_config.hpp"
#include "safeloop/db/outbox.hpp"
#include "safeloop/events/envelope.hpp"

namespace safeloop::personnel::tenancy {

void AppendEvent(pqxx::work& tx, const Actor& actor, const EventTarget& target, const google::protobuf::Message& payload,
                 const Clock& clock) {
  auto envelope = events::MakeEnvelope({target.topic, target.enterprise_id, actor.park_id, target.aggregate_type,
                                        target.aggregate_id, target.aggregate_version, kProducer, actor.request_id},
                                       payload, clock);
  db::AppendToOutbox(tx, kSchema, envelope);
}

}  // namespace safeloop::personnel::tenancy
