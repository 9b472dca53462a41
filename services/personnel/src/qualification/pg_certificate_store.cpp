#include "pg_certificate_store.hpp"

#include <algorithm>

#include "safeloop/core/uuid.hpp"
#include "safeloop/db/transaction.hpp"
#include "safeloop/events/v1/personnel_qualification_events.pb.h"

namespace safeloop::personnel::qualification {
namespace {

namespace pd = personnel_domain;

const std::string kColumns =
    "c.id, c.person_id, p.name AS person_name, c.type_code, t.name_zh AS type_name, t.kind, "
    "t.review_interval_years, c.number, c.issuing_authority, " +
    DateColumn("c.issued_on", "issued_on") + ", " + DateColumn("c.expires_on", "expires_on") + ", " +
    DateColumn("c.last_review_on", "last_review_on") + ", c.review_extended, c.review_failed, " +
    MillisColumn("c.revoked_at", "revoked_ms") + ", c.revoke_reason, c.version, " +
    MillisColumn("c.created_at", "created_ms") + ", " + MillisColumn("c.updated_at", "updated_ms") +
    ", c.enterprise_id";
const std::string kFrom =
    " FROM personnel.certificate c JOIN personnel.person p ON p.id = c.person_id "
    "JOIN personnel.certificate_type t ON t.code = c.type_code ";

pd::CertificateDates DatesFromRow(const pqxx::row& r) {
  pd::CertificateDates d;
  d.kind = pd::ParseCertificateKind(r["kind"].as<std::string>()).value_or(pd::CertificateKind::kSpecialOperation);
  d.review_interval_years = r["review_interval_years"].as<int>();
  d.issued_on = *DateOf(r["issued_on"]);
  d.expires_on = DateOf(r["expires_on"]);
  d.last_review_on = DateOf(r["last_review_on"]);
  d.review_extended = r["review_extended"].as<bool>();
  d.review_failed = r["review_failed"].as<bool>();
  d.revoked = !r["revoked_ms"].is_null();
  return d;
}

v1::Certificate CertificateFromRow(const pqxx::row& r, pd::Date today, int warn_days) {
  auto dates = DatesFromRow(r);
  v1::Certificate c;
  c.set_certificate_id(r["id"].as<std::string>());
  c.set_person_id(r["person_id"].as<std::string>());
  c.set_person_name(r["person_name"].as<std::string>());
  c.set_type_code(r["type_code"].as<std::string>());
  c.set_type_name(r["type_name"].as<std::string>());
  c.set_kind(r["kind"].as<std::string>());
  c.set_number(r["number"].as<std::string>());
  c.set_issuing_authority(r["issuing_authority"].as<std::string>());
  c.set_issued_on(r["issued_on"].as<std::string>());
  c.set_expires_on(TextOrEmpty(r["expires_on"]));
  c.set_last_review_on(TextOrEmpty(r["last_review_on"]));
  for (const auto& due : pd::DueDates(dates)) {
    if (due.kind == pd::DueDate::Kind::kReview) c.set_next_review_on(pd::FormatDate(due.on));
  }
  c.set_review_extended(dates.review_extended);
  c.set_status(std::string(pd::CertificateStatusCode(pd::StatusOn(dates, today, warn_days))));
  c.set_revoked_at(InstantText(r["revoked_ms"]));
  c.set_revoke_reason(r["revoke_reason"].as<std::string>());
  c.set_version(r["version"].as<int>());
  c.set_created_at(InstantText(r["created_ms"]));
  c.set_updated_at(InstantText(r["updated_ms"]));
  return c;
}

struct TypeRow {
  pd::CertificateKind kind;
  int validity_years;
  int review_interval_years;
};

Result<TypeRow> LoadType(pqxx::work& tx, const std::string& code) {
  auto rows = tx.exec_params(
      "SELECT kind, validity_years, review_interval_years FROM personnel.certificate_type WHERE code = $1", code);
  if (rows.empty()) return InvalidArgument("未知的证书类型 " + code, "type_code");
  return TypeRow{*pd::ParseCertificateKind(rows[0][0].as<std::string>()), rows[0][1].as<int>(), rows[0][2].as<int>()};
}

// Fills the default expiry and checks the dates against the type.
Status PrepareDates(const TypeRow& type, CertificateInput& input, pd::Date today) {
  if (!input.expires_on && type.validity_years > 0) input.expires_on = pd::AddYears(input.issued_on, type.validity_years);
  pd::CertificateDates d{type.kind, type.review_interval_years, input.issued_on, input.expires_on,
                         input.last_review_on, input.review_extended, false, false};
  return pd::ValidateCertificateDates(d, today);
}

Status WithNumberField(const Status& s) {
  if (s.code() == StatusCode::kAlreadyExists) return AlreadyExists("该类型的证书编号已存在", "number");
  return s;
}

}  // namespace

pd::Date PgCertificateStore::Today() const { return pd::ChinaDateOf(clock_.Now()); }

Result<std::vector<v1::CertificateType>> PgCertificateStore::ListTypes(const Actor& actor, const std::string& kind) {
  return db::InTenantTransaction<Result<std::vector<v1::CertificateType>>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::vector<v1::CertificateType>> {
        std::vector<v1::CertificateType> out;
        for (const auto& r : tx.exec_params(
                 "SELECT code, name_zh, kind, coalesce(parent_code, ''), validity_years, review_interval_years "
                 "FROM personnel.certificate_type WHERE ($1 = '' OR kind = $1) ORDER BY sort_order, code",
                 kind)) {
          v1::CertificateType t;
          t.set_code(r[0].as<std::string>());
          t.set_name(r[1].as<std::string>());
          t.set_kind(r[2].as<std::string>());
          t.set_parent_code(r[3].as<std::string>());
          t.set_validity_years(r[4].as<int>());
          t.set_review_interval_years(r[5].as<int>());
          out.push_back(std::move(t));
        }
        return out;
      });
}

