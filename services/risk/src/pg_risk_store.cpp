#include "pg_risk_store.hpp"

#include "safeloop/risk_domain/dynamic_level.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

#include "risk_validation.hpp"
#include "safeloop/bus/inbox.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/outbox.hpp"
#include "safeloop/db/transaction.hpp"
#include "safeloop/events/envelope.hpp"
#include "safeloop/events/v1/risk_events.pb.h"
#include "safeloop/risk_domain/dynamic_level.hpp"

namespace safeloop::risk {
namespace {

// Timestamps travel as epoch milliseconds so no text parsing of timestamptz is needed.
constexpr const char* kMs = "(extract(epoch from %s) * 1000)::bigint";

std::string Ms(const char* column) {
  char buf[128];
  std::snprintf(buf, sizeof buf, kMs, column);
  return buf;
}

std::string PolygonWkt(const std::vector<Vertex>& polygon) {
  std::ostringstream out;
  out.precision(17);
  out << "POLYGON((";
  for (const auto& v : polygon) out << v.x << ' ' << v.y << ", ";
  out << polygon.front().x << ' ' << polygon.front().y << "))";  // rings are closed
  return out.str();
}

std::vector<Vertex> PolygonFromGeoJson(const std::string& text) {
  std::vector<Vertex> out;
  auto ring = nlohmann::json::parse(text).at("coordinates").at(0);
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) out.push_back({ring[i][0].get<double>(), ring[i][1].get<double>()});
  return out;
}

// Keep a constraint violation's message but point at the field the user can change.
Status WithField(Status status, const char* field) {
  if (status.ok() || !status.field().empty()) return status;
  if (status.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists(std::string("another record already uses this ") + field, field);
  }
  return status;
}

PlantMapRecord MapFromRow(const pqxx::row& r) {
  return {r["id"].as<std::string>(), r["name"].as<std::string>(), r["image_url"].as<std::string>(),
          r["width"].as<int>(), r["height"].as<int>(), FromUnixMillis(r["created_ms"].as<std::int64_t>())};
}

const std::string kMapColumns = "id, name, image_url, width, height, " + Ms("created_at") + " AS created_ms";
const std::string kAreaColumns = "id, map_id, name, ST_AsGeoJSON(geom) AS polygon, inherent_level, dynamic_level, "
                                 "level_version, " +
                                 Ms("created_at") + " AS created_ms";
const std::string kPointColumns = "id, area_id, name, description, level, " + Ms("created_at") + " AS created_ms";
const std::string kAssessmentColumns = "id, risk_point_id, version, l::float8 AS l, e::float8 AS e, c::float8 AS c, "
                                       "(d * 100)::bigint AS d100, level, band_variant, assessed_by, note, " +
                                       Ms("assessed_at") + " AS assessed_ms";

AreaRecord AreaFromRow(const pqxx::row& r) {
  return {r["id"].as<std::string>(),
          r["map_id"].as<std::string>(),
          r["name"].as<std::string>(),
          PolygonFromGeoJson(r["polygon"].as<std::string>()),
          static_cast<RiskLevel>(r["inherent_level"].as<int>()),
          r["level_version"].as<std::int64_t>(),
          FromUnixMillis(r["created_ms"].as<std::int64_t>()),
          static_cast<RiskLevel>(r["dynamic_level"].as<int>())};
}

AssessmentRecord AssessmentFromRow(const pqxx::row& r) {
  AssessmentRecord a;
  a.id = r["id"].as<std::string>();
  a.risk_point_id = r["risk_point_id"].as<std::string>();
  a.version = r["version"].as<int>();
  a.input = {r["l"].as<double>(), r["e"].as<double>(), r["c"].as<double>()};
  a.score.d_hundredths = r["d100"].as<std::int64_t>();
  a.score.d = static_cast<double>(a.score.d_hundredths) / 100.0;
  a.score.danger_grade = LecDangerGrade(a.score.d_hundredths);
  a.score.level = static_cast<RiskLevel>(r["level"].as<int>());
  a.variant = static_cast<LecBandVariant>(r["band_variant"].as<int>());
  a.assessed_by = r["assessed_by"].as<std::string>();
  a.note = r["note"].as<std::string>();
  a.assessed_at = FromUnixMillis(r["assessed_ms"].as<std::int64_t>());
  return a;
}

RiskPointRecord PointFromRow(const pqxx::row& r) {
  return {r["id"].as<std::string>(),
          r["area_id"].as<std::string>(),
          r["name"].as<std::string>(),
          r["description"].as<std::string>(),
          static_cast<RiskLevel>(r["level"].as<int>()),
          std::nullopt,
          FromUnixMillis(r["created_ms"].as<std::int64_t>())};
}

// Latest assessment of each of the given points, in one query.
void AttachLatest(pqxx::work& tx, std::vector<RiskPointRecord>& points) {
  if (points.empty()) return;
  std::string ids = "{";
  for (const auto& p : points) ids += (ids.size() > 1 ? "," : "") + p.id;
  ids += "}";
  auto rows = tx.exec_params("SELECT DISTINCT ON (risk_point_id) " + kAssessmentColumns + " FROM " +
                                 std::string(kSchema) +
                                 ".lec_assessment WHERE risk_point_id = ANY($1::uuid[]) "
                                 "ORDER BY risk_point_id, version DESC",
                             ids);
  for (const auto& row : rows) {
    auto a = AssessmentFromRow(row);
    for (auto& p : points) {
      if (p.id == a.risk_point_id) p.latest = a;
    }
  }
}

// A create that names a parent the caller's enterprise does not have is bad input (400), whether the id
// does not exist or belongs to another tenant: the answer must not tell the two apart.
Status UnknownParent(const std::string& what, const std::string& id, const char* field) {
  return InvalidArgument(std::string(field) + ": no " + what + " " + id + " in this enterprise", field);
}

risk::v1::RiskLevel ProtoLevel(RiskLevel level) { return static_cast<risk::v1::RiskLevel>(level); }

}  // namespace

