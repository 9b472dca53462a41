// Login, refresh-token rotation, logout, password change and the caller's own view (Me).
#include "identity_sql.hpp"
#include "pg_identity_store.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::personnel::identity {
namespace {

using sql::Ms;

personnel_domain::LockoutState LockoutOf(const pqxx::field& failed, const pqxx::field& locked_ms) {
  return {failed.as<int>(), sql::OptionalTimeOf(locked_ms)};
}

bool Expired(const std::optional<TimePoint>& expires_at, TimePoint now) { return expires_at && *expires_at <= now; }

}  // namespace

Result<std::optional<LoginAccount>> PgIdentityStore::FindLoginAccount(const std::string& username) {
  // Owner transaction: the username is all we know, the tenant follows from the row found.
  return db::InTransaction<Result<std::optional<LoginAccount>>>(
      pool_, [&](pqxx::work& tx) -> Result<std::optional<LoginAccount>> {
        auto rows = tx.exec_params(
            "SELECT id, coalesce(enterprise_id::text, ''), coalesce(park_id::text, ''), kind, status, password_hash, " +
                Ms("expires_at") + ", failed_logins, " + Ms("locked_until") +
                " FROM personnel.account WHERE lower(username) = lower($1)",
            username);
        if (rows.empty()) return std::optional<LoginAccount>();
        const auto& r = rows[0];
        return std::optional<LoginAccount>(LoginAccount{r[0].as<std::string>(), r[1].as<std::string>(),
                                                        r[2].as<std::string>(), r[3].as<std::string>(),
                                                        r[4].as<std::string>(), r[5].as<std::string>(),
                                                        sql::OptionalTimeOf(r[6]), LockoutOf(r[7], r[8])});
      });
}

Result<personnel_domain::FailureOutcome> PgIdentityStore::RecordLoginFailure(
    const LoginAccount& account, const personnel_domain::LockoutPolicy& policy, const std::string& client_ip,
    const std::string& request_id) {
  return db::InTransaction<Result<personnel_domain::FailureOutcome>>(
      pool_, [&](pqxx::work& tx) -> Result<personnel_domain::FailureOutcome> {
        sql::EnterAccountTenant(tx, account.enterprise_id, account.park_id);
        auto row = tx.exec_params1("SELECT failed_logins, " + Ms("locked_until") +
                                       ", version FROM personnel.account WHERE id = $1 FOR UPDATE",
                                   account.id);
        const TimePoint now = clock_.Now();
        auto outcome = personnel_domain::AfterFailure(LockoutOf(row[0], row[1]), policy, now);
        // Not a new version: failed logins must not make an administrator's pending edit stale.
        tx.exec_params("UPDATE personnel.account SET failed_logins = $2, locked_until = " + sql::ToTs("$3") +
                           " WHERE id = $1",
                       account.id, outcome.state.failed_logins, sql::MsParam(outcome.state.locked_until));
        if (outcome.locked_now) {
          events::v1::AccountLocked payload;
          payload.set_account_id(account.id);
          payload.set_locked_until(FormatRfc3339(*outcome.state.locked_until));
          payload.set_client_ip(client_ip);
          sql::AppendEvent(tx, clock_,
                           {kAccountTopic, account.enterprise_id, account.park_id, "account", account.id,
                            row[2].as<int>(), request_id},
                           payload);
        }
        return outcome;
      });
}

