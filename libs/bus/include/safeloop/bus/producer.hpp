#pragma once
/// @file producer.hpp
/// Idempotent Kafka producer (librdkafka 2.0.2, enable.idempotence=true → acks=all, ordered retries).
/// Produce() only enqueues; delivery reports come back through the handler from Poll()/Flush(), which
/// the owner calls from its own loop (librdkafka serves callbacks only inside poll). A full local queue is
/// back-pressure: Produce() polls and retries until `enqueue_timeout` and then returns UNAVAILABLE.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::bus {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct ProducerConfig {
  std::string brokers;                     // "127.0.0.1:59092"
  std::string client_id = "safeloop";
  int linger_ms = 5;                       // batching window
  int message_timeout_ms = 300000;         // give up (and report failure) after this
  std::chrono::milliseconds enqueue_timeout{5000};
  std::vector<std::pair<std::string, std::string>> extra;  // any other librdkafka property
};

struct OutgoingRecord {
  std::string topic;
  std::string key;
  std::string value;
  Headers headers;
  std::uint64_t correlation_id = 0;  // echoed in the delivery report (e.g. the outbox row id)
};

struct DeliveryReport {
  std::uint64_t correlation_id = 0;
  Status status;  // OK, or the librdkafka error (UNAVAILABLE for retryable, INTERNAL otherwise)
  std::int32_t partition = -1;
  std::int64_t offset = -1;
};

using DeliveryHandler = std::function<void(const DeliveryReport&)>;

class Producer {
 public:
  virtual ~Producer() = default;
  virtual Status Produce(OutgoingRecord record) = 0;
  /// Serves delivery reports (calls the handler) for up to `timeout`.
  virtual void Poll(std::chrono::milliseconds timeout) = 0;
  /// Waits until every enqueued record is reported or `timeout` passes (DEADLINE_EXCEEDED then).
  virtual Status Flush(std::chrono::milliseconds timeout) = 0;
  /// Records enqueued but not yet reported.
  virtual int InFlight() const = 0;
};

/// Real librdkafka producer. The handler is called on the thread that calls Poll()/Flush().
Result<std::unique_ptr<Producer>> MakeKafkaProducer(const ProducerConfig& config, DeliveryHandler handler);

}  // namespace safeloop::bus
