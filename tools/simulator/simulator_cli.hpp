#pragma once
// safeloop-simulator: plays the demo chemical plant on a Modbus TCP server and an MQTT broker.
//   safeloop-simulator [--config plant.json] [--modbus-port 5020 | --no-modbus]
//                      [--mqtt-host 127.0.0.1] [--mqtt-port 1883 | --no-mqtt] [--mqtt-client-id ID]
//                      [--seed 1] [--rate 1] [--duration 0] [--excursion-every 300]
// --rate is plant steps (and MQTT publications) per second; --duration bounds the run in seconds (0: until
// SIGINT/SIGTERM); --excursion-every is the plant time between two excursions in seconds (0: none).
// Prints one JSON line when ready ({"event":"ready","modbus_port":…}) and one when done, on stdout.

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::simulator {

struct SimulatorOptions {
  std::string config_path;  ///< default: the plant.json next to the simulator's sources
  bool modbus = true;
  int modbus_port = 5020;  ///< 0: an ephemeral port (printed in the ready line)
  bool mqtt = true;
  std::string mqtt_host = "127.0.0.1";
  int mqtt_port = 1883;
  std::string mqtt_client_id = "safeloop-simulator";
  std::uint64_t seed = 1;
  double rate_hz = 1;
  double duration_s = 0;
  double excursion_every_s = 300;
};

/// Parses the flags (`args` without the program name); INVALID_ARGUMENT naming the flag ("--rate").
/// "--help" gives FAILED_PRECONDITION with the usage as message.
Result<SimulatorOptions> ParseSimulatorArgs(const std::vector<std::string>& args);
std::string SimulatorUsage();

/// Runs the plant until the duration ends or SIGINT/SIGTERM arrives (block them first, see
/// safeloop/core/termination.hpp). Returns the exit code: 0, 1 on a runtime failure.
int RunSimulator(const SimulatorOptions& options, std::ostream& out, std::ostream& err);

}  // namespace safeloop::simulator
