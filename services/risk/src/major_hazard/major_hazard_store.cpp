#include "major_hazard/major_hazard_store.hpp"

#include "major_hazard/installation_evaluation.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/sql_text.hpp"
#include "safeloop/db/transaction.hpp"

namespace safeloop::risk::major_hazard_module {
namespace {

v1::MajorHazardInstallation Load(pqxx::work& tx, const std::string& id) {
  auto row = tx.exec_params1("SELECT record, version, deleted, " + db::SqlTime("updated_at") +
                                 " FROM risk.major_hazard_installation WHERE id = $1",
                             id);
  pqxx::binarystring bytes(row[0]);
  v1::MajorHazardInstallation out;
  out.ParseFromString(bytes.str());
  out.set_id(id);
  out.set_version(row[1].as<int>());
  out.set_deleted(row[2].as<bool>());
  out.set_updated_at(row[3].as<std::string>());
  return out;
}

}  // namespace

int MajorHazardGradeOfPoint(pqxx::work& tx, const std::string& point_id) {
  auto rows = tx.exec_params(
      "SELECT COALESCE(min(i.grade), 0) FROM risk.risk_point p JOIN risk.risk_unit u ON u.id = p.unit_id "
      "JOIN risk.major_hazard_installation i ON i.object_id = u.object_id AND NOT i.deleted AND i.grade > 0 "
      "WHERE p.id = $1",
      point_id);
  return rows.empty() ? 0 : rows[0][0].as<int>();
}

Result<v1::MajorHazardInstallation> MajorHazardStore::Save(const Actor& actor,
                                                          const v1::SaveMajorHazardInstallationRequest& req) {
  v1::MajorHazardInstallation computed;
  SAFELOOP_RETURN_IF_ERROR(EvaluateInstallation(req, computed));
  auto result = db::InTenantTransaction<Result<v1::MajorHazardInstallation>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::MajorHazardInstallation> {
        if (tx.exec_params("SELECT 1 FROM risk.risk_object WHERE id = $1 AND NOT deleted", req.object_id()).empty()) {
          return NotFound("风险分析对象不存在: " + req.object_id(), "object_id");
        }
        std::string id = req.installation_id();
        const std::string record = computed.SerializeAsString();
        if (id.empty()) {
          id = NewUuidV7();
          tx.exec_params(
              "INSERT INTO risk.major_hazard_installation (id, enterprise_id, object_id, name, unit_kind, "
              "exposed_population, s, identified, r, grade, record, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, "
              "$8, $9, $10, $11, $12)",
              id, actor.enterprise_id, req.object_id(), req.name(), req.unit_kind(),
              static_cast<long long>(req.exposed_population()), computed.s(), computed.identified(), computed.r(),
              computed.grade(), pqxx::binarystring(record), actor.subject);
        } else {
          auto current = tx.exec_params(
              "SELECT version FROM risk.major_hazard_installation WHERE id = $1 AND NOT deleted FOR UPDATE", id);
          if (current.empty()) return NotFound("重大危险源不存在: " + id, "installation_id");
          if (current[0][0].as<int>() != req.version()) return db::StaleVersion("重大危险源", req.version());
          tx.exec_params(
              "UPDATE risk.major_hazard_installation SET object_id = $2, name = $3, unit_kind = $4, "
              "exposed_population = $5, s = $6, identified = $7, r = $8, grade = $9, record = $10, "
              "version = version + 1, updated_at = now(), updated_by = $11 WHERE id = $1",
              id, req.object_id(), req.name(), req.unit_kind(), static_cast<long long>(req.exposed_population()),
              computed.s(), computed.identified(), computed.r(), computed.grade(), pqxx::binarystring(record),
              actor.subject);
        }
        return Load(tx, id);
      });
  if (!result.ok() && result.status().code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("已有同名的重大危险源", "name");
  }
  return result;
}

Result<v1::MajorHazardInstallation> MajorHazardStore::Delete(const Actor& actor, const std::string& id, int version) {
  return db::InTenantTransaction<Result<v1::MajorHazardInstallation>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::MajorHazardInstallation> {
        auto current = tx.exec_params(
            "SELECT version FROM risk.major_hazard_installation WHERE id = $1 AND NOT deleted FOR UPDATE", id);
        if (current.empty()) return NotFound("重大危险源不存在: " + id, "installation_id");
        if (current[0][0].as<int>() != version) return db::StaleVersion("重大危险源", version);
        tx.exec_params("UPDATE risk.major_hazard_installation SET deleted = true, version = version + 1, "
                       "updated_at = now(), updated_by = $2 WHERE id = $1",
                       id, actor.subject);
        return Load(tx, id);
      });
}

Result<std::vector<v1::MajorHazardInstallation>> MajorHazardStore::List(const Actor& actor,
                                                                       const std::string& object_id) {
  return db::InTenantTransaction<Result<std::vector<v1::MajorHazardInstallation>>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::vector<v1::MajorHazardInstallation>> {
        std::vector<v1::MajorHazardInstallation> out;
        for (const auto& r : tx.exec_params("SELECT id FROM risk.major_hazard_installation WHERE NOT deleted AND "
                                            "($1 = '' OR object_id = NULLIF($1, '')::uuid) ORDER BY grade = 0, grade, "
                                            "name, id",
                                            object_id)) {
          out.push_back(Load(tx, r[0].as<std::string>()));
        }
        return out;
      });
}

}  // namespace safeloop::risk::major_hazard_module