Result<PlantMapRecord> PgRiskStore::CreateMap(const Actor& actor, const PlantMapRecord& input) {
  auto r = db::InTenantTransaction<Result<PlantMapRecord>>(pool_, actor.enterprise_id, [&](pqxx::work& tx) {
    auto row = tx.exec_params1("INSERT INTO risk.plant_map (id, enterprise_id, park_id, name, image_url, width, height)"
                               " VALUES ($1, $2, NULLIF($3, '')::uuid, $4, $5, $6, $7) RETURNING " + kMapColumns,
                               NewUuidV7(clock_), actor.enterprise_id, actor.park_id, input.name, input.image_url,
                               input.width, input.height);
    return Result<PlantMapRecord>(MapFromRow(row));
  });
  if (!r.ok()) return WithField(r.status(), "name");
  return r;
}

Result<std::vector<PlantMapRecord>> PgRiskStore::ListMaps(const Actor& actor) {
  return db::InTenantTransaction<Result<std::vector<PlantMapRecord>>>(pool_, actor.enterprise_id, [&](pqxx::work& tx) {
    std::vector<PlantMapRecord> out;
    for (const auto& row : tx.exec("SELECT " + kMapColumns + " FROM risk.plant_map ORDER BY created_at, id")) {
      out.push_back(MapFromRow(row));
    }
    return Result<std::vector<PlantMapRecord>>(std::move(out));
  });
}

Result<AreaRecord> PgRiskStore::CreateArea(const Actor& actor, const std::string& map_id, const std::string& name,
                                           const std::vector<Vertex>& polygon) {
  auto r = db::InTenantTransaction<Result<AreaRecord>>(pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<AreaRecord> {
    auto map = tx.exec_params("SELECT width, height FROM risk.plant_map WHERE id = $1", map_id);
    if (map.empty()) return UnknownParent("plant map", map_id, "map_id");
    SAFELOOP_RETURN_IF_ERROR(ValidatePolygon(polygon, map[0][0].as<int>(), map[0][1].as<int>()));
    const std::string wkt = PolygonWkt(polygon);
    auto valid = tx.exec_params1("SELECT ST_IsValid(ST_GeomFromText($1, 0)), ST_IsValidReason(ST_GeomFromText($1, 0))", wkt);
    if (!valid[0].as<bool>()) {
      return InvalidArgument("polygon is not a simple polygon: " + valid[1].as<std::string>(), "polygon");
    }
    auto row = tx.exec_params1("INSERT INTO risk.area (id, enterprise_id, map_id, name, geom) "
                               "VALUES ($1, $2, $3, $4, ST_GeomFromText($5, 0)) RETURNING " + kAreaColumns,
                               NewUuidV7(clock_), actor.enterprise_id, map_id, name, wkt);
    return AreaFromRow(row);
  });
  if (!r.ok()) return WithField(r.status(), "name");
  return r;
}

