#include "tenancy/people_store.hpp"

#include <set>

#include "safeloop/core/uuid.hpp"
#include "safeloop/db/transaction.hpp"
#include "safeloop/events/v1/personnel_tenancy_events.pb.h"
#include "tenancy/org_store.hpp"
#include "tenancy/people_workbook.hpp"
#include "safeloop/db/sql_text.hpp"
#include "tenancy/tenancy_events.hpp"

namespace safeloop::personnel::tenancy {
namespace {

using personnel_domain::OrgTree;
using personnel_domain::UnitKind;

const std::string kColumns =
    "p.id, p.unit_id, COALESCE(p.post_id::text, '') AS post_id, p.employee_no, p.name, p.gender, p.title, "
    "p.professional_title, p.work_type, p.person_type, p.special_operation, p.mobile, p.id_number, p.status, " +
    SqlDate("p.left_on") + " AS left_on, p.version, " + SqlTime("p.created_at") + " AS created_at, " +
    SqlTime("p.updated_at") + " AS updated_at";

v1::Person FromRow(const pqxx::row& r, const OrgTree& tree) {
  v1::Person p;
  p.set_id(r["id"].as<std::string>());
  p.set_unit_id(r["unit_id"].as<std::string>());
  p.set_unit_path(tree.Path(p.unit_id()));
  p.set_post_id(r["post_id"].as<std::string>());
  if (!p.post_id().empty()) p.set_post_path(tree.Path(p.post_id()));
  p.set_employee_no(r["employee_no"].as<std::string>());
  p.set_name(r["name"].as<std::string>());
  p.set_gender(r["gender"].as<std::string>());
  p.set_title(r["title"].as<std::string>());
  p.set_professional_title(r["professional_title"].as<std::string>());
  p.set_work_type(r["work_type"].as<std::string>());
  p.set_person_type(r["person_type"].as<std::string>());
  p.set_special_operation(r["special_operation"].as<bool>());
  p.set_mobile(r["mobile"].as<std::string>());
  p.set_id_number(r["id_number"].as<std::string>());
  p.set_status(r["status"].as<std::string>());
  p.set_left_on(r["left_on"].as<std::string>());
  p.set_version(r["version"].as<int>());
  p.set_created_at(r["created_at"].as<std::string>());
  p.set_updated_at(r["updated_at"].as<std::string>());
  return p;
}

std::string UuidList(const pqxx::transaction_base& tx, const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + tx.quote(id) + "::uuid";
  return out.empty() ? "NULL" : out;
}

// WHERE clause of a list or export: scope first, then the filters (values quoted as literals).
Result<std::string> WhereOf(const pqxx::transaction_base& tx, const DataScope& scope, const PeopleFilter& f,
                            const OrgTree& tree) {
  std::string where = "(" + scope.PersonRowSql(tx, "p") + ")";
  if (f.status != "all") where += " AND p.status = " + tx.quote(f.status.empty() ? "active" : f.status);
  if (!f.unit_id.empty()) {
    if (tree.Find(f.unit_id) == nullptr) return NotFound("unit " + f.unit_id + " not found", "unit_id");
    where += " AND p.unit_id IN (" + UuidList(tx, f.include_subtree ? tree.Subtree(f.unit_id)
                                                                     : std::vector<std::string>{f.unit_id}) + ")";
  }
  if (!f.post_id.empty()) {
    if (tree.Find(f.post_id) == nullptr) return NotFound("post " + f.post_id + " not found", "post_id");
    where += " AND p.post_id = " + tx.quote(f.post_id) + "::uuid";
  }
  if (!f.name_contains.empty()) where += " AND strpos(p.name, " + tx.quote(f.name_contains) + ") > 0";
  if (!f.person_type.empty()) where += " AND p.person_type = " + tx.quote(f.person_type);
  if (f.special_operation) where += std::string(" AND p.special_operation = ") + (*f.special_operation ? "TRUE" : "FALSE");
  return where;
}

Result<std::vector<v1::Person>> Select(pqxx::work& tx, const DataScope& scope, const PeopleFilter& filter,
                                       const OrgTree& tree, int offset, int limit) {
  auto where = WhereOf(tx, scope, filter, tree);
  if (!where.ok()) return where.status();
  std::string sql = "SELECT " + kColumns + " FROM personnel.person p WHERE " + *where + " ORDER BY " +
                    PinyinOrder(tx, "p.name") + ", p.id";
  if (limit > 0) sql += " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset);
  std::vector<v1::Person> out;
  for (const auto& row : tx.exec(sql)) out.push_back(FromRow(row, tree));
  return out;
}

// The person in scope, locked when `for_update`; NOT_FOUND otherwise (another tenant, or outside the scope).
Result<v1::Person> LoadPerson(pqxx::work& tx, const DataScope& scope, const std::string& id, const OrgTree& tree,
                              bool for_update) {
  auto rows = tx.exec("SELECT " + kColumns + " FROM personnel.person p WHERE p.id = " + tx.quote(id) +
                      "::uuid AND (" + scope.PersonRowSql(tx, "p") + ")" + (for_update ? " FOR UPDATE" : ""));
  if (rows.empty()) return NotFound("person " + id + " not found", "person_id");
  return FromRow(rows[0], tree);
}

// Locks the unit (and post) rows a person is placed in, then checks them against a fresh tree: a unit that
// closes concurrently waits for this transaction, and one that closed before is refused.
Result<OrgTree> CheckPlacement(pqxx::work& tx, const DataScope& scope, const v1::PersonInput& in) {
  tx.exec("SELECT id FROM personnel.org_unit WHERE id IN (" +
          UuidList(tx, in.post_id().empty() ? std::vector<std::string>{in.unit_id()}
                                            : std::vector<std::string>{in.unit_id(), in.post_id()}) +
          ") FOR SHARE");
  OrgTree tree = TreeOf(LoadUnits(tx));
  const auto* unit = tree.Find(in.unit_id());
  if (unit == nullptr || !unit->active || unit->kind == UnitKind::kPost || !scope.CoversUnit(tree, in.unit_id())) {
    // Not in this enterprise, or not one the caller may place people in: the same answer either way.
    return InvalidArgument("所属单位不存在、已撤销或不在您的数据范围内", "person.unit_id");
  }
  if (!in.post_id().empty()) {
    const auto* post = tree.Find(in.post_id());
    if (post == nullptr || !post->active || post->kind != UnitKind::kPost) {
      return InvalidArgument("岗位不存在或已撤销", "person.post_id");
    }
  }
  return tree;
}

void AppendChanged(pqxx::work& tx, const Actor& actor, const v1::Person& p, const char* change,
                   const std::string& old_unit_id, bool imported, const Clock& clock) {
  events::v1::PersonChanged payload;
  payload.set_change(change);
  *payload.mutable_person() = p;
  payload.set_old_unit_id(old_unit_id);
  payload.set_actor(actor.subject);
  payload.set_imported(imported);
  AppendEvent(tx, actor, {kPersonTopic, actor.enterprise_id, "person", p.id(), p.version()}, payload, clock);
}

void Insert(pqxx::work& tx, const Actor& actor, const std::string& id, const v1::PersonInput& in) {
  tx.exec_params(
      "INSERT INTO personnel.person (id, enterprise_id, unit_id, post_id, employee_no, name, gender, title, "
      "professional_title, work_type, person_type, special_operation, mobile, id_number) VALUES ($1, $2, $3, "
      "NULLIF($4, '')::uuid, $5, $6, $7, $8, $9, $10, $11, $12, $13, upper($14))",
      id, actor.enterprise_id, in.unit_id(), in.post_id(), in.employee_no(), in.name(), in.gender(), in.title(),
      in.professional_title(), in.work_type(), in.person_type(), in.special_operation(), in.mobile(), in.id_number());
}

Status EmployeeNoTaken(Status s) {
  if (s.code() == StatusCode::kAlreadyExists) return AlreadyExists("工号已存在", "person.employee_no");
  return s;
}

}  // namespace

Result<v1::ListPeopleResponse> PeopleStore::List(const Actor& actor, const DataScope& scope,
                                                 const PeopleFilter& filter, int offset, int limit) {
  return db::InTenantTransaction<Result<v1::ListPeopleResponse>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ListPeopleResponse> {
        OrgTree tree = TreeOf(LoadUnits(tx));
        auto where = WhereOf(tx, scope, filter, tree);
        if (!where.ok()) return where.status();
        v1::ListPeopleResponse out;
        out.set_total_size(tx.exec1("SELECT count(*)::integer FROM personnel.person p WHERE " + *where)[0].as<int>());
        auto people = Select(tx, scope, filter, tree, offset, limit);
        if (!people.ok()) return people.status();
        for (auto& p : *people) *out.add_people() = std::move(p);
        if (offset + out.people_size() < out.total_size()) {
          out.set_next_page_token(std::to_string(offset + out.people_size()));
        }
        return out;
      });
}

