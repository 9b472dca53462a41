// Roles and their grants; the built-in roles every enterprise (and park) starts with.
#include <algorithm>

#include "identity_sql.hpp"
#include "pg_identity_store.hpp"
#include "safeloop/auth/permissions.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::personnel::identity {
namespace {

using sql::Ms;

const std::string kRoleColumns =
    "r.id, r.code, r.name, r.description, r.data_scope, r.builtin, r.version, " + Ms("r.created_at") +
    " AS created_ms, " + Ms("r.updated_at") +
    " AS updated_ms, (SELECT count(*) FROM personnel.account_role ar WHERE ar.role_id = r.id)::int AS holders";

RoleRecord RoleFromRow(const pqxx::row& r) {
  RoleRecord role;
  role.id = r["id"].as<std::string>();
  role.code = r["code"].as<std::string>();
  role.name = r["name"].as<std::string>();
  role.description = r["description"].as<std::string>();
  role.data_scope = r["data_scope"].as<std::string>();
  role.builtin = r["builtin"].as<bool>();
  role.version = r["version"].as<int>();
  role.created_at = sql::TimeOf(r["created_ms"]);
  role.updated_at = sql::TimeOf(r["updated_ms"]);
  role.holder_count = r["holders"].as<int>();
  return role;
}

void AttachGrants(pqxx::transaction_base& tx, std::vector<RoleRecord>& roles) {
  if (roles.empty()) return;
  std::string ids = "{";
  for (const auto& r : roles) ids += (ids.size() > 1 ? "," : "") + r.id;
  ids += "}";
  for (const auto& row : tx.exec_params(
           "SELECT role_id, code FROM personnel.role_grant WHERE role_id = ANY($1::uuid[]) ORDER BY code", ids)) {
    auto id = row[0].as<std::string>();
    for (auto& r : roles) {
      if (r.id == id) r.grants.push_back(row[1].as<std::string>());
    }
  }
}

std::optional<RoleRecord> LoadRole(pqxx::transaction_base& tx, const std::string& role_id) {
  auto rows = tx.exec_params("SELECT " + kRoleColumns + " FROM personnel.role r WHERE r.id = $1", role_id);
  if (rows.empty()) return std::nullopt;
  std::vector<RoleRecord> one{RoleFromRow(rows[0])};
  AttachGrants(tx, one);
  return one.front();
}

void ReplaceGrants(pqxx::transaction_base& tx, const std::string& role_id, const std::string& enterprise_id,
                   const std::string& park_id, const std::vector<std::string>& grants) {
  tx.exec_params("DELETE FROM personnel.role_grant WHERE role_id = $1", role_id);
  for (const auto& g : grants) {
    tx.exec_params("INSERT INTO personnel.role_grant (role_id, enterprise_id, park_id, code) "
                   "VALUES ($1, NULLIF($2, '')::uuid, NULLIF($3, '')::uuid, $4)",
                   role_id, enterprise_id, park_id, g);
  }
}

void InsertBuiltins(pqxx::transaction_base& tx, const std::string& enterprise_id, const std::string& park_id,
                    const std::vector<const auth::RoleDefinition*>& roles) {
  // ON CONFLICT DO NOTHING + RETURNING: only the inserter of a role writes its grants, so two first logins
  // racing each other leave one copy.
  const std::string conflict = enterprise_id.empty() ? "(park_id, code) WHERE enterprise_id IS NULL"
                                                     : "(enterprise_id, code) WHERE enterprise_id IS NOT NULL";
  for (const auto* def : roles) {
    auto inserted = tx.exec_params(
        "INSERT INTO personnel.role (id, enterprise_id, park_id, code, name, description, data_scope, builtin) "
        "VALUES ($1, NULLIF($2, '')::uuid, NULLIF($3, '')::uuid, $4, $5, $6, $7, true) ON CONFLICT " +
            conflict + " DO NOTHING RETURNING id",
        NewUuidV7(), enterprise_id, park_id, def->code, def->display_name, def->description,
        std::string(auth::DataScopeName(def->scope)));
    if (!inserted.empty()) ReplaceGrants(tx, inserted[0][0].as<std::string>(), enterprise_id, park_id, def->grants);
  }
}

void AppendRoleEvent(pqxx::work& tx, const Clock& clock, const Actor& actor, const RoleRecord& role,
                     const char* change) {
  events::v1::RoleChanged payload;
  payload.set_change(change);
  payload.set_role_id(role.id);
  payload.set_code(role.code);
  payload.set_name(role.name);
  payload.set_data_scope(role.data_scope);
  for (const auto& g : role.grants) payload.add_grants(g);
  payload.set_builtin(role.builtin);
  payload.set_version(role.version);
  payload.set_actor(actor.account_id);
  sql::AppendEvent(tx, clock,
                   {kRoleTopic, actor.enterprise_id, actor.park_id, "role", role.id, role.version, actor.request_id},
                   payload);
}

Status RoleNotFound(const std::string& id) { return NotFound("角色 " + id + " 不存在", "role_id"); }

}  // namespace