Result<std::vector<AreaRecord>> PgRiskStore::ListAreas(const Actor& actor, const std::string& map_id) {
  return db::InTenantTransaction<Result<std::vector<AreaRecord>>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::vector<AreaRecord>> {
        if (tx.exec_params("SELECT 1 FROM risk.plant_map WHERE id = $1", map_id).empty()) {
          return NotFound("plant map " + map_id + " not found", "map_id");
        }
        std::vector<AreaRecord> out;
        for (const auto& row :
             tx.exec_params("SELECT " + kAreaColumns + " FROM risk.area WHERE map_id = $1 ORDER BY name", map_id)) {
          out.push_back(AreaFromRow(row));
        }
        return out;
      });
}

Result<RiskPointRecord> PgRiskStore::CreateRiskPoint(const Actor& actor, const std::string& area_id,
                                                     const std::string& name, const std::string& description) {
  auto r = db::InTenantTransaction<Result<RiskPointRecord>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<RiskPointRecord> {
        if (tx.exec_params("SELECT 1 FROM risk.area WHERE id = $1", area_id).empty()) {
          return UnknownParent("area", area_id, "area_id");
        }
        auto row = tx.exec_params1("INSERT INTO risk.risk_point (id, enterprise_id, area_id, name, description) "
                                   "VALUES ($1, $2, $3, $4, $5) RETURNING " + kPointColumns,
                                   NewUuidV7(clock_), actor.enterprise_id, area_id, name, description);
        return PointFromRow(row);
      });
  if (!r.ok()) return WithField(r.status(), "name");
  return r;
}

Result<RiskPointRecord> PgRiskStore::GetRiskPoint(const Actor& actor, const std::string& point_id) {
  return db::InTenantTransaction<Result<RiskPointRecord>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<RiskPointRecord> {
        auto rows = tx.exec_params("SELECT " + kPointColumns + " FROM risk.risk_point WHERE id = $1", point_id);
        if (rows.empty()) return NotFound("risk point " + point_id + " not found", "risk_point_id");
        std::vector<RiskPointRecord> points{PointFromRow(rows[0])};
        AttachLatest(tx, points);
        return points.front();
      });
}

Result<std::vector<RiskPointRecord>> PgRiskStore::ListRiskPoints(const Actor& actor, const std::string& area_id) {
  return db::InTenantTransaction<Result<std::vector<RiskPointRecord>>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::vector<RiskPointRecord>> {
        if (tx.exec_params("SELECT 1 FROM risk.area WHERE id = $1", area_id).empty()) {
          return NotFound("area " + area_id + " not found", "area_id");
        }
        std::vector<RiskPointRecord> out;
        for (const auto& row : tx.exec_params(
                 "SELECT " + kPointColumns + " FROM risk.risk_point WHERE area_id = $1 ORDER BY level = 0, level, name",
                 area_id)) {
          out.push_back(PointFromRow(row));
        }
        AttachLatest(tx, out);
        return out;
      });
}