Result<v1::Person> PeopleStore::Get(const Actor& actor, const DataScope& scope, const std::string& person_id) {
  return db::InTenantTransaction<Result<v1::Person>>(pool_, actor.enterprise_id, [&](pqxx::work& tx) {
    return LoadPerson(tx, scope, person_id, TreeOf(LoadUnits(tx)), false);
  });
}

Result<v1::Person> PeopleStore::Create(const Actor& actor, const DataScope& scope, const v1::PersonInput& input) {
  auto r = db::InTenantTransaction<Result<v1::Person>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::Person> {
        auto tree = CheckPlacement(tx, scope, input);
        if (!tree.ok()) return tree.status();
        const std::string id = NewUuidV7(clock_);
        Insert(tx, actor, id, input);
        auto person = LoadPerson(tx, DataScope::All(), id, *tree, false);
        if (person.ok()) AppendChanged(tx, actor, *person, "created", "", false, clock_);
        return person;
      });
  if (!r.ok()) return EmployeeNoTaken(r.status());
  return r;
}

Result<v1::Person> PeopleStore::Update(const Actor& actor, const DataScope& scope, const std::string& person_id,
                                       const v1::PersonInput& in, int version) {
  auto r = db::InTenantTransaction<Result<v1::Person>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::Person> {
        auto before = LoadPerson(tx, scope, person_id, TreeOf(LoadUnits(tx)), true);
        if (!before.ok()) return before.status();
        if (before->status() != "active") return FailedPrecondition("已离职人员的信息不能修改", "person_id");
        if (before->version() != version) return StaleVersion("人员信息", version);
        auto tree = CheckPlacement(tx, scope, in);
        if (!tree.ok()) return tree.status();
        tx.exec_params(
            "UPDATE personnel.person SET unit_id = $2, post_id = NULLIF($3, '')::uuid, employee_no = $4, name = $5, "
            "gender = $6, title = $7, professional_title = $8, work_type = $9, person_type = $10, "
            "special_operation = $11, mobile = $12, id_number = upper($13), version = version + 1, updated_at = now() "
            "WHERE id = $1",
            person_id, in.unit_id(), in.post_id(), in.employee_no(), in.name(), in.gender(), in.title(),
            in.professional_title(), in.work_type(), in.person_type(), in.special_operation(), in.mobile(),
            in.id_number());
        auto person = LoadPerson(tx, DataScope::All(), person_id, *tree, false);
        if (person.ok()) {
          AppendChanged(tx, actor, *person, "updated", before->unit_id() != in.unit_id() ? before->unit_id() : "",
                        false, clock_);
        }
        return person;
      });
  if (!r.ok()) return EmployeeNoTaken(r.status());
  return r;
}

