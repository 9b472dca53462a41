// The Modbus poller against the simulator's Modbus TCP server (libmodbus on both ends, loopback, an
// ephemeral port), in-process so the tests can make the server misbehave on cue.
#include <catch2/catch.hpp>

#include <modbus/modbus.h>

#include <cmath>
#include <map>
#include <thread>

#include "modbus_server.hpp"
#include "plant_config.hpp"
#include "safeloop/iot_adapters/modbus_poller.hpp"
#include "test_support.hpp"

using namespace safeloop;
using namespace safeloop::iot;
using namespace safeloop::iot::testing;
using namespace std::chrono_literals;
using safeloop::simulator::ModbusServer;
using safeloop::simulator::ModbusServerOptions;
using safeloop::simulator::ServerFault;

namespace {

constexpr std::array<WordOrder, 4> kOrders{WordOrder::kABCD, WordOrder::kCDAB, WordOrder::kBADC, WordOrder::kDCBA};

ModbusDeviceConfig Device(int port, RegisterMap map) {
  ModbusDeviceConfig c;
  c.host = "127.0.0.1";
  c.port = port;
  c.map = std::move(map);
  c.connect_timeout = 1000ms;
  c.request_timeout = 300ms;
  c.poll_period = 100ms;
  c.reconnect = BackoffPolicy{50ms, 400ms, 2.0};
  return c;
}

std::unique_ptr<ModbusPoller> Poller(const ModbusDeviceConfig& c, CollectingSink& sink, const Clock& clock) {
  auto p = ModbusPoller::Create(c, sink, clock);
  REQUIRE(p.ok());
  return std::move(*p);
}

// One point of every data type in every word order, with values that exercise sign and byte order.
struct Case {
  RegisterPoint point;
  double value;
};
std::vector<Case> EveryTypeAndOrder() {
  std::vector<Case> out;
  int address = 0;
  int n = 0;
  for (WordOrder o : kOrders) {
    const std::string suffix = std::string(WordOrderCode(o));
    auto add = [&](DataType t, double scale, double offset, double value) {
      out.push_back({RegisterPoint{std::string(DataTypeCode(t)) + "-" + suffix + "-" + std::to_string(n++),
                                   RegisterTable::kHoldingRegister, address, t, o, scale, offset},
                     value});
      address += RegisterWidth(t);
    };
    add(DataType::kInt16, 0.1, 0, -1234.5);
    add(DataType::kUInt16, 0.01, 0, 543.21);
    add(DataType::kInt32, 0.001, 0, -1234567.891);
    add(DataType::kUInt32, 1, -1000, 3000000000.0);
    add(DataType::kFloat32, 1, 0, -12.5);
    add(DataType::kFloat32, 2, 10, 123456.0);
  }
  return out;
}

}  // namespace

TEST_CASE("modbus poller: every data type in every word order arrives scaled over the wire", "[modbus]") {
  ModbusServer server;
  auto port = server.Start();
  REQUIRE(port.ok());
  const std::vector<Case> cases = EveryTypeAndOrder();
  RegisterMap map{"plc-types", 1, {}};
  for (const Case& c : cases) {
    map.points.push_back(c.point);
    REQUIRE(server.WriteValue(c.point, c.value).ok());
  }
  // A coil and a discrete input next to the registers.
  map.points.push_back(RegisterPoint{"coil-7", RegisterTable::kCoil, 7, DataType::kBool});
  map.points.push_back(RegisterPoint{"di-3", RegisterTable::kDiscreteInput, 3, DataType::kBool});
  REQUIRE(server.WriteBit(RegisterTable::kCoil, 7, true).ok());
  REQUIRE(server.WriteBit(RegisterTable::kDiscreteInput, 3, false).ok());

  CollectingSink sink;
  ManualClock clock(FromUnixMillis(1'764'000'000'000));
  auto poller = Poller(Device(*port, map), sink, clock);
  const PollReport report = poller->PollOnce();
  INFO(report.error);
  CHECK(report.connected);
  CHECK_FALSE(report.transport_failed);
  CHECK(report.requests == static_cast<int>(poller->plan().size()));
  CHECK(report.succeeded == report.requests);
  CHECK(report.bad_readings == 0);

  const auto latest = sink.latest();
  REQUIRE(latest.size() == map.points.size());
  for (const Case& c : cases) {
    INFO(c.point.point_id);
    const Reading& r = latest.at(c.point.point_id);
    CHECK(r.quality == Quality::kGood);
    CHECK(r.timestamp == clock.Now());
    CHECK(r.value == Approx(c.value).margin(std::abs(c.point.scale) / 2 + std::abs(c.value) * 1e-7));
  }
  CHECK(latest.at("coil-7").value == 1);
  CHECK(latest.at("di-3").value == 0);
  CHECK(poller->Stats().connections == 1);
  CHECK(poller->Stats().readings == map.points.size());
}

