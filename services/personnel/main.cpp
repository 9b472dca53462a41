// safeloop-personnel: tenants, the organisation, people, accounts and login, roles and permissions,
// certificates and contractors.
#include <iostream>

#include "identity/bootstrap_account.hpp"
#include "personnel_app.hpp"
#include "safeloop/core/termination.hpp"
#include "tenancy/bootstrap_tenant.hpp"

int main(int argc, char** argv) {
  safeloop::BlockTerminationSignals();  // before any thread starts
  try {
    if (argc > 1 && std::string(argv[1]) == "bootstrap-account") {
      return safeloop::personnel::identity::RunBootstrapAccount(argc, argv);
    }
    if (argc > 1 && std::string(argv[1]) == "bootstrap-tenant") {
      return safeloop::personnel::tenancy::RunBootstrapTenant(argc, argv);
    }
    safeloop::EnvReader env;
    return safeloop::personnel::RunPersonnelService(safeloop::personnel::PersonnelConfig::FromEnv(env));
  } catch (const std::exception& e) {
    std::cerr << "safeloop-personnel: " << e.what() << '\n';
    return 2;
  }
}
