#include "model/object_store.hpp"

#include <functional>
#include <map>

#include "model/directory.hpp"
#include "model/model_events.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/sql_text.hpp"
#include "safeloop/db/transaction.hpp"

namespace safeloop::risk::model {
namespace {

using db::SqlTime;

const std::string kObjectColumns =
    "o.id, o.name, o.hazard_code, COALESCE(o.department_id::text, '') AS department_id, "
    "COALESCE(o.liable_person_id::text, '') AS liable_person_id, o.description, o.level, o.deleted, o.version, " +
    SqlTime("o.created_at") + " AS created_at, " + SqlTime("o.updated_at") + " AS updated_at, o.created_by, o.updated_by";

const std::string kUnitColumns =
    "u.id, u.object_id, COALESCE(u.parent_id::text, '') AS parent_id, u.depth, u.seq, u.name, "
    "COALESCE(u.department_id::text, '') AS department_id, COALESCE(u.liable_person_id::text, '') AS liable_person_id, "
    "u.level, u.deleted, u.version, " +
    SqlTime("u.created_at") + " AS created_at, " + SqlTime("u.updated_at") + " AS updated_at";

v1::RiskObject ObjectFromRow(const pqxx::row& r) {
  v1::RiskObject o;
  o.set_id(r["id"].as<std::string>());
  o.set_name(r["name"].as<std::string>());
  o.set_hazard_code(r["hazard_code"].as<std::string>());
  o.set_department_id(r["department_id"].as<std::string>());
  o.set_liable_person_id(r["liable_person_id"].as<std::string>());
  o.set_description(r["description"].as<std::string>());
  o.set_level(static_cast<v1::RiskLevel>(r["level"].as<int>()));
  o.set_deleted(r["deleted"].as<bool>());
  o.set_version(r["version"].as<int>());
  o.set_created_at(r["created_at"].as<std::string>());
  o.set_updated_at(r["updated_at"].as<std::string>());
  o.set_created_by(r["created_by"].as<std::string>());
  o.set_updated_by(r["updated_by"].as<std::string>());
  return o;
}

v1::RiskUnit UnitFromRow(const pqxx::row& r) {
  v1::RiskUnit u;
  u.set_id(r["id"].as<std::string>());
  u.set_object_id(r["object_id"].as<std::string>());
  u.set_parent_id(r["parent_id"].as<std::string>());
  u.set_depth(r["depth"].as<int>());
  u.set_seq(r["seq"].as<int>());
  u.set_name(r["name"].as<std::string>());
  u.set_department_id(r["department_id"].as<std::string>());
  u.set_liable_person_id(r["liable_person_id"].as<std::string>());
  u.set_level(static_cast<v1::RiskLevel>(r["level"].as<int>()));
  u.set_deleted(r["deleted"].as<bool>());
  u.set_version(r["version"].as<int>());
  u.set_created_at(r["created_at"].as<std::string>());
  u.set_updated_at(r["updated_at"].as<std::string>());
  return u;
}

v1::RiskObject LoadObject(pqxx::work& tx, const std::string& id) {
  return ObjectFromRow(tx.exec_params1("SELECT " + kObjectColumns + " FROM risk.risk_object o WHERE o.id = $1", id));
}
v1::RiskUnit LoadUnit(pqxx::work& tx, const std::string& id) {
  return UnitFromRow(tx.exec_params1("SELECT " + kUnitColumns + " FROM risk.risk_unit u WHERE u.id = $1", id));
}

// Locks a live row and checks the caller's version.
Status LockLive(pqxx::work& tx, const char* table, const std::string& id, int version, const char* id_field,
                std::string_view what) {
  auto rows = tx.exec_params(std::string("SELECT version, deleted FROM risk.") + table + " WHERE id = $1 FOR UPDATE", id);
  if (rows.empty() || rows[0]["deleted"].as<bool>()) {
    return NotFound(std::string(what) + "不存在: " + id, id_field);
  }
  if (rows[0]["version"].as<int>() != version) return db::StaleVersion(what, version);
  return Status::Ok();
}

Status NameTaken(Status s, const char* message) {
  if (s.code() == StatusCode::kAlreadyExists) return AlreadyExists(message, "name");
  return s;
}

template <typename T>
Result<T> WithNameCheck(Result<T> r, const char* message) {
  if (r.ok()) return r;
  return NameTaken(r.status(), message);
}

void Emit(pqxx::work& tx, const Actor& actor, const char* change, const v1::RiskObject& o, const Clock& clock) {
  events::v1::RiskModelChanged payload;
  *payload.mutable_object() = o;
  AppendModelEvent(tx, actor, change, "risk_object", o.id(), o.version(), std::move(payload), clock);
}
void Emit(pqxx::work& tx, const Actor& actor, const char* change, const v1::RiskUnit& u, const Clock& clock) {
  events::v1::RiskModelChanged payload;
  *payload.mutable_unit() = u;
  AppendModelEvent(tx, actor, change, "risk_unit", u.id(), u.version(), std::move(payload), clock);
}

}  // namespace

Result<v1::RiskObject> ObjectStore::CreateObject(const Actor& actor, const v1::CreateRiskObjectRequest& req) {
  return WithNameCheck(
      db::InTenantTransaction<Result<v1::RiskObject>>(
          pool_, actor.enterprise_id,
          [&](pqxx::work& tx) -> Result<v1::RiskObject> {
            SAFELOOP_RETURN_IF_ERROR(CheckUnit(tx, req.department_id(), "department_id"));
            SAFELOOP_RETURN_IF_ERROR(CheckPerson(tx, req.liable_person_id(), "liable_person_id"));
            std::string id = NewUuidV7();
            tx.exec_params(
                "INSERT INTO risk.risk_object (id, enterprise_id, park_id, name, hazard_code, department_id, "
                "liable_person_id, description, created_by, updated_by) VALUES ($1, $2, NULLIF($3, '')::uuid, $4, $5, "
                "NULLIF($6, '')::uuid, NULLIF($7, '')::uuid, $8, $9, $9)",
                id, actor.enterprise_id, actor.park_id, req.name(), req.hazard_code(), req.department_id(),
                req.liable_person_id(), req.description(), actor.subject);
            auto o = LoadObject(tx, id);
            Emit(tx, actor, "created", o, clock_);
            return o;
          }),
      "已有同名的风险分析对象");
}

Result<v1::RiskObject> ObjectStore::UpdateObject(const Actor& actor, const v1::UpdateRiskObjectRequest& req) {
  return WithNameCheck(
      db::InTenantTransaction<Result<v1::RiskObject>>(
          pool_, actor.enterprise_id,
          [&](pqxx::work& tx) -> Result<v1::RiskObject> {
            SAFELOOP_RETURN_IF_ERROR(LockLive(tx, "risk_object", req.object_id(), req.version(), "object_id", "风险分析对象"));
            SAFELOOP_RETURN_IF_ERROR(CheckUnit(tx, req.department_id(), "department_id"));
            SAFELOOP_RETURN_IF_ERROR(CheckPerson(tx, req.liable_person_id(), "liable_person_id"));
            tx.exec_params(
                "UPDATE risk.risk_object SET name = $2, hazard_code = $3, department_id = NULLIF($4, '')::uuid, "
                "liable_person_id = NULLIF($5, '')::uuid, description = $6, version = version + 1, updated_at = now(), "
                "updated_by = $7 WHERE id = $1",
                req.object_id(), req.name(), req.hazard_code(), req.department_id(), req.liable_person_id(),
                req.description(), actor.subject);
            auto o = LoadObject(tx, req.object_id());
            Emit(tx, actor, "updated", o, clock_);
            return o;
          }),
      "已有同名的风险分析对象");
}

Result<v1::RiskObject> ObjectStore::DeleteObject(const Actor& actor, const std::string& object_id, int version) {
  return db::InTenantTransaction<Result<v1::RiskObject>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::RiskObject> {
        SAFELOOP_RETURN_IF_ERROR(LockLive(tx, "risk_object", object_id, version, "object_id", "风险分析对象"));
        auto units = tx.exec_params1("SELECT count(*) FROM risk.risk_unit WHERE object_id = $1 AND NOT deleted",
                                     object_id)[0]
                         .as<long>();
        if (units > 0) {
          return FailedPrecondition("该风险分析对象下还有 " + std::to_string(units) + " 个风险单元，请先删除或移走",
                                    "object_id");
        }
        tx.exec_params("UPDATE risk.risk_object SET deleted = true, version = version + 1, updated_at = now(), "
                       "updated_by = $2 WHERE id = $1",
                       object_id, actor.subject);
        auto o = LoadObject(tx, object_id);
        Emit(tx, actor, "deleted", o, clock_);
        return o;
      });
}

