#include "pg_contractor_store.hpp"

#include <map>

#include "safeloop/core/uuid.hpp"
#include "safeloop/db/transaction.hpp"
#include "safeloop/events/v1/personnel_qualification_events.pb.h"
#include "safeloop/personnel_domain/qualification.hpp"

namespace safeloop::personnel::qualification {
namespace {

namespace pd = personnel_domain;
using BlacklistMap = std::map<std::string, std::vector<pd::BlacklistPeriod>>;

std::string IdArray(const std::vector<std::string>& ids) {
  std::string out = "{";
  for (const auto& id : ids) out += (out.size() > 1 ? "," : "") + id;
  return out + "}";
}

std::optional<TimePoint> InstantOf(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return FromUnixMillis(f.as<std::int64_t>());
}

const std::string kBlacklistColumns =
    "id, subject_kind, subject_id, reason, " + MillisColumn("from_at", "from_ms") + ", " +
    MillisColumn("until_at", "until_ms") + ", created_by, " + MillisColumn("created_at", "created_ms") + ", " +
    MillisColumn("lifted_at", "lifted_ms") + ", lifted_by, lift_reason";

pd::BlacklistPeriod PeriodFromRow(const pqxx::row& r) {
  return {FromUnixMillis(r["from_ms"].as<std::int64_t>()), InstantOf(r["until_ms"]), InstantOf(r["lifted_ms"])};
}

v1::BlacklistEntry EntryFromRow(const pqxx::row& r, TimePoint now) {
  v1::BlacklistEntry e;
  e.set_entry_id(r["id"].as<std::string>());
  e.set_subject_kind(r["subject_kind"].as<std::string>());
  e.set_subject_id(r["subject_id"].as<std::string>());
  e.set_reason(r["reason"].as<std::string>());
  e.set_from(InstantText(r["from_ms"]));
  e.set_until(InstantText(r["until_ms"]));
  e.set_created_by(r["created_by"].as<std::string>());
  e.set_created_at(InstantText(r["created_ms"]));
  e.set_lifted_at(InstantText(r["lifted_ms"]));
  e.set_lifted_by(r["lifted_by"].as<std::string>());
  e.set_lift_reason(r["lift_reason"].as<std::string>());
  e.set_active(pd::BlacklistedAt({PeriodFromRow(r)}, now));
  return e;
}

BlacklistMap LoadBlacklists(pqxx::work& tx, const std::vector<std::string>& subject_ids) {
  BlacklistMap out;
  if (subject_ids.empty()) return out;
  for (const auto& r : tx.exec_params("SELECT " + kBlacklistColumns +
                                          " FROM personnel.blacklist_entry WHERE subject_id = ANY($1::uuid[])",
                                      IdArray(subject_ids))) {
    out[r["subject_id"].as<std::string>()].push_back(PeriodFromRow(r));
  }
  return out;
}

const std::string kCompanyColumns =
    "k.id, k.name, k.credit_code, k.contact_name, k.contact_mobile, k.address, k.review_status, k.reviewed_by, " +
    MillisColumn("k.reviewed_at", "reviewed_ms") + ", k.review_comment, k.version, " +
    MillisColumn("k.created_at", "created_ms") + ", " + MillisColumn("k.updated_at", "updated_ms");

v1::ContractorCompany CompanyFromRow(const pqxx::row& r) {
  v1::ContractorCompany c;
  c.set_company_id(r["id"].as<std::string>());
  c.set_name(r["name"].as<std::string>());
  c.set_credit_code(r["credit_code"].as<std::string>());
  c.set_contact_name(r["contact_name"].as<std::string>());
  c.set_contact_mobile(r["contact_mobile"].as<std::string>());
  c.set_address(r["address"].as<std::string>());
  c.set_review_status(r["review_status"].as<std::string>());
  c.set_reviewed_by(r["reviewed_by"].as<std::string>());
  c.set_reviewed_at(InstantText(r["reviewed_ms"]));
  c.set_review_comment(r["review_comment"].as<std::string>());
  c.set_version(r["version"].as<int>());
  c.set_created_at(InstantText(r["created_ms"]));
  c.set_updated_at(InstantText(r["updated_ms"]));
  return c;
}

// Documents, blacklist flag and usability of the given companies (one query each), by the domain rules.
void Complete(pqxx::work& tx, std::vector<v1::ContractorCompany>& companies, TimePoint now) {
  if (companies.empty()) return;
  std::vector<std::string> ids;
  for (const auto& c : companies) ids.push_back(c.company_id());
  std::map<std::string, std::vector<v1::ContractorDocument>> documents;
  for (const auto& r : tx.exec_params("SELECT company_id, kind, number, grade, " + DateColumn("issued_on", "issued_on") +
                                          ", " + DateColumn("expires_on", "expires_on") +
                                          ", file_url FROM personnel.contractor_document "
                                          "WHERE company_id = ANY($1::uuid[]) ORDER BY company_id, sort_order",
                                      IdArray(ids))) {
    v1::ContractorDocument d;
    d.set_kind(r["kind"].as<std::string>());
    d.set_number(r["number"].as<std::string>());
    d.set_grade(r["grade"].as<std::string>());
    d.set_issued_on(TextOrEmpty(r["issued_on"]));
    d.set_expires_on(TextOrEmpty(r["expires_on"]));
    d.set_file_url(r["file_url"].as<std::string>());
    documents[r["company_id"].as<std::string>()].push_back(std::move(d));
  }
  auto blacklists = LoadBlacklists(tx, ids);
  const auto today = pd::ChinaDateOf(now);
  for (auto& c : companies) {
    bool expired = false;
    for (auto& d : documents[c.company_id()]) {
      auto expiry = pd::ParseDate(d.expires_on());
      if (expiry && today > *expiry) expired = true;
      *c.add_documents() = std::move(d);
    }
    c.set_documents_expired(expired);
    c.set_blacklisted(pd::BlacklistedAt(blacklists[c.company_id()], now));
    c.set_usable(c.review_status() == "approved" && !c.blacklisted() && !c.documents_expired());
  }
}

Result<v1::ContractorCompany> LoadCompany(pqxx::work& tx, const std::string& id, TimePoint now) {
  auto rows = tx.exec_params("SELECT " + kCompanyColumns + " FROM personnel.contractor_company k WHERE k.id = $1", id);
  if (rows.empty()) return NotFound("承包商单位不存在", "company_id");
  std::vector<v1::ContractorCompany> one{CompanyFromRow(rows[0])};
  Complete(tx, one, now);
  return one.front();
}

void WriteDocuments(pqxx::work& tx, const std::string& enterprise_id, const std::string& company_id,
                    const v1::ContractorCompany& input, const Clock& clock) {
  tx.exec_params("DELETE FROM personnel.contractor_document WHERE company_id = $1", company_id);
  int order = 0;
  for (const auto& d : input.documents()) {
    tx.exec_params("INSERT INTO personnel.contractor_document (id, enterprise_id, company_id, kind, number, grade, "
                   "issued_on, expires_on, file_url, sort_order) VALUES ($1, $2, $3, $4, $5, $6, "
                   "NULLIF($7, '')::date, NULLIF($8, '')::date, $9, $10)",
                   NewUuidV7(clock), enterprise_id, company_id, d.kind(), d.number(), d.grade(), d.issued_on(),
                   d.expires_on(), d.file_url(), order++);
  }
}

bool SameDocuments(const v1::ContractorCompany& a, const v1::ContractorCompany& b) {
  if (a.documents_size() != b.documents_size()) return false;
  for (int i = 0; i < a.documents_size(); ++i) {
    if (a.documents(i).SerializeAsString() != b.documents(i).SerializeAsString()) return false;
  }
  return true;
}

void EmitCompany(pqxx::work& tx, const Clock& clock, const Actor& actor, const v1::ContractorCompany& c,
                 const char* change) {
  events::v1::ContractorCompanyChanged payload;
  payload.set_change(change);
  *payload.mutable_company() = c;
  AppendEvent(tx, clock, actor, kContractorTopic, "contractor_company", c.company_id(), c.version(), payload);
}

Status CompanyConflict(const Status& s) {
  if (s.code() == StatusCode::kAlreadyExists) return AlreadyExists("该统一社会信用代码的承包商单位已存在", "credit_code");
  return s;
}

const std::string kStaffColumns =
    "s.person_id, s.company_id, coalesce(s.team_id::text, '') AS team_id, p.name, p.gender, p.mobile, p.id_number, "
    "p.work_type, p.employee_no, s.review_status, s.reviewed_by, " + MillisColumn("s.reviewed_at", "reviewed_ms") +
    ", s.review_comment, p.status, s.version";
const std::string kStaffFrom =
    " FROM personnel.contractor_staff s JOIN personnel.person p ON p.id = s.person_id ";

v1::ContractorStaff StaffFromRow(const pqxx::row& r) {
  v1::ContractorStaff s;
  s.set_person_id(r["person_id"].as<std::string>());
  s.set_company_id(r["company_id"].as<std::string>());
  s.set_team_id(r["team_id"].as<std::string>());
  s.set_name(r["name"].as<std::string>());
  s.set_gender(r["gender"].as<std::string>());
  s.set_mobile(r["mobile"].as<std::string>());
  s.set_id_number(r["id_number"].as<std::string>());
  s.set_work_type(r["work_type"].as<std::string>());
  s.set_employee_no(r["employee_no"].as<std::string>());
  s.set_review_status(r["review_status"].as<std::string>());
  s.set_reviewed_by(r["reviewed_by"].as<std::string>());
  s.set_reviewed_at(InstantText(r["reviewed_ms"]));
  s.set_review_comment(r["review_comment"].as<std::string>());
  s.set_person_status(r["status"].as<std::string>());
  s.set_version(r["version"].as<int>());
  return s;
}

Result<v1::ContractorStaff> LoadStaff(pqxx::work& tx, const std::string& person_id) {
  auto rows = tx.exec_params("SELECT " + kStaffColumns + kStaffFrom + "WHERE s.person_id = $1", person_id);
  if (rows.empty()) return NotFound("承包商人员不存在", "person_id");
  return StaffFromRow(rows[0]);
}

void EmitStaff(pqxx::work& tx, const Clock& clock, const Actor& actor, const v1::ContractorStaff& s, const char* change) {
  events::v1::ContractorStaffChanged payload;
  payload.set_change(change);
  *payload.mutable_staff() = s;
  AppendEvent(tx, clock, actor, kContractorTopic, "contractor_company", s.company_id(), s.version(), payload);
}

// A team named in a staff request must be one of the company's teams.
Status CheckTeam(pqxx::work& tx, const std::string& team_id, const std::string& company_id) {
  if (team_id.empty()) return Status::Ok();
  if (tx.exec_params("SELECT 1 FROM personnel.contractor_team WHERE id = $1 AND company_id = $2", team_id, company_id)
          .empty()) {
    return NotFound("该承包商单位下没有此施工团队", "team_id");
  }
  return Status::Ok();
}

const std::string kViolationColumns =
    "v.id, v.person_id, p.name AS person_name, coalesce(v.company_id::text, '') AS company_id, " +
    MillisColumn("v.occurred_at", "occurred_ms") + ", v.place, v.description, v.recorded_by, " +
    MillisColumn("v.recorded_at", "recorded_ms") +
    ", EXISTS (SELECT 1 FROM personnel.violation_image i WHERE i.violation_id = v.id AND i.role = 'photo') AS has_photo"
    ", EXISTS (SELECT 1 FROM personnel.violation_image i WHERE i.violation_id = v.id AND i.role = 'signature') "
    "AS has_signature";

v1::Violation ViolationFromRow(const pqxx::row& r) {
  v1::Violation v;
  v.set_violation_id(r["id"].as<std::string>());
  v.set_person_id(r["person_id"].as<std::string>());
  v.set_person_name(r["person_name"].as<std::string>());
  v.set_company_id(r["company_id"].as<std::string>());
  v.set_occurred_at(InstantText(r["occurred_ms"]));
  v.set_place(r["place"].as<std::string>());
  v.set_description(r["description"].as<std::string>());
  v.set_recorded_by(r["recorded_by"].as<std::string>());
  v.set_recorded_at(InstantText(r["recorded_ms"]));
  v.set_has_photo(r["has_photo"].as<bool>());
  v.set_has_signature(r["has_signature"].as<bool>());
  return v;
}

}  // namespace

Result<v1::ContractorCompany> PgContractorStore::CreateCompany(const Actor& actor, const v1::ContractorCompany& input) {
  const auto now = clock_.Now();
  auto r = db::InTenantTransaction<Result<v1::ContractorCompany>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ContractorCompany> {
        const std::string id = NewUuidV7(clock_);
        tx.exec_params("INSERT INTO personnel.contractor_company (id, enterprise_id, name, credit_code, contact_name, "
                       "contact_mobile, address) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       id, actor.enterprise_id, input.name(), input.credit_code(), input.contact_name(),
                       input.contact_mobile(), input.address());
        WriteDocuments(tx, actor.enterprise_id, id, input, clock_);
        auto company = LoadCompany(tx, id, now);
        EmitCompany(tx, clock_, actor, *company, "created");
        return company;
      });
  if (!r.ok()) return CompanyConflict(r.status());
  return r;
}

