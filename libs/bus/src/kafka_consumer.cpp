// librdkafka group consumer with manual, synchronous commits behind safeloop::bus::Consumer.

#include <librdkafka/rdkafkacpp.h>

#include <atomic>
#include <map>
#include <memory>
#include <utility>

#include "kafka_conf.hpp"
#include "kafka_events.hpp"
#include "kafka_status.hpp"
#include "safeloop/bus/consumer.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::bus {
namespace {

constexpr char kComponent[] = "bus.consumer";
constexpr int kQueryTimeoutMs = 5000;

std::string JoinTopics(const std::vector<std::string>& topics) {
  std::string text;
  for (const auto& topic : topics) text += (text.empty() ? "" : ",") + topic;
  return text;
}

ConsumedRecord ToRecord(RdKafka::Message& message) {
  ConsumedRecord record;
  record.topic = message.topic_name();
  record.partition = message.partition();
  record.offset = message.offset();
  if (const std::string* key = message.key()) record.key = *key;
  if (message.payload() != nullptr) record.value.assign(static_cast<const char*>(message.payload()), message.len());
  if (RdKafka::Headers* headers = message.headers()) {  // owned by the message
    for (const auto& header : headers->get_all()) {
      std::string value;
      if (header.value() != nullptr) value.assign(static_cast<const char*>(header.value()), header.value_size());
      record.headers.emplace_back(header.key(), std::move(value));
    }
  }
  record.timestamp_ms = message.timestamp().timestamp;
  return record;
}

class KafkaConsumer final : public Consumer {
 public:
  explicit KafkaConsumer(ConsumerConfig config)
      : config_(std::move(config)),
        context_("group=" + config_.group_id + " topics=" + JoinTopics(config_.topics) + " brokers=" + config_.brokers),
        rebalance_(*this),
        events_(kComponent, context_) {}

  ~KafkaConsumer() override { Close(); }

  Status Init() {
    if (config_.brokers.empty()) {
      return InvalidArgument("kafka consumer: brokers is empty. Hint: set SAFELOOP_KAFKA_BROKERS", "brokers");
    }
    if (config_.group_id.empty()) return InvalidArgument("kafka consumer: group_id is empty", "group_id");
    if (config_.topics.empty()) return InvalidArgument("kafka consumer: no topics to subscribe to", "topics");
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    SAFELOOP_RETURN_IF_ERROR(SetConfAll(*conf, {{"bootstrap.servers", config_.brokers},
                                                {"group.id", config_.group_id},
                                                {"client.id", config_.client_id},
                                                {"auto.offset.reset", config_.auto_offset_reset},
                                                {"enable.auto.commit", "false"},
                                                {"enable.auto.offset.store", "false"}}));
    SAFELOOP_RETURN_IF_ERROR(SetConfAll(*conf, config_.extra));
    std::string error;
    if (conf->set("rebalance_cb", &rebalance_, error) != RdKafka::Conf::CONF_OK ||
        conf->set("event_cb", &events_, error) != RdKafka::Conf::CONF_OK) {
      return Internal("kafka consumer: cannot install callbacks: " + error);
    }
    consumer_.reset(RdKafka::KafkaConsumer::create(conf.get(), error));
    if (!consumer_) return Internal("kafka consumer creation failed (" + context_ + "): " + error);
    RdKafka::ErrorCode code = consumer_->subscribe(config_.topics);
    if (code != RdKafka::ERR_NO_ERROR) return KafkaStatus(code, "subscribe (" + context_ + ")", config_.brokers);
    LogInfo(kComponent, "subscribed", {{"context", context_}});
    return Status::Ok();
  }

  Result<std::vector<ConsumedRecord>> PollBatch(std::size_t max_records, std::chrono::milliseconds timeout) override {
    if (closed_) return FailedPrecondition("kafka consumer (" + context_ + ") is closed");
    std::vector<ConsumedRecord> batch;
    int wait_ms = static_cast<int>(timeout.count());  // only the first record is waited for
    while (batch.size() < max_records) {
      std::unique_ptr<RdKafka::Message> message(consumer_->consume(wait_ms));
      wait_ms = 0;
      switch (message->err()) {
        case RdKafka::ERR_NO_ERROR:
          batch.push_back(ToRecord(*message));
          continue;
        case RdKafka::ERR__TIMED_OUT:
          return batch;
        case RdKafka::ERR__PARTITION_EOF:
          continue;
        case RdKafka::ERR__FATAL: {
          std::string detail;
          RdKafka::ErrorCode code = consumer_->fatal_error(detail);
          return Internal("kafka consumer (" + context_ + "): fatal error " + KafkaErrorName(code) + ": " + detail +
                          ". Hint: recreate the consumer");
        }
        default:
          // Transient (broker down, unknown topic not yet created …): librdkafka keeps retrying.
          LogWarn(kComponent, "consume error", {{"context", context_},
                                                {"error", KafkaErrorName(message->err())},
                                                {"detail", message->errstr()}});
          return batch;
      }
    }
    return batch;
  }

