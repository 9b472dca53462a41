#include "kafka_events.hpp"

#include "kafka_status.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::bus {

void KafkaEventLogger::event_cb(RdKafka::Event& event) {
  switch (event.type()) {
    case RdKafka::Event::EVENT_ERROR: {
      nlohmann::json fields = {{"context", context_},
                               {"error", KafkaErrorName(event.err())},
                               {"detail", event.str()},
                               {"fatal", event.fatal()}};
      if (event.fatal()) {
        LogError(component_, "kafka fatal error: the client must be recreated", fields);
      } else {
        LogWarn(component_, "kafka error (librdkafka retries by itself)", fields);
      }
      break;
    }
    case RdKafka::Event::EVENT_LOG:
      // syslog severities: 0..4 are emergency..warning. "FAIL" lines repeat an EVENT_ERROR logged above.
      if (event.severity() <= RdKafka::Event::EVENT_SEVERITY_WARNING && event.fac() != "FAIL") {
        LogWarn(component_, "librdkafka: " + event.str(), {{"context", context_}, {"facility", event.fac()}});
      } else {
        LogDebug(component_, "librdkafka: " + event.str(), {{"context", context_}, {"facility", event.fac()}});
      }
      break;
    default:
      break;  // stats and throttle events are not enabled
  }
}

}  // namespace safeloop::bus
