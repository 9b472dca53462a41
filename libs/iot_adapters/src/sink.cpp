#include "safeloop/iot_adapters/sink.hpp"

namespace safeloop::iot {

std::string_view IngestErrorKindCode(IngestErrorKind kind) {
  switch (kind) {
    case IngestErrorKind::kConnectFailed: return "connect_failed";
    case IngestErrorKind::kTimeout: return "timeout";
    case IngestErrorKind::kConnectionLost: return "connection_lost";
    case IngestErrorKind::kDeviceException: return "device_exception";
    case IngestErrorKind::kMalformedResponse: return "malformed_response";
    case IngestErrorKind::kMalformedPayload: return "malformed_payload";
    case IngestErrorKind::kUnmatchedTopic: return "unmatched_topic";
    case IngestErrorKind::kSubscribeRefused: return "subscribe_refused";
  }
  return "";
}

}  // namespace safeloop::iot
