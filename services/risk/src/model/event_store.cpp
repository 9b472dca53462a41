#include "model/event_store.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "model/directory.hpp"
#include "model/model_events.hpp"
#include "model/model_validation.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/sql_text.hpp"
#include "safeloop/db/transaction.hpp"

namespace safeloop::risk::model {
namespace {

using db::SqlTime;
using Measures = google::protobuf::RepeatedPtrField<v1::ControlMeasure>;
using Strings = google::protobuf::RepeatedPtrField<std::string>;

const std::string kProfileColumns =
    "p.id, COALESCE(p.unit_id::text, '') AS unit_id, p.kind, p.code, p.location, "
    "ST_X(p.position) AS px, ST_Y(p.position) AS py, COALESCE(p.department_id::text, '') AS department_id, "
    "COALESCE(p.liable_person_id::text, '') AS liable_person_id, COALESCE(p.post_id::text, '') AS post_id, "
    "array_to_json(p.accident_types)::text AS accident_types, p.accident_type_version, p.profile_version, " +
    SqlTime("p.profile_updated_at") + " AS profile_updated_at";

const std::string kEventColumns = "e.id, e.risk_point_id, COALESCE(e.unit_id::text, '') AS unit_id, e.seq, e.name, "
                                  "e.step, e.standard, e.hazard, e.consequence, array_to_json(e.accident_types)::text AS accident_types, e.deleted, e.version, " +
                                  SqlTime("e.created_at") + " AS created_at, " + SqlTime("e.updated_at") + " AS updated_at";

// text[] columns travel as JSON (libpqxx 6 has no array parameters): written with
// ARRAY(SELECT jsonb_array_elements_text($n::jsonb)), read as array_to_json(col).
std::string JsonArray(const Strings& in) { return nlohmann::json(std::vector<std::string>(in.begin(), in.end())).dump(); }
void ReadArray(const pqxx::field& f, Strings& out) {
  for (const auto& v : nlohmann::json::parse(f.as<std::string>())) out.Add(v.get<std::string>());
}

v1::RiskPointProfile ProfileFromRow(const pqxx::row& r) {
  v1::RiskPointProfile p;
  p.set_risk_point_id(r["id"].as<std::string>());
  p.set_unit_id(r["unit_id"].as<std::string>());
  p.set_kind(r["kind"].as<std::string>());
  p.set_code(r["code"].as<std::string>());
  p.set_location(r["location"].as<std::string>());
  if (!r["px"].is_null()) {
    p.mutable_position()->set_x(r["px"].as<double>());
    p.mutable_position()->set_y(r["py"].as<double>());
  }
  p.set_department_id(r["department_id"].as<std::string>());
  p.set_liable_person_id(r["liable_person_id"].as<std::string>());
  p.set_post_id(r["post_id"].as<std::string>());
  ReadArray(r["accident_types"], *p.mutable_accident_types());
  p.set_accident_type_version(r["accident_type_version"].as<std::string>());
  p.set_version(r["profile_version"].as<int>());
  p.set_updated_at(r["profile_updated_at"].as<std::string>());
  return p;
}

v1::RiskEvent EventFromRow(const pqxx::row& r) {
  v1::RiskEvent e;
  e.set_id(r["id"].as<std::string>());
  e.set_risk_point_id(r["risk_point_id"].as<std::string>());
  e.set_unit_id(r["unit_id"].as<std::string>());
  e.set_seq(r["seq"].as<int>());
  e.set_name(r["name"].as<std::string>());
  e.set_step(r["step"].as<std::string>());
  e.set_standard(r["standard"].as<std::string>());
  e.set_hazard(r["hazard"].as<std::string>());
  e.set_consequence(r["consequence"].as<std::string>());
  ReadArray(r["accident_types"], *e.mutable_accident_types());
  e.set_deleted(r["deleted"].as<bool>());
  e.set_version(r["version"].as<int>());
  e.set_created_at(r["created_at"].as<std::string>());
  e.set_updated_at(r["updated_at"].as<std::string>());
  return e;
}

void LoadMeasures(pqxx::work& tx, v1::RiskEvent& e) {
  for (const auto& r : tx.exec_params(
           "SELECT id, measure_class, classify1, classify2, classify3, mode, description, check_content, proposed "
           "FROM risk.control_measure WHERE risk_event_id = $1 AND NOT deleted ORDER BY ordinal, id",
           e.id())) {
    auto* m = e.add_measures();
    m->set_id(r["id"].as<std::string>());
    m->set_measure_class(static_cast<v1::MeasureClass>(r["measure_class"].as<int>()));
    m->set_classify1(r["classify1"].as<int>());
    m->set_classify2(r["classify2"].as<std::string>());
    m->set_classify3(r["classify3"].as<std::string>());
    m->set_mode(static_cast<v1::ControlMode>(r["mode"].as<int>()));
    m->set_description(r["description"].as<std::string>());
    m->set_check_content(r["check_content"].as<std::string>());
    m->set_proposed(r["proposed"].as<bool>());
  }
}

v1::RiskEvent LoadEvent(pqxx::work& tx, const std::string& id) {
  auto e = EventFromRow(tx.exec_params1("SELECT " + kEventColumns + " FROM risk.risk_event e WHERE e.id = $1", id));
  LoadMeasures(tx, e);
  return e;
}

v1::RiskPointProfile LoadProfile(pqxx::work& tx, const std::string& point_id) {
  return ProfileFromRow(
      tx.exec_params1("SELECT " + kProfileColumns + " FROM risk.risk_point p WHERE p.id = $1", point_id));
}

// Writes the measures of an event: updates those with an id, inserts new ones, marks the rest deleted.
Status WriteMeasures(pqxx::work& tx, const Actor& actor, const std::string& event_id, const Measures& measures) {
  std::set<std::string> kept;
  int ordinal = 0;
  for (const auto& m : measures) {
    ++ordinal;
    if (!m.id().empty()) {
      auto updated = tx.exec_params(
          "UPDATE risk.control_measure SET ordinal = $3, measure_class = $4, classify1 = $5, classify2 = $6, "
          "classify3 = $7, mode = $8, description = $9, check_content = $10, proposed = $11, updated_at = now() "
          "WHERE id = $1 AND risk_event_id = $2 AND NOT deleted RETURNING id",
          m.id(), event_id, ordinal, static_cast<int>(m.measure_class()), m.classify1(), m.classify2(), m.classify3(),
          static_cast<int>(m.mode()), m.description(), m.check_content(), m.proposed());
      if (updated.empty()) return NotFound("管控措施不存在或不属于该风险事件: " + m.id(), "measures.id");
      kept.insert(m.id());
      continue;
    }
    std::string id = NewUuidV7();
    tx.exec_params(
        "INSERT INTO risk.control_measure (id, enterprise_id, risk_event_id, ordinal, measure_class, classify1, "
        "classify2, classify3, mode, description, check_content, proposed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
        "$9, $10, $11, $12)",
        id, actor.enterprise_id, event_id, ordinal, static_cast<int>(m.measure_class()), m.classify1(), m.classify2(),
        m.classify3(), static_cast<int>(m.mode()), m.description(), m.check_content(), m.proposed());
    kept.insert(id);
  }
  std::string keep = "{";
  for (const auto& id : kept) keep += (keep.size() > 1 ? "," : "") + id;
  keep += "}";
  tx.exec_params(
      "UPDATE risk.control_measure SET deleted = true, updated_at = now() WHERE risk_event_id = $1 AND NOT deleted "
      "AND NOT (id = ANY($2::uuid[]))",
      event_id, keep);
  return Status::Ok();
}

void Emit(pqxx::work& tx, const Actor& actor, const char* change, const v1::RiskEvent& e, const Clock& clock) {
  events::v1::RiskModelChanged payload;
  *payload.mutable_event() = e;
  AppendModelEvent(tx, actor, change, "risk_event", e.id(), e.version(), std::move(payload), clock);
}

// A point whose profile names no list version takes the one in force today.
std::string VersionOr(const pqxx::field& f, const std::string& current) {
  auto v = f.as<std::string>();
  return v.empty() ? current : v;
}

Status LockLiveEvent(pqxx::work& tx, const std::string& id, int version) {
  auto rows = tx.exec_params("SELECT version, deleted FROM risk.risk_event WHERE id = $1 FOR UPDATE", id);
  if (rows.empty() || rows[0]["deleted"].as<bool>()) return NotFound("风险事件不存在: " + id, "event_id");
  if (rows[0]["version"].as<int>() != version) return db::StaleVersion("风险事件", version);
  return Status::Ok();
}

}  // namespace

std::vector<v1::RiskEvent> LoadLiveEvents(pqxx::work& tx, const std::string& point_id) {
  std::vector<v1::RiskEvent> out;
  for (const auto& row : tx.exec_params("SELECT " + kEventColumns +
                                            " FROM risk.risk_event e WHERE e.risk_point_id = $1 AND NOT e.deleted "
                                            "ORDER BY e.seq, e.id",
                                        point_id)) {
    out.push_back(EventFromRow(row));
  }
  for (auto& e : out) LoadMeasures(tx, e);
  return out;
}

Result<v1::RiskPointProfile> EventStore::GetProfile(const Actor& actor, const std::string& point_id) {
  return db::InTenantTransaction<Result<v1::RiskPointProfile>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::RiskPointProfile> {
        if (tx.exec_params("SELECT 1 FROM risk.risk_point WHERE id = $1", point_id).empty()) {
          return NotFound("风险点不存在: " + point_id, "risk_point_id");
        }
        return LoadProfile(tx, point_id);
      });
}

