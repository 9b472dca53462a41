#pragma once
// `safeloop-personnel bootstrap-tenant`: creates a park, an enterprise in it and the enterprise's company
// root unit for ops and the demo seed, idempotently (the same park name or credit code reuses the row).
// It runs as the schema owner: a tenant does not exist yet, so there is no tenant to enter.
//
//   safeloop-personnel bootstrap-tenant --park-name NAME [--park-region R] --enterprise-name NAME
//       --credit-code CODE [--hazchem-code 9DIGITS]
//   -> {"park_id":"…","enterprise_id":"…","root_unit_id":"…"}

#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::personnel::tenancy {

struct BootstrapTenantInput {
  std::string park_id;        ///< optional fixed id of a new park (demo data, migrations from other systems)
  std::string enterprise_id;  ///< optional fixed id of a new enterprise
  std::string park_name;
  std::string park_region;
  std::string enterprise_name;
  std::string credit_code;
  std::string hazchem_code;
};

struct BootstrapTenantOutput {
  std::string park_id;
  std::string enterprise_id;
  std::string root_unit_id;
};

/// Parses the arguments after the subcommand; INVALID_ARGUMENT naming the first bad or missing option, and
/// validating the credit code (GB 32100) and the hazchem code (9 digits).
Result<BootstrapTenantInput> ParseBootstrapTenantArgs(const std::vector<std::string>& args);

/// Creates what is missing in one transaction (with its events) and returns the ids. FAILED_PRECONDITION when
/// the credit code belongs to an enterprise of another park. Migrations must have been applied.
Result<BootstrapTenantOutput> BootstrapTenant(pqxx::connection& conn, const BootstrapTenantInput& input,
                                              const Clock& clock);

/// The whole command (argv[1] == "bootstrap-tenant"): reads SAFELOOP_PG_URL, applies the migrations, prints one
/// JSON line. Returns the exit code (2 for bad arguments, 1 for failures).
int RunBootstrapTenant(int argc, char** argv);

}  // namespace safeloop::personnel::tenancy