Result<std::vector<v1::RiskObject>> ObjectStore::ListObjects(const Actor& actor, bool include_deleted) {
  return db::InTenantTransaction<Result<std::vector<v1::RiskObject>>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::vector<v1::RiskObject>> {
        std::vector<v1::RiskObject> out;
        for (const auto& row : tx.exec_params("SELECT " + kObjectColumns +
                                                  " FROM risk.risk_object o WHERE $1 OR NOT o.deleted "
                                                  "ORDER BY " + db::PinyinOrder(tx, "o.name") + ", o.id",
                                              include_deleted)) {
          out.push_back(ObjectFromRow(row));
        }
        return out;
      });
}

Result<v1::RiskUnit> ObjectStore::CreateUnit(const Actor& actor, const v1::CreateRiskUnitRequest& req) {
  return WithNameCheck(
      db::InTenantTransaction<Result<v1::RiskUnit>>(
          pool_, actor.enterprise_id,
          [&](pqxx::work& tx) -> Result<v1::RiskUnit> {
            std::string object_id = req.object_id();
            int depth = 1;
            if (!req.parent_id().empty()) {
              auto parent = tx.exec_params(
                  "SELECT object_id::text, depth FROM risk.risk_unit WHERE id = $1 AND NOT deleted FOR UPDATE",
                  req.parent_id());
              if (parent.empty()) return NotFound("上级风险单元不存在: " + req.parent_id(), "parent_id");
              if (!object_id.empty() && object_id != parent[0][0].as<std::string>()) {
                return InvalidArgument("上级风险单元属于另一个风险分析对象", "object_id");
              }
              object_id = parent[0][0].as<std::string>();
              depth = parent[0][1].as<int>() + 1;
              if (depth > 3) return InvalidArgument("风险单元最多三级（一级单元/二级子单元/三级子单元）", "parent_id");
            } else {
              auto object = tx.exec_params("SELECT 1 FROM risk.risk_object WHERE id = $1 AND NOT deleted FOR UPDATE",
                                           object_id);
              if (object.empty()) return NotFound("风险分析对象不存在: " + object_id, "object_id");
            }
            SAFELOOP_RETURN_IF_ERROR(CheckUnit(tx, req.department_id(), "department_id"));
            SAFELOOP_RETURN_IF_ERROR(CheckPerson(tx, req.liable_person_id(), "liable_person_id"));
            int seq = req.seq();
            if (seq <= 0) {
              seq = tx.exec_params1("SELECT COALESCE(max(seq), 0) + 1 FROM risk.risk_unit WHERE object_id = $1 AND "
                                    "parent_id IS NOT DISTINCT FROM NULLIF($2, '')::uuid AND NOT deleted",
                                    object_id, req.parent_id())[0]
                        .as<int>();
            }
            std::string id = NewUuidV7();
            tx.exec_params(
                "INSERT INTO risk.risk_unit (id, enterprise_id, object_id, parent_id, depth, seq, name, department_id, "
                "liable_person_id, created_by, updated_by) VALUES ($1, $2, $3, NULLIF($4, '')::uuid, $5, $6, $7, "
                "NULLIF($8, '')::uuid, NULLIF($9, '')::uuid, $10, $10)",
                id, actor.enterprise_id, object_id, req.parent_id(), depth, seq, req.name(), req.department_id(),
                req.liable_person_id(), actor.subject);
            auto u = LoadUnit(tx, id);
            Emit(tx, actor, "created", u, clock_);
            return u;
          }),
      "同一上级下已有同名的风险单元");
}

