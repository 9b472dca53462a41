// safeloop-risk: risk graded control (maps, areas, risk points, LEC assessments, live four-colour map).
#include <iostream>

#include "risk_app.hpp"
#include "safeloop/core/termination.hpp"

int main() {
  safeloop::BlockTerminationSignals();  // before any thread starts
  try {
    safeloop::EnvReader env;
    return safeloop::risk::RunRiskService(safeloop::risk::RiskConfig::FromEnv(env));
  } catch (const std::exception& e) {
    std::cerr << "safeloop-risk: " << e.what() << '\n';
    return 2;
  }
}
