#include "tenancy/bootstrap_tenant.hpp"

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "personnel_config.hpp"
#include "safeloop/core/config.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/migrations.hpp"
#include "safeloop/db/transaction.hpp"
#include "safeloop/events/v1/personnel_tenancy_events.pb.h"
#include "safeloop/personnel_domain/identifiers.hpp"
#include "tenancy/tenancy_events.hpp"

namespace safeloop::personnel {
std::vector<db::Migration> EmbeddedMigrations();
}

namespace safeloop::personnel::tenancy {
namespace {

constexpr const char* kUsage =
    "usage: safeloop-personnel bootstrap-tenant [--park-id UUID] --park-name NAME [--park-region REGION] "
    "[--enterprise-id UUID] --enterprise-name NAME --credit-code CODE [--hazchem-code 9DIGITS]";

// Serialises concurrent bootstraps (two seeders racing on the same names).
constexpr long long kBootstrapLock = 0x5AFE7E1;

}  // namespace

Result<BootstrapTenantInput> ParseBootstrapTenantArgs(const std::vector<std::string>& args) {
  BootstrapTenantInput in;
  for (std::size_t i = 0; i < args.size(); i += 2) {
    const std::string& flag = args[i];
    if (i + 1 >= args.size()) return InvalidArgument(flag + " needs a value", flag);
    const std::string& value = args[i + 1];
    if (flag == "--park-id") {
      in.park_id = value;
    } else if (flag == "--enterprise-id") {
      in.enterprise_id = value;
    } else if (flag == "--park-name") {
      in.park_name = value;
    } else if (flag == "--park-region") {
      in.park_region = value;
    } else if (flag == "--enterprise-name") {
      in.enterprise_name = value;
    } else if (flag == "--credit-code") {
      in.credit_code = value;
    } else if (flag == "--hazchem-code") {
      in.hazchem_code = value;
    } else {
      return InvalidArgument("unknown option " + flag, flag);
    }
  }
  for (const auto& [id, flag] : {std::pair{&in.park_id, "--park-id"}, std::pair{&in.enterprise_id, "--enterprise-id"}}) {
    if (!id->empty() && !IsUuid(*id)) return InvalidArgument(std::string(flag) + " must be a UUID", flag);
  }
  SAFELOOP_RETURN_IF_ERROR(RequireText(in.park_name, "--park-name", "园区名称", 100));
  SAFELOOP_RETURN_IF_ERROR(OptionalText(in.park_region, "--park-region", "园区所在地区", 100));
  SAFELOOP_RETURN_IF_ERROR(RequireText(in.enterprise_name, "--enterprise-name", "企业名称", 100));
  SAFELOOP_RETURN_IF_ERROR(personnel_domain::ValidateCreditCode(in.credit_code, "--credit-code"));
  if (!in.hazchem_code.empty()) {
    SAFELOOP_RETURN_IF_ERROR(personnel_domain::ValidateHazchemRegistrationCode(in.hazchem_code, "--hazchem-code"));
  }
  return in;
}

Result<BootstrapTenantOutput> BootstrapTenant(pqxx::connection& conn, const BootstrapTenantInput& in,
                                              const Clock& clock) {
  try {
    pqxx::work tx(conn);
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", kBootstrapLock);
    BootstrapTenantOutput out;
    tx.exec_params("INSERT INTO personnel.park (id, name, region) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
                   in.park_id.empty() ? NewUuidV7(clock) : in.park_id, in.park_name, in.park_region);
    out.park_id = tx.exec_params1("SELECT id FROM personnel.park WHERE name = $1", in.park_name)[0].as<std::string>();
    Actor actor{"", out.park_id, "bootstrap", ""};

    auto existing = tx.exec_params("SELECT id, COALESCE(park_id::text, '') FROM personnel.enterprise "
                                   "WHERE credit_code = $1",
                                   in.credit_code);
    if (!existing.empty()) {
      out.enterprise_id = existing[0][0].as<std::string>();
      if (existing[0][1].as<std::string>() != out.park_id) {
        return FailedPrecondition("credit code " + in.credit_code + " belongs to an enterprise of another park",
                                  "--credit-code");
      }
    } else {
      out.enterprise_id = in.enterprise_id.empty() ? NewUuidV7(clock) : in.enterprise_id;
      tx.exec_params("INSERT INTO personnel.enterprise (id, park_id, name, credit_code, hazchem_registration_code) "
                     "VALUES ($1, $2, $3, $4, NULLIF($5, ''))",
                     out.enterprise_id, out.park_id, in.enterprise_name, in.credit_code, in.hazchem_code);
      events::v1::EnterpriseChanged payload;
      payload.set_change("created");
      auto* e = payload.mutable_enterprise();
      e->set_id(out.enterprise_id);
      e->set_park_id(out.park_id);
      e->set_park_name(in.park_name);
      e->mutable_profile()->set_name(in.enterprise_name);
      e->mutable_profile()->set_credit_code(in.credit_code);
      e->mutable_profile()->set_hazchem_registration_code(in.hazchem_code);
      e->set_version(1);
      payload.set_actor(actor.subject);
      AppendEvent(tx, actor, {kEnterpriseTopic, out.enterprise_id, "enterprise", out.enterprise_id, 1}, payload, clock);
    }

    auto root = tx.exec_params("SELECT id FROM personnel.org_unit WHERE enterprise_id = $1 AND parent_id IS NULL",
                               out.enterprise_id);
    if (!root.empty()) {
      out.root_unit_id = root[0][0].as<std::string>();
    } else {
      out.root_unit_id = NewUuidV7(clock);
      tx.exec_params("INSERT INTO personnel.org_unit (id, enterprise_id, parent_id, kind, name) "
                     "VALUES ($1, $2, NULL, 'company', $3)",
                     out.root_unit_id, out.enterprise_id, in.enterprise_name);
      tx.exec_params("INSERT INTO personnel.org_unit_history (enterprise_id, unit_id, change, new_name, unit_version, "
                     "actor) VALUES ($1, $2, 'created', $3, 1, $4)",
                     out.enterprise_id, out.root_unit_id, in.enterprise_name, actor.subject);
      events::v1::OrgUnitChanged payload;
      payload.set_change("created");
      auto* u = payload.mutable_unit();
      u->set_id(out.root_unit_id);
      u->set_kind("company");
      u->set_name(in.enterprise_name);
      u->set_status("active");
      u->set_version(1);
      payload.set_actor(actor.subject);
      AppendEvent(tx, actor, {kOrgUnitTopic, out.enterprise_id, "org_unit", out.root_unit_id, 1}, payload, clock);
    }
    tx.commit();
    return out;
  } catch (const std::exception& e) {
    return db::StatusFromException(e);
  }
}

int RunBootstrapTenant(int argc, char** argv) {
  std::vector<std::string> args(argv + std::min(argc, 2), argv + argc);
  auto input = ParseBootstrapTenantArgs(args);
  if (!input.ok()) {
    std::cerr << "bootstrap-tenant: " << input.status().message() << '\n' << kUsage << '\n';
    return 2;
  }
  EnvReader env;
  const std::string pg_url = env.String("SAFELOOP_PG_URL");
  env.Finish();
  SystemClock clock;
  pqxx::connection conn(pg_url);
  if (auto applied = db::ApplyMigrations(conn, kSchema, EmbeddedMigrations()); !applied.ok()) {
    std::cerr << "bootstrap-tenant: migrations failed: " << applied.status().ToString() << '\n';
    return 1;
  }
  auto out = BootstrapTenant(conn, *input, clock);
  if (!out.ok()) {
    std::cerr << "bootstrap-tenant: " << out.status().ToString() << '\n';
    return 1;
  }
  std::cout << nlohmann::json{{"park_id", out->park_id},
                              {"enterprise_id", out->enterprise_id},
                              {"root_unit_id", out->root_unit_id}}
                   .dump()
            << std::endl;
  return 0;
}

}  // namespace safeloop::personnel::tenancy