Result<v1::RiskUnit> ObjectStore::UpdateUnit(const Actor& actor, const v1::UpdateRiskUnitRequest& req) {
  return WithNameCheck(
      db::InTenantTransaction<Result<v1::RiskUnit>>(
          pool_, actor.enterprise_id,
          [&](pqxx::work& tx) -> Result<v1::RiskUnit> {
            SAFELOOP_RETURN_IF_ERROR(LockLive(tx, "risk_unit", req.unit_id(), req.version(), "unit_id", "风险单元"));
            SAFELOOP_RETURN_IF_ERROR(CheckUnit(tx, req.department_id(), "department_id"));
            SAFELOOP_RETURN_IF_ERROR(CheckPerson(tx, req.liable_person_id(), "liable_person_id"));
            tx.exec_params(
                "UPDATE risk.risk_unit SET name = $2, seq = CASE WHEN $3 > 0 THEN $3 ELSE seq END, "
                "department_id = NULLIF($4, '')::uuid, liable_person_id = NULLIF($5, '')::uuid, version = version + 1, "
                "updated_at = now(), updated_by = $6 WHERE id = $1",
                req.unit_id(), req.name(), req.seq(), req.department_id(), req.liable_person_id(), actor.subject);
            auto u = LoadUnit(tx, req.unit_id());
            Emit(tx, actor, "updated", u, clock_);
            return u;
          }),
      "同一上级下已有同名的风险单元");
}

