#pragma once
/// @file inbox.hpp
/// Consumer-side de-duplication. Kafka delivers at least once, so a consumer records each handled event id
/// in <schema>.inbox (created for every service by the migration runner) in the SAME transaction as the
/// effect of the event: a redelivered event then finds its id and changes nothing.
///
///   if (!bus::MarkHandled(tx, "risk", "risk-map-projector", envelope.event_id())) return;  // duplicate

#include <pqxx/pqxx>

#include <string>

namespace safeloop::bus {

/// True when the event id is new for this consumer (and is now recorded), false when it was handled before.
bool MarkHandled(pqxx::work& tx, const std::string& schema, const std::string& consumer, const std::string& event_id);

}  // namespace safeloop::bus
