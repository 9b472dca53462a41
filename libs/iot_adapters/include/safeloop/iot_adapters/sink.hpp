#pragma once
/// @file sink.hpp
/// Where the protocol adapters deliver: readings in batches, and every counted problem as a typed error
/// (already logged by the adapter) so the service can put it on a metric with labels.

#include <string>
#include <string_view>
#include <vector>

#include "safeloop/iot_domain/reading.hpp"

namespace safeloop::iot {

enum class IngestErrorKind {
  kConnectFailed,      ///< the peer could not be reached (refused, unreachable, connect timeout)
  kTimeout,            ///< a request got no answer within the request timeout
  kConnectionLost,     ///< the connection broke during a request or the broker went away
  kDeviceException,    ///< the Modbus device answered with an exception code
  kMalformedResponse,  ///< a Modbus response that does not match its request
  kMalformedPayload,   ///< an MQTT payload (or one element of a batch) that gave no reading
  kUnmatchedTopic,     ///< an MQTT message no binding maps
  kSubscribeRefused,   ///< the broker refused a subscription
};
/// "connect_failed" | "timeout" | "connection_lost" | "device_exception" | "malformed_response" |
/// "malformed_payload" | "unmatched_topic" | "subscribe_refused" (stable: metric labels).
std::string_view IngestErrorKindCode(IngestErrorKind kind);

/// One problem with its context.
struct IngestError {
  IngestErrorKind kind = IngestErrorKind::kConnectFailed;
  std::string source;  ///< "modbus:<device_id>" or "mqtt:<client id>"
  std::string where;   ///< "holding 0+10" (the request), the topic, or "host:port"
  std::string detail;  ///< what went wrong, e.g. libmodbus' message or "element 2 /v: the value is missing"
};

/// The receiving end of an adapter. Called on the adapter's own thread, one call at a time per adapter;
/// implementations shared by several adapters must be thread-safe. Must not block for long: it holds up
/// the poll schedule or the MQTT network loop.
class ReadingSink {
 public:
  virtual ~ReadingSink() = default;
  /// The readings of one poll or one message (never empty).
  virtual void OnReadings(std::vector<Reading> readings) = 0;
  /// A counted problem. Default: nothing (the adapter has counted and logged it).
  virtual void OnError(const IngestError& error) { (void)error; }
};

}  // namespace safeloop::iot