Result<v1::RiskPointProfile> EventStore::UpdateProfile(const Actor& actor, const v1::UpdateRiskPointProfileRequest& req) {
  auto result = db::InTenantTransaction<Result<v1::RiskPointProfile>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::RiskPointProfile> {
        auto point = tx.exec_params(
            "SELECT p.profile_version, m.width, m.height FROM risk.risk_point p JOIN risk.area a ON a.id = p.area_id "
            "JOIN risk.plant_map m ON m.id = a.map_id WHERE p.id = $1 FOR UPDATE OF p",
            req.risk_point_id());
        if (point.empty()) return NotFound("风险点不存在: " + req.risk_point_id(), "risk_point_id");
        if (point[0][0].as<int>() != req.version()) return db::StaleVersion("风险点信息", req.version());
        if (req.has_position() && (req.position().x() > point[0][1].as<double>() ||
                                   req.position().y() > point[0][2].as<double>())) {
          return InvalidArgument("风险点位置超出了所在地图的范围", "position");
        }
        if (!req.unit_id().empty() &&
            tx.exec_params("SELECT 1 FROM risk.risk_unit WHERE id = $1 AND NOT deleted", req.unit_id()).empty()) {
          return NotFound("风险单元不存在: " + req.unit_id(), "unit_id");
        }
        SAFELOOP_RETURN_IF_ERROR(CheckUnit(tx, req.department_id(), "department_id"));
        SAFELOOP_RETURN_IF_ERROR(CheckUnit(tx, req.post_id(), "post_id", "post"));
        SAFELOOP_RETURN_IF_ERROR(CheckPerson(tx, req.liable_person_id(), "liable_person_id"));
        tx.exec_params(
            "UPDATE risk.risk_point SET unit_id = NULLIF($2, '')::uuid, kind = $3, code = $4, location = $5, "
            "position = CASE WHEN $6 THEN ST_MakePoint($7, $8) ELSE NULL END, department_id = NULLIF($9, '')::uuid, "
            "liable_person_id = NULLIF($10, '')::uuid, post_id = NULLIF($11, '')::uuid, accident_types = ARRAY(SELECT jsonb_array_elements_text($12::jsonb)), "
            "accident_type_version = $13, profile_version = profile_version + 1, profile_updated_at = now(), "
            "profile_updated_by = $14 WHERE id = $1",
            req.risk_point_id(), req.unit_id(), req.kind(), req.code(), req.location(), req.has_position(),
            req.position().x(), req.position().y(), req.department_id(), req.liable_person_id(), req.post_id(),
            JsonArray(req.accident_types()), req.accident_type_version(), actor.subject);
        auto profile = LoadProfile(tx, req.risk_point_id());
        events::v1::RiskModelChanged payload;
        *payload.mutable_profile() = profile;
        AppendModelEvent(tx, actor, "updated", "risk_point", profile.risk_point_id(), profile.version(),
                         std::move(payload), clock_);
        return profile;
      });
  if (!result.ok() && result.status().code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("风险点编号已被其他风险点使用: " + req.code(), "code");
  }
  return result;
}

