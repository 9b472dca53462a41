#include "simulator_cli.hpp"

#include <csignal>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>

#include "modbus_server.hpp"
#include "mqtt_publisher.hpp"
#include "plant_model.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/core/log.hpp"

#ifndef SAFELOOP_SIMULATOR_DEFAULT_CONFIG
#define SAFELOOP_SIMULATOR_DEFAULT_CONFIG "plant.json"
#endif

namespace safeloop::simulator {
namespace {

constexpr const char* kComponent = "simulator";

std::optional<double> ToNumber(const std::string& s) {
  if (s.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    const double v = std::stod(s, &used);
    if (used != s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<std::uint64_t> ToUnsigned(const std::string& s) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  try {
    return std::stoull(s);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Waits until `deadline` or a termination signal; true when a signal came.
bool WaitUntilOrSignal(std::chrono::steady_clock::time_point deadline) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  while (true) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return false;
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
    timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    const int sig = sigtimedwait(&set, nullptr, &ts);
    if (sig == SIGINT || sig == SIGTERM) return true;
    // EAGAIN: the timeout; EINTR: another signal. Either way re-check the deadline.
  }
}

}  // namespace

std::string SimulatorUsage() {
  return "usage: safeloop-simulator [--config FILE] [--modbus-port N | --no-modbus] [--mqtt-host HOST]\n"
         "                          [--mqtt-port N | --no-mqtt] [--mqtt-client-id ID] [--seed N] [--rate HZ]\n"
         "                          [--duration S] [--excursion-every S]\n"
         "  --modbus-port 0 takes any free port (printed in the ready line); --duration 0 runs until SIGTERM;\n"
         "  --excursion-every 0 keeps the plant in its normal band.\n";
}

Result<SimulatorOptions> ParseSimulatorArgs(const std::vector<std::string>& args) {
  SimulatorOptions o;
  o.config_path = SAFELOOP_SIMULATOR_DEFAULT_CONFIG;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> value;
    if (const std::size_t eq = flag.find('='); eq != std::string::npos && flag.rfind("--", 0) == 0) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    }
    if (flag == "--help" || flag == "-h") return FailedPrecondition(SimulatorUsage());
    if (flag == "--no-mqtt") {
      o.mqtt = false;
      continue;
    }
    if (flag == "--no-modbus") {
      o.modbus = false;
      continue;
    }
    if (!value) {
      if (i + 1 >= args.size()) return InvalidArgument(flag + " needs a value", flag);
      value = args[++i];
    }
    const std::string& v = *value;
    if (flag == "--config") {
      if (v.empty()) return InvalidArgument("a file name is needed", flag);
      o.config_path = v;
    } else if (flag == "--modbus-port") {
      auto n = ToUnsigned(v);
      if (!n || *n > 65535) return InvalidArgument("a port 0..65535 (0: any free port)", flag);
      o.modbus_port = static_cast<int>(*n);
    } else if (flag == "--mqtt-host") {
      if (v.empty()) return InvalidArgument("a host is needed", flag);
      o.mqtt_host = v;
    } else if (flag == "--mqtt-port") {
      auto n = ToUnsigned(v);
      if (!n || *n < 1 || *n > 65535) return InvalidArgument("a port 1..65535", flag);
      o.mqtt_port = static_cast<int>(*n);
    } else if (flag == "--mqtt-client-id") {
      if (v.empty()) return InvalidArgument("a client id is needed", flag);
      o.mqtt_client_id = v;
    } else if (flag == "--seed") {
      auto n = ToUnsigned(v);
      if (!n) return InvalidArgument("a non-negative integer", flag);
      o.seed = *n;
    } else if (flag == "--rate") {
      auto n = ToNumber(v);
      if (!n || *n <= 0 || *n > 100) return InvalidArgument("steps per second, > 0 and ≤ 100", flag);
      o.rate_hz = *n;
    } else if (flag == "--duration") {
      auto n = ToNumber(v);
      if (!n || *n < 0) return InvalidArgument("seconds ≥ 0 (0: until stopped)", flag);
      o.duration_s = *n;
    } else if (flag == "--excursion-every") {
      auto n = ToNumber(v);
      if (!n || *n < 0) return InvalidArgument("seconds ≥ 0 (0: no excursions)", flag);
      o.excursion_every_s = *n;
    } else {
      return InvalidArgument("unknown flag", flag);
    }
  }
  return o;
}

int RunSimulator(const SimulatorOptions& options, std::ostream& out, std::ostream& err) {
  Result<PlantConfig> config = LoadPlantConfig(options.config_path);
  if (!config.ok()) {
    err << "safeloop-simulator: " << options.config_path << ": " << config.status().ToString() << "\n";
    return 1;
  }
  const iot::RegisterMap map = RegisterMapFor(*config);
  const auto step = std::chrono::milliseconds(std::max<std::int64_t>(1, std::llround(1000.0 / options.rate_hz)));
  PlantModel model(*config, options.seed,
                   std::chrono::milliseconds(std::llround(options.excursion_every_s * 1000.0)));

  std::unique_ptr<ModbusServer> server;
  if (options.modbus) {
    ModbusServerOptions so;
    so.port = options.modbus_port;
    server = std::make_unique<ModbusServer>(so);
    for (const iot::RegisterPoint& p : map.points) {
      (void)server->WriteValue(p, model.values()[*config->Find(p.point_id)]);
    }
    Result<int> port = server->Start();
    if (!port.ok()) {
      err << "safeloop-simulator: " << port.status().ToString() << "\n";
      return 1;
    }
  }
  std::unique_ptr<MqttPublisher> publisher;
  if (options.mqtt) {
    auto created = MqttPublisher::Create({options.mqtt_host, options.mqtt_port, options.mqtt_client_id, 0});
    if (!created.ok()) {
      err << "safeloop-simulator: " << created.status().ToString() << "\n";
      return 1;
    }
    publisher = std::move(*created);
    if (Status s = publisher->Start(); !s.ok()) {
      err << "safeloop-simulator: " << s.ToString() << "\n";
      return 1;
    }
  }

  out << nlohmann::json{{"event", "ready"},
                        {"plant", config->name},
                        {"points", config->points.size()},
                        {"modbus_port", server ? server->port() : 0},
                        {"mqtt", options.mqtt ? options.mqtt_host + ":" + std::to_string(options.mqtt_port) : ""},
                        {"seed", options.seed}}
             .dump()
      << std::endl;

  SystemClock clock;
  const auto started = std::chrono::steady_clock::now();
  const auto end = started + std::chrono::milliseconds(std::llround(options.duration_s * 1000.0));
  std::uint64_t steps = 0;
  std::size_t excursions_logged = 0;
  bool signalled = false;
  while (true) {
    const auto next = started + step * static_cast<std::int64_t>(steps + 1);
    if (options.duration_s > 0 && next > end) {
      signalled = WaitUntilOrSignal(end);
      break;
    }
    if (WaitUntilOrSignal(next)) {
      signalled = true;
      break;
    }
    model.Step(step);
    ++steps;
    for (; excursions_logged < model.excursions().size(); ++excursions_logged) {
      const Excursion& e = model.excursions()[excursions_logged];
      const PlantPoint& p = config->points[e.point];
      LogInfo(kComponent, "excursion",
              {{"tag", p.tag},
               {"side", e.side == ExcursionSide::kHigh ? "high" : "low"},
               {"through", e.through_second_level ? (e.side == ExcursionSide::kHigh ? "HH" : "LL")
                                                  : (e.side == ExcursionSide::kHigh ? "H" : "L")},
               {"peak", e.peak},
               {"duration_s", config->excursion_duration.count() / 1000.0}});
    }
    if (server) {
      for (const iot::RegisterPoint& p : map.points) {
        (void)server->WriteValue(p, model.values()[*config->Find(p.point_id)]);
      }
    }
    if (publisher) publisher->PublishPlant(*config, model.values(), clock.Now());
  }

  if (publisher) publisher->Stop();
  if (server) server->Stop();
  out << nlohmann::json{{"event", "done"},
                        {"reason", signalled ? "signal" : "duration"},
                        {"steps", steps},
                        {"plant_time_s", model.elapsed().count() / 1000.0},
                        {"excursions", model.excursions().size()},
                        {"modbus_requests", server ? server->requests() : 0},
                        {"mqtt_published", publisher ? publisher->published() : 0},
                        {"mqtt_dropped", publisher ? publisher->dropped() : 0}}
             .dump()
      << std::endl;
  return 0;
}

}  // namespace safeloop::simulator
