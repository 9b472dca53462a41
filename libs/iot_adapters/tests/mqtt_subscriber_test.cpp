// The MQTT subscriber against a real Mosquitto broker started by the test on 127.0.0.1 and a free port
// (temporary configuration, no persistence), fed by the simulator's publisher (libmosquitto).
#include <catch2/catch.hpp>

#include <thread>

#include "mqtt_publisher.hpp"
#include "plant_config.hpp"
#include "safeloop/iot_adapters/mqtt_subscriber.hpp"
#include "test_support.hpp"

using namespace safeloop;
using namespace safeloop::iot;
using namespace safeloop::iot::testing;
using namespace std::chrono_literals;
using safeloop::simulator::MqttPublisher;

namespace {

MqttSubscriberConfig Config(int port, std::vector<MqttBinding> bindings) {
  MqttSubscriberConfig c;
  c.host = "127.0.0.1";
  c.port = port;
  c.bindings = std::move(bindings);
  c.reconnect_min = 1s;
  c.reconnect_max = 2s;
  c.keepalive_s = 10;
  return c;
}

std::unique_ptr<MqttSubscriber> Subscriber(const MqttSubscriberConfig& c, CollectingSink& sink, const Clock& clock) {
  auto s = MqttSubscriber::Create(c, sink, clock);
  REQUIRE(s.ok());
  return std::move(*s);
}

std::unique_ptr<MqttPublisher> Publisher(int port, const std::string& id) {
  auto p = MqttPublisher::Create({"127.0.0.1", port, id, 1});
  REQUIRE(p.ok());
  REQUIRE((*p)->Start().ok());
  REQUIRE(WaitFor([&] { return (*p)->connected(); }, 10s));
  return std::move(*p);
}

}  // namespace

TEST_CASE("mqtt subscriber: the plant's topics and batch arrive as readings", "[mqtt]") {
  MosquittoBroker broker;
  REQUIRE(broker.Start().ok());
  auto plant = simulator::LoadPlantConfig(SAFELOOP_PLANT_JSON_FOR_TESTS);
  REQUIRE(plant.ok());
  // The gas detectors through one wildcard binding, the batch through its own.
  std::vector<MqttBinding> bindings{{"plant/gas/+", "{1}", PayloadFormat{}}};
  for (const MqttBinding& b : simulator::MqttBindingsFor(*plant)) {
    if (b.pattern.rfind("plant/gas/", 0) != 0) bindings.push_back(b);
  }
  CollectingSink sink;
  SystemClock clock;
  auto subscriber = Subscriber(Config(broker.port(), bindings), sink, clock);
  REQUIRE(subscriber->Start().ok());
  REQUIRE(WaitFor([&] { return subscriber->Subscribed(); }, 10s));

  auto publisher = Publisher(broker.port(), "test-plant");
  std::vector<double> values;
  for (std::size_t i = 0; i < plant->points.size(); ++i) values.push_back(plant->points[i].normal + 0.25);
  const TimePoint at = FromUnixMillis(UnixMillis(clock.Now()));
  publisher->PublishPlant(*plant, values, at);

  const std::vector<std::string> mqtt_tags{"GT-101", "GT-201", "AT-103", "OT-202", "FT-501", "PT-501"};
  REQUIRE(WaitFor([&] { return sink.latest().size() == mqtt_tags.size(); }, 10s));
  const auto latest = sink.latest();
  for (const std::string& tag : mqtt_tags) {
    INFO(tag);
    REQUIRE(latest.count(tag) == 1);
    CHECK(latest.at(tag).value == Approx(values[*plant->Find(tag)]));
    CHECK(latest.at(tag).timestamp == at);  // the source time from the payload, to the millisecond
    CHECK(latest.at(tag).quality == Quality::kGood);
  }
  const MqttStats stats = subscriber->Stats();
  CHECK(stats.connects == 1);
  CHECK(stats.messages == 5);  // four detector topics and one batch
  CHECK(stats.readings == 6);
  CHECK(stats.malformed_messages == 0);
  subscriber->Stop();
  CHECK_FALSE(subscriber->Connected());
}

