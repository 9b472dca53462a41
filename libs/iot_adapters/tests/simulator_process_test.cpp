// The safeloop-simulator binary as a child process, as tools/up runs it: its Modbus server polled by the
// poller and its MQTT messages received through a Mosquitto broker. Stopping the process (SIGSTOP) is a
// device that stops answering with its TCP connection still up; killing and restarting it is a device
// restart.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <set>
#include <thread>

#include "plant_config.hpp"
#include "safeloop/iot_adapters/modbus_poller.hpp"
#include "safeloop/iot_adapters/mqtt_subscriber.hpp"
#include "test_support.hpp"

using namespace safeloop;
using namespace safeloop::iot;
using namespace safeloop::iot::testing;
using namespace std::chrono_literals;

namespace {

ChildProcess StartSimulator(const TempDir& dir, int modbus_port, int mqtt_port, const std::string& run) {
  auto child = ChildProcess::Spawn({SAFELOOP_SIMULATOR_BIN, "--modbus-port", std::to_string(modbus_port),
                                    "--mqtt-port", std::to_string(mqtt_port), "--mqtt-client-id", "sim-" + run,
                                    "--seed", "7", "--rate", "10", "--duration", "60", "--excursion-every", "0.2"},
                                   dir.path() + "/" + run + ".out", dir.path() + "/" + run + ".err");
  REQUIRE(child.ok());
  REQUIRE(WaitFor([&] { return PortAccepts(modbus_port); }, 10s));
  return std::move(*child);
}

}  // namespace

TEST_CASE("simulator process: Modbus and MQTT readings of the whole plant; hang, kill and restart",
          "[simulator]") {
  MosquittoBroker broker;
  REQUIRE(broker.Start().ok());
  TempDir dir;
  const int modbus_port = FreeLoopbackPort();
  ChildProcess sim = StartSimulator(dir, modbus_port, broker.port(), "first");

  auto plant = simulator::LoadPlantConfig(SAFELOOP_PLANT_JSON_FOR_TESTS);
  REQUIRE(plant.ok());
  CollectingSink sink;
  SystemClock clock;
  ModbusDeviceConfig device;
  device.port = modbus_port;
  device.map = simulator::RegisterMapFor(*plant);
  device.request_timeout = 300ms;
  device.poll_period = 100ms;
  device.reconnect = BackoffPolicy{50ms, 300ms, 2.0};
  auto poller = ModbusPoller::Create(device, sink, clock);
  REQUIRE(poller.ok());
  MqttSubscriberConfig mqtt;
  mqtt.port = broker.port();
  mqtt.bindings = simulator::MqttBindingsFor(*plant);
  mqtt.reconnect_max = 2s;
  auto subscriber = MqttSubscriber::Create(mqtt, sink, clock);
  REQUIRE(subscriber.ok());
  REQUIRE((*subscriber)->Start().ok());
  (*poller)->Start();

  // Every point of the plant arrives, good and inside its range, and the values move.
  REQUIRE(WaitFor([&] { return sink.latest().size() == plant->points.size(); }, 15s));
  const auto first = sink.latest();
  for (const auto& p : plant->points) {
    INFO(p.tag << " " << ReadFile(dir.path() + "/first.err"));
    const Reading& r = first.at(p.tag);
    CHECK(r.quality == Quality::kGood);
    CHECK(r.value >= p.range_low);
    CHECK(r.value <= p.range_high);
  }
  REQUIRE(WaitFor([&] {
    const auto now = sink.latest();
    return now.at("TT-201").value != first.at("TT-201").value && now.at("GT-201").value != first.at("GT-201").value;
  }, 10s));

  // A hung device: the process is stopped, its kernel still holds the connection, nothing answers.
  sim.Signal(SIGSTOP);
  REQUIRE(WaitFor([&] { return (*poller)->Stats().timeouts >= 1; }, 5s));
  sim.Signal(SIGCONT);
  const std::size_t before = sink.reading_count();
  REQUIRE(WaitFor([&] { return (*poller)->Connected() && sink.reading_count() > before + 11; }, 10s));

  // A device restart: killed, then started again on the same port.
  const std::uint64_t connections = (*poller)->Stats().connections;
  sim.Signal(SIGKILL);
  REQUIRE(sim.Wait(5s).has_value());
  REQUIRE(WaitFor([&] { return !(*poller)->Connected(); }, 5s));
  ChildProcess again = StartSimulator(dir, modbus_port, broker.port(), "second");
  REQUIRE(WaitFor([&] { return (*poller)->Stats().connections > connections; }, 10s));
  sink.Clear();
  REQUIRE(WaitFor([&] { return sink.latest().size() == plant->points.size(); }, 15s));

  // SIGTERM ends the run cleanly, with a summary line.
  (*poller)->Stop();
  (*subscriber)->Stop();
  auto status = again.Stop();
  REQUIRE(status.has_value());
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
  const std::string out = ReadFile(dir.path() + "/second.out");
  INFO(out);
  CHECK(out.find(R"("event":"ready")") != std::string::npos);
  CHECK(out.find(R"("reason":"signal")") != std::string::npos);
  // An excursion every 0.2 s of plant time: the first run logged some.
  INFO(ReadFile(dir.path() + "/first.err"));
  CHECK(ReadFile(dir.path() + "/first.err").find(R"("msg":"excursion")") != std::string::npos);
  const auto stats = (*subscriber)->Stats();
  CHECK(stats.malformed_messages == 0);
  CHECK(stats.unmatched_messages == 0);
}

TEST_CASE("simulator process: a bounded run ends by itself", "[simulator]") {
  TempDir dir;
  auto child = ChildProcess::Spawn({SAFELOOP_SIMULATOR_BIN, "--modbus-port", "0", "--no-mqtt", "--rate", "20",
                                    "--duration", "0.5"},
                                   dir.path() + "/out", dir.path() + "/err");
  REQUIRE(child.ok());
  auto status = child->Wait(10s);
  REQUIRE(status.has_value());
  CHECK(WEXITSTATUS(*status) == 0);
  const std::string out = ReadFile(dir.path() + "/out");
  INFO(out << ReadFile(dir.path() + "/err"));
  CHECK(out.find(R"("reason":"duration")") != std::string::npos);
  CHECK(out.find(R"("modbus_port":0)") == std::string::npos);  // the ephemeral port it got is printed

  auto bad = ChildProcess::Spawn({SAFELOOP_SIMULATOR_BIN, "--rate", "0"}, dir.path() + "/out2", dir.path() + "/err2");
  REQUIRE(bad.ok());
  status = bad->Wait(10s);
  REQUIRE(status.has_value());
  CHECK(WEXITSTATUS(*status) == 2);
  CHECK(ReadFile(dir.path() + "/err2").find("--rate") != std::string::npos);
}
