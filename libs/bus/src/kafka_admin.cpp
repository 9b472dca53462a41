#include "kafka_admin.hpp"

#include <cstring>

#include "kafka_status.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::bus {
namespace {

void ForwardLog(const rd_kafka_t* /*handle*/, int level, const char* facility, const char* text) {
  // syslog levels: 0..4 are emergency..warning.
  if (level <= 4) {
    LogWarn("bus.admin", std::string("librdkafka: ") + text, {{"facility", facility}});
  } else {
    LogDebug("bus.admin", std::string("librdkafka: ") + text, {{"facility", facility}});
  }
}

}  // namespace

Result<KafkaHandle> MakeAdminHandle(const std::string& brokers) {
  if (brokers.empty()) {
    return InvalidArgument("kafka admin: brokers is empty. Hint: set SAFELOOP_KAFKA_BROKERS", "brokers");
  }
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  if (rd_kafka_conf_set(conf, "bootstrap.servers", brokers.c_str(), error, sizeof(error)) != RD_KAFKA_CONF_OK) {
    rd_kafka_conf_destroy(conf);
    return InvalidArgument("kafka admin: bad bootstrap.servers '" + brokers + "': " + error, "brokers");
  }
  rd_kafka_conf_set_log_cb(conf, &ForwardLog);
  // rd_kafka_new takes ownership of conf only when it succeeds.
  rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof(error));
  if (handle == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Internal(std::string("kafka admin client creation failed: ") + error);
  }
  return KafkaHandle(handle);
}

Result<KafkaMetadata> FetchAllTopicsMetadata(rd_kafka_t* handle, const std::string& brokers,
                                             std::chrono::milliseconds timeout) {
  const rd_kafka_metadata_t* raw = nullptr;
  rd_kafka_resp_err_t code = rd_kafka_metadata(handle, 1, nullptr, &raw, static_cast<int>(timeout.count()));
  if (code != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return KafkaStatus(static_cast<RdKafka::ErrorCode>(code), "metadata request", brokers);
  }
  return KafkaMetadata(raw);
}

const rd_kafka_metadata_topic_t* FindTopic(const rd_kafka_metadata_t& metadata, const std::string& name) {
  for (int i = 0; i < metadata.topic_cnt; ++i) {
    const rd_kafka_metadata_topic_t& topic = metadata.topics[i];
    if (name == topic.topic && topic.err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) return &topic;
  }
  return nullptr;
}

}  // namespace safeloop::bus
