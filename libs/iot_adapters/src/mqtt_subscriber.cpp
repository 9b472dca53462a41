#include "safeloop/iot_adapters/mqtt_subscriber.hpp"

#include <mosquitto.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

#include "log_limiter.hpp"
#include "safeloop/iot_adapters/backoff.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::iot {
namespace {

constexpr const char* kComponent = "iot.mqtt";
constexpr std::size_t kPayloadExcerpt = 200;  // bytes of a bad payload quoted in the log

std::once_flag g_mosquitto_init;

std::string RandomClientId() {
  std::random_device rd;
  char buf[32];
  std::snprintf(buf, sizeof buf, "safeloop-iot-%08x", static_cast<unsigned>(rd()));
  return buf;
}

// A log-safe excerpt: the start of the payload, control bytes and non-ASCII escaped.
std::string Excerpt(std::string_view payload) {
  std::string out;
  for (std::size_t i = 0; i < payload.size() && i < kPayloadExcerpt; ++i) {
    const auto ch = static_cast<unsigned char>(payload[i]);
    if (ch >= 0x20 && ch < 0x7F) {
      out += static_cast<char>(ch);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", ch);
      out += buf;
    }
  }
  if (payload.size() > kPayloadExcerpt) out += "…";
  return out;
}

}  // namespace

struct MqttSubscriber::Impl {
  mosquitto* mosq = nullptr;
  ~Impl() {
    if (mosq != nullptr) mosquitto_destroy(mosq);
  }
};

struct MqttSubscriber::Counters {
  std::atomic<std::uint64_t> connects{0}, connect_failures{0}, disconnects{0}, messages{0}, readings{0}, malformed_messages{0},
      payload_issues{0}, unmatched_messages{0}, subscribe_refusals{0};
  LogLimiter log_limiter;
};

Status ValidateMqttSubscriberConfig(const MqttSubscriberConfig& config) {
  if (config.host.empty()) return InvalidArgument("the broker host is missing", "host");
  if (config.port < 1 || config.port > 65535) return InvalidArgument("the port is 1..65535", "port");
  if (config.keepalive_s < 5 || config.keepalive_s > 65535) {
    return InvalidArgument("the keepalive is 5..65535 s", "keepalive_s");
  }
  if (config.qos < 0 || config.qos > 2) return InvalidArgument("the QoS is 0, 1 or 2", "qos");
  if (config.reconnect_min.count() < 1) return InvalidArgument("at least 1 s", "reconnect_min");
  if (config.reconnect_max < config.reconnect_min) {
    return InvalidArgument("must be ≥ reconnect_min", "reconnect_max");
  }
  if (!config.password.empty() && config.username.empty()) {
    return InvalidArgument("a password needs a username", "username");
  }
  if (!config.clean_session && config.client_id.empty()) {
    return InvalidArgument("a persistent session needs a fixed client id", "client_id");
  }
  if (config.client_id.size() > 23 && !config.clean_session) {
    return InvalidArgument("brokers only have to accept client ids of up to 23 characters", "client_id");
  }
  auto router = MqttRouter::Create(config.bindings);
  if (!router.ok()) return router.status();
  return Status::Ok();
}