Result<AssessmentRecord> PgRiskStore::AssessLec(const Actor& actor, const std::string& point_id, const LecInput& input,
                                                const std::string& note) {
  return db::InTenantTransaction<Result<AssessmentRecord>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<AssessmentRecord> {
        auto point = tx.exec_params(
            "SELECT p.assessment_count, p.level, p.area_id, a.map_id FROM risk.risk_point p "
            "JOIN risk.area a ON a.id = p.area_id WHERE p.id = $1 FOR UPDATE OF p",
            point_id);
        if (point.empty()) return UnknownParent("risk point", point_id, "risk_point_id");
        auto settings = tx.exec("SELECT lec_band_variant FROM risk.settings");
        auto variant = settings.empty() ? LecBandVariant::kV1 : static_cast<LecBandVariant>(settings[0][0].as<int>());
        auto score = ScoreLec(input, variant);
        if (!score.ok()) return score.status();

        AssessmentRecord a;
        a.id = NewUuidV7(clock_);
        a.risk_point_id = point_id;
        a.input = input;
        a.score = *score;
        a.variant = variant;
        a.assessed_by = actor.subject;
        a.note = note;
        a.assessed_at = clock_.Now();
        a.version = point[0][0].as<int>() + 1;
        auto previous = static_cast<RiskLevel>(point[0][1].as<int>());
        const std::string area_id = point[0][2].as<std::string>();
        const std::string map_id = point[0][3].as<std::string>();

        tx.exec_params("INSERT INTO risk.lec_assessment (id, enterprise_id, risk_point_id, version, l, e, c, d, level, "
                       "band_variant, assessed_by, note, assessed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::numeric / 100, "
                       "$9, $10, $11, $12, to_timestamp($13::float8 / 1000))",
                       a.id, actor.enterprise_id, point_id, a.version, input.l, input.e, input.c, a.score.d_hundredths,
                       static_cast<int>(a.score.level), static_cast<int>(variant), a.assessed_by, note,
                       UnixMillis(a.assessed_at));
        tx.exec_params("UPDATE risk.risk_point SET level = $2, assessment_count = $3 WHERE id = $1", point_id,
                       static_cast<int>(a.score.level), a.version);

        events::v1::RiskAssessmentRecorded payload;
        auto* pa = payload.mutable_assessment();
        pa->set_id(a.id);
        pa->set_risk_point_id(point_id);
        pa->set_l(input.l);
        pa->set_e(input.e);
        pa->set_c(input.c);
        pa->set_d(a.score.d);
        pa->set_level(ProtoLevel(a.score.level));
        pa->set_band_variant(static_cast<risk::v1::LecBandVariant>(variant));
        pa->set_assessed_by(a.assessed_by);
        pa->set_note(note);
        pa->mutable_assessed_at()->set_seconds(UnixMillis(a.assessed_at) / 1000);
        pa->mutable_assessed_at()->set_nanos(static_cast<int>(UnixMillis(a.assessed_at) % 1000) * 1'000'000);
        pa->set_version(a.version);
        payload.set_area_id(area_id);
        payload.set_map_id(map_id);
        payload.set_previous_level(ProtoLevel(previous));
        auto envelope = events::MakeEnvelope({kAssessmentTopic, actor.enterprise_id, actor.park_id, "risk_point", point_id,
                                              a.version, "risk", actor.request_id},
                                             payload, clock_);
        db::AppendToOutbox(tx, kSchema, envelope);
        return a;
      });
}

Result<std::vector<AssessmentRecord>> PgRiskStore::ListAssessments(const Actor& actor, const std::string& point_id) {
  return db::InTenantTransaction<Result<std::vector<AssessmentRecord>>>(
      pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<std::vector<AssessmentRecord>> {
        if (tx.exec_params("SELECT 1 FROM risk.risk_point WHERE id = $1", point_id).empty()) {
          return NotFound("risk point " + point_id + " not found", "risk_point_id");
        }
        std::vector<AssessmentRecord> out;
        for (const auto& row : tx.exec_params("SELECT " + kAssessmentColumns +
                                                  " FROM risk.lec_assessment WHERE risk_point_id = $1 ORDER BY version DESC",
                                              point_id)) {
          out.push_back(AssessmentFromRow(row));
        }
        return out;
      });
}

Result<LecBandVariant> PgRiskStore::GetBandVariant(const Actor& actor) {
  return db::InTenantTransaction<Result<LecBandVariant>>(pool_, actor.enterprise_id, [&](pqxx::work& tx) {
    auto rows = tx.exec("SELECT lec_band_variant FROM risk.settings");
    return Result<LecBandVariant>(rows.empty() ? LecBandVariant::kV1 : static_cast<LecBandVariant>(rows[0][0].as<int>()));
  });
}

Result<LecBandVariant> PgRiskStore::SetBandVariant(const Actor& actor, LecBandVariant variant) {
  return db::InTenantTransaction<Result<LecBandVariant>>(pool_, actor.enterprise_id, [&](pqxx::work& tx) {
    tx.exec_params("INSERT INTO risk.settings (enterprise_id, lec_band_variant) VALUES ($1, $2) "
                   "ON CONFLICT (enterprise_id) DO UPDATE SET lec_band_variant = EXCLUDED.lec_band_variant, updated_at = now()",
                   actor.enterprise_id, static_cast<int>(variant));
    return Result<LecBandVariant>(variant);
  });
}