Result<v1::RiskEvent> EventStore::CreateEvent(const Actor& actor, const v1::CreateRiskEventRequest& req,
                                              const std::string& current_version) {
  return db::InTenantTransaction<Result<v1::RiskEvent>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::RiskEvent> {
        auto point = tx.exec_params("SELECT COALESCE(unit_id::text, ''), accident_type_version FROM risk.risk_point "
                                    "WHERE id = $1 FOR UPDATE",
                                    req.risk_point_id());
        if (point.empty()) return NotFound("风险点不存在: " + req.risk_point_id(), "risk_point_id");
        SAFELOOP_RETURN_IF_ERROR(
            ValidateAccidentTypes(req.accident_types(), VersionOr(point[0][1], current_version), "accident_types"));
        int seq = req.seq();
        if (seq <= 0) {
          seq = tx.exec_params1("SELECT COALESCE(max(seq), 0) + 1 FROM risk.risk_event WHERE risk_point_id = $1 AND "
                                "NOT deleted",
                                req.risk_point_id())[0]
                    .as<int>();
        }
        std::string id = NewUuidV7();
        tx.exec_params(
            "INSERT INTO risk.risk_event (id, enterprise_id, risk_point_id, unit_id, seq, name, step, standard, hazard, "
            "consequence, accident_types, created_by, updated_by) VALUES ($1, $2, $3, NULLIF($4, '')::uuid, $5, $6, $7, "
            "$8, $9, $10, ARRAY(SELECT jsonb_array_elements_text($11::jsonb)), $12, $12)",
            id, actor.enterprise_id, req.risk_point_id(), point[0][0].as<std::string>(), seq, req.name(), req.step(),
            req.standard(), req.hazard(), req.consequence(), JsonArray(req.accident_types()), actor.subject);
        SAFELOOP_RETURN_IF_ERROR(WriteMeasures(tx, actor, id, req.measures()));
        auto e = LoadEvent(tx, id);
        Emit(tx, actor, "created", e, clock_);
        return e;
      });
}