  Status Commit(const std::vector<ConsumedRecord>& handled) override {
    if (closed_) return FailedPrecondition("kafka consumer (" + context_ + ") is closed");
    std::map<std::pair<std::string, std::int32_t>, std::int64_t> next_offsets;
    for (const auto& record : handled) {
      auto& next = next_offsets[{record.topic, record.partition}];
      next = std::max(next, record.offset + 1);  // the committed offset is the next one to read
    }
    if (next_offsets.empty()) return Status::Ok();
    TopicPartitionList offsets;
    for (const auto& [tp, next] : next_offsets) offsets.Add(tp.first, tp.second, next);
    RdKafka::ErrorCode code = consumer_->commitSync(offsets.items());
    if (code != RdKafka::ERR_NO_ERROR) {
      return KafkaStatus(code, "commit of " + DescribePartitions(offsets.items()) + " (" + context_ + ")",
                         config_.brokers);
    }
    for (const auto* tp : offsets.items()) {
      if (tp->err() != RdKafka::ERR_NO_ERROR) {
        return KafkaStatus(tp->err(), "commit of " + tp->topic() + "[" + std::to_string(tp->partition()) + "] (" +
                                          context_ + ")",
                           config_.brokers);
      }
    }
    for (const auto& [tp, next] : next_offsets) committed_[tp] = next;
    return Status::Ok();
  }

  std::int64_t Lag() override {
    // -1 until the first assignment: before joining the group the lag is unknown, not zero.
    if (closed_ || !assigned_.load()) return -1;
    TopicPartitionList partitions;
    if (consumer_->assignment(partitions.items()) != RdKafka::ERR_NO_ERROR) return -1;
    if (partitions.items().empty()) return 0;
    // Committed offsets come from our own commits; the broker is asked only once per newly assigned
    // partition. High watermarks are the ones cached from fetch responses. So a hot consume loop can call
    // this without a broker round trip.
    TopicPartitionList unknown;
    for (const auto* tp : partitions.items()) {
      if (!committed_.count({tp->topic(), tp->partition()})) unknown.Add(tp->topic(), tp->partition(), RdKafka::Topic::OFFSET_INVALID);
    }
    if (!unknown.items().empty()) {
      if (consumer_->committed(unknown.items(), kQueryTimeoutMs) != RdKafka::ERR_NO_ERROR) return -1;
      for (const auto* tp : unknown.items()) committed_[{tp->topic(), tp->partition()}] = tp->offset();
    }
    std::int64_t lag = 0;
    for (const auto* tp : partitions.items()) {
      std::int64_t low = 0;
      std::int64_t high = 0;
      if (consumer_->get_watermark_offsets(tp->topic(), tp->partition(), &low, &high) != RdKafka::ERR_NO_ERROR ||
          high < 0) {
        continue;  // nothing fetched from this partition yet
      }
      std::int64_t committed = committed_[{tp->topic(), tp->partition()}];
      // No commit yet: the group will start where auto.offset.reset points.
      std::int64_t position = committed >= 0 ? committed : (config_.auto_offset_reset == "latest" ? high : low);
      lag += std::max<std::int64_t>(0, high - position);
    }
    return lag;
  }

  void Close() override {
    if (closed_ || !consumer_) return;
    closed_ = true;
    RdKafka::ErrorCode code = consumer_->close();  // runs the revoke callback and leaves the group
    if (code != RdKafka::ERR_NO_ERROR) {
      LogWarn(kComponent, "close failed", {{"context", context_}, {"error", KafkaErrorName(code)}});
    } else {
      LogInfo(kComponent, "left the group", {{"context", context_}});
    }
  }

 private:
  class Rebalance final : public RdKafka::RebalanceCb {
   public:
    explicit Rebalance(KafkaConsumer& owner) : owner_(owner) {}
    void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode code,
                      std::vector<RdKafka::TopicPartition*>& partitions) override {
      owner_.OnRebalance(*consumer, code, partitions);
    }

   private:
    KafkaConsumer& owner_;
  };

  void OnRebalance(RdKafka::KafkaConsumer& consumer, RdKafka::ErrorCode code,
                   std::vector<RdKafka::TopicPartition*>& partitions) {
    const bool cooperative = consumer.rebalance_protocol() == "COOPERATIVE";
    committed_.clear();  // another member may have committed meanwhile: ask the broker again
    std::string what = code == RdKafka::ERR__ASSIGN_PARTITIONS ? "assigned" : "revoked";
    LogInfo(kComponent, "rebalance: partitions " + what,
            {{"context", context_},
             {"partitions", DescribePartitions(partitions)},
             {"protocol", cooperative ? "cooperative" : "eager"}});
    std::unique_ptr<RdKafka::Error> error;
    RdKafka::ErrorCode result = RdKafka::ERR_NO_ERROR;
    if (code == RdKafka::ERR__ASSIGN_PARTITIONS) {
      if (cooperative) error.reset(consumer.incremental_assign(partitions));
      else result = consumer.assign(partitions);
      assigned_ = true;
    } else {
      if (cooperative) error.reset(consumer.incremental_unassign(partitions));
      else result = consumer.unassign();
    }
    if (error || result != RdKafka::ERR_NO_ERROR) {
      LogWarn(kComponent, "rebalance: " + what + " partitions could not be applied",
              {{"context", context_}, {"error", error ? error->str() : KafkaErrorName(result)}});
    }
  }

  ConsumerConfig config_;
  std::string context_;
  bool closed_ = false;
  std::atomic<bool> assigned_{false};
  // Offsets this group has committed, as far as this member knows (see Lag()); reset on every rebalance.
  // Used only from the polling thread (rebalance callbacks run inside consume()).
  std::map<std::pair<std::string, std::int32_t>, std::int64_t> committed_;
  // The callbacks must outlive the client: declared before consumer_, so destroyed after it.
  Rebalance rebalance_;
  KafkaEventLogger events_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
};

}  // namespace

Result<std::unique_ptr<Consumer>> MakeKafkaConsumer(const ConsumerConfig& config) {
  auto consumer = std::make_unique<KafkaConsumer>(config);
  SAFELOOP_RETURN_IF_ERROR(consumer->Init());
  return std::unique_ptr<Consumer>(std::move(consumer));
}

}  // namespace safeloop::bus