TEST_CASE("modbus poller: registers written by a plain libmodbus client decode in each word order", "[modbus]") {
  // Another client writes the hand-computed wire patterns of -12.5 (0xC1480000) with function 16; the poller
  // must read them back in the order each point declares. (libmodbus 3.1.6's own modbus_set_float_abcd …
  // helpers do not round-trip — fixed upstream in 3.1.7 — so they are no reference here.)
  ModbusServer server;
  auto port = server.Start();
  REQUIRE(port.ok());
  modbus_t* writer = modbus_new_tcp("127.0.0.1", *port);
  REQUIRE(writer != nullptr);
  REQUIRE(modbus_connect(writer) == 0);
  const std::uint16_t wire[8] = {0xC148, 0x0000, 0x0000, 0xC148, 0x48C1, 0x0000, 0x0000, 0x48C1};
  REQUIRE(modbus_write_registers(writer, 100, 8, wire) == 8);
  const std::uint16_t minus_two[2] = {0xFEFF, 0xFFFF};  // int32 -2 in DCBA
  REQUIRE(modbus_write_registers(writer, 110, 2, minus_two) == 2);
  modbus_close(writer);
  modbus_free(writer);

  RegisterMap map{"plc-written", 1, {}};
  int address = 100;
  for (WordOrder o : kOrders) {
    map.points.push_back(RegisterPoint{std::string(WordOrderCode(o)), RegisterTable::kHoldingRegister, address,
                                       DataType::kFloat32, o});
    address += 2;
  }
  map.points.push_back(RegisterPoint{"I32", RegisterTable::kHoldingRegister, 110, DataType::kInt32, WordOrder::kDCBA});
  CollectingSink sink;
  SystemClock clock;
  auto poller = Poller(Device(*port, map), sink, clock);
  REQUIRE(poller->PollOnce().succeeded == 1);
  for (WordOrder o : kOrders) {
    INFO(WordOrderCode(o));
    auto r = sink.Latest(std::string(WordOrderCode(o)));
    REQUIRE(r.has_value());
    CHECK(r->value == -12.5);
  }
  CHECK(sink.Latest("I32")->value == -2);
}

TEST_CASE("modbus poller: the simulator's plant map, negative and scaled values included", "[modbus]") {
  auto plant = simulator::LoadPlantConfig(SAFELOOP_PLANT_JSON_FOR_TESTS);
  REQUIRE(plant.ok());
  const RegisterMap map = simulator::RegisterMapFor(*plant);
  ModbusServer server;
  auto port = server.Start();
  REQUIRE(port.ok());
  std::map<std::string, double> written;
  for (const RegisterPoint& p : map.points) {
    const auto& pp = plant->points[*plant->Find(p.point_id)];
    // A value off the normal to prove it is read, not assumed; TT-103 goes below zero.
    const double v = pp.is_switch() ? 1.0 : pp.range_low + 0.37 * (pp.range_high - pp.range_low);
    REQUIRE(server.WriteValue(p, v).ok());
    written[p.point_id] = v;
  }
  CollectingSink sink;
  SystemClock clock;
  auto poller = Poller(Device(*port, map), sink, clock);
  CHECK(poller->plan().size() == 5);
  const PollReport report = poller->PollOnce();
  CHECK(report.succeeded == 5);
  const auto latest = sink.latest();
  REQUIRE(latest.size() == map.points.size());
  for (const RegisterPoint& p : map.points) {
    INFO(p.point_id);
    CHECK(latest.at(p.point_id).value == Approx(written[p.point_id]).margin(p.scale / 2 + 1e-5));
    CHECK(latest.at(p.point_id).quality == Quality::kGood);
  }
  CHECK(latest.at("TT-103").value == Approx(-3.0).margin(0.05));  // −40 + 0.37 × 100
}

