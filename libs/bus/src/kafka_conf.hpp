#pragma once
// Building librdkafka configurations with Status instead of silently ignored errors.

#include <librdkafka/rdkafkacpp.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::bus {

/// Owns a TopicPartition* vector (librdkafka hands out raw owning pointers).
class TopicPartitionList {
 public:
  TopicPartitionList() = default;
  ~TopicPartitionList() { RdKafka::TopicPartition::destroy(items_); }
  TopicPartitionList(const TopicPartitionList&) = delete;
  TopicPartitionList& operator=(const TopicPartitionList&) = delete;

  std::vector<RdKafka::TopicPartition*>& items() { return items_; }
  void Add(const std::string& topic, int32_t partition, int64_t offset) {
    items_.push_back(RdKafka::TopicPartition::create(topic, partition, offset));
  }

 private:
  std::vector<RdKafka::TopicPartition*> items_;
};

/// Sets one property; INVALID_ARGUMENT naming the property when librdkafka rejects it.
Status SetConf(RdKafka::Conf& conf, const std::string& name, const std::string& value);
Status SetConfAll(RdKafka::Conf& conf, const std::vector<std::pair<std::string, std::string>>& values);

/// "topic[0,1,2] other[0]" for logs.
std::string DescribePartitions(const std::vector<RdKafka::TopicPartition*>& partitions);

}  // namespace safeloop::bus
