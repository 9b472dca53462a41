#pragma once
// Publishes the simulated plant's MQTT points on a broker (libmosquitto): one JSON message per point topic
// ({"v":…,"ts":…,"q":"good"}) and one array per batch topic ([{"tag":…,"v":…,"ts":…}, …]). libmosquitto's
// network thread connects and reconnects on its own; while the broker is away, messages are dropped and
// counted (the plant does not queue history).

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "plant_config.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::simulator {

struct MqttPublisherOptions {
  std::string host = "127.0.0.1";
  int port = 1883;
  std::string client_id = "safeloop-simulator";
  int qos = 0;
};

class MqttPublisher {
 public:
  static Result<std::unique_ptr<MqttPublisher>> Create(MqttPublisherOptions options);
  ~MqttPublisher();
  MqttPublisher(const MqttPublisher&) = delete;
  MqttPublisher& operator=(const MqttPublisher&) = delete;

  /// Starts connecting in the background; a broker that is down is retried (1 s, 2 s, … 10 s).
  Status Start();
  void Stop();
  bool connected() const { return connected_.load(); }

  /// Publishes one message; false (and counted as dropped) when not connected.
  bool Publish(const std::string& topic, const std::string& payload);
  /// Publishes every point topic and batch topic of `config` with `values` (index = config.points).
  void PublishPlant(const PlantConfig& config, const std::vector<double>& values, TimePoint at);

  std::uint64_t published() const { return published_.load(); }
  std::uint64_t dropped() const { return dropped_.load(); }

 private:
  struct Impl;
  explicit MqttPublisher(MqttPublisherOptions options);
  void ConnectUntilStarted();

  MqttPublisherOptions options_;
  std::unique_ptr<Impl> impl_;
  std::mutex mu_;  // guards started_, stop_, loop_running_
  std::condition_variable cv_;
  bool started_ = false;
  bool stop_ = false;
  bool loop_running_ = false;
  std::thread connector_;  // retries the first connect: libmosquitto 2.0.11's loop gives up on it
  std::atomic<bool> connected_{false};
  std::atomic<std::uint64_t> published_{0};
  std::atomic<std::uint64_t> dropped_{0};
};

/// {"v":12.3,"ts":1732345678901,"q":"good"} with the value rounded to 4 decimals.
std::string PointPayload(double value, TimePoint at);
/// [{"tag":"FT-501","v":…,"ts":…,"q":"good"}, …] for the batch's tags.
std::string BatchPayload(const PlantConfig& config, const MqttBatch& batch, const std::vector<double>& values,
                         TimePoint at);

}  // namespace safeloop::simulator
