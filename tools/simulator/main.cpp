#include <iostream>

#include "safeloop/core/termination.hpp"
#include "simulator_cli.hpp"

int main(int argc, char** argv) {
  // Before any thread starts, so the Modbus and MQTT threads inherit the mask and the run loop takes
  // SIGINT/SIGTERM synchronously.
  safeloop::BlockTerminationSignals();
  auto options = safeloop::simulator::ParseSimulatorArgs(std::vector<std::string>(argv + 1, argv + argc));
  if (!options.ok()) {
    if (options.status().code() == safeloop::StatusCode::kFailedPrecondition) {  // --help
      std::cout << options.status().message();
      return 0;
    }
    std::cerr << "safeloop-simulator: " << options.status().field() << ": " << options.status().message() << "\n"
              << safeloop::simulator::SimulatorUsage();
    return 2;
  }
  return safeloop::simulator::RunSimulator(*options, std::cout, std::cerr);
}
