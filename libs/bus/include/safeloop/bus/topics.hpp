#pragma once
/// @file topics.hpp
/// Topic administration (librdkafka Admin API): create topics with a given partition count if missing.

#include <chrono>
#include <string>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::bus {

struct TopicSpec {
  std::string name;
  int partitions = 3;
  int replication_factor = 1;
  std::vector<std::pair<std::string, std::string>> config;  // e.g. {"retention.ms","604800000"}
};

/// Creates each topic that does not exist yet; an existing topic is not an error. Waits for the result.
Status EnsureTopics(const std::string& brokers, const std::vector<TopicSpec>& topics,
                    std::chrono::milliseconds timeout = std::chrono::milliseconds(15000));

/// Partition count of a topic, or NOT_FOUND.
Result<int> TopicPartitionCount(const std::string& brokers, const std::string& topic,
                                std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

}  // namespace safeloop::bus