Result<v1::RiskEvent> EventStore::UpdateEvent(const Actor& actor, const v1::UpdateRiskEventRequest& req,
                                              const std::string& current_version) {
  return db::InTenantTransaction<Result<v1::RiskEvent>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::RiskEvent> {
        SAFELOOP_RETURN_IF_ERROR(LockLiveEvent(tx, req.event_id(), req.version()));
        auto version = tx.exec_params1("SELECT p.accident_type_version FROM risk.risk_event e JOIN risk.risk_point p ON "
                                       "p.id = e.risk_point_id WHERE e.id = $1",
                                       req.event_id());
        SAFELOOP_RETURN_IF_ERROR(
            ValidateAccidentTypes(req.accident_types(), VersionOr(version[0], current_version), "accident_types"));
        tx.exec_params(
            "UPDATE risk.risk_event SET seq = CASE WHEN $2 > 0 THEN $2 ELSE seq END, name = $3, step = $4, "
            "standard = $5, hazard = $6, consequence = $7, "
            "accident_types = ARRAY(SELECT jsonb_array_elements_text($8::jsonb)), version = version + 1, "
            "updated_at = now(), updated_by = $9 WHERE id = $1",
            req.event_id(), req.seq(), req.name(), req.step(), req.standard(), req.hazard(), req.consequence(),
            JsonArray(req.accident_types()), actor.subject);
        SAFELOOP_RETURN_IF_ERROR(WriteMeasures(tx, actor, req.event_id(), req.measures()));
        auto e = LoadEvent(tx, req.event_id());
        Emit(tx, actor, "updated", e, clock_);
        return e;
      });
}

Result<v1::RiskEvent> EventStore::DeleteEvent(const Actor& actor, const std::string& event_id, int version) {
  return db::InTenantTransaction<Result<v1::RiskEvent>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<v1::RiskEvent> {
        SAFELOOP_RETURN_IF_ERROR(LockLiveEvent(tx, event_id, version));
        tx.exec_params("UPDATE risk.risk_event SET deleted = true, version = version + 1, updated_at = now(), "
                       "updated_by = $2 WHERE id = $1",
                       event_id, actor.subject);
        tx.exec_params("UPDATE risk.control_measure SET deleted = true, updated_at = now() WHERE risk_event_id = $1",
                       event_id);
        auto e = LoadEvent(tx, event_id);
        Emit(tx, actor, "deleted", e, clock_);
        return e;
      });
}

Result<std::vector<v1::RiskEvent>> EventStore::ListEvents(const Actor& actor, const std::string& point_id,
                                                         bool include_deleted) {
  return db::InTenantTransaction<Result<std::vector<v1::RiskEvent>>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::vector<v1::RiskEvent>> {
        if (tx.exec_params("SELECT 1 FROM risk.risk_point WHERE id = $1", point_id).empty()) {
          return NotFound("风险点不存在: " + point_id, "risk_point_id");
        }
        std::vector<v1::RiskEvent> out;
        for (const auto& row : tx.exec_params("SELECT " + kEventColumns +
                                                  " FROM risk.risk_event e WHERE e.risk_point_id = $1 AND ($2 OR NOT "
                                                  "e.deleted) ORDER BY e.seq, e.id",
                                              point_id, include_deleted)) {
          out.push_back(EventFromRow(row));
        }
        for (auto& e : out) LoadMeasures(tx, e);
        return out;
      });
}

}  // namespace safeloop::risk::model
