#pragma once
// Full assessments of risk points: load the point and its events, evaluate (record_builder), store the next
// version, set the point's level and control tier, and append RiskAssessmentRecorded (the map projector
// recomputes the area) — one transaction.

#include <string>
#include <vector>

#include "assessment/record_builder.hpp"
#include "risk_actor.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"

namespace safeloop::risk::assessment {

class AssessmentStore {
 public:
  AssessmentStore(db::ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  /// `current_accident_types` is the list version in force (for a point whose profile names none).
  Result<v1::PointAssessment> Assess(const Actor& actor, const v1::AssessRiskPointRequest& req,
                                     const std::string& current_accident_types);
  /// Newest first.
  Result<std::vector<v1::PointAssessment>> List(const Actor& actor, const std::string& point_id);

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace safeloop::risk::assessment
