#pragma once
// All SQL of the risk service. Requests run in tenant transactions (row-level security on); the map
// projection's system queries run as the schema owner. Every state change that others must learn about
// writes its event to the outbox in the same transaction.

#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "risk_actor.hpp"
#include "risk_model.hpp"
#include "safeloop/risk_domain/dynamic_level.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"

namespace safeloop::risk {

inline constexpr const char* kSchema = "risk";
inline constexpr const char* kAssessmentTopic = "safeloop.risk.assessment.v1";
inline constexpr const char* kAreaLevelTopic = "safeloop.risk.area-level.v1";
inline constexpr const char* kAreaFactorTopic = "safeloop.risk.area-factor.v1";


class PgRiskStore {
 public:
  PgRiskStore(db::ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  Result<PlantMapRecord> CreateMap(const Actor& actor, const PlantMapRecord& input);
  Result<std::vector<PlantMapRecord>> ListMaps(const Actor& actor);

  /// Checks the polygon against the map's size in the same transaction that inserts it.
  Result<AreaRecord> CreateArea(const Actor& actor, const std::string& map_id, const std::string& name,
                                const std::vector<Vertex>& polygon);
  Result<std::vector<AreaRecord>> ListAreas(const Actor& actor, const std::string& map_id);

  Result<RiskPointRecord> CreateRiskPoint(const Actor& actor, const std::string& area_id, const std::string& name,
                                          const std::string& description);
  Result<RiskPointRecord> GetRiskPoint(const Actor& actor, const std::string& point_id);
  Result<std::vector<RiskPointRecord>> ListRiskPoints(const Actor& actor, const std::string& area_id);

  /// Scores with the enterprise's band variant, stores the next version, updates the point's level and
  /// appends RiskAssessmentRecorded to the outbox — one transaction.
  Result<AssessmentRecord> AssessLec(const Actor& actor, const std::string& point_id, const LecInput& input,
                                     const std::string& note);
  Result<std::vector<AssessmentRecord>> ListAssessments(const Actor& actor, const std::string& point_id);

  Result<LecBandVariant> GetBandVariant(const Actor& actor);
  Result<LecBandVariant> SetBandVariant(const Actor& actor, LecBandVariant variant);

  /// Map version of the enterprise (0 before any change).
  Result<std::int64_t> MapVersion(const Actor& actor);

  /// What the live map page needs, in one transaction: the map (or the first one), the enterprise's map
  /// version and every area with its level. The version is read first, so a change racing with this read
  /// makes the view look older, never newer: the browser then applies that change from the stream.
  struct MapView {
    PlantMapRecord map;
    std::int64_t version = 0;
    std::vector<AreaRecord> areas;
  };
  Result<MapView> LoadMapView(const Actor& actor, const std::string& map_id);

  /// Projection step for one assessment event, idempotent through the inbox: recomputes the area's
  /// inherent level (highest of its points); when it changed, bumps the map version, stores it and appends
  /// AreaLevelChanged to the outbox.
  struct ProjectionOutcome {
    bool duplicate = false;                // the inbox had the event already
    std::optional<AreaLevelState> change;  // set when the area's shown level changed
    bool unknown_area = false;             // a factor for an area the enterprise does not have
  };
  Result<ProjectionOutcome> ProjectAssessment(const std::string& consumer, const std::string& event_id,
                                                          const std::string& enterprise_id, const std::string& park_id,
                                                          const std::string& area_id, const std::string& request_id);

  /// One report of the area-factor contract (docs/EVENTS.md).
  struct AreaFactorReport {
    std::string area_id;
    AreaFactorKind kind = AreaFactorKind::kFrequentAlarms;
    std::string source_id, detail, producer;
    bool active = false;
    std::int64_t source_version = 0;
  };
  /// Applies a factor report once (inbox), keeping the newest report per source, then recomputes the area.
  Result<ProjectionOutcome> ProjectAreaFactor(const std::string& consumer, const std::string& event_id,
                                              const std::string& enterprise_id, const std::string& park_id,
                                              const AreaFactorReport& report, const std::string& request_id);

  /// Every area state of every enterprise with its map version (rebuilding Redis after a restart).
  struct EnterpriseMap {
    std::string enterprise_id;
    std::int64_t version = 0;
    std::vector<AreaLevelState> areas;
  };
  Result<std::vector<EnterpriseMap>> LoadAllMapStates();

 private:
  /// Inherent level from the points, shown level from the active factors; a change of the shown level bumps
  /// the map version and appends AreaLevelChanged. nullopt when the map does not change.
  std::optional<AreaLevelState> RecomputeArea(pqxx::work& tx, const std::string& enterprise_id,
                                              const std::string& park_id, const std::string& area_id,
                                              const std::string& request_id);

  db::ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace safeloop::risk
