#include <catch2/catch.hpp>

#include <sstream>

#include "simulator_cli.hpp"

using namespace safeloop;
using namespace safeloop::simulator;

TEST_CASE("simulator cli: defaults and every flag") {
  auto d = ParseSimulatorArgs({});
  REQUIRE(d.ok());
  CHECK(d->modbus_port == 5020);
  CHECK(d->mqtt_port == 1883);
  CHECK(d->mqtt_host == "127.0.0.1");
  CHECK(d->seed == 1);
  CHECK(d->rate_hz == 1);
  CHECK(d->duration_s == 0);
  CHECK(d->excursion_every_s == 300);
  CHECK(d->config_path.find("plant.json") != std::string::npos);

  auto o = ParseSimulatorArgs({"--modbus-port", "0", "--mqtt-host=broker.local", "--mqtt-port", "11883", "--seed",
                               "99", "--rate=5", "--duration", "2.5", "--excursion-every", "0", "--config",
                               "/tmp/p.json"});
  REQUIRE(o.ok());
  CHECK(o->modbus_port == 0);
  CHECK(o->mqtt_host == "broker.local");
  CHECK(o->mqtt_port == 11883);
  CHECK(o->seed == 99);
  CHECK(o->rate_hz == 5);
  CHECK(o->duration_s == 2.5);
  CHECK(o->excursion_every_s == 0);
  CHECK(o->config_path == "/tmp/p.json");
  auto off = ParseSimulatorArgs({"--no-mqtt", "--no-modbus"});
  REQUIRE(off.ok());
  CHECK_FALSE(off->mqtt);
  CHECK_FALSE(off->modbus);
}

TEST_CASE("simulator cli: bad flags name the flag") {
  struct Row {
    std::vector<std::string> args;
    const char* flag;
  };
  for (const Row& r : std::vector<Row>{{{"--modbus-port", "70000"}, "--modbus-port"},
                                       {{"--modbus-port", "-1"}, "--modbus-port"},
                                       {{"--mqtt-port", "0"}, "--mqtt-port"},
                                       {{"--rate", "0"}, "--rate"},
                                       {{"--rate", "fast"}, "--rate"},
                                       {{"--rate", "1000"}, "--rate"},
                                       {{"--duration", "-1"}, "--duration"},
                                       {{"--excursion-every", "x"}, "--excursion-every"},
                                       {{"--seed", "-3"}, "--seed"},
                                       {{"--seed"}, "--seed"},
                                       {{"--bogus", "1"}, "--bogus"}}) {
    auto o = ParseSimulatorArgs(r.args);
    REQUIRE_FALSE(o.ok());
    CHECK(o.status().code() == StatusCode::kInvalidArgument);
    CHECK(o.status().field() == r.flag);
  }
  auto help = ParseSimulatorArgs({"--help"});
  REQUIRE_FALSE(help.ok());
  CHECK(help.status().message().find("usage") != std::string::npos);
}

TEST_CASE("simulator cli: a bounded run without network prints ready and done") {
  auto o = ParseSimulatorArgs({"--no-mqtt", "--no-modbus", "--rate", "20", "--duration", "0.5", "--excursion-every",
                               "0.1"});
  REQUIRE(o.ok());
  std::ostringstream out, err;
  CHECK(RunSimulator(*o, out, err) == 0);
  const std::string text = out.str();
  INFO(text << err.str());
  CHECK(text.find(R"("event":"ready")") != std::string::npos);
  CHECK(text.find(R"("event":"done")") != std::string::npos);
  CHECK(text.find(R"("reason":"duration")") != std::string::npos);
  CHECK(text.find(R"("steps":10)") != std::string::npos);

  SimulatorOptions missing = *o;
  missing.config_path = "/nonexistent/plant.json";
  std::ostringstream out2, err2;
  CHECK(RunSimulator(missing, out2, err2) == 1);
  CHECK(err2.str().find("/nonexistent/plant.json") != std::string::npos);
}
