#pragma once
/// @file envelope.hpp
/// Builds and reads the event envelope of DESIGN.md §2 (safeloop.events.v1.EventEnvelope). Every event a
/// service emits goes through MakeEnvelope so the envelope fields are always complete.

#include <google/protobuf/message.h>

#include <string>
#include <utility>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"
#include "safeloop/events/v1/envelope.pb.h"

namespace safeloop::events {

struct EventMeta {
  std::string type;            // topic name, e.g. "safeloop.risk.assessment.v1"
  std::string enterprise_id;
  std::string park_id;
  std::string aggregate_type;  // "risk_point"
  std::string aggregate_id;
  std::int64_t aggregate_version = 0;
  std::string producer;        // "risk"
  std::string request_id;
};

/// A new envelope with a fresh UUIDv7 event id and occurred_at from `clock`.
safeloop::events::v1::EventEnvelope MakeEnvelope(const EventMeta& meta, const google::protobuf::Message& payload,
                                                 const Clock& clock);

/// Parses bytes from Kafka; INVALID_ARGUMENT when they are not an envelope with an event id and type.
Result<safeloop::events::v1::EventEnvelope> ParseEnvelope(const std::string& bytes);

/// Unpacks the payload into `out`; INVALID_ARGUMENT when the payload is of another type.
Status UnpackPayload(const safeloop::events::v1::EventEnvelope& envelope, google::protobuf::Message& out);

/// Kafka headers carried beside the envelope so consumers can route without parsing.
std::vector<std::pair<std::string, std::string>> EnvelopeHeaders(const safeloop::events::v1::EventEnvelope& envelope);

}  // namespace safeloop::events
