#pragma once
/// @file reading.hpp
/// A reading is one measured value of one point at one time, with its quality. Every protocol adapter
/// produces them and the iot-gateway service validates, stores and forwards them.

#include <optional>
#include <string>
#include <string_view>

#include "safeloop/core/clock.hpp"

namespace safeloop::iot {

/// How far a value can be trusted (the three OPC classes; storage and screens show it next to the value).
enum class Quality {
  kGood,
  kUncertain,  ///< the source says the value may be off (e.g. a detector in calibration)
  kBad,        ///< the value must not be used for control or alarms
};
/// "good" | "uncertain" | "bad"
std::string_view QualityCode(Quality quality);
std::optional<Quality> ParseQuality(std::string_view code);

/// Why a reading is not good. Kept next to the quality so a bad value on screen can say why.
enum class QualityReason {
  kNone,
  kSourceReported,     ///< the device or the payload said so
  kNonFinite,          ///< NaN or ±inf (a float32 register holding a NaN pattern: often a sensor fault)
  kOutOfRange,         ///< outside the point's measuring range
  kDeviceException,    ///< the Modbus device answered with an exception for this register block
  kMalformedResponse,  ///< the response was short or did not match the request
  kTimestamp,          ///< the source time is in the future or too old (only when configured to keep it)
};
/// "none" | "source_reported" | "non_finite" | "out_of_range" | "device_exception" | "malformed_response" |
/// "timestamp"
std::string_view QualityReasonCode(QualityReason reason);

/// One value of one point. `value` keeps what the source sent even when the quality is bad, so the raw
/// number is never lost (Cangzhou: data is traceable).
struct Reading {
  std::string point_id;  ///< the point as the source names it (tag or id); the service resolves it
  double value = 0;
  Quality quality = Quality::kGood;
  QualityReason reason = QualityReason::kNone;
  TimePoint timestamp;  ///< source time when the source sends one, else the time of reception

  friend bool operator==(const Reading&, const Reading&) = default;
};

}  // namespace safeloop::iot