Result<v1::ListCertificatesResponse> PgCertificateStore::List(const Actor& actor, const CertificateFilter& filter) {
  const auto today = Today();
  return db::InTenantTransaction<Result<v1::ListCertificatesResponse>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ListCertificatesResponse> {
        // Status and due dates are rules, not SQL: rows are filtered here and paged by id (UUIDv7 order).
        const bool computed_filter = filter.status.has_value() || filter.due_within_days > 0;
        auto rows = tx.exec_params(
            "SELECT " + kColumns + kFrom +
                "WHERE ($1 = '' OR c.person_id = NULLIF($1, '')::uuid) "
                "AND ($2 = '' OR c.type_code = $2 OR t.parent_code = $2) "
                "AND ($3 = '' OR c.id > NULLIF($3, '')::uuid) AND " + actor.scope.PersonIdSql(tx, "c.person_id") +
                " ORDER BY c.id LIMIT $4",
            filter.person_id, filter.type_code, filter.page_token,
            computed_filter ? 100000 : filter.page_size + 1);
        v1::ListCertificatesResponse out;
        for (const auto& r : rows) {
          auto dates = DatesFromRow(r);
          if (filter.status && pd::StatusOn(dates, today, reminder_days_) != *filter.status) continue;
          if (filter.due_within_days > 0) {
            auto due = pd::DueDates(dates);
            bool soon = std::any_of(due.begin(), due.end(), [&](const pd::DueDate& d) {
              return pd::DaysBetween(today, d.on) <= filter.due_within_days;
            });
            if (!soon) continue;
          }
          if (out.certificates_size() == filter.page_size) {
            out.mutable_page()->set_next_page_token(out.certificates(out.certificates_size() - 1).certificate_id());
            break;
          }
          *out.add_certificates() = CertificateFromRow(r, today, reminder_days_);
        }
        return out;
      });
}

