#include "identity_sql.hpp"

#include "safeloop/db/outbox.hpp"
#include "safeloop/events/envelope.hpp"

namespace safeloop::personnel::identity::sql {

std::string Ms(const std::string& column) { return "(extract(epoch from " + column + ") * 1000)::bigint"; }

TimePoint TimeOf(const pqxx::field& f) { return FromUnixMillis(f.as<std::int64_t>()); }

std::optional<TimePoint> OptionalTimeOf(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return TimeOf(f);
}

std::int64_t MsParam(const std::optional<TimePoint>& t) { return t ? UnixMillis(*t) : -1; }

std::string ToTs(const std::string& param) {
  return "(CASE WHEN " + param + "::bigint < 0 THEN NULL ELSE to_timestamp(" + param + "::float8 / 1000) END)";
}

const std::string& AccountSelect() {
  static const std::string sql =
      "SELECT a.id, coalesce(a.enterprise_id::text, '') AS enterprise_id, coalesce(a.park_id::text, '') AS park_id, "
      "coalesce(a.person_id::text, '') AS person_id, a.username, a.kind, a.display_name, a.mobile, a.status, " +
      Ms("a.expires_at") + " AS expires_ms, " + Ms("a.locked_until") + " AS locked_ms, " + Ms("a.last_login_at") +
      " AS last_login_ms, " + Ms("a.password_changed_at") + " AS password_ms, a.failed_logins, "
      "a.must_change_password, a.version, " + Ms("a.created_at") + " AS created_ms, " + Ms("a.updated_at") +
      " AS updated_ms, coalesce(p.name, '') AS person_name, coalesce(p.unit_id::text, '') AS unit_id "
      "FROM personnel.account a LEFT JOIN personnel.person p ON p.id = a.person_id ";
  return sql;
}

AccountRecord AccountFromRow(const pqxx::row& r) {
  AccountRecord a;
  a.id = r["id"].as<std::string>();
  a.enterprise_id = r["enterprise_id"].as<std::string>();
  a.park_id = r["park_id"].as<std::string>();
  a.person_id = r["person_id"].as<std::string>();
  a.username = r["username"].as<std::string>();
  a.kind = r["kind"].as<std::string>();
  a.display_name = r["display_name"].as<std::string>();
  a.mobile = r["mobile"].as<std::string>();
  a.status = r["status"].as<std::string>();
  a.expires_at = OptionalTimeOf(r["expires_ms"]);
  a.locked_until = OptionalTimeOf(r["locked_ms"]);
  a.last_login_at = OptionalTimeOf(r["last_login_ms"]);
  a.password_changed_at = TimeOf(r["password_ms"]);
  a.failed_logins = r["failed_logins"].as<int>();
  a.must_change_password = r["must_change_password"].as<bool>();
  a.version = r["version"].as<int>();
  a.created_at = TimeOf(r["created_ms"]);
  a.updated_at = TimeOf(r["updated_ms"]);
  a.person_name = r["person_name"].as<std::string>();
  a.unit_id = r["unit_id"].as<std::string>();
  return a;
}

void AttachRoles(pqxx::transaction_base& tx, std::vector<AccountRecord>& accounts) {
  if (accounts.empty()) return;
  std::string ids = "{";
  for (const auto& a : accounts) ids += (ids.size() > 1 ? "," : "") + a.id;
  ids += "}";
  auto rows = tx.exec_params(
      "SELECT ar.account_id, r.code, r.name FROM personnel.account_role ar JOIN personnel.role r ON r.id = ar.role_id "
      "WHERE ar.account_id = ANY($1::uuid[]) ORDER BY r.code",
      ids);
  for (const auto& row : rows) {
    auto id = row[0].as<std::string>();
    for (auto& a : accounts) {
      if (a.id == id) a.roles.push_back({row[1].as<std::string>(), row[2].as<std::string>()});
    }
  }
}

std::optional<AccountRecord> LoadAccount(pqxx::transaction_base& tx, const std::string& account_id) {
  auto rows = tx.exec_params(AccountSelect() + "WHERE a.id = $1", account_id);
  if (rows.empty()) return std::nullopt;
  std::vector<AccountRecord> one{AccountFromRow(rows[0])};
  AttachRoles(tx, one);
  return one.front();
}

std::vector<std::string> RevokeSessions(pqxx::transaction_base& tx, const std::string& account_id,
                                        const std::string& reason, const std::string& keep_session) {
  auto rows = tx.exec_params(
      "UPDATE personnel.login_session SET revoked_at = now(), revoke_reason = $2 "
      "WHERE account_id = $1 AND revoked_at IS NULL AND id::text <> $3 RETURNING id",
      account_id, reason, keep_session);
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r[0].as<std::string>());
  return out;
}

void AppendEvent(pqxx::work& tx, const Clock& clock, const EventTarget& target,
                 const google::protobuf::Message& payload) {
  if (target.enterprise_id.empty()) return;
  auto envelope = events::MakeEnvelope({target.topic, target.enterprise_id, target.park_id, target.aggregate_type,
                                        target.aggregate_id, target.version, "personnel", target.request_id},
                                       payload, clock);
  db::AppendToOutbox(tx, "personnel", envelope);
}

void FillSnapshot(const AccountRecord& account, events::v1::AccountSnapshot& out) {
  out.set_account_id(account.id);
  out.set_username(account.username);
  out.set_kind(account.kind);
  out.set_display_name(account.display_name);
  out.set_person_id(account.person_id);
  out.set_status(account.status);
  for (const auto& r : account.roles) out.add_role_codes(r.code);
  if (account.expires_at) out.set_expires_at(FormatRfc3339(*account.expires_at));
  out.set_version(account.version);
}

EventTarget AccountTarget(const AccountRecord& account, const std::string& request_id) {
  return {kAccountTopic, account.enterprise_id, account.park_id, "account", account.id, account.version, request_id};
}

void EnterAccountTenant(pqxx::work& tx, const std::string& enterprise_id, const std::string& park_id) {
  if (enterprise_id.empty()) {
    db::EnterPark(tx, park_id);
  } else {
    db::EnterTenant(tx, enterprise_id);
  }
}

}  // namespace safeloop::personnel::identity::sql
