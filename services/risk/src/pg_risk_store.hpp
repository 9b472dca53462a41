#pragma once
// All SQL of the risk service. Requests run in tenant transactions (row-level security on); the map
// projection's system queries run as the schema owner. Every state change that others must learn about
// writes its event to the outbox in the same transaction.

#include <optional>
#include <string>
#include <vector>

#include "risk_model.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"

namespace safeloop::risk {

inline constexpr const char* kSchema = "risk";
inline constexpr const char* kAssessmentTopic = "safeloop.risk.assessment.v1";
inline constexpr const char* kAreaLevelTopic = "safeloop.risk.area-level.v1";

/// Who is acting, from the verified token.
struct Actor {
  std::string enterprise_id;
  std::string park_id;
  std::string subject;
  std::string request_id;
};

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
    std::optional<AreaLevelState> change;  // set when the area's level changed
  };
  Result<ProjectionOutcome> ProjectAssessment(const std::string& consumer, const std::string& event_id,
                                                          const std::string& enterprise_id, const std::string& park_id,
                                                          const std::string& area_id, const std::string& request_id);

  /// Every area state of every enterprise with its map version (rebuilding Redis after a restart).
  struct EnterpriseMap {
    std::string enterprise_id;
    std::int64_t version = 0;
    std::vector<AreaLevelState> areas;
  };
  Result<std::vector<EnterpriseMap>> LoadAllMapStates();

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace safeloop::risk