Result<v1::ContractorCompany> PgContractorStore::GetCompany(const Actor& actor, const std::string& company_id) {
  const auto now = clock_.Now();
  return db::InTenantTransaction<Result<v1::ContractorCompany>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) { return LoadCompany(tx, company_id, now); });
}

Result<v1::ListCompaniesResponse> PgContractorStore::ListCompanies(const Actor& actor, const CompanyFilter& filter) {
  const auto now = clock_.Now();
  return db::InTenantTransaction<Result<v1::ListCompaniesResponse>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ListCompaniesResponse> {
        // Usability is a rule over documents and blacklists: with usable_only, rows are filtered after loading.
        auto rows = tx.exec_params("SELECT " + kCompanyColumns +
                                       " FROM personnel.contractor_company k WHERE ($1 = '' OR k.review_status = $1) "
                                       "AND ($2 = '' OR strpos(k.name, $2) > 0) "
                                       "AND ($3 = '' OR k.id > NULLIF($3, '')::uuid) ORDER BY k.id LIMIT $4",
                                   filter.review_status, filter.name_contains, filter.page_token,
                                   filter.usable_only ? 100000 : filter.page_size + 1);
        std::vector<v1::ContractorCompany> companies;
        for (const auto& r : rows) companies.push_back(CompanyFromRow(r));
        Complete(tx, companies, now);
        v1::ListCompaniesResponse out;
        for (auto& c : companies) {
          if (filter.usable_only && !c.usable()) continue;
          if (out.companies_size() == filter.page_size) {
            out.mutable_page()->set_next_page_token(out.companies(out.companies_size() - 1).company_id());
            break;
          }
          *out.add_companies() = std::move(c);
        }
        return out;
      });
}