Result<std::int64_t> PgRiskStore::MapVersion(const Actor& actor) {
  return db::InTenantTransaction<Result<std::int64_t>>(pool_, actor.enterprise_id, [&](pqxx::work& tx) {
    auto rows = tx.exec("SELECT version FROM risk.map_version");
    return Result<std::int64_t>(rows.empty() ? 0 : rows[0][0].as<std::int64_t>());
  });
}

Result<PgRiskStore::MapView> PgRiskStore::LoadMapView(const Actor& actor, const std::string& map_id) {
  return db::InTenantTransaction<Result<MapView>>(pool_, actor.enterprise_id, [&](pqxx::work& tx) -> Result<MapView> {
    MapView view;
    auto version = tx.exec("SELECT version FROM risk.map_version");
    view.version = version.empty() ? 0 : version[0][0].as<std::int64_t>();
    auto maps = map_id.empty()
                    ? tx.exec("SELECT " + kMapColumns + " FROM risk.plant_map ORDER BY created_at, id LIMIT 1")
                    : tx.exec_params("SELECT " + kMapColumns + " FROM risk.plant_map WHERE id = $1", map_id);
    if (maps.empty()) {
      return map_id.empty() ? NotFound("this enterprise has no plant map yet", "map_id")
                            : NotFound("plant map " + map_id + " not found", "map_id");
    }
    view.map = MapFromRow(maps[0]);
    for (const auto& row :
         tx.exec_params("SELECT " + kAreaColumns + " FROM risk.area WHERE map_id = $1 ORDER BY name", view.map.id)) {
      view.areas.push_back(AreaFromRow(row));
    }
    return view;
  });
}

std::optional<AreaLevelState> PgRiskStore::RecomputeArea(pqxx::work& tx, const std::string& enterprise_id,
                                                         const std::string& park_id, const std::string& area_id,
                                                         const std::string& request_id) {
  auto area = tx.exec_params(
      "SELECT a.map_id, a.inherent_level, a.dynamic_level, "
      "COALESCE((SELECT min(level) FROM risk.risk_point p WHERE p.area_id = a.id AND p.level > 0), 0) "
      "FROM risk.area a WHERE a.id = $1 FOR UPDATE",
      area_id);
  if (area.empty()) return std::nullopt;  // area of another tenant or gone: nothing to show
  auto old_inherent = static_cast<RiskLevel>(area[0][1].as<int>());
  auto previous = static_cast<RiskLevel>(area[0][2].as<int>());
  auto inherent = static_cast<RiskLevel>(area[0][3].as<int>());
  std::vector<AreaFactorKind> active;
  for (const auto& row : tx.exec_params("SELECT DISTINCT kind FROM risk.area_factor WHERE area_id = $1 AND active "
                                        "ORDER BY kind",
                                        area_id)) {
    active.push_back(static_cast<AreaFactorKind>(row[0].as<int>()));
  }
  RiskLevel shown = DynamicLevel(inherent, active, DefaultDynamicLevelRule());
  if (shown == previous) {
    // The map does not change (e.g. already raised to 重大); keep the inherent level current quietly.
    if (inherent != old_inherent) {
      tx.exec_params("UPDATE risk.area SET inherent_level = $2 WHERE id = $1", area_id, static_cast<int>(inherent));
    }
    return std::nullopt;
  }
  auto version = tx.exec_params1("INSERT INTO risk.map_version (enterprise_id, version) VALUES ($1, 1) "
                                 "ON CONFLICT (enterprise_id) DO UPDATE SET version = risk.map_version.version + 1 "
                                 "RETURNING version",
                                 enterprise_id)[0]
                     .as<std::int64_t>();
  tx.exec_params("UPDATE risk.area SET inherent_level = $2, dynamic_level = $3, level_version = $4 WHERE id = $1",
                 area_id, static_cast<int>(inherent), static_cast<int>(shown), version);
  AreaLevelState state{area_id, area[0][0].as<std::string>(), shown, version};

  events::v1::AreaLevelChanged payload;
  payload.set_area_id(area_id);
  payload.set_map_id(state.map_id);
  payload.set_inherent_level(ProtoLevel(inherent));
  payload.set_previous_level(ProtoLevel(previous));
  payload.set_map_version(version);
  payload.set_level(ProtoLevel(shown));
  for (auto kind : active) payload.add_active_factors(static_cast<events::v1::AreaFactorKind>(kind));
  db::AppendToOutbox(tx, kSchema,
                     events::MakeEnvelope({kAreaLevelTopic, enterprise_id, park_id, "area", area_id, version, "risk",
                                           request_id},
                                          payload, clock_));
  return state;
}

