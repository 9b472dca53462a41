// The first accounts of a tenant, created by the bootstrap CLI as the schema owner.
#include "identity_sql.hpp"
#include "pg_identity_store.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::personnel::identity {

Result<BootstrapOutcome> PgIdentityStore::BootstrapAccount(const BootstrapInput& in) {
  // Owner transaction: nobody can log in yet, so there is no tenant to act as; every statement names the
  // tenant explicitly instead.
  return db::InTransaction<Result<BootstrapOutcome>>(pool_, [&](pqxx::work& tx) -> Result<BootstrapOutcome> {
    const bool park_account = in.enterprise_id.empty();
    auto existing = tx.exec_params(
        "SELECT id, coalesce(person_id::text, ''), coalesce(enterprise_id::text, ''), coalesce(park_id::text, '') "
        "FROM personnel.account WHERE lower(username) = lower($1)",
        in.username);
    if (!existing.empty()) {
      const auto& r = existing[0];
      bool same = park_account ? r[2].as<std::string>().empty() && r[3].as<std::string>() == in.park_id
                               : r[2].as<std::string>() == in.enterprise_id;
      if (!same) return FailedPrecondition("username " + in.username + " belongs to another tenant", "username");
      return BootstrapOutcome{r[0].as<std::string>(), r[1].as<std::string>(), false};
    }

    BootstrapOutcome out;
    out.account_id = NewUuidV7(clock_);
    out.created = true;
    std::string park_id = in.park_id;
    if (park_account) {
      if (tx.exec_params("SELECT 1 FROM personnel.park WHERE id = $1", in.park_id).empty()) {
        return NotFound("park " + in.park_id + " does not exist", "park");
      }
      EnsureParkRoles(tx, in.park_id);
    } else {
      auto e = tx.exec_params("SELECT coalesce(park_id::text, '') FROM personnel.enterprise WHERE id = $1",
                              in.enterprise_id);
      if (e.empty()) return NotFound("enterprise " + in.enterprise_id + " does not exist", "enterprise");
      park_id = e[0][0].as<std::string>();
      auto unit = in.unit_id.empty()
                      ? tx.exec_params("SELECT id FROM personnel.org_unit WHERE enterprise_id = $1 AND parent_id IS NULL",
                                       in.enterprise_id)
                      : tx.exec_params("SELECT id FROM personnel.org_unit WHERE enterprise_id = $1 AND id = $2 "
                                       "AND status = 'active'",
                                       in.enterprise_id, in.unit_id);
      if (unit.empty()) {
        return NotFound(in.unit_id.empty() ? "enterprise " + in.enterprise_id + " has no company root unit"
                                           : "unit " + in.unit_id + " is not an active unit of the enterprise",
                        "unit");
      }
      EnsureDefaultRoles(tx, in.enterprise_id, park_id);
      out.person_id = NewUuidV7(clock_);
      tx.exec_params("INSERT INTO personnel.person (id, enterprise_id, unit_id, employee_no, name, gender, person_type) "
                     "VALUES ($1, $2, $3, $4, $5, $6, 'employee')",
                     out.person_id, in.enterprise_id, unit[0][0].as<std::string>(),
                     "SYS-" + in.username.substr(0, 46), in.display_name, in.gender);
    }
    auto role_ids = ResolveRoles(tx, in.enterprise_id, park_id, in.role_codes, "role");
    if (!role_ids.ok()) return role_ids.status();
    tx.exec_params("INSERT INTO personnel.account (id, enterprise_id, park_id, person_id, username, password_hash, kind, "
                   "display_name) VALUES ($1, NULLIF($2, '')::uuid, NULLIF($3, '')::uuid, NULLIF($4, '')::uuid, $5, $6, "
                   "$7, $8)",
                   out.account_id, in.enterprise_id, park_id, out.person_id, in.username, in.password_hash,
                   park_account ? "park" : "user", in.display_name);
    for (const auto& role_id : *role_ids) {
      tx.exec_params("INSERT INTO personnel.account_role (account_id, role_id, enterprise_id, park_id) "
                     "VALUES ($1, $2, NULLIF($3, '')::uuid, NULLIF($4, '')::uuid)",
                     out.account_id, role_id, in.enterprise_id, park_id);
    }
    auto account = *sql::LoadAccount(tx, out.account_id);
    events::v1::AccountCreated payload;
    sql::FillSnapshot(account, *payload.mutable_account());
    payload.set_actor("bootstrap");
    sql::AppendEvent(tx, clock_, sql::AccountTarget(account, ""), payload);
    return out;
  });
}

}  // namespace safeloop::personnel::identity