Result<v1::Certificate> PgCertificateStore::Get(const Actor& actor, const std::string& certificate_id) {
  const auto today = Today();
  return db::InTenantTransaction<Result<v1::Certificate>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::Certificate> {
        auto rows = tx.exec_params("SELECT " + kColumns + kFrom + "WHERE c.id = $1 AND " +
                                       actor.scope.PersonIdSql(tx, "c.person_id"),
                                   certificate_id);
        if (rows.empty()) return NotFound("证书不存在", "certificate_id");
        auto c = CertificateFromRow(rows[0], today, reminder_days_);
        for (const auto& r : tx.exec_params("SELECT " + DateColumn("reviewed_on", "reviewed_on") +
                                                ", result, note, recorded_by, " +
                                                MillisColumn("recorded_at", "recorded_ms") +
                                                " FROM personnel.certificate_review WHERE certificate_id = $1 "
                                                "ORDER BY reviewed_on, recorded_at",
                                            certificate_id)) {
          auto* review = c.add_reviews();
          review->set_reviewed_on(r["reviewed_on"].as<std::string>());
          review->set_result(r["result"].as<std::string>());
          review->set_note(r["note"].as<std::string>());
          review->set_recorded_by(r["recorded_by"].as<std::string>());
          review->set_recorded_at(InstantText(r["recorded_ms"]));
        }
        return c;
      });
}

namespace {
// The row just written, mapped, and its event appended — in the writer's transaction.
v1::Certificate EmitChange(pqxx::work& tx, const Clock& clock, const Actor& actor, const std::string& id,
                           const char* change, pd::Date today, int warn_days) {
  auto row = tx.exec_params1("SELECT " + kColumns + kFrom + "WHERE c.id = $1", id);
  auto c = CertificateFromRow(row, today, warn_days);
  events::v1::CertificateChanged payload;
  payload.set_change(change);
  *payload.mutable_certificate() = c;
  AppendEvent(tx, clock, actor, kCertificateTopic, "certificate", id, c.version(), payload);
  return c;
}
}  // namespace

Result<v1::Certificate> PgCertificateStore::Create(const Actor& actor, const CertificateInput& request) {
  const auto today = Today();
  auto r = db::InTenantTransaction<Result<v1::Certificate>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::Certificate> {
        auto type = LoadType(tx, request.type_code);
        if (!type.ok()) return type.status();
        if (tx.exec_params("SELECT 1 FROM personnel.person p WHERE p.id = $1 AND " +
                               actor.scope.PersonIdSql(tx, "p.id"),
                           request.person_id)
                .empty()) {
          return NotFound("人员不存在", "person_id");
        }
        CertificateInput input = request;
        SAFELOOP_RETURN_IF_ERROR(PrepareDates(*type, input, today));
        const std::string id = NewUuidV7(clock_);
        tx.exec_params(
            "INSERT INTO personnel.certificate (id, enterprise_id, person_id, type_code, number, issuing_authority, "
            "issued_on, expires_on, last_review_on, review_extended) VALUES ($1, $2, $3, $4, $5, $6, $7::date, "
            "NULLIF($8, '')::date, NULLIF($9, '')::date, $10)",
            id, actor.enterprise_id, input.person_id, input.type_code, input.number, input.issuing_authority,
            pd::FormatDate(input.issued_on), DateParam(input.expires_on), DateParam(input.last_review_on),
            input.review_extended);
        return EmitChange(tx, clock_, actor, id, "created", today, reminder_days_);
      });
  if (!r.ok()) return WithNumberField(r.status());
  return r;
}

Result<v1::Certificate> PgCertificateStore::Update(const Actor& actor, const std::string& certificate_id, int version,
                                                   const CertificateInput& request) {
  const auto today = Today();
  auto r = db::InTenantTransaction<Result<v1::Certificate>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::Certificate> {
        auto current = tx.exec_params("SELECT c.type_code, c.version, c.revoked_at IS NOT NULL FROM "
                                      "personnel.certificate c WHERE c.id = $1 AND " +
                                          actor.scope.PersonIdSql(tx, "c.person_id") + " FOR UPDATE OF c",
                                      certificate_id);
        if (current.empty()) return NotFound("证书不存在", "certificate_id");
        if (current[0][1].as<int>() != version) {
          return Status(StatusCode::kAborted, "证书已被他人修改，请刷新后重试", "version");
        }
        if (current[0][2].as<bool>()) return FailedPrecondition("已撤销的证书不能修改", "certificate_id");
        auto type = LoadType(tx, current[0][0].as<std::string>());
        if (!type.ok()) return type.status();
        CertificateInput input = request;
        SAFELOOP_RETURN_IF_ERROR(PrepareDates(*type, input, today));
        tx.exec_params(
            "UPDATE personnel.certificate SET number = $2, issuing_authority = $3, issued_on = $4::date, "
            "expires_on = NULLIF($5, '')::date, last_review_on = NULLIF($6, '')::date, review_extended = $7, "
            "version = version + 1, updated_at = now() WHERE id = $1",
            certificate_id, input.number, input.issuing_authority, pd::FormatDate(input.issued_on),
            DateParam(input.expires_on), DateParam(input.last_review_on), input.review_extended);
        return EmitChange(tx, clock_, actor, certificate_id, "updated", today, reminder_days_);
      });
  if (!r.ok()) return WithNumberField(r.status());
  return r;
}