Result<v1::Person> PeopleStore::MarkLeft(const Actor& actor, const DataScope& scope, const std::string& person_id,
                                         const std::string& left_on, int version) {
  return db::InTenantTransaction<Result<v1::Person>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::Person> {
        OrgTree tree = TreeOf(LoadUnits(tx));
        auto before = LoadPerson(tx, scope, person_id, tree, true);
        if (!before.ok()) return before.status();
        if (before->status() != "active") return FailedPrecondition("该人员已离职", "person_id");
        if (before->version() != version) return StaleVersion("人员信息", version);
        tx.exec_params("UPDATE personnel.person SET status = 'left', left_on = $2::date, version = version + 1, "
                       "updated_at = now() WHERE id = $1",
                       person_id, left_on.empty() ? TodayInChina(clock_) : left_on);
        auto person = LoadPerson(tx, DataScope::All(), person_id, tree, false);
        if (person.ok()) AppendChanged(tx, actor, *person, "left", "", false, clock_);
        return person;
      });
}

Result<std::string> PeopleStore::TemplateWorkbook(const Actor& actor) {
  auto tree = db::InTenantTransaction<Result<OrgTree>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<OrgTree> { return TreeOf(LoadUnits(tx)); });
  if (!tree.ok()) return tree.status();
  return WritePeopleWorkbook({}, *tree);
}

