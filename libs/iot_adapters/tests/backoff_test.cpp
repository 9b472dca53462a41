#include <catch2/catch.hpp>

#include "safeloop/iot_adapters/backoff.hpp"
#include "safeloop/iot_adapters/modbus_poller.hpp"
#include "safeloop/iot_adapters/mqtt_subscriber.hpp"
#include "safeloop/iot_adapters/sink.hpp"

using namespace safeloop;
using namespace safeloop::iot;
using namespace std::chrono_literals;

TEST_CASE("backoff: exponential from the first delay, capped") {
  const BackoffPolicy p{200ms, 3000ms, 2.0};
  CHECK(BackoffDelay(p, 0) == 0ms);
  CHECK(BackoffDelay(p, 1) == 200ms);
  CHECK(BackoffDelay(p, 2) == 400ms);
  CHECK(BackoffDelay(p, 4) == 1600ms);
  CHECK(BackoffDelay(p, 5) == 3000ms);
  CHECK(BackoffDelay(p, 1000000) == 3000ms);  // no overflow, no busy loop
  CHECK(BackoffDelay(BackoffPolicy{500ms, 500ms, 1.0}, 7) == 500ms);
}

TEST_CASE("backoff: policy checks name the field") {
  CHECK(ValidateBackoffPolicy({}).ok());
  CHECK(ValidateBackoffPolicy({0ms, 1s, 2}).field() == "initial");
  CHECK(ValidateBackoffPolicy({2s, 1s, 2}).field() == "max");
  CHECK(ValidateBackoffPolicy({1s, 2s, 0.5}).field() == "multiplier");
}

TEST_CASE("adapter configuration errors name the field, before any connection") {
  ModbusDeviceConfig m;
  m.map = RegisterMap{"plc", 1, {RegisterPoint{"A", RegisterTable::kHoldingRegister, 0, DataType::kUInt16}}};
  CHECK(ValidateModbusDeviceConfig(m).ok());
  struct Row {
    std::function<void(ModbusDeviceConfig&)> mutate;
    const char* field;
  };
  for (const Row& r : std::vector<Row>{
           {[](auto& c) { c.host.clear(); }, "host"},
           {[](auto& c) { c.port = 0; }, "port"},
           {[](auto& c) { c.port = 65536; }, "port"},
           {[](auto& c) { c.connect_timeout = 0ms; }, "connect_timeout"},
           {[](auto& c) { c.request_timeout = -1ms; }, "request_timeout"},
           {[](auto& c) { c.poll_period = 0ms; }, "poll_period"},
           {[](auto& c) { c.plan.max_registers_per_request = 200; }, "plan.max_registers_per_request"},
           {[](auto& c) { c.map.points[0].address = 70000; }, "map.points[0].address"},
           {[](auto& c) { c.map.device_id.clear(); }, "map.device_id"},
           {[](auto& c) {
              c.map.points[0].type = DataType::kFloat32;
              c.plan.max_registers_per_request = 1;
            }, "plan.max_registers_per_request"},
           {[](auto& c) { c.reconnect.initial = 0ms; }, "reconnect.initial"},
       }) {
    ModbusDeviceConfig c = m;
    r.mutate(c);
    CHECK(ValidateModbusDeviceConfig(c).field() == r.field);
  }

  MqttSubscriberConfig q;
  q.bindings = {MqttBinding{"plant/gas/+", "{1}", {}}};
  CHECK(ValidateMqttSubscriberConfig(q).ok());
  struct QRow {
    std::function<void(MqttSubscriberConfig&)> mutate;
    const char* field;
  };
  for (const QRow& r : std::vector<QRow>{
           {[](auto& c) { c.host.clear(); }, "host"},
           {[](auto& c) { c.port = 0; }, "port"},
           {[](auto& c) { c.keepalive_s = 1; }, "keepalive_s"},
           {[](auto& c) { c.qos = 3; }, "qos"},
           {[](auto& c) { c.reconnect_min = 0s; }, "reconnect_min"},
           {[](auto& c) { c.reconnect_max = 0s; }, "reconnect_max"},
           {[](auto& c) { c.password = std::string(8, 'x'); }, "username"},  // not "x": g++ 12 -O2 -Wrestrict false positive
           {[](auto& c) { c.clean_session = false; }, "client_id"},
           {[](auto& c) { c.bindings.clear(); }, "bindings"},
           {[](auto& c) { c.bindings.push_back({"a/#/b", "x", {}}); }, "bindings[1].pattern"},
       }) {
    MqttSubscriberConfig c = q;
    r.mutate(c);
    CHECK(ValidateMqttSubscriberConfig(c).field() == r.field);
  }
}

TEST_CASE("ingest error kinds have stable codes") {
  for (auto k : {IngestErrorKind::kConnectFailed, IngestErrorKind::kTimeout, IngestErrorKind::kConnectionLost,
                 IngestErrorKind::kDeviceException, IngestErrorKind::kMalformedResponse,
                 IngestErrorKind::kMalformedPayload, IngestErrorKind::kUnmatchedTopic,
                 IngestErrorKind::kSubscribeRefused}) {
    CHECK_FALSE(IngestErrorKindCode(k).empty());
  }
  CHECK(IngestErrorKindCode(IngestErrorKind::kMalformedPayload) == "malformed_payload");
}