Result<v1::Certificate> PgCertificateStore::RecordReview(const Actor& actor, const std::string& certificate_id,
                                                         pd::Date reviewed_on, bool passed, const std::string& note) {
  const auto today = Today();
  return db::InTenantTransaction<Result<v1::Certificate>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::Certificate> {
        auto current = tx.exec_params("SELECT " + DateColumn("c.issued_on", "issued_on") +
                                          ", c.revoked_at IS NOT NULL, t.review_interval_years "
                                          "FROM personnel.certificate c JOIN personnel.certificate_type t "
                                          "ON t.code = c.type_code WHERE c.id = $1 AND " +
                                          actor.scope.PersonIdSql(tx, "c.person_id") + " FOR UPDATE OF c",
                                      certificate_id);
        if (current.empty()) return NotFound("证书不存在", "certificate_id");
        if (current[0][1].as<bool>()) return FailedPrecondition("已撤销的证书不能复审", "certificate_id");
        if (current[0][2].as<int>() == 0) return FailedPrecondition("该类型证书没有复审", "certificate_id");
        if (reviewed_on < *DateOf(current[0][0])) return InvalidArgument("复审日期不能早于发证日期", "reviewed_on");
        if (reviewed_on > today) return InvalidArgument("复审日期不能晚于今天", "reviewed_on");
        tx.exec_params("INSERT INTO personnel.certificate_review (id, enterprise_id, certificate_id, reviewed_on, result, "
                       "note, recorded_by) VALUES ($1, $2, $3, $4::date, $5, $6, $7)",
                       NewUuidV7(clock_), actor.enterprise_id, certificate_id, pd::FormatDate(reviewed_on),
                       passed ? "pass" : "fail", note, actor.subject);
        if (passed) {
          tx.exec_params("UPDATE personnel.certificate SET last_review_on = greatest(last_review_on, $2::date), "
                         "review_failed = false, version = version + 1, updated_at = now() WHERE id = $1",
                         certificate_id, pd::FormatDate(reviewed_on));
        } else {
          tx.exec_params("UPDATE personnel.certificate SET review_failed = true, version = version + 1, "
                         "updated_at = now() WHERE id = $1",
                         certificate_id);
        }
        return EmitChange(tx, clock_, actor, certificate_id, "reviewed", today, reminder_days_);
      });
}

Result<v1::Certificate> PgCertificateStore::Revoke(const Actor& actor, const std::string& certificate_id,
                                                   const std::string& reason) {
  const auto today = Today();
  return db::InTenantTransaction<Result<v1::Certificate>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::Certificate> {
        auto current = tx.exec_params("SELECT c.revoked_at IS NOT NULL FROM personnel.certificate c WHERE c.id = $1 AND " +
                                          actor.scope.PersonIdSql(tx, "c.person_id") + " FOR UPDATE OF c",
                                      certificate_id);
        if (current.empty()) return NotFound("证书不存在", "certificate_id");
        if (current[0][0].as<bool>()) return FailedPrecondition("证书已撤销", "certificate_id");
        tx.exec_params("UPDATE personnel.certificate SET revoked_at = now(), revoke_reason = $2, version = version + 1, "
                       "updated_at = now() WHERE id = $1",
                       certificate_id, reason);
        return EmitChange(tx, clock_, actor, certificate_id, "revoked", today, reminder_days_);
      });
}

