// Accounts managed by an enterprise's administrators: list, create (for a person, or a visitor with the
// person created on the way), update, reset password, unlock.
#include "identity_sql.hpp"
#include "pg_identity_store.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::personnel::identity {
namespace {

Status AccountNotFound(const std::string& id) { return NotFound("账号 " + id + " 不存在", "account_id"); }

Status StaleVersion(int current) {
  return Status(StatusCode::kAborted, "账号已被他人修改（当前版本 " + std::to_string(current) + "），请刷新后重试",
                "version");
}

Status UsernameTaken(pqxx::transaction_base& tx, const std::string& username) {
  // The early, friendly answer within the tenant. Other tenants' accounts are hidden by RLS: there the global
  // unique index decides (NameUsernameConflict maps its violation to the same answer).
  if (!tx.exec_params("SELECT 1 FROM personnel.account WHERE lower(username) = lower($1)", username).empty()) {
    return AlreadyExists("用户名 '" + username + "' 已被使用", "username");
  }
  return Status::Ok();
}

// A unique violation on insert is the global username index (the person_id one is checked before).
template <typename T>
Result<T> NameUsernameConflict(Result<T> r) {
  if (!r.ok() && r.status().code() == StatusCode::kAlreadyExists && r.status().field().empty()) {
    return AlreadyExists("用户名已被使用", "username");
  }
  return r;
}

void AssignRoles(pqxx::transaction_base& tx, const std::string& account_id, const std::string& enterprise_id,
                 const std::string& park_id, const std::vector<std::string>& role_ids) {
  tx.exec_params("DELETE FROM personnel.account_role WHERE account_id = $1", account_id);
  for (const auto& id : role_ids) {
    tx.exec_params("INSERT INTO personnel.account_role (account_id, role_id, enterprise_id, park_id) "
                   "VALUES ($1, $2, NULLIF($3, '')::uuid, NULLIF($4, '')::uuid)",
                   account_id, id, enterprise_id, park_id);
  }
}

// Inserts the account row and its roles, appends created; the person must be checked by the caller.
AccountRecord InsertAccount(pqxx::work& tx, const Clock& clock, const Actor& actor, const std::string& person_id,
                            const std::string& username, const std::string& password_hash, const std::string& kind,
                            const std::string& display_name, const std::string& mobile,
                            const std::optional<TimePoint>& expires_at, const std::vector<std::string>& role_ids) {
  const std::string id = NewUuidV7(clock);
  tx.exec_params("INSERT INTO personnel.account (id, enterprise_id, park_id, person_id, username, password_hash, kind, "
                 "display_name, mobile, expires_at, password_changed_at) VALUES ($1, $2, NULLIF($3, '')::uuid, $4, $5, "
                 "$6, $7, $8, $9, " + sql::ToTs("$10") + ", " + sql::ToTs("$11") + ")",
                 id, actor.enterprise_id, actor.park_id, person_id, username, password_hash, kind, display_name,
                 mobile, sql::MsParam(expires_at), UnixMillis(clock.Now()));
  AssignRoles(tx, id, actor.enterprise_id, actor.park_id, role_ids);
  auto account = *sql::LoadAccount(tx, id);
  events::v1::AccountCreated payload;
  sql::FillSnapshot(account, *payload.mutable_account());
  payload.set_actor(actor.account_id);
  sql::AppendEvent(tx, clock, sql::AccountTarget(account, actor.request_id), payload);
  return account;
}

}  // namespace