Result<v1::ContractorCompany> PgContractorStore::UpdateCompany(const Actor& actor, const v1::ContractorCompany& input,
                                                               int version) {
  const auto now = clock_.Now();
  auto r = db::InTenantTransaction<Result<v1::ContractorCompany>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ContractorCompany> {
        auto locked = tx.exec_params("SELECT version FROM personnel.contractor_company WHERE id = $1 FOR UPDATE",
                                     input.company_id());
        if (locked.empty()) return NotFound("承包商单位不存在", "company_id");
        if (locked[0][0].as<int>() != version) {
          return Status(StatusCode::kAborted, "承包商单位已被他人修改，请刷新后重试", "version");
        }
        auto before = LoadCompany(tx, input.company_id(), now);
        if (!before.ok()) return before.status();
        const bool documents_changed = !SameDocuments(*before, input);
        tx.exec_params("UPDATE personnel.contractor_company SET name = $2, contact_name = $3, contact_mobile = $4, "
                       "address = $5, version = version + 1, updated_at = now() WHERE id = $1",
                       input.company_id(), input.name(), input.contact_name(), input.contact_mobile(), input.address());
        if (documents_changed) {
          WriteDocuments(tx, actor.enterprise_id, input.company_id(), input, clock_);
          // New or changed qualification documents must be reviewed again before the company is usable.
          tx.exec_params("UPDATE personnel.contractor_company SET review_status = 'pending' WHERE id = $1",
                         input.company_id());
        }
        auto company = LoadCompany(tx, input.company_id(), now);
        EmitCompany(tx, clock_, actor, *company, "updated");
        return company;
      });
  if (!r.ok()) return CompanyConflict(r.status());
  return r;
}

