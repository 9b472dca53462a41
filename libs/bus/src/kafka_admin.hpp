#pragma once
// RAII handles over the librdkafka C API used for topic administration and metadata.

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <memory>
#include <string>

#include "safeloop/core/status.hpp"

namespace safeloop::bus {

struct RdKafkaDeleter {
  void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }
  void operator()(rd_kafka_queue_t* queue) const { rd_kafka_queue_destroy(queue); }
  void operator()(rd_kafka_event_t* event) const { rd_kafka_event_destroy(event); }
  void operator()(rd_kafka_AdminOptions_t* options) const { rd_kafka_AdminOptions_destroy(options); }
  void operator()(rd_kafka_NewTopic_t* topic) const { rd_kafka_NewTopic_destroy(topic); }
  void operator()(const rd_kafka_metadata_t* metadata) const { rd_kafka_metadata_destroy(metadata); }
};

using KafkaHandle = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;
using KafkaQueue = std::unique_ptr<rd_kafka_queue_t, RdKafkaDeleter>;
using KafkaEvent = std::unique_ptr<rd_kafka_event_t, RdKafkaDeleter>;
using KafkaAdminOptions = std::unique_ptr<rd_kafka_AdminOptions_t, RdKafkaDeleter>;
using KafkaNewTopic = std::unique_ptr<rd_kafka_NewTopic_t, RdKafkaDeleter>;
using KafkaMetadata = std::unique_ptr<const rd_kafka_metadata_t, RdKafkaDeleter>;

/// A short-lived client for admin requests; librdkafka's log lines go to the SafeLoop log.
Result<KafkaHandle> MakeAdminHandle(const std::string& brokers);

/// Metadata of every topic (never auto-creates a topic, unlike a per-topic request from a producer).
Result<KafkaMetadata> FetchAllTopicsMetadata(rd_kafka_t* handle, const std::string& brokers,
                                             std::chrono::milliseconds timeout);

/// The topic's entry, or nullptr when the cluster does not know it.
const rd_kafka_metadata_topic_t* FindTopic(const rd_kafka_metadata_t& metadata, const std::string& name);

}  // namespace safeloop::bus
