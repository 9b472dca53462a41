#pragma once
/// @file consumer.hpp
/// Kafka group consumer with manual commits (at-least-once): enable.auto.commit=false and
/// enable.auto.offset.store=false; the owner handles a batch, then calls Commit(batch) which stores and
/// synchronously commits offset+1 of each partition's last record. Redelivery after a crash is expected;
/// consumers de-duplicate with the inbox (inbox.hpp: MarkHandled). Eager rebalancing (STACK.md §3.4).

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "safeloop/bus/producer.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::bus {

struct ConsumerConfig {
  std::string brokers;
  std::string group_id;
  std::vector<std::string> topics;
  std::string client_id = "safeloop";
  std::string auto_offset_reset = "earliest";  // a new group reads from the start
  std::vector<std::pair<std::string, std::string>> extra;
};

struct ConsumedRecord {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::string key;
  std::string value;
  Headers headers;
  std::int64_t timestamp_ms = 0;
};

class Consumer {
 public:
  virtual ~Consumer() = default;
  /// Up to `max_records`, waiting at most `timeout` for the first one. Transient broker errors are logged
  /// and yield an empty batch; a fatal error returns a non-OK status.
  virtual Result<std::vector<ConsumedRecord>> PollBatch(std::size_t max_records, std::chrono::milliseconds timeout) = 0;
  /// Commits the offsets after the given records (synchronous).
  virtual Status Commit(const std::vector<ConsumedRecord>& handled) = 0;
  /// Sum over assigned partitions of (high watermark − committed position); -1 when unknown.
  virtual std::int64_t Lag() = 0;
  /// Leaves the group cleanly.
  virtual void Close() = 0;
};

Result<std::unique_ptr<Consumer>> MakeKafkaConsumer(const ConsumerConfig& config);

}  // namespace safeloop::bus