TEST_CASE("modbus poller: device exceptions become bad-quality readings; other requests still read",
          "[modbus]") {
  ModbusServerOptions options;
  options.holding_registers = 100;  // a read at 200 is beyond the table: ILLEGAL DATA ADDRESS
  ModbusServer server(options);
  auto port = server.Start();
  REQUIRE(port.ok());
  REQUIRE(server.WriteValue(RegisterPoint{"OK", RegisterTable::kHoldingRegister, 5, DataType::kUInt16}, 42).ok());
  const RegisterMap map{"plc-exc", 1,
                        {RegisterPoint{"OK", RegisterTable::kHoldingRegister, 5, DataType::kUInt16},
                         RegisterPoint{"MISSING-1", RegisterTable::kHoldingRegister, 200, DataType::kFloat32},
                         RegisterPoint{"MISSING-2", RegisterTable::kHoldingRegister, 202, DataType::kUInt16}}};
  CollectingSink sink;
  SystemClock clock;
  auto poller = Poller(Device(*port, map), sink, clock);
  PollReport report = poller->PollOnce();
  CHECK(report.requests == 2);
  CHECK(report.succeeded == 1);
  CHECK(report.device_exceptions == 1);
  CHECK_FALSE(report.transport_failed);
  CHECK(poller->Connected());  // an exception is an answer: the connection stays
  auto latest = sink.latest();
  CHECK(latest.at("OK").quality == Quality::kGood);
  CHECK(latest.at("OK").value == 42);
  for (const char* id : {"MISSING-1", "MISSING-2"}) {
    INFO(id);
    CHECK(latest.at(id).quality == Quality::kBad);
    CHECK(latest.at(id).reason == QualityReason::kDeviceException);
  }
  CHECK(poller->Stats().device_exceptions == 1);
  REQUIRE(sink.error_count(IngestErrorKind::kDeviceException) == 1);
  const IngestError e = sink.errors().front();
  CHECK(e.source == "modbus:plc-exc");
  CHECK(e.where == "holding 200+3");
  CHECK_FALSE(e.detail.empty());

  // A device that answers everything with an exception: every point bad, nothing crashes.
  server.SetFaultForTest(ServerFault::kExceptionReply);
  sink.Clear();
  report = poller->PollOnce();
  CHECK(report.device_exceptions == 2);
  CHECK(report.bad_readings == 3);
  server.SetFaultForTest(ServerFault::kNone);
  sink.Clear();
  CHECK(poller->PollOnce().succeeded == 1);
  CHECK(sink.Latest("OK")->quality == Quality::kGood);
}

TEST_CASE("modbus poller: a response that does not match its request is counted and marked bad", "[modbus]") {
  ModbusServer server;
  auto port = server.Start();
  REQUIRE(port.ok());
  const RegisterMap map{"plc-bad", 1,
                        {RegisterPoint{"A", RegisterTable::kHoldingRegister, 0, DataType::kUInt16},
                         RegisterPoint{"B", RegisterTable::kHoldingRegister, 1, DataType::kFloat32, WordOrder::kCDAB},
                         RegisterPoint{"C", RegisterTable::kCoil, 0, DataType::kBool}}};
  REQUIRE(server.WriteValue(map.points[0], 7).ok());
  CollectingSink sink;
  SystemClock clock;
  auto poller = Poller(Device(*port, map), sink, clock);
  server.SetFaultForTest(ServerFault::kMalformedReply);
  PollReport report = poller->PollOnce();
  CHECK(report.malformed == 2);
  CHECK(report.bad_readings == 3);
  for (const char* id : {"A", "B", "C"}) {
    INFO(id);
    CHECK(sink.Latest(id)->quality == Quality::kBad);
    CHECK(sink.Latest(id)->reason == QualityReason::kMalformedResponse);
  }
  CHECK(poller->Stats().malformed_responses == 2);
  CHECK(sink.error_count(IngestErrorKind::kMalformedResponse) == 2);

  server.SetFaultForTest(ServerFault::kNone);
  sink.Clear();
  report = poller->PollOnce();
  CHECK(report.succeeded == 2);
  CHECK(sink.Latest("A")->value == 7);
}

TEST_CASE("modbus poller: a float32 NaN pattern is a bad-quality reading that keeps the value", "[modbus]") {
  ModbusServer server;
  auto port = server.Start();
  REQUIRE(port.ok());
  const RegisterPoint nan_point{"NAN", RegisterTable::kInputRegister, 0, DataType::kFloat32, WordOrder::kCDAB};
  const RegisterPoint inf_point{"INF", RegisterTable::kInputRegister, 2, DataType::kFloat32, WordOrder::kABCD};
  const RegisterWords nan = EncodeBits32(0x7FC00000u, WordOrder::kCDAB);
  const RegisterWords inf = EncodeBits32(0xFF800000u, WordOrder::kABCD);
  REQUIRE(server.WriteRegisters(RegisterTable::kInputRegister, 0, nan).ok());
  REQUIRE(server.WriteRegisters(RegisterTable::kInputRegister, 2, inf).ok());
  CollectingSink sink;
  SystemClock clock;
  auto poller = Poller(Device(*port, RegisterMap{"plc-nan", 1, {nan_point, inf_point}}), sink, clock);
  REQUIRE(poller->PollOnce().succeeded == 1);
  CHECK(std::isnan(sink.Latest("NAN")->value));
  CHECK(sink.Latest("NAN")->quality == Quality::kBad);
  CHECK(sink.Latest("NAN")->reason == QualityReason::kNonFinite);
  CHECK(std::isinf(sink.Latest("INF")->value));
  CHECK(sink.Latest("INF")->value < 0);
  CHECK(sink.Latest("INF")->reason == QualityReason::kNonFinite);
}

