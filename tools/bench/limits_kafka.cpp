// Raw librdkafka produce throughput (no SafeLoop wrapper on the hot path).

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <cstdio>
#include <memory>

#include "limits.hpp"
#include "safeloop/bus/topics.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

class CountingReports final : public RdKafka::DeliveryReportCb {
 public:
  void dr_cb(RdKafka::Message& message) override {
    if (message.err() == RdKafka::ERR_NO_ERROR) {
      ++ok;
    } else {
      if (failed++ == 0) first_error = message.errstr();
    }
  }
  std::int64_t ok = 0;
  std::int64_t failed = 0;
  std::string first_error;
};

bool Set(RdKafka::Conf& conf, const std::string& name, const std::string& value, std::string& error) {
  return conf.set(name, value, error) == RdKafka::Conf::CONF_OK;
}

/// Benchmark topics hold ~50 MB each; remove them so repeated runs do not fill the disk.
void DeleteTopic(const std::string& brokers, const std::string& topic) {
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", brokers.c_str(), error, sizeof(error));
  rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof(error));
  if (handle == nullptr) {
    rd_kafka_conf_destroy(conf);
    return;
  }
  rd_kafka_DeleteTopic_t* del = rd_kafka_DeleteTopic_new(topic.c_str());
  rd_kafka_queue_t* queue = rd_kafka_queue_new(handle);
  rd_kafka_DeleteTopics(handle, &del, 1, nullptr, queue);
  if (rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 15000)) {
    const rd_kafka_DeleteTopics_result_t* result = rd_kafka_event_DeleteTopics_result(event);
    size_t count = 0;
    const rd_kafka_topic_result_t** topics = result ? rd_kafka_DeleteTopics_result_topics(result, &count) : nullptr;
    std::printf("kafka: deleted benchmark topic %s: %s\n", topic.c_str(),
                count == 1 ? rd_kafka_err2str(rd_kafka_topic_result_error(topics[0])) : "no result");
    rd_kafka_event_destroy(event);
  }
  rd_kafka_DeleteTopic_destroy(del);
  rd_kafka_queue_destroy(queue);
  rd_kafka_destroy(handle);
}

}  // namespace

Result<Rate> MeasureKafkaProduce(const std::string& brokers, std::int64_t max_records,
                                 std::chrono::seconds max_time) {
  const std::string topic = "safeloop.bench.limits." + NewUuidV7();
  SAFELOOP_RETURN_IF_ERROR(bus::EnsureTopics(brokers, {{topic, 3, 1, {}}}));
  CountingReports reports;  // outlives the producer
  std::string error;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  if (!Set(*conf, "bootstrap.servers", brokers, error) || !Set(*conf, "enable.idempotence", "true", error) ||
      !Set(*conf, "acks", "all", error) || !Set(*conf, "linger.ms", "5", error) ||
      conf->set("dr_cb", &reports, error) != RdKafka::Conf::CONF_OK) {
    return Internal("kafka bench config: " + error);
  }
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf.get(), error));
  if (!producer) return Internal("kafka bench producer: " + error);

  std::string payload(100, 'x');
  std::int64_t enqueued = 0;
  const auto start = SteadyClock::now();
  const auto stop_at = start + max_time;
  while (enqueued < max_records && (enqueued % 1024 != 0 || SteadyClock::now() < stop_at)) {
    RdKafka::ErrorCode code = producer->produce(topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                                                payload.data(), payload.size(), nullptr, 0, 0, nullptr);
    if (code == RdKafka::ERR__QUEUE_FULL) {
      producer->poll(1);  // back-pressure: let delivery reports free the queue
      continue;
    }
    if (code != RdKafka::ERR_NO_ERROR) return Internal("kafka bench produce: " + RdKafka::err2str(code));
    if (++enqueued % 1024 == 0) producer->poll(0);
  }
  const bool flushed = producer->flush(60000) == RdKafka::ERR_NO_ERROR;
  Rate rate{reports.ok, std::chrono::duration<double>(SteadyClock::now() - start).count()};
  std::printf("kafka: enqueued %lld, delivered OK %lld, failed %lld%s%s in %.2f s\n",
              static_cast<long long>(enqueued), static_cast<long long>(reports.ok),
              static_cast<long long>(reports.failed), reports.failed ? ", first error: " : "",
              reports.first_error.c_str(), rate.seconds);
  if (!flushed) std::printf("kafka: flush did not finish within 60 s\n");
  producer.reset();
  DeleteTopic(brokers, topic);
  return rate;
}

}  // namespace safeloop::bench
