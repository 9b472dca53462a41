#include "assessment/assessment_store.hpp"

#include "major_hazard/major_hazard_store.hpp"
#include "model/event_store.hpp"
#include "pg_risk_store.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/outbox.hpp"
#include "safeloop/db/sql_text.hpp"
#include "safeloop/db/transaction.hpp"
#include "safeloop/events/envelope.hpp"
#include "safeloop/events/v1/risk_events.pb.h"

namespace safeloop::risk::assessment {
namespace {

// The enterprise's LEC band variant (the settings of the quick LEC path) applies to full assessments too.
AssessmentRules RulesOf(pqxx::work& tx) {
  AssessmentRules rules;
  auto rows = tx.exec("SELECT lec_band_variant FROM risk.settings");
  if (!rows.empty() && rows[0][0].as<int>() == 2) rules.standard.lec.band_variant = "V2";
  return rules;
}

}  // namespace

Result<v1::PointAssessment> AssessmentStore::Assess(const Actor& actor, const v1::AssessRiskPointRequest& req,
                                                     const std::string& current_accident_types) {
  return db::InTenantTransaction<Result<v1::PointAssessment>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::PointAssessment> {
        auto point = tx.exec_params(
            "SELECT p.name, p.kind, p.area_id, a.map_id, p.level, p.accident_type_version, "
            "COALESCE((SELECT d.name FROM risk.directory_unit d WHERE d.id = p.post_id), '') AS post_name "
            "FROM risk.risk_point p JOIN risk.area a ON a.id = p.area_id WHERE p.id = $1 FOR UPDATE OF p",
            req.risk_point_id());
        if (point.empty()) return NotFound("风险点不存在: " + req.risk_point_id(), "risk_point_id");
        const auto& row = point[0];
        PointContext context{req.risk_point_id(), row["name"].as<std::string>(), row["kind"].as<std::string>(),
                             row["post_name"].as<std::string>(), row["accident_type_version"].as<std::string>(),
                             model::LoadLiveEvents(tx, req.risk_point_id())};
        if (context.accident_type_version.empty()) context.accident_type_version = current_accident_types;
        // A 一级/二级 installation of the point's analysis object is a judgement fact whatever the request says.
        v1::AssessRiskPointRequest with_facts = req;
        int installation = major_hazard_module::MajorHazardGradeOfPoint(tx, req.risk_point_id());
        int given = req.facts().major_hazard_installation_grade();
        if (installation > 0 && (given == 0 || installation < given)) {
          with_facts.mutable_facts()->set_major_hazard_installation_grade(installation);
        }
        auto assessed = Evaluate(context, with_facts, RulesOf(tx));
        if (!assessed.ok()) return assessed.status();
        v1::PointAssessment& a = *assessed;

        int version = tx.exec_params1("SELECT COALESCE(max(version), 0) + 1 FROM risk.point_assessment WHERE "
                                      "risk_point_id = $1",
                                      req.risk_point_id())[0]
                          .as<int>();
        auto now = tx.exec1("SELECT " + db::SqlTime("now()"))[0].as<std::string>();
        a.set_id(NewUuidV7());
        a.set_version(version);
        a.set_assessed_by(actor.subject);
        a.set_assessed_at(now);
        auto tier = ControlTierFromName(a.tier());
        tx.exec_params(
            "INSERT INTO risk.point_assessment (id, enterprise_id, risk_point_id, version, record_kind, method, level, "
            "inherent_level, tier, assessed_by, assessed_at, record) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
            "now(), $11)",
            a.id(), actor.enterprise_id, a.risk_point_id(), version, a.record_kind(), a.method(),
            static_cast<int>(a.level()), static_cast<int>(a.inherent_level()), tier ? static_cast<int>(*tier) : 1,
            actor.subject, pqxx::binarystring(a.SerializeAsString()));
        auto previous = static_cast<risk::v1::RiskLevel>(row["level"].as<int>());
        tx.exec_params("UPDATE risk.risk_point SET level = $2, control_tier = $3 WHERE id = $1", a.risk_point_id(),
                       static_cast<int>(a.level()), tier ? static_cast<int>(*tier) : 0);

        events::v1::RiskAssessmentRecorded payload;
        *payload.mutable_point_assessment() = a;
        payload.set_area_id(row["area_id"].as<std::string>());
        payload.set_map_id(row["map_id"].as<std::string>());
        payload.set_previous_level(previous);
        db::AppendToOutbox(tx, kSchema,
                           events::MakeEnvelope({kAssessmentTopic, actor.enterprise_id, actor.park_id, "risk_point",
                                                 a.risk_point_id(), version, "risk", actor.request_id},
                                                payload, clock_));
        return a;
      });
}

Result<std::vector<v1::PointAssessment>> AssessmentStore::List(const Actor& actor, const std::string& point_id) {
  return db::InTenantTransaction<Result<std::vector<v1::PointAssessment>>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::vector<v1::PointAssessment>> {
        if (tx.exec_params("SELECT 1 FROM risk.risk_point WHERE id = $1", point_id).empty()) {
          return NotFound("风险点不存在: " + point_id, "risk_point_id");
        }
        std::vector<v1::PointAssessment> out;
        for (const auto& r : tx.exec_params("SELECT record FROM risk.point_assessment WHERE risk_point_id = $1 ORDER "
                                            "BY version DESC",
                                            point_id)) {
          pqxx::binarystring bytes(r[0]);
          v1::PointAssessment a;
          if (!a.ParseFromString(bytes.str())) return Internal("stored assessment is unreadable");
          out.push_back(std::move(a));
        }
        return out;
      });
}

}  // namespace safeloop::risk::assessment