Result<v1::ContractorCompany> PgContractorStore::ReviewCompany(const Actor& actor, const std::string& company_id,
                                                               const std::string& decision, const std::string& comment) {
  const auto now = clock_.Now();
  return db::InTenantTransaction<Result<v1::ContractorCompany>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ContractorCompany> {
        auto updated = tx.exec_params(
            "UPDATE personnel.contractor_company SET review_status = $2, reviewed_by = $3, reviewed_at = now(), "
            "review_comment = $4, version = version + 1, updated_at = now() WHERE id = $1 RETURNING 1",
            company_id, decision, actor.subject, comment);
        if (updated.empty()) return NotFound("承包商单位不存在", "company_id");
        tx.exec_params("INSERT INTO personnel.contractor_review (id, enterprise_id, subject_kind, subject_id, decision, "
                       "comment, reviewed_by) VALUES ($1, $2, 'company', $3, $4, $5, $6)",
                       NewUuidV7(clock_), actor.enterprise_id, company_id, decision, comment, actor.subject);
        auto company = LoadCompany(tx, company_id, now);
        EmitCompany(tx, clock_, actor, *company, "reviewed");
        return company;
      });
}

Result<v1::ContractorTeam> PgContractorStore::CreateTeam(const Actor& actor, const std::string& company_id,
                                                         const std::string& name, const std::string& leader_person_id) {
  auto r = db::InTenantTransaction<Result<v1::ContractorTeam>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ContractorTeam> {
        if (tx.exec_params("SELECT 1 FROM personnel.contractor_company WHERE id = $1", company_id).empty()) {
          return NotFound("承包商单位不存在", "company_id");
        }
        if (!leader_person_id.empty() &&
            tx.exec_params("SELECT 1 FROM personnel.contractor_staff WHERE person_id = $1 AND company_id = $2",
                           leader_person_id, company_id)
                .empty()) {
          return NotFound("队长必须是该承包商单位的人员", "leader_person_id");
        }
        const std::string id = NewUuidV7(clock_);
        auto row = tx.exec_params1("INSERT INTO personnel.contractor_team (id, enterprise_id, company_id, name, "
                                   "leader_person_id) VALUES ($1, $2, $3, $4, NULLIF($5, '')::uuid) RETURNING " +
                                       MillisColumn("created_at", "created_ms"),
                                   id, actor.enterprise_id, company_id, name, leader_person_id);
        v1::ContractorTeam team;
        team.set_team_id(id);
        team.set_company_id(company_id);
        team.set_name(name);
        team.set_leader_person_id(leader_person_id);
        team.set_created_at(InstantText(row[0]));
        events::v1::ContractorTeamChanged payload;
        payload.set_change("created");
        *payload.mutable_team() = team;
        AppendEvent(tx, clock_, actor, kContractorTopic, "contractor_company", company_id, 1, payload);
        return team;
      });
  if (r.status().code() == StatusCode::kAlreadyExists) return AlreadyExists("该单位已有同名施工团队", "name");
  return r;
}

