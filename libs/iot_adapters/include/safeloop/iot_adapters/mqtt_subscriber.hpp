#pragma once
/// @file mqtt_subscriber.hpp
/// Subscribes to the topic filters of a set of bindings on an MQTT broker (libmosquitto, MQTT 3.1.1),
/// turns each message into readings with the bindings' payload formats (libs/iot_domain MqttRouter) and
/// hands them to a ReadingSink. libmosquitto's network thread reconnects with exponential backoff; every
/// (re)connect subscribes again, so a broker restart without persistence loses nothing but the messages
/// published while it was down.
///
/// Problems are counted in MqttStats, logged with context (topic, element, field, the start of the
/// payload) at a limited rate, and passed to ReadingSink::OnError: a payload or batch element that gives
/// no reading is a malformed_payload, a message no binding maps an unmatched_topic.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"
#include "safeloop/iot_adapters/sink.hpp"
#include "safeloop/iot_domain/mqtt_payload.hpp"

namespace safeloop::iot {

struct MqttSubscriberConfig {
  std::string host = "127.0.0.1";
  int port = 1883;
  std::string client_id;  ///< "" → "safeloop-iot-<random>"; fixed ids let a persistent session resume
  bool clean_session = true;
  std::string username;  ///< optional
  std::string password;
  int keepalive_s = 30;
  int qos = 1;  ///< subscription QoS 0..2
  std::vector<MqttBinding> bindings;
  std::chrono::seconds reconnect_min{1};  ///< libmosquitto counts reconnect delays in whole seconds
  std::chrono::seconds reconnect_max{30};
};

/// INVALID_ARGUMENT naming the field: host, port 1..65535, keepalive 5..65535, qos 0..2, the bindings
/// ("bindings[1].pattern"), 1 ≤ reconnect_min ≤ reconnect_max, a password only with a username, client
/// id ≤ 23 characters unless clean (MQTT 3.1.1 only guarantees those).
Status ValidateMqttSubscriberConfig(const MqttSubscriberConfig& config);

/// Counters since construction.
struct MqttStats {
  std::uint64_t connects = 0;      ///< successful CONNACKs
  std::uint64_t connect_failures = 0;  ///< first connects that failed, and CONNACKs refusing us
  std::uint64_t disconnects = 0;   ///< lost or closed connections
  std::uint64_t messages = 0;      ///< messages received
  std::uint64_t readings = 0;      ///< handed to the sink
  std::uint64_t malformed_messages = 0;  ///< messages with at least one payload issue
  std::uint64_t payload_issues = 0;      ///< issues in total (one per bad batch element)
  std::uint64_t unmatched_messages = 0;
  std::uint64_t subscribe_refusals = 0;
};

class MqttSubscriber {
 public:
  /// Validates the configuration and prepares the client; does not connect yet.
  static Result<std::unique_ptr<MqttSubscriber>> Create(MqttSubscriberConfig config, ReadingSink& sink,
                                                        const Clock& clock);
  ~MqttSubscriber();  ///< Stop()
  MqttSubscriber(const MqttSubscriber&) = delete;
  MqttSubscriber& operator=(const MqttSubscriber&) = delete;

  /// Starts connecting in the background and returns. A broker that is down is not an error: the first
  /// connect is retried with the reconnect delays, later ones by libmosquitto's network thread.
  /// FAILED_PRECONDITION when already started.
  Status Start();
  /// Disconnects and joins the threads; Start() may follow. Idempotent.
  void Stop();

  bool Connected() const { return connected_.load(); }
  /// Connected and every filter's subscription acknowledged by the broker.
  bool Subscribed() const { return subscribed_.load(); }
  MqttStats Stats() const;
  const std::string& client_id() const { return client_id_; }

 private:
  struct Impl;
  MqttSubscriber(MqttSubscriberConfig config, MqttRouter router, ReadingSink& sink, const Clock& clock);
  void OnConnect(int rc);
  void OnDisconnect(int rc);
  void OnSubscribe(int mid, int granted_count, const int* granted);
  void OnMessage(const std::string& topic, std::string_view payload);
  void Report(IngestErrorKind kind, const std::string& where, const std::string& detail, std::string_view payload);
  void ConnectUntilStarted();

  MqttSubscriberConfig config_;
  MqttRouter router_;
  std::vector<std::string> filters_;
  ReadingSink& sink_;
  const Clock& clock_;
  std::string client_id_;
  std::string source_;

  std::mutex mu_;               // guards started_, stop_, loop_running_ and Start/Stop
  std::condition_variable cv_;  // wakes the connector thread on Stop()
  bool started_ = false;        // guarded by mu_
  bool stop_ = false;           // guarded by mu_
  bool loop_running_ = false;   // guarded by mu_: libmosquitto's network thread runs
  std::thread connector_;       // retries the first connect (libmosquitto only retries once connected)
  std::unique_ptr<Impl> impl_;  // the libmosquitto handle; callbacks run on its network thread

  std::atomic<int> subscribe_mid_{-1};
  std::atomic<bool> connected_{false};
  std::atomic<bool> subscribed_{false};
  struct Counters;
  std::unique_ptr<Counters> counters_;
};

}  // namespace safeloop::iot