Result<OpenedSession> PgIdentityStore::OpenSession(const LoginAccount& account, const std::string& refresh_hash,
                                                   TimePoint refresh_expires, const std::string& client_ip,
                                                   const std::string& user_agent, const std::string& request_id) {
  return db::InTransaction<Result<OpenedSession>>(pool_, [&](pqxx::work& tx) -> Result<OpenedSession> {
    sql::EnterAccountTenant(tx, account.enterprise_id, account.park_id);
    // The password was verified outside any transaction (argon2 is slow); an administrator may have
    // disabled the account or reset its password since.
    auto row = tx.exec_params1("SELECT status, password_hash = $2, " + Ms("expires_at") + ", version " +
                                   "FROM personnel.account WHERE id = $1 FOR UPDATE",
                               account.id, account.password_hash);
    if (row[0].as<std::string>() != "active" || !row[1].as<bool>() ||
        Expired(sql::OptionalTimeOf(row[2]), clock_.Now())) {
      return Unauthenticated("用户名或密码错误");
    }
    if (account.enterprise_id.empty()) {
      EnsureParkRoles(tx, account.park_id);
    } else {
      EnsureDefaultRoles(tx, account.enterprise_id, account.park_id);
    }
    const TimePoint now = clock_.Now();
    tx.exec_params("UPDATE personnel.account SET failed_logins = 0, locked_until = NULL, last_login_at = " +
                       sql::ToTs("$2") + " WHERE id = $1",
                   account.id, UnixMillis(now));
    OpenedSession out;
    out.session_id = NewUuidV7(clock_);
    tx.exec_params("INSERT INTO personnel.login_session (id, account_id, enterprise_id, park_id, created_at, "
                   "last_used_at, expires_at, client_ip, user_agent) VALUES ($1, $2, NULLIF($3, '')::uuid, "
                   "NULLIF($4, '')::uuid, " + sql::ToTs("$5") + ", " + sql::ToTs("$5") + ", " + sql::ToTs("$6") +
                       ", $7, $8)",
                   out.session_id, account.id, account.enterprise_id, account.park_id, UnixMillis(now),
                   UnixMillis(refresh_expires), client_ip, user_agent);
    tx.exec_params("INSERT INTO personnel.refresh_token (token_hash, session_id, enterprise_id, park_id, issued_at) "
                   "VALUES ($1, $2, NULLIF($3, '')::uuid, NULLIF($4, '')::uuid, " + sql::ToTs("$5") + ")",
                   refresh_hash, out.session_id, account.enterprise_id, account.park_id, UnixMillis(now));
    out.grants = LoadGrants(tx, account.id);
    events::v1::AccountLoggedIn payload;
    payload.set_account_id(account.id);
    payload.set_session_id(out.session_id);
    payload.set_client_ip(client_ip);
    payload.set_user_agent(user_agent);
    sql::AppendEvent(tx, clock_,
                     {kAccountTopic, account.enterprise_id, account.park_id, "account", account.id, row[3].as<int>(),
                      request_id},
                     payload);
    return out;
  });
}

