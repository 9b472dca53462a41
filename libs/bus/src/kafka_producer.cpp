// Idempotent librdkafka producer behind safeloop::bus::Producer.

#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>

#include "kafka_conf.hpp"
#include "kafka_events.hpp"
#include "kafka_status.hpp"
#include "safeloop/bus/producer.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::bus {
namespace {

constexpr char kComponent[] = "bus.producer";
// Bounded so a dead broker cannot hang shutdown; owners are expected to Flush() themselves first.
constexpr std::chrono::milliseconds kDestructorFlush{5000};
constexpr std::chrono::milliseconds kQueueFullPoll{100};

Status FatalStatus(RdKafka::Handle& handle, std::string_view context) {
  std::string detail;
  RdKafka::ErrorCode code = handle.fatal_error(detail);
  return Internal("kafka " + std::string(context) + ": fatal producer error " + KafkaErrorName(code) + ": " +
                  detail + ". Hint: the producer is unusable; recreate it (and check idempotence/broker logs).");
}

class KafkaProducer final : public Producer {
 public:
  KafkaProducer(ProducerConfig config, DeliveryHandler handler)
      : config_(std::move(config)),
        handler_(std::move(handler)),
        reports_(*this),
        events_(kComponent, "brokers=" + config_.brokers + " client_id=" + config_.client_id) {}

  ~KafkaProducer() override {
    if (!producer_) return;
    if (in_flight_.load() > 0 &&
        producer_->flush(static_cast<int>(kDestructorFlush.count())) != RdKafka::ERR_NO_ERROR) {
      LogWarn(kComponent, "producer destroyed with undelivered records (no delivery report will follow)",
              {{"in_flight", in_flight_.load()}, {"brokers", config_.brokers}});
    }
  }

  Status Init() {
    if (config_.brokers.empty()) {
      return InvalidArgument("kafka producer: brokers is empty. Hint: set SAFELOOP_KAFKA_BROKERS", "brokers");
    }
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    SAFELOOP_RETURN_IF_ERROR(SetConfAll(*conf, {{"bootstrap.servers", config_.brokers},
                                                {"client.id", config_.client_id},
                                                {"linger.ms", std::to_string(config_.linger_ms)},
                                                {"message.timeout.ms", std::to_string(config_.message_timeout_ms)},
                                                {"enable.idempotence", "true"}}));
    SAFELOOP_RETURN_IF_ERROR(SetConfAll(*conf, config_.extra));
    std::string error;
    if (conf->set("dr_cb", &reports_, error) != RdKafka::Conf::CONF_OK ||
        conf->set("event_cb", &events_, error) != RdKafka::Conf::CONF_OK) {
      return Internal("kafka producer: cannot install callbacks: " + error);
    }
    producer_.reset(RdKafka::Producer::create(conf.get(), error));
    if (!producer_) return Internal("kafka producer creation failed: " + error);
    return Status::Ok();
  }

  Status Produce(OutgoingRecord record) override {
    std::unique_ptr<RdKafka::Headers> headers;
    if (!record.headers.empty()) {
      headers.reset(RdKafka::Headers::create());
      for (const auto& [name, value] : record.headers) headers->add(name, value.data(), value.size());
    }
    // An empty key means "no key": librdkafka then spreads records over partitions.
    const void* key = record.key.empty() ? nullptr : record.key.data();
    // The correlation id travels in the opaque pointer itself: no allocation per record.
    void* opaque = reinterpret_cast<void*>(static_cast<std::uintptr_t>(record.correlation_id));
    const auto deadline = std::chrono::steady_clock::now() + config_.enqueue_timeout;
    while (true) {
      RdKafka::ErrorCode code =
          producer_->produce(record.topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                             record.value.data(), record.value.size(), key, record.key.size(), 0, headers.get(), opaque);
      if (code == RdKafka::ERR_NO_ERROR) {
        (void)headers.release();  // librdkafka owns them once produce() succeeded
        ++in_flight_;
        return Status::Ok();
      }
      if (code == RdKafka::ERR__QUEUE_FULL) {
        auto remaining =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (remaining.count() > 0) {
          // Back-pressure: serving delivery reports frees queue slots.
          producer_->poll(static_cast<int>(std::min(remaining, kQueueFullPoll).count()));
          continue;
        }
        return Unavailable("kafka produce to " + record.topic + ": local queue still full after " +
                           std::to_string(config_.enqueue_timeout.count()) + " ms (" +
                           std::to_string(in_flight_.load()) + " in flight). Hint: check that broker(s) " +
                           config_.brokers + " are up, poll more often, or raise queue.buffering.max.messages");
      }
      if (code == RdKafka::ERR__FATAL) return FatalStatus(*producer_, "produce to " + record.topic);
      return KafkaStatus(code, "produce to " + record.topic, config_.brokers);
    }
  }

  void Poll(std::chrono::milliseconds timeout) override { producer_->poll(static_cast<int>(timeout.count())); }

  Status Flush(std::chrono::milliseconds timeout) override {
    RdKafka::ErrorCode code = producer_->flush(static_cast<int>(timeout.count()));
    if (code == RdKafka::ERR_NO_ERROR) return Status::Ok();
    if (code == RdKafka::ERR__TIMED_OUT) {
      return {StatusCode::kDeadlineExceeded,
              "kafka flush: " + std::to_string(in_flight_.load()) + " record(s) still unreported after " +
                  std::to_string(timeout.count()) + " ms. Hint: check that broker(s) " + config_.brokers +
                  " are up; records fail with a report after message_timeout_ms=" +
                  std::to_string(config_.message_timeout_ms)};
    }
    return KafkaStatus(code, "flush", config_.brokers);
  }

  int InFlight() const override { return in_flight_.load(); }

 private:
  class DeliveryReports final : public RdKafka::DeliveryReportCb {
   public:
    explicit DeliveryReports(KafkaProducer& owner) : owner_(owner) {}
    void dr_cb(RdKafka::Message& message) override { owner_.OnDelivery(message); }

   private:
    KafkaProducer& owner_;
  };

  void OnDelivery(RdKafka::Message& message) {
    --in_flight_;
    DeliveryReport report;
    report.correlation_id = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(message.msg_opaque()));
    report.partition = message.partition();
    report.offset = message.offset();
    if (message.err() == RdKafka::ERR__FATAL) {
      report.status = FatalStatus(*producer_, "delivery to " + message.topic_name());
    } else {
      report.status = KafkaStatus(message.err(), "delivery to " + message.topic_name(), config_.brokers);
    }
    if (!handler_) return;
    // We are inside librdkafka's C frames: an exception must not escape.
    try {
      handler_(report);
    } catch (const std::exception& e) {
      LogError(kComponent, "delivery handler threw", {{"what", e.what()}, {"topic", message.topic_name()}});
    } catch (...) {
      LogError(kComponent, "delivery handler threw a non-std exception", {{"topic", message.topic_name()}});
    }
  }

  ProducerConfig config_;
  DeliveryHandler handler_;
  std::atomic<int> in_flight_{0};
  // The callbacks must outlive the client: declared before producer_, so destroyed after it.
  DeliveryReports reports_;
  KafkaEventLogger events_;
  std::unique_ptr<RdKafka::Producer> producer_;
};

}  // namespace

Result<std::unique_ptr<Producer>> MakeKafkaProducer(const ProducerConfig& config, DeliveryHandler handler) {
  auto producer = std::make_unique<KafkaProducer>(config, std::move(handler));
  SAFELOOP_RETURN_IF_ERROR(producer->Init());
  return std::unique_ptr<Producer>(std::move(producer));
}

}  // namespace safeloop::bus
