#include "mqtt_publisher.hpp"

#include <mosquitto.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <nlohmann/json.hpp>

#include "safeloop/core/log.hpp"

namespace safeloop::simulator {
namespace {

constexpr const char* kComponent = "simulator.mqtt";
std::once_flag g_mosquitto_init;

double Rounded(double v) { return std::round(v * 10000.0) / 10000.0; }

nlohmann::json Element(double value, TimePoint at) {
  return nlohmann::json{{"v", Rounded(value)}, {"ts", UnixMillis(at)}, {"q", "good"}};
}

}  // namespace

struct MqttPublisher::Impl {
  mosquitto* mosq = nullptr;
  ~Impl() {
    if (mosq != nullptr) mosquitto_destroy(mosq);
  }
};

std::string PointPayload(double value, TimePoint at) { return Element(value, at).dump(); }

std::string BatchPayload(const PlantConfig& config, const MqttBatch& batch, const std::vector<double>& values,
                         TimePoint at) {
  nlohmann::json array = nlohmann::json::array();
  for (const std::string& tag : batch.tags) {
    const auto index = config.Find(tag);
    if (!index || *index >= values.size()) continue;
    nlohmann::json e = Element(values[*index], at);
    e["tag"] = tag;
    array.push_back(std::move(e));
  }
  return array.dump();
}

Result<std::unique_ptr<MqttPublisher>> MqttPublisher::Create(MqttPublisherOptions options) {
  if (options.host.empty()) return InvalidArgument("the broker host is missing", "mqtt_host");
  if (options.port < 1 || options.port > 65535) return InvalidArgument("the port is 1..65535", "mqtt_port");
  if (options.qos < 0 || options.qos > 2) return InvalidArgument("the QoS is 0..2", "qos");
  std::call_once(g_mosquitto_init, [] { mosquitto_lib_init(); });
  std::unique_ptr<MqttPublisher> p(new MqttPublisher(std::move(options)));
  p->impl_->mosq = mosquitto_new(p->options_.client_id.c_str(), true, p.get());
  if (p->impl_->mosq == nullptr) return Internal("libmosquitto could not create a client");
  mosquitto_connect_callback_set(p->impl_->mosq, [](mosquitto*, void* self, int rc) {
    auto* me = static_cast<MqttPublisher*>(self);
    me->connected_ = rc == 0;
    if (rc == 0) {
      LogInfo(kComponent, "connected", {{"broker", me->options_.host + ":" + std::to_string(me->options_.port)}});
    } else {
      LogWarn(kComponent, "broker refused the connection", {{"reason", mosquitto_connack_string(rc)}});
    }
  });
  mosquitto_disconnect_callback_set(p->impl_->mosq, [](mosquitto*, void* self, int rc) {
    auto* me = static_cast<MqttPublisher*>(self);
    me->connected_ = false;
    if (rc != 0) LogWarn(kComponent, "connection lost; reconnecting", {{"error", mosquitto_strerror(rc)}});
  });
  mosquitto_reconnect_delay_set(p->impl_->mosq, 1, 10, true);
  return p;
}

MqttPublisher::MqttPublisher(MqttPublisherOptions options)
    : options_(std::move(options)), impl_(std::make_unique<Impl>()) {}

MqttPublisher::~MqttPublisher() { Stop(); }

Status MqttPublisher::Start() {
  std::lock_guard lock(mu_);
  if (started_) return Status::Ok();
  started_ = true;
  stop_ = false;
  connector_ = std::thread([this] { ConnectUntilStarted(); });
  return Status::Ok();
}

void MqttPublisher::ConnectUntilStarted() {
  std::chrono::seconds delay{1};
  while (true) {
    const int rc = mosquitto_connect_async(impl_->mosq, options_.host.c_str(), options_.port, 30);
    {
      std::lock_guard lock(mu_);
      if (stop_) return;
      if (rc == MOSQ_ERR_SUCCESS) {
        const int loop_rc = mosquitto_loop_start(impl_->mosq);
        if (loop_rc == MOSQ_ERR_SUCCESS) {
          loop_running_ = true;
          return;
        }
      }
    }
    LogWarn(kComponent, "broker not reachable yet; retrying",
            {{"broker", options_.host + ":" + std::to_string(options_.port)},
             {"error", mosquitto_strerror(rc)},
             {"retry_in_s", delay.count()}});
    std::unique_lock lock(mu_);
    if (cv_.wait_for(lock, delay, [this] { return stop_; })) return;
    delay = std::min(delay * 2, std::chrono::seconds(10));
  }
}

void MqttPublisher::Stop() {
  {
    std::lock_guard lock(mu_);
    if (!started_) return;
    stop_ = true;
  }
  cv_.notify_all();
  if (connector_.joinable()) connector_.join();
  std::lock_guard lock(mu_);
  if (loop_running_) {
    mosquitto_disconnect(impl_->mosq);
    mosquitto_loop_stop(impl_->mosq, false);
    loop_running_ = false;
  }
  started_ = false;
  connected_ = false;
}

bool MqttPublisher::Publish(const std::string& topic, const std::string& payload) {
  if (!connected_) {
    ++dropped_;
    return false;
  }
  const int rc = mosquitto_publish(impl_->mosq, nullptr, topic.c_str(), static_cast<int>(payload.size()),
                                   payload.data(), options_.qos, false);
  if (rc != MOSQ_ERR_SUCCESS) {
    ++dropped_;
    return false;
  }
  ++published_;
  return true;
}

void MqttPublisher::PublishPlant(const PlantConfig& config, const std::vector<double>& values, TimePoint at) {
  for (std::size_t i = 0; i < config.points.size() && i < values.size(); ++i) {
    const PlantPoint& p = config.points[i];
    if (!p.mqtt_topic.empty()) Publish(p.mqtt_topic, PointPayload(values[i], at));
  }
  for (const MqttBatch& b : config.mqtt_batches) Publish(b.topic, BatchPayload(config, b, values, at));
}

}  // namespace safeloop::simulator
