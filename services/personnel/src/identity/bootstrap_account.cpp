#include "bootstrap_account.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

#include "credentials.hpp"
#include "identity_validation.hpp"
#include "personnel_config.hpp"
#include "pg_identity_store.hpp"
#include "safeloop/core/config.hpp"
#include "safeloop/db/migrations.hpp"
#include "safeloop/personnel_domain/password_policy.hpp"

namespace safeloop::personnel {
std::vector<db::Migration> EmbeddedMigrations();
}

namespace safeloop::personnel::identity {

Result<BootstrapAccountArgs> ParseBootstrapAccountArgs(const std::vector<std::string>& args) {
  BootstrapAccountArgs out;
  for (std::size_t i = 0; i < args.size(); i += 2) {
    const std::string& flag = args[i];
    if (i + 1 >= args.size()) return InvalidArgument(flag + " needs a value", flag);
    const std::string& value = args[i + 1];
    if (flag == "--enterprise") out.enterprise_id = value;
    else if (flag == "--unit") out.unit_id = value;
    else if (flag == "--park") out.park_id = value;
    else if (flag == "--username") out.username = value;
    else if (flag == "--password") out.password = value;
    else if (flag == "--name") out.display_name = value;
    else if (flag == "--gender") out.gender = value;
    else if (flag == "--role") out.roles.push_back(value);
    else return InvalidArgument("unknown option " + flag, flag);
  }
  if (out.enterprise_id.empty() == out.park_id.empty()) {
    return InvalidArgument("give exactly one of --enterprise ID or --park ID", "--enterprise");
  }
  if (!out.park_id.empty() && !out.unit_id.empty()) return InvalidArgument("--unit goes with --enterprise", "--unit");
  SAFELOOP_RETURN_IF_ERROR(RequireUuid(out.enterprise_id.empty() ? out.park_id : out.enterprise_id,
                                       out.enterprise_id.empty() ? "--park" : "--enterprise"));
  if (!out.unit_id.empty()) SAFELOOP_RETURN_IF_ERROR(RequireUuid(out.unit_id, "--unit"));
  SAFELOOP_RETURN_IF_ERROR(ValidateUsername(out.username, "--username"));
  SAFELOOP_RETURN_IF_ERROR(personnel_domain::ValidatePassword(out.password, out.username, {}, "--password"));
  SAFELOOP_RETURN_IF_ERROR(RequireText(out.display_name, "--name", 50, "显示名称"));
  if (out.gender != "male" && out.gender != "female") return InvalidArgument("--gender is male or female", "--gender");
  if (out.roles.empty()) return InvalidArgument("give at least one --role CODE", "--role");
  auto roles = NormalizeRoleCodes(out.roles, "--role");
  if (!roles.ok()) return roles.status();
  out.roles = *roles;
  return out;
}

int RunBootstrapAccount(int argc, char** argv) {
  auto args = ParseBootstrapAccountArgs(std::vector<std::string>(argv + 2, argv + argc));
  if (!args.ok()) {
    std::cerr << "bootstrap-account: " << args.status().ToString() << "\n"
              << "usage: safeloop-personnel bootstrap-account (--enterprise ID [--unit ID] | --park ID) "
                 "--username U --password P --name DISPLAY [--gender male|female] --role CODE [--role CODE...]\n";
    return 2;
  }
  EnvReader env;
  const std::string pg_url = env.String("SAFELOOP_PG_URL");
  env.Finish();
  {
    pqxx::connection conn(pg_url);
    auto applied = db::ApplyMigrations(conn, kSchema, EmbeddedMigrations());
    if (!applied.ok()) {
      std::cerr << "bootstrap-account: migrations failed: " << applied.status().ToString() << "\n";
      return 1;
    }
  }
  SystemClock clock;
  db::ConnectionPool pool(pg_url, 1);
  PgIdentityStore store(pool, clock);
  auto outcome = store.BootstrapAccount({args->enterprise_id, args->park_id, args->unit_id, args->username,
                                         HashPassword(args->password), args->display_name, args->gender, args->roles});
  if (!outcome.ok()) {
    std::cerr << "bootstrap-account: " << outcome.status().ToString() << "\n";
    return 1;
  }
  nlohmann::json line = {{"account_id", outcome->account_id},
                         {"person_id", outcome->person_id.empty() ? nlohmann::json() : nlohmann::json(outcome->person_id)},
                         {"created", outcome->created}};
  std::cout << line.dump() << std::endl;
  return 0;
}

}  // namespace safeloop::personnel::identity