void PgIdentityStore::EnsureDefaultRoles(pqxx::transaction_base& tx, const std::string& enterprise_id,
                                         const std::string& park_id) {
  auto have = tx.exec_params1("SELECT count(*) FROM personnel.role WHERE enterprise_id = $1 AND builtin",
                              enterprise_id)[0]
                  .as<std::size_t>();
  if (have >= auth::DefaultRoles().size()) return;  // the common case: one cheap query
  std::vector<const auth::RoleDefinition*> all;
  for (const auto& r : auth::DefaultRoles()) all.push_back(&r);
  InsertBuiltins(tx, enterprise_id, park_id, all);
}

void PgIdentityStore::EnsureParkRoles(pqxx::transaction_base& tx, const std::string& park_id) {
  std::vector<const auth::RoleDefinition*> park_roles;
  for (const auto& r : auth::DefaultRoles()) {
    if (r.scope == auth::DataScope::kPark) park_roles.push_back(&r);
  }
  auto have = tx.exec_params1("SELECT count(*) FROM personnel.role WHERE enterprise_id IS NULL AND park_id = $1 "
                              "AND builtin",
                              park_id)[0]
                  .as<std::size_t>();
  if (have >= park_roles.size()) return;
  InsertBuiltins(tx, "", park_id, park_roles);
}

Result<std::vector<std::string>> PgIdentityStore::ResolveRoles(pqxx::transaction_base& tx,
                                                               const std::string& enterprise_id,
                                                               const std::string& park_id,
                                                               const std::vector<std::string>& codes,
                                                               const char* field) {
  std::vector<std::string> ids;
  for (const auto& code : codes) {
    // The tenant is named explicitly as well: the bootstrap CLI runs this as the owner, without RLS.
    auto rows = enterprise_id.empty()
                    ? tx.exec_params("SELECT id FROM personnel.role WHERE enterprise_id IS NULL AND park_id = $1 "
                                     "AND code = $2",
                                     park_id, code)
                    : tx.exec_params("SELECT id FROM personnel.role WHERE enterprise_id = $1 AND code = $2",
                                     enterprise_id, code);
    if (rows.empty()) return InvalidArgument("角色 '" + code + "' 不存在", field);
    ids.push_back(rows[0][0].as<std::string>());
  }
  return ids;
}

AccountGrants PgIdentityStore::LoadGrants(pqxx::transaction_base& tx, const std::string& account_id) {
  AccountGrants g;
  auto acct = tx.exec_params1(
      "SELECT a.id, coalesce(a.enterprise_id::text, ''), coalesce(a.park_id::text, ''), a.kind, "
      "coalesce(a.person_id::text, ''), coalesce(p.unit_id::text, '') "
      "FROM personnel.account a LEFT JOIN personnel.person p ON p.id = a.person_id WHERE a.id = $1",
      account_id);
  g.account_id = acct[0].as<std::string>();
  g.enterprise_id = acct[1].as<std::string>();
  g.park_id = acct[2].as<std::string>();
  g.kind = acct[3].as<std::string>();
  g.person_id = acct[4].as<std::string>();
  g.unit_id = acct[5].as<std::string>();
  auto roles = tx.exec_params(
      "SELECT r.id, r.code, r.data_scope, coalesce(array_to_string(array_agg(rg.code ORDER BY rg.code) "
      "FILTER (WHERE rg.code IS NOT NULL), ' '), '') "
      "FROM personnel.account_role ar JOIN personnel.role r ON r.id = ar.role_id "
      "LEFT JOIN personnel.role_grant rg ON rg.role_id = r.id WHERE ar.account_id = $1 "
      "GROUP BY r.id, r.code, r.data_scope ORDER BY r.code",
      account_id);
  for (const auto& row : roles) {
    g.role_codes.push_back(row[1].as<std::string>());
    g.role_scopes.push_back(row[2].as<std::string>());
    std::vector<std::string> grants;
    std::string joined = row[3].as<std::string>();
    // Grants never contain spaces (they are permission globs), so a space-joined list splits back exactly.
    for (std::size_t start = 0; start < joined.size();) {
      auto end = joined.find(' ', start);
      if (end == std::string::npos) end = joined.size();
      grants.push_back(joined.substr(start, end - start));
      start = end + 1;
    }
    g.grants_per_role.push_back(std::move(grants));
  }
  return g;
}