TEST_CASE("mqtt subscriber: malformed payloads are counted with context; good batch elements still pass",
          "[mqtt]") {
  MosquittoBroker broker;
  REQUIRE(broker.Start().ok());
  PayloadFormat batch;
  batch.point_pointer = "/tag";
  CollectingSink sink;
  SystemClock clock;
  auto subscriber = Subscriber(Config(broker.port(), {{"plant/gas/+", "{1}", PayloadFormat{}},
                                                      {"plant/batch", "", batch}}),
                               sink, clock);
  REQUIRE(subscriber->Start().ok());
  REQUIRE(WaitFor([&] { return subscriber->Subscribed(); }, 10s));
  auto publisher = Publisher(broker.port(), "test-malformed");

  REQUIRE(publisher->Publish("plant/gas/GT-1", "not json at all"));
  REQUIRE(publisher->Publish("plant/gas/GT-2", R"({"v":"12.3"})"));
  REQUIRE(publisher->Publish("plant/gas/GT-3", R"({"value":1})"));
  REQUIRE(publisher->Publish("plant/gas/GT-4", std::string("\xff\xfe\x00\x01", 4)));
  REQUIRE(publisher->Publish("plant/gas/GT-5", ""));
  REQUIRE(publisher->Publish("plant/batch", R"([{"tag":"A","v":1},{"tag":"B","v":null},{"v":3},{"tag":"D","v":4}])"));
  REQUIRE(publisher->Publish("plant/gas/GT-6", R"({"v":6.5})"));  // a good one after all that

  REQUIRE(WaitFor([&] { return sink.Latest("GT-6").has_value(); }, 10s));
  const MqttStats stats = subscriber->Stats();
  CHECK(stats.messages == 7);
  CHECK(stats.malformed_messages == 6);
  CHECK(stats.payload_issues == 7);  // five bad messages plus two bad batch elements
  CHECK(stats.readings == 3);        // A, D and GT-6
  CHECK(sink.Latest("A")->value == 1);
  CHECK(sink.Latest("D")->value == 4);
  CHECK_FALSE(sink.Latest("B").has_value());
  REQUIRE(sink.error_count(IngestErrorKind::kMalformedPayload) == 7);
  bool saw_element = false;
  for (const IngestError& e : sink.errors()) {
    CHECK(e.source == "mqtt:" + subscriber->client_id());
    CHECK_FALSE(e.where.empty());
    if (e.where == "plant/batch" && e.detail.find("element 1 /v") != std::string::npos) saw_element = true;
  }
  CHECK(saw_element);
  CHECK(subscriber->Connected());  // nothing of this disturbs the connection
}

TEST_CASE("mqtt subscriber: reconnects and subscribes again after the broker restarts", "[mqtt]") {
  MosquittoBroker broker;
  REQUIRE(broker.Start().ok());
  CollectingSink sink;
  SystemClock clock;
  auto subscriber = Subscriber(Config(broker.port(), {{"plant/gas/+", "{1}", PayloadFormat{}}}), sink, clock);
  REQUIRE(subscriber->Start().ok());
  REQUIRE(WaitFor([&] { return subscriber->Subscribed(); }, 10s));
  {
    auto publisher = Publisher(broker.port(), "test-before");
    REQUIRE(publisher->Publish("plant/gas/GT-1", R"({"v":1})"));
    REQUIRE(WaitFor([&] { return sink.Latest("GT-1").has_value(); }, 10s));
  }

  broker.Stop();
  REQUIRE(WaitFor([&] { return !subscriber->Connected(); }, 10s));
  CHECK(sink.error_count(IngestErrorKind::kConnectionLost) >= 1);
  std::this_thread::sleep_for(2500ms);  // long enough for reconnect attempts to fail
  REQUIRE(broker.Start().ok());
  // A broker without persistence forgets subscriptions: only a fresh SUBSCRIBE brings messages back.
  REQUIRE(WaitFor([&] { return subscriber->Subscribed(); }, 15s));
  auto publisher = Publisher(broker.port(), "test-after");
  REQUIRE(publisher->Publish("plant/gas/GT-1", R"({"v":2})"));
  REQUIRE(WaitFor([&] { return sink.Latest("GT-1") && sink.Latest("GT-1")->value == 2; }, 10s));
  CHECK(subscriber->Stats().connects == 2);
  CHECK(subscriber->Stats().disconnects >= 1);
}

TEST_CASE("mqtt subscriber: started before its broker, it connects when the broker comes", "[mqtt]") {
  MosquittoBroker broker;  // not started yet
  CollectingSink sink;
  SystemClock clock;
  auto subscriber = Subscriber(Config(broker.port(), {{"plant/#", "x", PayloadFormat{}}}), sink, clock);
  REQUIRE(subscriber->Start().ok());  // not an error: the network thread keeps trying
  std::this_thread::sleep_for(300ms);
  CHECK_FALSE(subscriber->Connected());
  REQUIRE(broker.Start().ok());
  REQUIRE(WaitFor([&] { return subscriber->Subscribed(); }, 15s));
  CHECK(subscriber->Stats().connects == 1);
  CHECK(subscriber->Stats().connect_failures >= 1);
  CHECK(sink.error_count(IngestErrorKind::kConnectFailed) >= 1);
}

TEST_CASE("mqtt subscriber: stopping without a broker returns promptly", "[mqtt]") {
  const int port = FreeLoopbackPort();
  CollectingSink sink;
  SystemClock clock;
  auto subscriber = Subscriber(Config(port, {{"plant/#", "x", PayloadFormat{}}}), sink, clock);
  REQUIRE(subscriber->Start().ok());
  CHECK(subscriber->Start().code() == StatusCode::kFailedPrecondition);
  std::this_thread::sleep_for(200ms);
  const auto started = std::chrono::steady_clock::now();
  subscriber->Stop();
  CHECK(std::chrono::steady_clock::now() - started < 3s);
  CHECK_FALSE(subscriber->Connected());
}
