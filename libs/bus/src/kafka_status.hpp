#pragma once
// Maps librdkafka error codes to SafeLoop Status (one exhaustive retry decision, STACK.md §2.7).

#include <librdkafka/rdkafkacpp.h>

#include <string>
#include <string_view>

#include "safeloop/core/status.hpp"

namespace safeloop::bus {

/// True for errors that a later retry may fix (broker down, timeouts, leader moves).
bool IsRetryableKafkaError(RdKafka::ErrorCode code);

/// "kafka <context>: <text> (<ERR_NAME>). Hint: …" as UNAVAILABLE when retryable, INTERNAL otherwise.
/// `brokers` goes into the hint of connectivity errors so the operator sees which address failed.
Status KafkaStatus(RdKafka::ErrorCode code, std::string_view context, std::string_view brokers = {});

/// The symbolic name of a code ("_MSG_TIMED_OUT").
std::string KafkaErrorName(RdKafka::ErrorCode code);

}  // namespace safeloop::bus
