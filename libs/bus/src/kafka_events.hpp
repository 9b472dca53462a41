#pragma once
// Forwards librdkafka's error and log events to the SafeLoop log (instead of librdkafka's stderr lines).

#include <librdkafka/rdkafkacpp.h>

#include <string>

namespace safeloop::bus {

class KafkaEventLogger final : public RdKafka::EventCb {
 public:
  /// `component` names the log component; `context` (e.g. "group=g1 brokers=…") goes on every line.
  KafkaEventLogger(std::string component, std::string context)
      : component_(std::move(component)), context_(std::move(context)) {}
  void event_cb(RdKafka::Event& event) override;

 private:
  std::string component_;
  std::string context_;
};

}  // namespace safeloop::bus
