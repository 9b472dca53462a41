#pragma once
// The simulated plant as data (tools/simulator/plant.json): points with their tag, range, normal value,
// noise and drift, alarm limits, and where each one is served — a Modbus register (table, address, data
// type, word order, scale) and/or an MQTT topic, or a batch topic publishing several points in one array.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/iot_domain/mqtt_payload.hpp"
#include "safeloop/iot_domain/mqtt_topics.hpp"
#include "safeloop/iot_domain/registers.hpp"

namespace safeloop::simulator {

/// The alarm limits of a point (absent ones are nullopt). They steer the excursions, nothing else.
struct Limits {
  std::optional<double> ll, l, h, hh;
};

/// Which way a point's excursions go.
enum class ExcursionSide { kHigh, kLow, kNone };

struct ModbusSource {
  iot::RegisterTable table = iot::RegisterTable::kHoldingRegister;
  int address = 0;
  iot::DataType type = iot::DataType::kUInt16;
  iot::WordOrder word_order = iot::WordOrder::kABCD;
  double scale = 1;
  double offset = 0;
};

struct PlantPoint {
  std::string tag;   ///< "LT-101"
  std::string name;  ///< "甲醇储罐 V-101 液位"
  std::string type;  ///< measurement type code (level, temperature, …, switch)
  std::string unit;
  std::string area;
  double range_low = 0;
  double range_high = 100;
  double normal = 0;          ///< steady value (0/1 for a switch)
  double noise = 0;           ///< standard deviation of the noise (clipped at 3σ)
  double drift = 0;           ///< amplitude of the slow sinusoidal drift
  double drift_period_s = 600;
  double flip_every_s = 0;    ///< switches: mean time between changes (0: never)
  Limits limits;
  ExcursionSide excursion = ExcursionSide::kNone;
  std::optional<ModbusSource> modbus;
  std::string mqtt_topic;  ///< "" when not published on its own topic

  bool is_switch() const { return type == "switch"; }
};

struct MqttBatch {
  std::string topic;
  std::vector<std::string> tags;
};

struct PlantConfig {
  std::string name;
  std::string device_id = "dcs-1";
  int unit_id = 1;
  std::chrono::milliseconds excursion_duration{std::chrono::seconds(180)};
  double ramp_fraction = 0.25;  ///< of the duration: rising to the peak
  double hold_fraction = 0.4;   ///< at the peak; the rest falls back
  std::vector<PlantPoint> points;
  std::vector<MqttBatch> mqtt_batches;

  /// Index of the point with `tag`, or nullopt.
  std::optional<std::size_t> Find(std::string_view tag) const;
};

/// Parses and checks plant.json; INVALID_ARGUMENT naming the field ("points[3].limits.hh", …) when a
/// value is missing, of the wrong type or inconsistent: unique tags, range_low < range_high, the normal
/// band (normal ± drift ± 3σ) inside the range and strictly between the L and H limits, LL < L < H < HH
/// inside the range with room for the excursion peak, a register map that libs/iot_domain accepts, every
/// point served somewhere, batch tags that exist.
Result<PlantConfig> ParsePlantConfig(std::string_view json_text);
/// Reads and parses a file (NOT_FOUND when it cannot be read).
Result<PlantConfig> LoadPlantConfig(const std::string& path);

/// The register map of the points served over Modbus (point id = tag).
iot::RegisterMap RegisterMapFor(const PlantConfig& config);
/// Bindings that map every published topic back to its points: one per point topic, one per batch
/// (the element's "tag" names the point).
std::vector<iot::MqttBinding> MqttBindingsFor(const PlantConfig& config);

/// The peak an excursion of `point` aims at on `side`, through the second level (HH/LL) or only the
/// first (H/L). nullopt when the side has no limit.
std::optional<double> ExcursionPeak(const PlantPoint& point, ExcursionSide side, bool through_second_level);

}  // namespace safeloop::simulator