Result<std::vector<AccountRecord>> PgIdentityStore::ListAccounts(const Actor& actor, const AccountQuery& q) {
  return db::InTenantTransaction<Result<std::vector<AccountRecord>>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::vector<AccountRecord>> {
        // The search text is a parameter and matched literally (LIKE wildcards escaped).
        std::string like;
        for (char c : q.query) {
          if (c == '%' || c == '_' || c == '\\') like += '\\';
          like += c;
        }
        auto rows = tx.exec_params(
            sql::AccountSelect() +
                "WHERE ($1 = '' OR a.username ILIKE '%' || $1 || '%' OR a.display_name ILIKE '%' || $1 || '%' "
                "OR a.mobile LIKE '%' || $1 || '%') AND ($2 = '' OR a.status = $2) AND ($3 = '' OR a.kind = $3) "
                "ORDER BY a.created_at DESC, a.id DESC LIMIT $4 OFFSET $5",
            like, q.status, q.kind, q.limit, q.offset);
        std::vector<AccountRecord> out;
        for (const auto& row : rows) out.push_back(sql::AccountFromRow(row));
        sql::AttachRoles(tx, out);
        return out;
      });
}

Result<AccountRecord> PgIdentityStore::GetAccount(const Actor& actor, const std::string& account_id) {
  return db::InTenantTransaction<Result<AccountRecord>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<AccountRecord> {
        auto account = sql::LoadAccount(tx, account_id);
        if (!account) return AccountNotFound(account_id);
        return *account;
      });
}

Result<AccountRecord> PgIdentityStore::CreateAccount(const Actor& actor, const NewAccount& input) {
  return NameUsernameConflict(db::InTenantTransaction<Result<AccountRecord>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<AccountRecord> {
        auto person = tx.exec_params("SELECT name FROM personnel.person WHERE id = $1 FOR SHARE", input.person_id);
        // A person of another enterprise looks exactly like one that does not exist.
        if (person.empty()) return InvalidArgument("人员 " + input.person_id + " 不存在", "person_id");
        if (!tx.exec_params("SELECT 1 FROM personnel.account WHERE person_id = $1", input.person_id).empty()) {
          return AlreadyExists("该人员已有账号（每人只能有一个账号）", "person_id");
        }
        SAFELOOP_RETURN_IF_ERROR(UsernameTaken(tx, input.username));
        EnsureDefaultRoles(tx, actor.enterprise_id, actor.park_id);
        auto role_ids = ResolveRoles(tx, actor.enterprise_id, actor.park_id, input.role_codes, "role_codes");
        if (!role_ids.ok()) return role_ids.status();
        std::string display = input.display_name.empty() ? person[0][0].as<std::string>() : input.display_name;
        return InsertAccount(tx, clock_, actor, input.person_id, input.username, input.password_hash, "user", display,
                             input.mobile, std::nullopt, *role_ids);
      }));
}

Result<AccountRecord> PgIdentityStore::CreateVisitorAccount(const Actor& actor, const NewVisitor& input) {
  return NameUsernameConflict(db::InTenantTransaction<Result<AccountRecord>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<AccountRecord> {
        if (tx.exec_params("SELECT 1 FROM personnel.org_unit WHERE id = $1 AND status = 'active'", input.unit_id)
                .empty()) {
          return InvalidArgument("部门 " + input.unit_id + " 不存在或已撤销", "unit_id");
        }
        SAFELOOP_RETURN_IF_ERROR(UsernameTaken(tx, input.username));
        EnsureDefaultRoles(tx, actor.enterprise_id, actor.park_id);
        auto role_ids = ResolveRoles(tx, actor.enterprise_id, actor.park_id, input.role_codes, "role_codes");
        if (!role_ids.ok()) return role_ids.status();
        const std::string person_id = NewUuidV7(clock_);
        // Visitors have no staff number; a generated one keeps (enterprise, employee_no) unique.
        const std::string employee_no = "V-" + person_id.substr(person_id.size() - 12);
        tx.exec_params("INSERT INTO personnel.person (id, enterprise_id, unit_id, employee_no, name, gender, "
                       "person_type, mobile, id_number) VALUES ($1, $2, $3, $4, $5, $6, 'visitor', $7, $8)",
                       person_id, actor.enterprise_id, input.unit_id, employee_no, input.name, input.gender,
                       input.mobile, input.id_number);
        return InsertAccount(tx, clock_, actor, person_id, input.username, input.password_hash, "visitor", input.name,
                             input.mobile, input.expires_at, *role_ids);
      }));
}