Result<v1::ListTeamsResponse> PgContractorStore::ListTeams(const Actor& actor, const std::string& company_id) {
  return db::InTenantTransaction<Result<v1::ListTeamsResponse>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ListTeamsResponse> {
        if (tx.exec_params("SELECT 1 FROM personnel.contractor_company WHERE id = $1", company_id).empty()) {
          return NotFound("承包商单位不存在", "company_id");
        }
        v1::ListTeamsResponse out;
        std::map<std::string, v1::ContractorTeam*> by_id;
        for (const auto& r : tx.exec_params("SELECT id, name, coalesce(leader_person_id::text, ''), " +
                                                MillisColumn("created_at", "created_ms") +
                                                " FROM personnel.contractor_team WHERE company_id = $1 ORDER BY name",
                                            company_id)) {
          auto* t = out.add_teams();
          t->set_team_id(r[0].as<std::string>());
          t->set_company_id(company_id);
          t->set_name(r[1].as<std::string>());
          t->set_leader_person_id(r[2].as<std::string>());
          t->set_created_at(InstantText(r[3]));
          by_id[t->team_id()] = t;
        }
        for (const auto& r : tx.exec_params("SELECT team_id::text, person_id FROM personnel.contractor_staff "
                                            "WHERE company_id = $1 AND team_id IS NOT NULL ORDER BY person_id",
                                            company_id)) {
          if (auto it = by_id.find(r[0].as<std::string>()); it != by_id.end()) {
            it->second->add_member_person_ids(r[1].as<std::string>());
          }
        }
        return out;
      });
}

