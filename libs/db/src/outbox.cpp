#include "safeloop/db/outbox.hpp"

#include <nlohmann/json.hpp>

#include "safeloop/db/migrations.hpp"
#include "safeloop/events/envelope.hpp"

namespace safeloop::db {

void AppendToOutbox(pqxx::work& tx, const std::string& schema, const safeloop::events::v1::EventEnvelope& envelope) {
  nlohmann::json headers = nlohmann::json::object();
  for (const auto& [k, v] : events::EnvelopeHeaders(envelope)) headers[k] = v;
  tx.exec_params("INSERT INTO " + schema +
                     ".outbox (event_id, enterprise_id, topic, record_key, payload, headers) "
                     "VALUES ($1, $2, $3, $4, $5, $6::jsonb)",
                 envelope.event_id(), envelope.enterprise_id(), envelope.type(), envelope.aggregate_id(),
                 pqxx::binarystring(envelope.SerializeAsString()), headers.dump());
}

}  // namespace safeloop::db
