// EnsureTopics / TopicPartitionCount over the librdkafka C admin API (the C++ API has no admin calls).

#include "safeloop/bus/topics.hpp"

#include <algorithm>
#include <thread>

#include "kafka_admin.hpp"
#include "kafka_status.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::bus {
namespace {

constexpr char kComponent[] = "bus.topics";
constexpr std::chrono::milliseconds kReadyPoll{200};

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds Remaining(Clock::time_point deadline) {
  return std::max(std::chrono::milliseconds(1),
                  std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

Status ValidateSpecs(const std::vector<TopicSpec>& topics) {
  for (const auto& spec : topics) {
    if (spec.name.empty()) return InvalidArgument("topic name is empty", "name");
    if (spec.partitions < 1) {
      return InvalidArgument("topic " + spec.name + ": partitions must be >= 1", "partitions");
    }
    if (spec.replication_factor < 1) {
      return InvalidArgument("topic " + spec.name + ": replication_factor must be >= 1", "replication_factor");
    }
  }
  return Status::Ok();
}

Result<KafkaNewTopic> MakeNewTopic(const TopicSpec& spec) {
  char error[512];
  KafkaNewTopic topic(rd_kafka_NewTopic_new(spec.name.c_str(), spec.partitions, spec.replication_factor, error,
                                            sizeof(error)));
  if (!topic) return InvalidArgument("topic " + spec.name + ": " + error, "name");
  for (const auto& [name, value] : spec.config) {
    if (rd_kafka_NewTopic_set_config(topic.get(), name.c_str(), value.c_str()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return InvalidArgument("topic " + spec.name + ": bad config " + name + "=" + value, "config");
    }
  }
  return topic;
}

/// Sends CreateTopics and returns the topics that already existed.
Result<std::vector<std::string>> CreateTopics(rd_kafka_t* handle, const std::string& brokers,
                                              const std::vector<TopicSpec>& topics, Clock::time_point deadline) {
  std::vector<KafkaNewTopic> owned;
  std::vector<rd_kafka_NewTopic_t*> raw;
  for (const auto& spec : topics) {
    auto topic = MakeNewTopic(spec);
    if (!topic.ok()) return topic.status();
    raw.push_back(topic->get());
    owned.push_back(std::move(*topic));
  }
  char error[512];
  KafkaAdminOptions options(rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS));
  const int timeout_ms = static_cast<int>(Remaining(deadline).count());
  // The operation timeout makes the broker answer only once the topics are created (or it gave up).
  if (rd_kafka_AdminOptions_set_request_timeout(options.get(), timeout_ms, error, sizeof(error)) ||
      rd_kafka_AdminOptions_set_operation_timeout(options.get(), timeout_ms, error, sizeof(error))) {
    return Internal(std::string("kafka CreateTopics options: ") + error);
  }
  KafkaQueue queue(rd_kafka_queue_new(handle));
  rd_kafka_CreateTopics(handle, raw.data(), raw.size(), options.get(), queue.get());
  // The admin request carries its own timeout, so the result event always arrives; the margin covers it.
  KafkaEvent event(rd_kafka_queue_poll(queue.get(), timeout_ms + 5000));
  if (!event) {
    return Unavailable("kafka CreateTopics: no answer from broker(s) " + brokers + " within " +
                       std::to_string(timeout_ms) + " ms. Hint: check that the broker is up");
  }
  if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return KafkaStatus(static_cast<RdKafka::ErrorCode>(rd_kafka_event_error(event.get())), "CreateTopics", brokers);
  }
  const rd_kafka_CreateTopics_result_t* result = rd_kafka_event_CreateTopics_result(event.get());
  size_t count = 0;
  const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(result, &count);
  std::vector<std::string> existing;
  for (size_t i = 0; i < count; ++i) {
    const char* name = rd_kafka_topic_result_name(results[i]);
    rd_kafka_resp_err_t code = rd_kafka_topic_result_error(results[i]);
    if (code == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
      existing.emplace_back(name);
    } else if (code != RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* detail = rd_kafka_topic_result_error_string(results[i]);
      Status status = KafkaStatus(static_cast<RdKafka::ErrorCode>(code), std::string("create topic ") + name, brokers);
      return Status(status.code(), status.message() + (detail ? std::string(" — broker says: ") + detail : ""));
    } else {
      LogInfo(kComponent, "topic created", {{"topic", name}, {"brokers", brokers}});
    }
  }
  return existing;
}

/// Creation is asynchronous in the broker: wait until every partition of every topic has a leader,
/// so a producer or consumer started right after EnsureTopics does not race the leader election.
Status WaitUntilReady(rd_kafka_t* handle, const std::string& brokers, const std::vector<TopicSpec>& topics,
                      const std::vector<std::string>& existing, Clock::time_point deadline) {
  std::string pending;
  while (true) {
    auto metadata = FetchAllTopicsMetadata(handle, brokers, Remaining(deadline));
    if (!metadata.ok()) return metadata.status();
    pending.clear();
    for (const auto& spec : topics) {
      const rd_kafka_metadata_topic_t* topic = FindTopic(**metadata, spec.name);
      bool ready = topic != nullptr && topic->err == RD_KAFKA_RESP_ERR_NO_ERROR && topic->partition_cnt > 0;
      for (int p = 0; ready && p < topic->partition_cnt; ++p) ready = topic->partitions[p].leader >= 0;
      if (!ready) {
        pending += (pending.empty() ? "" : ",") + spec.name;
        continue;
      }
      bool was_there = std::find(existing.begin(), existing.end(), spec.name) != existing.end();
      if (was_there && topic->partition_cnt != spec.partitions) {
        LogWarn(kComponent, "existing topic has a different partition count (left unchanged)",
                {{"topic", spec.name}, {"partitions", topic->partition_cnt}, {"requested", spec.partitions}});
      }
    }
    if (pending.empty()) return Status::Ok();
    if (Clock::now() + kReadyPoll >= deadline) break;
    std::this_thread::sleep_for(kReadyPoll);
  }
  return Unavailable("kafka topics " + pending + " have no partition leader yet on broker(s) " + brokers +
                     ". Hint: the broker may still be starting; retry, or check its log");
}

}  // namespace

Status EnsureTopics(const std::string& brokers, const std::vector<TopicSpec>& topics,
                    std::chrono::milliseconds timeout) {
  SAFELOOP_RETURN_IF_ERROR(ValidateSpecs(topics));
  if (topics.empty()) return Status::Ok();
  const auto deadline = Clock::now() + timeout;
  auto handle = MakeAdminHandle(brokers);
  if (!handle.ok()) return handle.status();
  auto existing = CreateTopics(handle->get(), brokers, topics, deadline);
  if (!existing.ok()) return existing.status();
  return WaitUntilReady(handle->get(), brokers, topics, *existing, deadline);
}

Result<int> TopicPartitionCount(const std::string& brokers, const std::string& topic,
                                std::chrono::milliseconds timeout) {
  auto handle = MakeAdminHandle(brokers);
  if (!handle.ok()) return handle.status();
  auto metadata = FetchAllTopicsMetadata(handle->get(), brokers, timeout);
  if (!metadata.ok()) return metadata.status();
  const rd_kafka_metadata_topic_t* entry = FindTopic(**metadata, topic);
  if (entry == nullptr) return NotFound("kafka topic " + topic + " does not exist on " + brokers, "topic");
  if (entry->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return KafkaStatus(static_cast<RdKafka::ErrorCode>(entry->err), "metadata of topic " + topic, brokers);
  }
  return entry->partition_cnt;
}

}  // namespace safeloop::bus