Result<AccountChange> PgIdentityStore::UpdateAccount(const Actor& actor, const AccountUpdate& input) {
  return db::InTenantTransaction<Result<AccountChange>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<AccountChange> {
        auto current = tx.exec_params("SELECT version, status FROM personnel.account WHERE id = $1 FOR UPDATE",
                                      input.account_id);
        if (current.empty()) return AccountNotFound(input.account_id);
        if (current[0][0].as<int>() != input.version) return StaleVersion(current[0][0].as<int>());
        auto role_ids = ResolveRoles(tx, actor.enterprise_id, actor.park_id, input.role_codes, "role_codes");
        if (!role_ids.ok()) return role_ids.status();
        const bool disabling = input.status == "disabled" && current[0][1].as<std::string>() != "disabled";
        tx.exec_params("UPDATE personnel.account SET display_name = $2, mobile = $3, status = $4, "
                       "version = version + 1, updated_at = now() WHERE id = $1",
                       input.account_id, input.display_name, input.mobile, input.status);
        AssignRoles(tx, input.account_id, actor.enterprise_id, actor.park_id, *role_ids);
        AccountChange change{*sql::LoadAccount(tx, input.account_id), {}};
        if (disabling) {
          change.revoked_sessions = sql::RevokeSessions(tx, input.account_id, "disabled");
          events::v1::AccountDisabled payload;
          sql::FillSnapshot(change.account, *payload.mutable_account());
          payload.set_actor(actor.account_id);
          payload.set_sessions_revoked(static_cast<int>(change.revoked_sessions.size()));
          sql::AppendEvent(tx, clock_, sql::AccountTarget(change.account, actor.request_id), payload);
        } else {
          events::v1::AccountUpdated payload;
          sql::FillSnapshot(change.account, *payload.mutable_account());
          payload.set_actor(actor.account_id);
          sql::AppendEvent(tx, clock_, sql::AccountTarget(change.account, actor.request_id), payload);
        }
        return change;
      });
}

Result<AccountChange> PgIdentityStore::ResetPassword(const Actor& actor, const std::string& account_id,
                                                     const std::string& new_hash) {
  return db::InTenantTransaction<Result<AccountChange>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<AccountChange> {
        auto rows = tx.exec_params(
            "UPDATE personnel.account SET password_hash = $2, password_changed_at = " + sql::ToTs("$3") +
                ", must_change_password = true, failed_logins = 0, locked_until = NULL, version = version + 1, "
                "updated_at = now() WHERE id = $1 RETURNING id",
            account_id, new_hash, UnixMillis(clock_.Now()));
        if (rows.empty()) return AccountNotFound(account_id);
        AccountChange change{*sql::LoadAccount(tx, account_id), sql::RevokeSessions(tx, account_id, "password_reset")};
        events::v1::AccountPasswordChanged payload;
        payload.set_account_id(account_id);
        payload.set_actor(actor.account_id);
        payload.set_reset_by_admin(true);
        payload.set_sessions_revoked(static_cast<int>(change.revoked_sessions.size()));
        sql::AppendEvent(tx, clock_, sql::AccountTarget(change.account, actor.request_id), payload);
        return change;
      });
}

Result<AccountRecord> PgIdentityStore::UnlockAccount(const Actor& actor, const std::string& account_id) {
  return db::InTenantTransaction<Result<AccountRecord>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<AccountRecord> {
        auto rows = tx.exec_params("UPDATE personnel.account SET failed_logins = 0, locked_until = NULL, "
                                   "version = version + 1, updated_at = now() WHERE id = $1 RETURNING id",
                                   account_id);
        if (rows.empty()) return AccountNotFound(account_id);
        auto account = *sql::LoadAccount(tx, account_id);
        events::v1::AccountUnlocked payload;
        payload.set_account_id(account_id);
        payload.set_actor(actor.account_id);
        sql::AppendEvent(tx, clock_, sql::AccountTarget(account, actor.request_id), payload);
        return account;
      });
}

}  // namespace safeloop::personnel::identity
