#pragma once
/// @file mqtt_payload.hpp
/// From an MQTT message to readings: bindings map topic filters to points, and a payload format says where
/// the value, the timestamp and the quality sit in the JSON (RFC 6901 JSON pointers). Accepted payloads:
///   - one object:            {"v": 12.3, "ts": 1732345678901, "q": "good"}
///   - a batch array:         [{"v": 12.3, "ts": …}, {"tag": "LT-101", "v": 4.5}]
///   - a bare number or bool: 12.3   (the time of reception, good quality)
/// A malformed element of a batch costs only that element: the others still become readings, and every
/// problem comes back as a PayloadIssue naming the element and the field, for counting and logging.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"
#include "safeloop/iot_domain/reading.hpp"

namespace safeloop::iot {

/// How a numeric timestamp counts (strings are always RFC 3339).
enum class TimestampUnit { kMillis, kSeconds };

/// Where the fields of a reading sit in a JSON object. Empty pointers mean "not sent".
struct PayloadFormat {
  std::string value_pointer = "/v";       ///< required: a number, or a bool (1/0)
  std::string timestamp_pointer = "/ts";  ///< optional field: Unix time (number) or RFC 3339 (string)
  std::string quality_pointer = "/q";     ///< optional field: "good"/"uncertain"/"bad" or an OPC number
  /// In a batch element: where the element names its point ("/tag"). When empty, or when an element
  /// lacks it, the binding's point_id is used.
  std::string point_pointer;
  TimestampUnit timestamp_unit = TimestampUnit::kMillis;
  std::size_t max_batch = 1000;      ///< larger arrays are refused whole (one issue)
  std::size_t max_payload_bytes = 256 * 1024;

  friend bool operator==(const PayloadFormat&, const PayloadFormat&) = default;
};

/// A topic filter mapped to a point. `point_id` may be a template: "{1}" … "{9}" stand for the levels the
/// filter's '+' wildcards matched, so "plant/gas/+" with "{1}" maps "plant/gas/GT-201" to "GT-201".
struct MqttBinding {
  std::string pattern;
  std::string point_id;
  PayloadFormat format;

  friend bool operator==(const MqttBinding&, const MqttBinding&) = default;
};

/// Checks one binding; INVALID_ARGUMENT naming the field ("pattern", "point_id", "format.value_pointer" …):
/// a valid filter; a point_id or a point_pointer; templates only refer to existing '+' levels; pointers
/// are valid JSON pointers; max_batch ≥ 1; max_payload_bytes ≥ 1.
Status ValidateMqttBinding(const MqttBinding& binding);

/// One problem with a message. `index` is the batch element (−1: the payload as a whole).
struct PayloadIssue {
  int index = -1;
  std::string field;  ///< JSON pointer of the offending field, "" for the payload itself
  std::string message;

  friend bool operator==(const PayloadIssue&, const PayloadIssue&) = default;
};

/// What one message gave.
struct Extraction {
  bool matched = false;  ///< false: no binding's filter matches the topic (counted as an unmatched topic)
  std::vector<Reading> readings;
  std::vector<PayloadIssue> issues;
};

/// Extracts the readings of one payload with one format. `default_point` names the readings whose element
/// does not name its own point; `received_at` stands in for a missing timestamp.
Extraction ExtractReadings(std::string_view payload, const PayloadFormat& format, std::string_view default_point,
                           TimePoint received_at);

/// A validated set of bindings, routing each topic to the first binding (in configuration order) whose
/// filter matches it.
class MqttRouter {
 public:
  /// INVALID_ARGUMENT naming "bindings[i].<field>" for the first invalid binding, or "bindings" when empty.
  static Result<MqttRouter> Create(std::vector<MqttBinding> bindings);

  /// The filters to subscribe to (duplicates removed, configuration order).
  std::vector<std::string> Filters() const;
  /// The first matching binding's index, or nullopt; fills `captures` as TopicMatches does.
  std::optional<std::size_t> Match(std::string_view topic, std::vector<std::string>* captures = nullptr) const;
  /// Routes and extracts one message.
  Extraction Extract(std::string_view topic, std::string_view payload, TimePoint received_at) const;
  const std::vector<MqttBinding>& bindings() const { return bindings_; }

 private:
  explicit MqttRouter(std::vector<MqttBinding> bindings) : bindings_(std::move(bindings)) {}
  std::vector<MqttBinding> bindings_;
};

/// "2026-11-23T08:00:00Z", "2026-11-23T08:00:00.123+08:00" (fraction to nanoseconds, 'T' or ' ', 'Z' or
/// a ±hh:mm offset) → the instant; nullopt for anything else, including impossible dates.
std::optional<TimePoint> ParseRfc3339(std::string_view text);

}  // namespace safeloop::iot