Result<v1::RiskUnit> ObjectStore::DeleteUnit(const Actor& actor, const std::string& unit_id, int version) {
  return db::InTenantTransaction<Result<v1::RiskUnit>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::RiskUnit> {
        SAFELOOP_RETURN_IF_ERROR(LockLive(tx, "risk_unit", unit_id, version, "unit_id", "风险单元"));
        auto children =
            tx.exec_params1("SELECT count(*) FROM risk.risk_unit WHERE parent_id = $1 AND NOT deleted", unit_id)[0]
                .as<long>();
        if (children > 0) {
          return FailedPrecondition("该风险单元下还有 " + std::to_string(children) + " 个子单元，请先删除", "unit_id");
        }
        auto points = tx.exec_params1("SELECT count(*) FROM risk.risk_point WHERE unit_id = $1", unit_id)[0].as<long>();
        if (points > 0) {
          return FailedPrecondition("该风险单元下还有 " + std::to_string(points) + " 个风险点，请先移到其他单元",
                                    "unit_id");
        }
        tx.exec_params("UPDATE risk.risk_unit SET deleted = true, version = version + 1, updated_at = now(), "
                       "updated_by = $2 WHERE id = $1",
                       unit_id, actor.subject);
        auto u = LoadUnit(tx, unit_id);
        Emit(tx, actor, "deleted", u, clock_);
        return u;
      });
}

Result<std::vector<v1::RiskUnit>> ObjectStore::ListUnits(const Actor& actor, const std::string& object_id,
                                                        bool include_deleted) {
  return db::InTenantTransaction<Result<std::vector<v1::RiskUnit>>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::vector<v1::RiskUnit>> {
        std::vector<v1::RiskUnit> all;
        for (const auto& row : tx.exec_params("SELECT " + kUnitColumns +
                                                  " FROM risk.risk_unit u JOIN risk.risk_object o ON o.id = u.object_id "
                                                  "WHERE ($1 = '' OR u.object_id = NULLIF($1, '')::uuid) AND ($2 OR NOT "
                                                  "u.deleted) ORDER BY " + db::PinyinOrder(tx, "o.name") + ", o.id, u.seq, u.id",
                                              object_id, include_deleted)) {
          all.push_back(UnitFromRow(row));
        }
        // Depth-first (B.1 order): each unit followed by its sub-units, siblings by seq.
        std::map<std::string, std::vector<const v1::RiskUnit*>> children;
        std::vector<const v1::RiskUnit*> roots;
        for (const auto& u : all) (u.parent_id().empty() ? roots : children[u.parent_id()]).push_back(&u);
        std::vector<v1::RiskUnit> out;
        out.reserve(all.size());
        std::function<void(const v1::RiskUnit*)> visit = [&](const v1::RiskUnit* u) {
          out.push_back(*u);
          for (const auto* c : children[u->id()]) visit(c);
        };
        for (const auto* r : roots) visit(r);
        return out;
      });
}

}  // namespace safeloop::risk::model
