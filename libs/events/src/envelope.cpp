#include "safeloop/events/envelope.hpp"

#include "safeloop/core/uuid.hpp"

namespace safeloop::events {

safeloop::events::v1::EventEnvelope MakeEnvelope(const EventMeta& meta, const google::protobuf::Message& payload,
                                                 const Clock& clock) {
  safeloop::events::v1::EventEnvelope env;
  env.set_event_id(NewUuidV7(clock));
  env.set_type(meta.type);
  env.set_enterprise_id(meta.enterprise_id);
  env.set_park_id(meta.park_id);
  env.set_aggregate_type(meta.aggregate_type);
  env.set_aggregate_id(meta.aggregate_id);
  env.set_aggregate_version(meta.aggregate_version);
  auto ms = UnixMillis(clock.Now());
  env.mutable_occurred_at()->set_seconds(ms / 1000);
  env.mutable_occurred_at()->set_nanos(static_cast<int>((ms % 1000) * 1'000'000));
  env.set_producer(meta.producer);
  env.set_request_id(meta.request_id);
  env.mutable_payload()->PackFrom(payload);
  return env;
}

Result<safeloop::events::v1::EventEnvelope> ParseEnvelope(const std::string& bytes) {
  safeloop::events::v1::EventEnvelope env;
  if (!env.ParseFromString(bytes)) return InvalidArgument("record is not a safeloop EventEnvelope", "value");
  if (!IsUuid(env.event_id())) return InvalidArgument("envelope has no valid event_id", "event_id");
  if (env.type().empty()) return InvalidArgument("envelope has no type", "type");
  return env;
}

Status UnpackPayload(const safeloop::events::v1::EventEnvelope& envelope, google::protobuf::Message& out) {
  if (!envelope.payload().UnpackTo(&out)) {
    return InvalidArgument("payload is " + envelope.payload().type_url() + ", expected " +
                               out.GetDescriptor()->full_name(),
                           "payload");
  }
  return Status::Ok();
}

std::vector<std::pair<std::string, std::string>> EnvelopeHeaders(const safeloop::events::v1::EventEnvelope& envelope) {
  return {{"event_id", envelope.event_id()},
          {"event_type", envelope.type()},
          {"enterprise_id", envelope.enterprise_id()},
          {"content_type", "application/x-protobuf; messageType=safeloop.events.v1.EventEnvelope"}};
}

}  // namespace safeloop::events