Result<v1::ContractorStaff> PgContractorStore::CreateStaff(const Actor& actor, const v1::CreateStaffRequest& input) {
  auto r = db::InTenantTransaction<Result<v1::ContractorStaff>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ContractorStaff> {
        if (tx.exec_params("SELECT 1 FROM personnel.contractor_company WHERE id = $1", input.company_id()).empty()) {
          return NotFound("承包商单位不存在", "company_id");
        }
        SAFELOOP_RETURN_IF_ERROR(CheckTeam(tx, input.team_id(), input.company_id()));
        // Contractor staff are filed under the given unit, by default the enterprise's company root.
        auto unit = input.unit_id().empty()
                        ? tx.exec("SELECT id FROM personnel.org_unit WHERE parent_id IS NULL")
                        : tx.exec_params("SELECT id FROM personnel.org_unit WHERE id = $1", input.unit_id());
        if (unit.empty()) return NotFound("组织单元不存在", "unit_id");
        const std::string person_id = NewUuidV7(clock_);
        const std::string employee_no =
            input.employee_no().empty() ? "CB-" + person_id.substr(person_id.size() - 12) : input.employee_no();
        tx.exec_params("INSERT INTO personnel.person (id, enterprise_id, unit_id, employee_no, name, gender, work_type, "
                       "person_type, mobile, id_number) VALUES ($1, $2, $3, $4, $5, $6, $7, 'outsourced', $8, $9)",
                       person_id, actor.enterprise_id, unit[0][0].as<std::string>(), employee_no, input.name(),
                       input.gender(), input.work_type(), input.mobile(), input.id_number());
        tx.exec_params("INSERT INTO personnel.contractor_staff (person_id, enterprise_id, company_id, team_id) "
                       "VALUES ($1, $2, $3, NULLIF($4, '')::uuid)",
                       person_id, actor.enterprise_id, input.company_id(), input.team_id());
        auto staff = LoadStaff(tx, person_id);
        EmitStaff(tx, clock_, actor, *staff, "created");
        return staff;
      });
  if (r.status().code() == StatusCode::kAlreadyExists) return AlreadyExists("工号已存在", "employee_no");
  return r;
}

Result<v1::ContractorStaff> PgContractorStore::GetStaff(const Actor& actor, const std::string& person_id) {
  return db::InTenantTransaction<Result<v1::ContractorStaff>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) { return LoadStaff(tx, person_id); });
}

Result<v1::ListStaffResponse> PgContractorStore::ListStaff(const Actor& actor, const StaffFilter& filter) {
  return db::InTenantTransaction<Result<v1::ListStaffResponse>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ListStaffResponse> {
        auto rows = tx.exec_params("SELECT " + kStaffColumns + kStaffFrom +
                                       "WHERE ($1 = '' OR s.company_id = NULLIF($1, '')::uuid) "
                                       "AND ($2 = '' OR s.team_id = NULLIF($2, '')::uuid) "
                                       "AND ($3 = '' OR s.review_status = $3) "
                                       "AND ($4 = '' OR s.person_id > NULLIF($4, '')::uuid) "
                                       "ORDER BY s.person_id LIMIT $5",
                                   filter.company_id, filter.team_id, filter.review_status, filter.page_token,
                                   filter.page_size + 1);
        v1::ListStaffResponse out;
        for (const auto& r : rows) {
          if (out.staff_size() == filter.page_size) {
            out.mutable_page()->set_next_page_token(out.staff(out.staff_size() - 1).person_id());
            break;
          }
          *out.add_staff() = StaffFromRow(r);
        }
        return out;
      });
}

Result<v1::ContractorStaff> PgContractorStore::SetStaffTeam(const Actor& actor, const std::string& person_id,
                                                            const std::string& team_id) {
  return db::InTenantTransaction<Result<v1::ContractorStaff>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ContractorStaff> {
        auto current = LoadStaff(tx, person_id);
        if (!current.ok()) return current.status();
        SAFELOOP_RETURN_IF_ERROR(CheckTeam(tx, team_id, current->company_id()));
        tx.exec_params("UPDATE personnel.contractor_staff SET team_id = NULLIF($2, '')::uuid, version = version + 1 "
                       "WHERE person_id = $1",
                       person_id, team_id);
        auto staff = LoadStaff(tx, person_id);
        EmitStaff(tx, clock_, actor, *staff, "team_changed");
        return staff;
      });
}

Result<v1::ContractorStaff> PgContractorStore::ReviewStaff(const Actor& actor, const std::string& person_id,
                                                           const std::string& decision, const std::string& comment) {
  return db::InTenantTransaction<Result<v1::ContractorStaff>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ContractorStaff> {
        auto updated = tx.exec_params(
            "UPDATE personnel.contractor_staff SET review_status = $2, reviewed_by = $3, reviewed_at = now(), "
            "review_comment = $4, version = version + 1 WHERE person_id = $1 RETURNING 1",
            person_id, decision, actor.subject, comment);
        if (updated.empty()) return NotFound("承包商人员不存在", "person_id");
        tx.exec_params("INSERT INTO personnel.contractor_review (id, enterprise_id, subject_kind, subject_id, decision, "
                       "comment, reviewed_by) VALUES ($1, $2, 'staff', $3, $4, $5, $6)",
                       NewUuidV7(clock_), actor.enterprise_id, person_id, decision, comment, actor.subject);
        auto staff = LoadStaff(tx, person_id);
        EmitStaff(tx, clock_, actor, *staff, "reviewed");
        return staff;
      });
}