Result<std::unique_ptr<MqttSubscriber>> MqttSubscriber::Create(MqttSubscriberConfig config, ReadingSink& sink,
                                                               const Clock& clock) {
  SAFELOOP_RETURN_IF_ERROR(ValidateMqttSubscriberConfig(config));
  auto router = MqttRouter::Create(config.bindings);
  if (!router.ok()) return router.status();
  std::unique_ptr<MqttSubscriber> s(new MqttSubscriber(std::move(config), std::move(*router), sink, clock));

  std::call_once(g_mosquitto_init, [] { mosquitto_lib_init(); });
  s->impl_->mosq = mosquitto_new(s->client_id_.c_str(), s->config_.clean_session, s.get());
  if (s->impl_->mosq == nullptr) return Internal("libmosquitto could not create a client (out of memory?)");
  mosquitto* m = s->impl_->mosq;
  mosquitto_connect_callback_set(m, [](mosquitto*, void* self, int rc) { static_cast<MqttSubscriber*>(self)->OnConnect(rc); });
  mosquitto_disconnect_callback_set(
      m, [](mosquitto*, void* self, int rc) { static_cast<MqttSubscriber*>(self)->OnDisconnect(rc); });
  mosquitto_subscribe_callback_set(m, [](mosquitto*, void* self, int mid, int n, const int* granted) {
    static_cast<MqttSubscriber*>(self)->OnSubscribe(mid, n, granted);
  });
  mosquitto_message_callback_set(m, [](mosquitto*, void* self, const mosquitto_message* msg) {
    const std::string_view payload(static_cast<const char*>(msg->payload),
                                   msg->payload == nullptr ? 0 : static_cast<std::size_t>(msg->payloadlen));
    static_cast<MqttSubscriber*>(self)->OnMessage(msg->topic, payload);
  });
  mosquitto_reconnect_delay_set(m, static_cast<unsigned>(s->config_.reconnect_min.count()),
                                static_cast<unsigned>(s->config_.reconnect_max.count()), true);
  if (!s->config_.username.empty()) {
    const int rc = mosquitto_username_pw_set(m, s->config_.username.c_str(),
                                             s->config_.password.empty() ? nullptr : s->config_.password.c_str());
    if (rc != MOSQ_ERR_SUCCESS) return InvalidArgument(mosquitto_strerror(rc), "username");
  }
  return s;
}

MqttSubscriber::MqttSubscriber(MqttSubscriberConfig config, MqttRouter router, ReadingSink& sink, const Clock& clock)
    : config_(std::move(config)),
      router_(std::move(router)),
      filters_(router_.Filters()),
      sink_(sink),
      clock_(clock),
      client_id_(config_.client_id.empty() ? RandomClientId() : config_.client_id),
      source_("mqtt:" + client_id_),
      impl_(std::make_unique<Impl>()),
      counters_(std::make_unique<Counters>()) {}

MqttSubscriber::~MqttSubscriber() { Stop(); }

Status MqttSubscriber::Start() {
  std::lock_guard lock(mu_);
  if (started_) return FailedPrecondition("the subscriber is already started");
  started_ = true;
  stop_ = false;
  connector_ = std::thread([this] { ConnectUntilStarted(); });
  return Status::Ok();
}

// libmosquitto's network thread reconnects after a connection it had is lost, but gives up at once when the
// very first connect fails (libmosquitto 2.0.11: mosquitto_loop_forever returns). So the first connect is
// retried here, with the same delays, until it has been initiated; then the network thread takes over.
void MqttSubscriber::ConnectUntilStarted() {
  const std::string broker = config_.host + ":" + std::to_string(config_.port);
  const BackoffPolicy backoff{std::chrono::duration_cast<std::chrono::milliseconds>(config_.reconnect_min),
                              std::chrono::duration_cast<std::chrono::milliseconds>(config_.reconnect_max), 2.0};
  for (int failures = 0;;) {
    {
      std::lock_guard lock(mu_);
      if (stop_) return;
    }
    const int rc = mosquitto_connect_async(impl_->mosq, config_.host.c_str(), config_.port, config_.keepalive_s);
    if (rc == MOSQ_ERR_SUCCESS) {
      std::lock_guard lock(mu_);
      if (stop_) return;
      const int loop_rc = mosquitto_loop_start(impl_->mosq);
      if (loop_rc == MOSQ_ERR_SUCCESS) {
        loop_running_ = true;
        return;
      }
      Report(IngestErrorKind::kConnectFailed, broker,
             std::string("libmosquitto could not start its network thread: ") + mosquitto_strerror(loop_rc), {});
    } else {
      ++counters_->connect_failures;
      const std::string error = rc == MOSQ_ERR_ERRNO ? std::string(std::strerror(errno)) : mosquitto_strerror(rc);
      Report(IngestErrorKind::kConnectFailed, broker, error, {});
    }
    std::unique_lock lock(mu_);
    if (cv_.wait_for(lock, BackoffDelay(backoff, ++failures), [this] { return stop_; })) return;
  }
}

void MqttSubscriber::Stop() {
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
  subscribed_ = false;
}