Result<std::string> PeopleStore::ExportWorkbook(const Actor& actor, const DataScope& scope,
                                                const PeopleFilter& filter) {
  struct Loaded {
    OrgTree tree;
    std::vector<v1::Person> people;
  };
  auto loaded = db::InTenantTransaction<Result<Loaded>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<Loaded> {
        OrgTree tree = TreeOf(LoadUnits(tx));
        auto people = Select(tx, scope, filter, tree, 0, 0);
        if (!people.ok()) return people.status();
        return Loaded{std::move(tree), std::move(*people)};
      });
  if (!loaded.ok()) return loaded.status();
  return WritePeopleWorkbook(loaded->people, loaded->tree);
}

Result<v1::ImportPeopleResponse> PeopleStore::Import(const Actor& actor, const DataScope& scope,
                                                     const PeopleSheet& sheet, bool dry_run) {
  auto r = db::InTenantTransaction<Result<v1::ImportPeopleResponse>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::ImportPeopleResponse> {
        OrgTree tree = TreeOf(LoadUnits(tx));
        std::set<std::string> taken;
        for (const auto& row : tx.exec("SELECT employee_no FROM personnel.person")) taken.insert(row[0].as<std::string>());
        ImportCheck check = CheckPeopleRows(sheet, tree, scope, taken);
        v1::ImportPeopleResponse out;
        out.set_total_rows(static_cast<int>(sheet.rows.size()));
        for (auto& p : check.problems) *out.add_problems() = std::move(p);
        out.set_accepted(out.problems_size() == 0);
        if (!out.accepted() || dry_run) return out;

        // Hold every unit used until commit and make sure none closed since the tree was read.
        std::set<std::string> used;
        for (const auto& p : check.people) {
          used.insert(p.unit_id());
          if (!p.post_id().empty()) used.insert(p.post_id());
        }
        const std::vector<std::string> used_ids(used.begin(), used.end());
        auto locked = tx.exec("SELECT id FROM personnel.org_unit WHERE status = 'active' AND id IN (" +
                              UuidList(tx, used_ids) + ") FOR SHARE");
        if (locked.size() != used_ids.size()) {
          return Status(StatusCode::kAborted, "导入期间组织架构发生了变化，请重新导入", "xlsx");
        }
        for (const auto& input : check.people) {
          const std::string id = NewUuidV7(clock_);
          Insert(tx, actor, id, input);
          auto loaded = LoadPerson(tx, DataScope::All(), id, tree, false);
          if (!loaded.ok()) return loaded.status();
          AppendChanged(tx, actor, *loaded, "created", "", true, clock_);
        }
        out.set_imported(static_cast<int>(check.people.size()));
        return out;
      });
  if (!r.ok() && r.status().code() == StatusCode::kAlreadyExists) {
    return Status(StatusCode::kAborted, "导入期间有人员以相同工号被添加，请重新导入", "xlsx");
  }
  return r;
}

}  // namespace safeloop::personnel::tenancy