Result<v1::Violation> PgContractorStore::RecordViolation(const Actor& actor, const ViolationInput& input) {
  return db::InTenantTransaction<Result<v1::Violation>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::Violation> {
        if (tx.exec_params("SELECT 1 FROM personnel.person WHERE id = $1", input.person_id).empty()) {
          return NotFound("人员不存在", "person_id");
        }
        const std::string id = NewUuidV7(clock_);
        tx.exec_params("INSERT INTO personnel.violation (id, enterprise_id, person_id, company_id, occurred_at, place, "
                       "description, recorded_by) VALUES ($1, $2, $3, (SELECT company_id FROM "
                       "personnel.contractor_staff WHERE person_id = $3), to_timestamp($4::float8 / 1000), $5, $6, $7)",
                       id, actor.enterprise_id, input.person_id, UnixMillis(input.occurred_at), input.place,
                       input.description, actor.subject);
        auto store_image = [&](const char* role, const std::string& type, const std::string& bytes) {
          if (bytes.empty()) return;
          tx.exec_params("INSERT INTO personnel.violation_image (violation_id, role, enterprise_id, content_type, data) "
                         "VALUES ($1, $2, $3, $4, $5)",
                         id, role, actor.enterprise_id, type, pqxx::binarystring(bytes));
        };
        store_image("photo", input.photo_type, input.photo);
        store_image("signature", "image/png", input.signature_png);
        auto v = ViolationFromRow(tx.exec_params1("SELECT " + kViolationColumns +
                                                      " FROM personnel.violation v JOIN personnel.person p ON "
                                                      "p.id = v.person_id WHERE v.id = $1",
                                                  id));
        events::v1::ViolationRecorded payload;
        *payload.mutable_violation() = v;
        const std::string key = v.company_id().empty() ? v.person_id() : v.company_id();
        AppendEvent(tx, clock_, actor, kContractorTopic, v.company_id().empty() ? "person" : "contractor_company", key,
                    1, payload);
        return v;
      });
}

Result<v1::ListViolationsResponse> PgContractorStore::ListViolations(const Actor& actor, const std::string& person_id,
                                                                     const std::string& company_id,
                                                                     const std::string& page_token, int page_size) {
  return db::InTenantTransaction<Result<v1::ListViolationsResponse>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ListViolationsResponse> {
        auto rows = tx.exec_params("SELECT " + kViolationColumns +
                                       " FROM personnel.violation v JOIN personnel.person p ON p.id = v.person_id "
                                       "WHERE ($1 = '' OR v.person_id = NULLIF($1, '')::uuid) "
                                       "AND ($2 = '' OR v.company_id = NULLIF($2, '')::uuid) "
                                       "AND ($3 = '' OR v.id > NULLIF($3, '')::uuid) ORDER BY v.id LIMIT $4",
                                   person_id, company_id, page_token, page_size + 1);
        v1::ListViolationsResponse out;
        for (const auto& r : rows) {
          if (out.violations_size() == page_size) {
            out.mutable_page()->set_next_page_token(out.violations(out.violations_size() - 1).violation_id());
            break;
          }
          *out.add_violations() = ViolationFromRow(r);
        }
        return out;
      });
}

Result<v1::ViolationImage> PgContractorStore::GetViolationImage(const Actor& actor, const std::string& violation_id,
                                                                const std::string& role) {
  return db::InTenantTransaction<Result<v1::ViolationImage>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ViolationImage> {
        auto rows = tx.exec_params("SELECT content_type, data FROM personnel.violation_image "
                                   "WHERE violation_id = $1 AND role = $2",
                                   violation_id, role);
        if (rows.empty()) return NotFound("没有该违章记录的图片", "violation_id");
        v1::ViolationImage image;
        image.set_content_type(rows[0][0].as<std::string>());
        pqxx::binarystring data(rows[0][1]);
        image.set_data(data.str());
        return image;
      });
}