void MqttSubscriber::OnConnect(int rc) {
  const std::string broker = config_.host + ":" + std::to_string(config_.port);
  if (rc != 0) {
    // The broker refused (bad credentials, protocol); libmosquitto's thread keeps retrying.
    ++counters_->connect_failures;
    Report(IngestErrorKind::kConnectFailed, broker, mosquitto_connack_string(rc), {});
    return;
  }
  connected_ = true;
  ++counters_->connects;
  LogInfo(kComponent, "connected", {{"client_id", client_id_}, {"broker", broker}, {"filters", filters_}});
  std::vector<char*> subs;
  subs.reserve(filters_.size());
  for (std::string& f : filters_) subs.push_back(f.data());
  int mid = 0;
  const int sub_rc = mosquitto_subscribe_multiple(impl_->mosq, &mid, static_cast<int>(subs.size()), subs.data(),
                                                  config_.qos, 0, nullptr);
  if (sub_rc != MOSQ_ERR_SUCCESS) {
    ++counters_->subscribe_refusals;
    Report(IngestErrorKind::kSubscribeRefused, broker, mosquitto_strerror(sub_rc), {});
    return;
  }
  subscribe_mid_ = mid;
}

void MqttSubscriber::OnSubscribe(int mid, int granted_count, const int* granted) {
  if (mid != subscribe_mid_.load()) return;
  bool all = granted_count == static_cast<int>(filters_.size());
  for (int i = 0; i < granted_count; ++i) {
    if (granted[i] > 2) {  // 0x80: the broker refused this filter
      all = false;
      ++counters_->subscribe_refusals;
      Report(IngestErrorKind::kSubscribeRefused,
             i < static_cast<int>(filters_.size()) ? filters_[static_cast<std::size_t>(i)] : "?",
             "the broker refused the subscription (code " + std::to_string(granted[i]) + ")", {});
    }
  }
  subscribed_ = all;
}

void MqttSubscriber::OnDisconnect(int rc) {
  connected_ = false;
  subscribed_ = false;
  ++counters_->disconnects;
  if (rc != 0) {  // 0: we asked for it
    Report(IngestErrorKind::kConnectionLost, config_.host + ":" + std::to_string(config_.port),
           std::string("connection lost: ") + mosquitto_strerror(rc), {});
  }
}

void MqttSubscriber::OnMessage(const std::string& topic, std::string_view payload) {
  Counters& c = *counters_;
  ++c.messages;
  Extraction e = router_.Extract(topic, payload, clock_.Now());
  if (!e.matched) {
    ++c.unmatched_messages;
    Report(IngestErrorKind::kUnmatchedTopic, topic, "no binding maps this topic", payload);
    return;
  }
  if (!e.issues.empty()) {
    ++c.malformed_messages;
    c.payload_issues += e.issues.size();
    for (const PayloadIssue& issue : e.issues) {
      std::string detail = issue.index >= 0 ? "element " + std::to_string(issue.index) : "payload";
      if (!issue.field.empty()) detail += " " + issue.field;
      detail += ": " + issue.message;
      Report(IngestErrorKind::kMalformedPayload, topic, detail, payload);
    }
  }
  if (!e.readings.empty()) {
    c.readings += e.readings.size();
    sink_.OnReadings(std::move(e.readings));
  }
}

void MqttSubscriber::Report(IngestErrorKind kind, const std::string& where, const std::string& detail,
                            std::string_view payload) {
  std::uint64_t suppressed = 0;
  if (counters_->log_limiter.Allow(static_cast<int>(kind), suppressed)) {
    nlohmann::json fields{{"client_id", client_id_}, {"where", where}, {"error", detail},
                          {"suppressed_since_last", suppressed}};
    if (!payload.empty()) fields["payload"] = Excerpt(payload);
    LogWarn(kComponent, "mqtt " + std::string(IngestErrorKindCode(kind)), fields);
  }
  sink_.OnError(IngestError{kind, source_, where, detail});
}

MqttStats MqttSubscriber::Stats() const {
  const Counters& c = *counters_;
  return MqttStats{c.connects, c.connect_failures, c.disconnects, c.messages, c.readings, c.malformed_messages, c.payload_issues,
                   c.unmatched_messages, c.subscribe_refusals};
}

}  // namespace safeloop::iot
