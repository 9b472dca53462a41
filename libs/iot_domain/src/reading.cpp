#include "safeloop/iot_domain/reading.hpp"

namespace safeloop::iot {

std::string_view QualityCode(Quality quality) {
  switch (quality) {
    case Quality::kGood: return "good";
    case Quality::kUncertain: return "uncertain";
    case Quality::kBad: return "bad";
  }
  return "";
}

std::optional<Quality> ParseQuality(std::string_view code) {
  for (Quality q : {Quality::kGood, Quality::kUncertain, Quality::kBad}) {
    if (QualityCode(q) == code) return q;
  }
  return std::nullopt;
}

std::string_view QualityReasonCode(QualityReason reason) {
  switch (reason) {
    case QualityReason::kNone: return "none";
    case QualityReason::kSourceReported: return "source_reported";
    case QualityReason::kNonFinite: return "non_finite";
    case QualityReason::kOutOfRange: return "out_of_range";
    case QualityReason::kDeviceException: return "device_exception";
    case QualityReason::kMalformedResponse: return "malformed_response";
    case QualityReason::kTimestamp: return "timestamp";
  }
  return "";
}

}  // namespace safeloop::iot