Result<v1::BlacklistEntry> PgContractorStore::AddToBlacklist(const Actor& actor, const BlacklistInput& input) {
  const auto now = clock_.Now();
  return db::InTenantTransaction<Result<v1::BlacklistEntry>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::BlacklistEntry> {
        const std::string table = input.subject_kind == "company" ? "contractor_company" : "person";
        if (tx.exec_params("SELECT 1 FROM personnel." + table + " WHERE id = $1", input.subject_id).empty()) {
          return NotFound(input.subject_kind == "company" ? "承包商单位不存在" : "人员不存在", "subject_id");
        }
        const std::string id = NewUuidV7(clock_);
        auto row = tx.exec_params1(
            "INSERT INTO personnel.blacklist_entry (id, enterprise_id, subject_kind, subject_id, reason, from_at, "
            "until_at, created_by) VALUES ($1, $2, $3, $4, $5, to_timestamp($6::float8 / 1000), "
            "to_timestamp(NULLIF($7, '')::float8 / 1000), $8) RETURNING " + kBlacklistColumns,
            id, actor.enterprise_id, input.subject_kind, input.subject_id, input.reason, UnixMillis(input.from),
            input.until ? std::to_string(UnixMillis(*input.until)) : std::string(), actor.subject);
        auto entry = EntryFromRow(row, now);
        events::v1::BlacklistChanged payload;
        payload.set_change("added");
        *payload.mutable_entry() = entry;
        AppendEvent(tx, clock_, actor, kContractorTopic, input.subject_kind == "company" ? "contractor_company" : "person",
                    input.subject_id, 1, payload);
        return entry;
      });
}

Result<v1::BlacklistEntry> PgContractorStore::LiftBlacklist(const Actor& actor, const std::string& entry_id,
                                                            const std::string& reason) {
  const auto now = clock_.Now();
  return db::InTenantTransaction<Result<v1::BlacklistEntry>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::BlacklistEntry> {
        auto current = tx.exec_params("SELECT lifted_at IS NOT NULL FROM personnel.blacklist_entry WHERE id = $1 "
                                      "FOR UPDATE",
                                      entry_id);
        if (current.empty()) return NotFound("黑名单记录不存在", "entry_id");
        if (current[0][0].as<bool>()) return FailedPrecondition("该黑名单记录已解除", "entry_id");
        auto row = tx.exec_params1(
            "UPDATE personnel.blacklist_entry SET lifted_at = to_timestamp($2::float8 / 1000), lifted_by = $3, "
            "lift_reason = $4 WHERE id = $1 RETURNING " + kBlacklistColumns,
            entry_id, UnixMillis(now), actor.subject, reason);
        auto entry = EntryFromRow(row, now);
        events::v1::BlacklistChanged payload;
        payload.set_change("lifted");
        *payload.mutable_entry() = entry;
        AppendEvent(tx, clock_, actor, kContractorTopic,
                    entry.subject_kind() == "company" ? "contractor_company" : "person", entry.subject_id(), 2, payload);
        return entry;
      });
}

Result<v1::ListBlacklistResponse> PgContractorStore::ListBlacklist(const Actor& actor, const std::string& subject_kind,
                                                                   const std::string& subject_id, bool active_only,
                                                                   const std::string& page_token, int page_size) {
  const auto now = clock_.Now();
  return db::InTenantTransaction<Result<v1::ListBlacklistResponse>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ListBlacklistResponse> {
        auto rows = tx.exec_params("SELECT " + kBlacklistColumns +
                                       " FROM personnel.blacklist_entry WHERE ($1 = '' OR subject_kind = $1) "
                                       "AND ($2 = '' OR subject_id = NULLIF($2, '')::uuid) "
                                       "AND ($3 = '' OR id > NULLIF($3, '')::uuid) ORDER BY id LIMIT $4",
                                   subject_kind, subject_id, page_token, active_only ? 100000 : page_size + 1);
        v1::ListBlacklistResponse out;
        for (const auto& r : rows) {
          auto entry = EntryFromRow(r, now);
          if (active_only && !entry.active()) continue;
          if (out.entries_size() == page_size) {
            out.mutable_page()->set_next_page_token(out.entries(out.entries_size() - 1).entry_id());
            break;
          }
          *out.add_entries() = std::move(entry);
        }
        return out;
      });
}

}  // namespace safeloop::personnel::qualification