Result<v1::ListRemindersResponse> PgCertificateStore::Reminders(const Actor& actor) {
  const auto today = Today();
  return db::InTenantTransaction<Result<v1::ListRemindersResponse>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ListRemindersResponse> {
        auto rows = tx.exec_params("SELECT " + kColumns + kFrom +
                                       "WHERE c.revoked_at IS NULL AND NOT c.review_failed "
                                       "AND (c.expires_on IS NULL OR c.expires_on >= $1::date) AND " +
                                       actor.scope.PersonIdSql(tx, "c.person_id"),
                                   pd::FormatDate(today));
        std::vector<v1::CertificateReminder> reminders;
        for (const auto& r : rows) {
          for (const auto& due : pd::DueDates(DatesFromRow(r))) {
            int left = pd::DaysBetween(today, due.on);
            if (left < 0 || left > reminder_days_) continue;
            v1::CertificateReminder reminder;
            *reminder.mutable_certificate() = CertificateFromRow(r, today, reminder_days_);
            reminder.set_due_kind(std::string(pd::DueKindCode(due.kind)));
            reminder.set_due_on(pd::FormatDate(due.on));
            reminder.set_days_left(left);
            reminders.push_back(std::move(reminder));
          }
        }
        std::sort(reminders.begin(), reminders.end(), [](const auto& a, const auto& b) {
          if (a.due_on() != b.due_on()) return a.due_on() < b.due_on();
          return a.certificate().certificate_id() < b.certificate().certificate_id();
        });
        v1::ListRemindersResponse out;
        for (auto& reminder : reminders) *out.add_reminders() = std::move(reminder);
        return out;
      });
}

Result<int> PgCertificateStore::SweepReminders(TimePoint now) {
  const auto today = pd::ChinaDateOf(now);
  // Owner connection: a background job for every tenant, with no caller to take a tenant from.
  return db::InTransaction<Result<int>>(pool_, [&](pqxx::work& tx) -> Result<int> {
    auto rows = tx.exec_params("SELECT " + kColumns + ", coalesce(e.park_id::text, '') AS park_id" + kFrom +
                                   "JOIN personnel.enterprise e ON e.id = c.enterprise_id "
                                   "WHERE c.revoked_at IS NULL AND NOT c.review_failed "
                                   "AND (c.expires_on IS NULL OR c.expires_on >= $1::date)",
                               pd::FormatDate(today));
    int emitted = 0;
    for (const auto& r : rows) {
      for (const auto& due : pd::DueDates(DatesFromRow(r))) {
        int left = pd::DaysBetween(today, due.on);
        if (left < 0 || left > reminder_days_) continue;
        const std::string id = r["id"].as<std::string>();
        const std::string kind(pd::DueKindCode(due.kind));
        auto inserted = tx.exec_params(
            "INSERT INTO personnel.certificate_reminder (enterprise_id, certificate_id, due_kind, due_on) "
            "VALUES ($1, $2, $3, $4::date) ON CONFLICT DO NOTHING RETURNING 1",
            r["enterprise_id"].as<std::string>(), id, kind, pd::FormatDate(due.on));
        if (inserted.empty()) continue;
        events::v1::CertificateReminderDue payload;
        payload.set_certificate_id(id);
        payload.set_person_id(r["person_id"].as<std::string>());
        payload.set_type_code(r["type_code"].as<std::string>());
        payload.set_number(r["number"].as<std::string>());
        payload.set_due_kind(kind);
        payload.set_due_on(pd::FormatDate(due.on));
        payload.set_days_left(left);
        Actor system{r["enterprise_id"].as<std::string>(), r["park_id"].as<std::string>(), "system", "",
                     tenancy::DataScope::All()};
        AppendEvent(tx, clock_, system, kCertificateTopic, "certificate", id, r["version"].as<int>(), payload);
        ++emitted;
      }
    }
    return emitted;
  });
}

}  // namespace safeloop::personnel::qualification
