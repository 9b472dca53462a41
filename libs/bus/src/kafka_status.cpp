#include "kafka_status.hpp"

#include <librdkafka/rdkafka.h>

namespace safeloop::bus {

bool IsRetryableKafkaError(RdKafka::ErrorCode code) {
  switch (code) {
    case RdKafka::ERR__TRANSPORT:
    case RdKafka::ERR__TIMED_OUT:
    case RdKafka::ERR__TIMED_OUT_QUEUE:
    case RdKafka::ERR__ALL_BROKERS_DOWN:
    case RdKafka::ERR__MSG_TIMED_OUT:
    case RdKafka::ERR__QUEUE_FULL:
    case RdKafka::ERR__RESOLVE:
    case RdKafka::ERR__WAIT_COORD:
    case RdKafka::ERR_REQUEST_TIMED_OUT:
    case RdKafka::ERR_NETWORK_EXCEPTION:
    case RdKafka::ERR_BROKER_NOT_AVAILABLE:
    case RdKafka::ERR_LEADER_NOT_AVAILABLE:
    case RdKafka::ERR_NOT_LEADER_FOR_PARTITION:
    case RdKafka::ERR_NOT_ENOUGH_REPLICAS:
    case RdKafka::ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case RdKafka::ERR_COORDINATOR_NOT_AVAILABLE:
    case RdKafka::ERR_NOT_COORDINATOR:
    case RdKafka::ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RdKafka::ERR_REBALANCE_IN_PROGRESS:
      return true;
    default:
      return false;
  }
}

std::string KafkaErrorName(RdKafka::ErrorCode code) {
  return rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(code));
}

namespace {

std::string HintFor(RdKafka::ErrorCode code, std::string_view brokers) {
  std::string where = brokers.empty() ? std::string("the broker") : "broker(s) " + std::string(brokers);
  switch (code) {
    case RdKafka::ERR__TRANSPORT:
    case RdKafka::ERR__ALL_BROKERS_DOWN:
    case RdKafka::ERR__RESOLVE:
    case RdKafka::ERR_BROKER_NOT_AVAILABLE:
    case RdKafka::ERR_NETWORK_EXCEPTION:
      return "Hint: check that " + where + " is running and reachable (SAFELOOP_KAFKA_BROKERS).";
    case RdKafka::ERR__MSG_TIMED_OUT:
      return "Hint: the record could not be delivered within message.timeout.ms; check that " + where +
             " is up, or raise message_timeout_ms.";
    case RdKafka::ERR__TIMED_OUT:
    case RdKafka::ERR__TIMED_OUT_QUEUE:
    case RdKafka::ERR_REQUEST_TIMED_OUT:
      return "Hint: " + where + " did not answer in time; check its load and log, or raise the timeout.";
    case RdKafka::ERR__QUEUE_FULL:
      return "Hint: the local queue is full (the broker is slower than the producer); poll more often or "
             "raise queue.buffering.max.messages.";
    case RdKafka::ERR_MSG_SIZE_TOO_LARGE:
      return "Hint: the record exceeds message.max.bytes; split it or raise the limit on client and topic.";
    case RdKafka::ERR__UNKNOWN_TOPIC:
    case RdKafka::ERR_UNKNOWN_TOPIC_OR_PART:
      return "Hint: create the topic first (EnsureTopics).";
    case RdKafka::ERR__FATAL:
      return "Hint: the client is unusable; recreate it.";
    default:
      return {};
  }
}

}  // namespace

Status KafkaStatus(RdKafka::ErrorCode code, std::string_view context, std::string_view brokers) {
  if (code == RdKafka::ERR_NO_ERROR) return Status::Ok();
  std::string message = "kafka " + std::string(context) + ": " + RdKafka::err2str(code) + " (" +
                        KafkaErrorName(code) + ")";
  std::string hint = HintFor(code, brokers);
  if (!hint.empty()) message += ". " + hint;
  return {IsRetryableKafkaError(code) ? StatusCode::kUnavailable : StatusCode::kInternal, std::move(message)};
}

}  // namespace safeloop::bus