Result<RefreshOutcome> PgIdentityStore::RotateRefreshToken(const std::string& refresh_hash,
                                                           const std::string& next_hash, TimePoint next_expires) {
  // Owner transaction for the lookup: the token hash is all we know; the tenant follows from the session.
  return db::InTransaction<Result<RefreshOutcome>>(pool_, [&](pqxx::work& tx) -> Result<RefreshOutcome> {
    RefreshOutcome out;
    auto rows = tx.exec_params(
        "SELECT rt.session_id, rt.rotated_at IS NOT NULL, s.account_id, coalesce(s.enterprise_id::text, ''), "
        "coalesce(s.park_id::text, ''), s.revoked_at IS NOT NULL, " + Ms("s.expires_at") +
            " FROM personnel.refresh_token rt JOIN personnel.login_session s ON s.id = rt.session_id "
            "WHERE rt.token_hash = $1 FOR UPDATE OF rt, s",
        refresh_hash);
    if (rows.empty()) return out;  // kUnknown
    const auto& r = rows[0];
    out.session_id = r[0].as<std::string>();
    const std::string account_id = r[2].as<std::string>();
    const std::string enterprise_id = r[3].as<std::string>();
    const std::string park_id = r[4].as<std::string>();
    const bool revoked = r[5].as<bool>();
    sql::EnterAccountTenant(tx, enterprise_id, park_id);
    if (r[1].as<bool>()) {
      // A used-up token came back: whoever holds the session's tokens is not only its owner. End it; this
      // is committed although the caller is refused.
      if (!revoked) {
        tx.exec_params("UPDATE personnel.login_session SET revoked_at = now(), revoke_reason = 'reuse_detected' "
                       "WHERE id = $1",
                       out.session_id);
      }
      out.kind = RefreshOutcome::Kind::kReused;
      return out;
    }
    if (revoked) {
      out.kind = RefreshOutcome::Kind::kRevoked;
      return out;
    }
    const TimePoint now = clock_.Now();
    if (sql::TimeOf(r[6]) <= now) {
      out.kind = RefreshOutcome::Kind::kExpired;
      return out;
    }
    auto account = tx.exec_params1("SELECT status, " + Ms("expires_at") + " FROM personnel.account WHERE id = $1",
                                   account_id);
    const bool disabled = account[0].as<std::string>() != "active";
    if (disabled || Expired(sql::OptionalTimeOf(account[1]), now)) {
      tx.exec_params("UPDATE personnel.login_session SET revoked_at = now(), revoke_reason = $2 WHERE id = $1",
                     out.session_id, disabled ? "disabled" : "expired");
      out.kind = RefreshOutcome::Kind::kAccountUnusable;
      return out;
    }
    tx.exec_params("UPDATE personnel.refresh_token SET rotated_at = " + sql::ToTs("$3") +
                       ", rotated_to = $2 WHERE token_hash = $1",
                   refresh_hash, next_hash, UnixMillis(now));
    tx.exec_params("INSERT INTO personnel.refresh_token (token_hash, session_id, enterprise_id, park_id, issued_at) "
                   "VALUES ($1, $2, NULLIF($3, '')::uuid, NULLIF($4, '')::uuid, " + sql::ToTs("$5") + ")",
                   next_hash, out.session_id, enterprise_id, park_id, UnixMillis(now));
    tx.exec_params("UPDATE personnel.login_session SET last_used_at = " + sql::ToTs("$2") +
                       ", expires_at = " + sql::ToTs("$3") + " WHERE id = $1",
                   out.session_id, UnixMillis(now), UnixMillis(next_expires));
    out.grants = LoadGrants(tx, account_id);
    out.kind = RefreshOutcome::Kind::kRotated;
    return out;
  });
}

Status PgIdentityStore::RevokeSession(const Actor& actor, const std::string& reason) {
  return sql::InActorTransaction<Status>(pool_, actor, [&](pqxx::work& tx) -> Status {
    auto rows = tx.exec_params("UPDATE personnel.login_session SET revoked_at = now(), revoke_reason = $3 "
                               "WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL RETURNING id",
                               actor.session_id, actor.account_id, reason);
    if (rows.empty()) return NotFound("会话不存在或已结束");
    auto account = sql::LoadAccount(tx, actor.account_id);
    if (!account) return NotFound("账号不存在");
    events::v1::AccountLoggedOut payload;
    payload.set_account_id(actor.account_id);
    payload.set_session_id(actor.session_id);
    sql::AppendEvent(tx, clock_, sql::AccountTarget(*account, actor.request_id), payload);
    return Status::Ok();
  });
}

Result<Credentials> PgIdentityStore::LoadCredentials(const Actor& actor) {
  return sql::InActorTransaction<Result<Credentials>>(pool_, actor, [&](pqxx::work& tx) -> Result<Credentials> {
    auto rows = tx.exec_params("SELECT username, password_hash, failed_logins, " + Ms("locked_until") +
                                   " FROM personnel.account WHERE id = $1",
                               actor.account_id);
    if (rows.empty()) return NotFound("账号不存在");
    return Credentials{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(), LockoutOf(rows[0][2], rows[0][3])};
  });
}

