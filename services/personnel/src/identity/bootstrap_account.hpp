#pragma once
// `safeloop-personnel bootstrap-account (--enterprise ID [--unit ID] | --park ID) --username U --password P
//  --name DISPLAY [--gender male|female] --role CODE [--role CODE...]`
// Creates the first accounts of a tenant (an administrator, a park regulator) as the schema owner, after
// applying the migrations. Idempotent by username. Prints one JSON line {"account_id","person_id"}.

#include <string>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::personnel::identity {

struct BootstrapAccountArgs {
  std::string enterprise_id;
  std::string unit_id;
  std::string park_id;
  std::string username;
  std::string password;
  std::string display_name;
  std::string gender = "male";  // the person file requires one; --gender overrides
  std::vector<std::string> roles;
};

/// Parses the arguments after the subcommand; INVALID_ARGUMENT naming the option at fault (password policy
/// included).
Result<BootstrapAccountArgs> ParseBootstrapAccountArgs(const std::vector<std::string>& args);

/// The subcommand; argv[1] is "bootstrap-account". Reads SAFELOOP_PG_URL. Returns the exit code.
int RunBootstrapAccount(int argc, char** argv);

}  // namespace safeloop::personnel::identity