TEST_CASE("modbus poller: a server that stops answering times out within the request timeout", "[modbus]") {
  ModbusServer server;
  auto port = server.Start();
  REQUIRE(port.ok());
  const RegisterMap map{"plc-hang", 1,
                        {RegisterPoint{"A", RegisterTable::kHoldingRegister, 0, DataType::kUInt16},
                         RegisterPoint{"B", RegisterTable::kInputRegister, 0, DataType::kUInt16}}};
  REQUIRE(server.WriteValue(map.points[0], 11).ok());
  CollectingSink sink;
  SystemClock clock;
  auto poller = Poller(Device(*port, map), sink, clock);
  REQUIRE(poller->PollOnce().succeeded == 2);

  server.SetFaultForTest(ServerFault::kNoReply);
  sink.Clear();
  const auto started = std::chrono::steady_clock::now();
  const PollReport report = poller->PollOnce();
  const auto took = std::chrono::steady_clock::now() - started;
  CHECK(report.transport_failed);
  CHECK(report.requests == 1);  // the rest of the poll is abandoned
  CHECK(report.readings == 0);  // nothing invented: the absence is what communication-loss detection sees
  CHECK(took >= 250ms);
  CHECK(took < 2s);
  CHECK_FALSE(poller->Connected());
  CHECK(poller->Stats().timeouts == 1);
  CHECK(sink.error_count(IngestErrorKind::kTimeout) == 1);

  server.SetFaultForTest(ServerFault::kNone);
  const PollReport again = poller->PollOnce();  // reconnects
  CHECK(again.succeeded == 2);
  CHECK(poller->Stats().connections == 2);
  CHECK(sink.Latest("A")->value == 11);
}

TEST_CASE("modbus poller: nobody listening is a counted connect failure, not a hang", "[modbus]") {
  const int port = FreeLoopbackPort();
  CollectingSink sink;
  SystemClock clock;
  auto poller = Poller(
      Device(port, RegisterMap{"plc-none", 1, {RegisterPoint{"A", RegisterTable::kHoldingRegister, 0, DataType::kUInt16}}}),
      sink, clock);
  const auto started = std::chrono::steady_clock::now();
  const PollReport report = poller->PollOnce();
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  CHECK(report.transport_failed);
  CHECK_FALSE(report.connected);
  CHECK(poller->Stats().connect_failures == 1);
  REQUIRE(sink.error_count(IngestErrorKind::kConnectFailed) == 1);
  CHECK(sink.errors()[0].where == "127.0.0.1:" + std::to_string(port));
}

TEST_CASE("modbus poller: the schedule reconnects with backoff after the server restarts", "[modbus]") {
  auto server = std::make_unique<ModbusServer>();
  auto port = server->Start();
  REQUIRE(port.ok());
  const RegisterPoint level{"LT-1", RegisterTable::kHoldingRegister, 10, DataType::kInt32, WordOrder::kCDAB, 0.001};
  REQUIRE(server->WriteValue(level, 12.345).ok());
  CollectingSink sink;
  SystemClock clock;
  auto poller = Poller(Device(*port, RegisterMap{"plc-restart", 1, {level}}), sink, clock);
  poller->Start();
  REQUIRE(WaitFor([&] { return sink.Latest("LT-1").has_value(); }, 5s));
  CHECK(sink.Latest("LT-1")->value == Approx(12.345));
  // Polls keep coming at the poll period.
  const std::size_t before = sink.reading_count();
  REQUIRE(WaitFor([&] { return sink.reading_count() >= before + 3; }, 5s));

  server->Stop();
  REQUIRE(WaitFor([&] { return !poller->Connected(); }, 5s));
  // While it is down: connect failures, spaced by the backoff (50, 100, 200, 400, 400 … ms), not a busy loop.
  std::this_thread::sleep_for(1500ms);
  const ModbusStats down = poller->Stats();
  CHECK(down.connect_failures >= 2);
  CHECK(down.connect_failures <= 10);

  REQUIRE(server->WriteValue(level, -0.5).ok());  // the registers survive the restart; this is a new value
  REQUIRE(server->Start().ok());
  CHECK(server->port() == *port);
  REQUIRE(WaitFor([&] {
    auto r = sink.Latest("LT-1");
    return r && std::abs(r->value + 0.5) < 1e-9;
  }, 5s));
  CHECK(poller->Connected());
  CHECK(poller->Stats().connections >= 2);
  poller->Stop();
  CHECK_FALSE(poller->Connected());
  const std::size_t after_stop = sink.reading_count();
  std::this_thread::sleep_for(300ms);
  CHECK(sink.reading_count() == after_stop);  // stopped means stopped
}