Result<std::vector<std::string>> PgIdentityStore::ChangePassword(const Actor& actor, const std::string& new_hash) {
  return sql::InActorTransaction<Result<std::vector<std::string>>>(
      pool_, actor, [&](pqxx::work& tx) -> Result<std::vector<std::string>> {
        auto rows = tx.exec_params("UPDATE personnel.account SET password_hash = $2, password_changed_at = " +
                                       sql::ToTs("$3") +
                                       ", must_change_password = false, version = version + 1, updated_at = now() "
                                       "WHERE id = $1 RETURNING id",
                                   actor.account_id, new_hash, UnixMillis(clock_.Now()));
        if (rows.empty()) return NotFound("账号不存在");
        auto revoked = sql::RevokeSessions(tx, actor.account_id, "password_changed", actor.session_id);
        auto account = *sql::LoadAccount(tx, actor.account_id);
        events::v1::AccountPasswordChanged payload;
        payload.set_account_id(actor.account_id);
        payload.set_actor(actor.account_id);
        payload.set_sessions_revoked(static_cast<int>(revoked.size()));
        sql::AppendEvent(tx, clock_, sql::AccountTarget(account, actor.request_id), payload);
        return revoked;
      });
}

Result<MeRecord> PgIdentityStore::LoadMe(const Actor& actor, const std::string& enterprise_id) {
  return sql::InActorTransaction<Result<MeRecord>>(pool_, actor, [&](pqxx::work& tx) -> Result<MeRecord> {
    auto account = sql::LoadAccount(tx, actor.account_id);
    if (!account) return NotFound("账号不存在");
    MeRecord me;
    me.account = *account;
    auto grants = LoadGrants(tx, actor.account_id);
    me.grants_per_role = std::move(grants.grants_per_role);
    me.role_scopes = std::move(grants.role_scopes);
    if (!enterprise_id.empty()) {
      auto e = tx.exec_params("SELECT name FROM personnel.enterprise WHERE id = $1", enterprise_id);
      if (!e.empty()) me.enterprise_name = e[0][0].as<std::string>();
    }
    if (!me.account.park_id.empty()) {
      auto p = tx.exec_params("SELECT name FROM personnel.park WHERE id = $1", me.account.park_id);
      if (!p.empty()) me.park_name = p[0][0].as<std::string>();
    }
    return me;
  });
}

Result<AccountGrants> PgIdentityStore::GrantsForEnterpriseToken(const Actor& actor, const std::string& enterprise_id) {
  return db::InParkTransaction<Result<AccountGrants>>(
      pool_, actor.park_id, [&](pqxx::work& tx) -> Result<AccountGrants> {
        // The park policy shows only the park's enterprises: another park's looks like no enterprise at all.
        if (tx.exec_params("SELECT 1 FROM personnel.enterprise WHERE id = $1 AND park_id = $2", enterprise_id,
                           actor.park_id)
                .empty()) {
          return NotFound("企业 " + enterprise_id + " 不存在", "enterprise_id");
        }
        auto live = tx.exec_params(
            "SELECT 1 FROM personnel.login_session s JOIN personnel.account a ON a.id = s.account_id "
            "WHERE s.id = $1 AND s.account_id = $2 AND s.revoked_at IS NULL AND s.expires_at > " + sql::ToTs("$3") +
                " AND a.status = 'active' AND a.kind = 'park'",
            actor.session_id, actor.account_id, UnixMillis(clock_.Now()));
        if (live.empty()) return Unauthenticated("会话已结束，请重新登录");
        return LoadGrants(tx, actor.account_id);
      });
}

Result<std::vector<std::string>> PgIdentityStore::RevokeExpiredVisitorSessions() {
  // Owner transaction: a background sweep over every enterprise, acting for no tenant.
  return db::InTransaction<Result<std::vector<std::string>>>(
      pool_, [&](pqxx::work& tx) -> Result<std::vector<std::string>> {
        auto rows = tx.exec_params(
            "UPDATE personnel.login_session s SET revoked_at = now(), revoke_reason = 'expired' "
            "FROM personnel.account a WHERE a.id = s.account_id AND a.kind = 'visitor' AND a.expires_at <= " +
                sql::ToTs("$1") + " AND s.revoked_at IS NULL RETURNING s.id",
            UnixMillis(clock_.Now()));
        std::vector<std::string> out;
        for (const auto& r : rows) out.push_back(r[0].as<std::string>());
        return out;
      });
}

}  // namespace safeloop::personnel::identity