Result<std::vector<RoleRecord>> PgIdentityStore::ListRoles(const Actor& actor) {
  return sql::InActorTransaction<Result<std::vector<RoleRecord>>>(
      pool_, actor, [&](pqxx::work& tx) -> Result<std::vector<RoleRecord>> {
        if (actor.park_account) {
          EnsureParkRoles(tx, actor.park_id);
        } else {
          EnsureDefaultRoles(tx, actor.enterprise_id, actor.park_id);
        }
        std::vector<RoleRecord> out;
        for (const auto& row : tx.exec("SELECT " + kRoleColumns +
                                       " FROM personnel.role r ORDER BY r.builtin DESC, r.created_at, r.code")) {
          out.push_back(RoleFromRow(row));
        }
        AttachGrants(tx, out);
        return out;
      });
}

Result<RoleRecord> PgIdentityStore::GetRole(const Actor& actor, const std::string& role_id) {
  return sql::InActorTransaction<Result<RoleRecord>>(pool_, actor, [&](pqxx::work& tx) -> Result<RoleRecord> {
    auto role = LoadRole(tx, role_id);
    if (!role) return RoleNotFound(role_id);
    return *role;
  });
}

Result<RoleRecord> PgIdentityStore::CreateRole(const Actor& actor, const RoleInput& input) {
  return db::InTenantTransaction<Result<RoleRecord>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<RoleRecord> {
        EnsureDefaultRoles(tx, actor.enterprise_id, actor.park_id);
        if (!tx.exec_params("SELECT 1 FROM personnel.role WHERE enterprise_id = $1 AND code = $2", actor.enterprise_id,
                            input.code)
                 .empty()) {
          return AlreadyExists("角色编码 '" + input.code + "' 已存在", "code");
        }
        const std::string id = NewUuidV7(clock_);
        tx.exec_params("INSERT INTO personnel.role (id, enterprise_id, park_id, code, name, description, data_scope) "
                       "VALUES ($1, $2, NULLIF($3, '')::uuid, $4, $5, $6, $7)",
                       id, actor.enterprise_id, actor.park_id, input.code, input.name, input.description,
                       input.data_scope);
        ReplaceGrants(tx, id, actor.enterprise_id, actor.park_id, input.grants);
        auto role = LoadRole(tx, id);
        AppendRoleEvent(tx, clock_, actor, *role, "created");
        return *role;
      });
}

Result<RoleRecord> PgIdentityStore::UpdateRole(const Actor& actor, const RoleInput& input) {
  return db::InTenantTransaction<Result<RoleRecord>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<RoleRecord> {
        auto current = tx.exec_params("SELECT version, builtin FROM personnel.role WHERE id = $1 FOR UPDATE",
                                      input.role_id);
        if (current.empty()) return RoleNotFound(input.role_id);
        if (current[0][0].as<int>() != input.version) {
          return Status(StatusCode::kAborted,
                        "角色已被他人修改（当前版本 " + current[0][0].as<std::string>() + "），请刷新后重试", "version");
        }
        if (input.data_scope == "park" && !current[0][1].as<bool>()) {
          return InvalidArgument("data_scope park is reserved for the park supervisor role", "data_scope");
        }
        tx.exec_params("UPDATE personnel.role SET name = $2, description = $3, data_scope = $4, "
                       "version = version + 1, updated_at = now() WHERE id = $1",
                       input.role_id, input.name, input.description, input.data_scope);
        ReplaceGrants(tx, input.role_id, actor.enterprise_id, actor.park_id, input.grants);
        auto role = LoadRole(tx, input.role_id);
        AppendRoleEvent(tx, clock_, actor, *role, "updated");
        return *role;
      });
}

Status PgIdentityStore::DeleteRole(const Actor& actor, const std::string& role_id) {
  return db::InTenantTransaction<Status>(pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Status {
    auto rows = tx.exec_params("SELECT builtin FROM personnel.role WHERE id = $1 FOR UPDATE", role_id);
    if (rows.empty()) return RoleNotFound(role_id);
    if (rows[0][0].as<bool>()) return FailedPrecondition("内置角色不能删除", "role_id");
    auto role = LoadRole(tx, role_id);
    if (role->holder_count > 0) {
      return FailedPrecondition("角色仍分配给 " + std::to_string(role->holder_count) + " 个账号，不能删除", "role_id");
    }
    tx.exec_params("DELETE FROM personnel.role WHERE id = $1", role_id);
    AppendRoleEvent(tx, clock_, actor, *role, "deleted");
    return Status::Ok();
  });
}

}  // namespace safeloop::personnel::identity
