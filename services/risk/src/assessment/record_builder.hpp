#pragma once
// Turns a risk point's events and the assessor's inputs into the JHA or SCL record of libs/risk_domain, and
// the evaluation back into the PointAssessment the API answers. Pure (no I/O): the store loads, this maps.
//
// An operation point is assessed with JHA: consecutive events with the same 作业步骤 form one step, each
// event one hazard row. An equipment point is assessed with SCL: each event is one check item. Existing
// measures (not `proposed`) fill the five control classes; proposed ones the 建议新增 column.

#include <string>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/risk/v1/risk_assessment.pb.h"
#include "safeloop/risk_domain/graded_control.hpp"
#include "safeloop/risk_domain/judgement_rules.hpp"
#include "safeloop/risk_domain/scoring_standard.hpp"

namespace safeloop::risk::assessment {

/// What the store knows about the point when it assesses it.
struct PointContext {
  std::string point_id, point_name;
  std::string kind;                   ///< "equipment" (SCL) | "operation" (JHA)
  std::string post_name;              ///< from the directory; "" when none
  std::string accident_type_version;  ///< resolved (the point's, or the one in force)
  std::vector<v1::RiskEvent> events;  ///< live, by seq
};

/// The enterprise configuration an assessment runs under.
struct AssessmentRules {
  ScoringStandard standard = DefaultScoringStandard();
  GradedControlRule control = DefaultGradedControlRule();
  JudgementRuleSet judgement = DefaultJudgementRules();
};

/// Validates the request against the point (method, one row per live event, texts the record needs,
/// signature dates), evaluates it and returns the assessment without id, version, actor or time.
/// INVALID_ARGUMENT naming the field (rows[i].…, events, method, analyst.date …).
Result<v1::PointAssessment> Evaluate(const PointContext& point, const v1::AssessRiskPointRequest& req,
                                     const AssessmentRules& rules);

}  // namespace safeloop::risk::assessment
