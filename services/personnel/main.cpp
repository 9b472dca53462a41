// safeloop-personnel: tenants, the organisation, people, accounts and login, roles and permissions,
// certificates and contractors.
#include <iostream>

#include "personnel_app.hpp"
#include "safeloop/core/termination.hpp"

int main() {
  safeloop::BlockTerminationSignals();  // before any thread starts
  try {
    safeloop::EnvReader env;
    return safeloop::personnel::RunPersonnelService(safeloop::personnel::PersonnelConfig::FromEnv(env));
  } catch (const std::exception& e) {
    std::cerr << "safeloop-personnel: " << e.what() << '\n';
    return 2;
  }
}