Result<PgRiskStore::ProjectionOutcome> PgRiskStore::ProjectAssessment(const std::string& consumer,
                                                                     const std::string& event_id,
                                                                     const std::string& enterprise_id,
                                                                     const std::string& park_id,
                                                                     const std::string& area_id,
                                                                     const std::string& request_id) {
  using Out = Result<ProjectionOutcome>;
  return db::InTenantTransaction<Out>(pool_, enterprise_id, [&](pqxx::work& tx) -> Out {
    if (!bus::MarkHandled(tx, kSchema, consumer, event_id)) return ProjectionOutcome{true, std::nullopt};  // redelivery
    return ProjectionOutcome{false, RecomputeArea(tx, enterprise_id, park_id, area_id, request_id)};
  });
}

Result<PgRiskStore::ProjectionOutcome> PgRiskStore::ProjectAreaFactor(const std::string& consumer,
                                                                     const std::string& event_id,
                                                                     const std::string& enterprise_id,
                                                                     const std::string& park_id,
                                                                     const AreaFactorReport& report,
                                                                     const std::string& request_id) {
  using Out = Result<ProjectionOutcome>;
  return db::InTenantTransaction<Out>(pool_, enterprise_id, [&](pqxx::work& tx) -> Out {
    if (!bus::MarkHandled(tx, kSchema, consumer, event_id)) return ProjectionOutcome{true, std::nullopt};
    if (tx.exec_params("SELECT 1 FROM risk.area WHERE id = $1", report.area_id).empty()) {
      return ProjectionOutcome{false, std::nullopt, true};  // not an area of this enterprise
    }
    // Keep the newest report of each source; an older one (redelivered, reordered) changes nothing.
    tx.exec_params(
        "INSERT INTO risk.area_factor (enterprise_id, area_id, kind, source_id, active, detail, source_version, "
        "producer, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT (area_id, kind, source_id) "
        "DO UPDATE SET active = EXCLUDED.active, detail = EXCLUDED.detail, source_version = EXCLUDED.source_version, "
        "producer = EXCLUDED.producer, changed_at = EXCLUDED.changed_at "
        "WHERE risk.area_factor.source_version < EXCLUDED.source_version",
        enterprise_id, report.area_id, static_cast<int>(report.kind), report.source_id, report.active, report.detail,
        report.source_version, report.producer);
    return ProjectionOutcome{false, RecomputeArea(tx, enterprise_id, park_id, report.area_id, request_id)};
  });
}

Result<std::vector<PgRiskStore::EnterpriseMap>> PgRiskStore::LoadAllMapStates() {
  using Out = Result<std::vector<EnterpriseMap>>;
  return db::InTransaction<Out>(pool_, [&](pqxx::work& tx) -> Out {
    std::vector<EnterpriseMap> out;
    auto rows = tx.exec(
        "SELECT a.enterprise_id, COALESCE(v.version, 0), a.id, a.map_id, a.dynamic_level, a.level_version "
        "FROM risk.area a LEFT JOIN risk.map_version v ON v.enterprise_id = a.enterprise_id "
        "ORDER BY a.enterprise_id");
    for (const auto& row : rows) {
      auto ent = row[0].as<std::string>();
      if (out.empty() || out.back().enterprise_id != ent) out.push_back({ent, row[1].as<std::int64_t>(), {}});
      out.back().areas.push_back({row[2].as<std::string>(), row[3].as<std::string>(),
                                  static_cast<RiskLevel>(row[4].as<int>()), row[5].as<std::int64_t>()});
    }
    return out;
  });
}

}  // namespace safeloop::risk
