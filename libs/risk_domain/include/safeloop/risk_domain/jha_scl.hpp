#pragma once
/// @file jha_scl.hpp
/// JHA (工作危害分析, standards.md §1.5) and SCL (安全检查表分析, §1.6) records as plain structs that mirror
/// the columns of the A.1 / A.2 evaluation records, their validation, and their evaluation: each row is
/// scored under the enterprise's scoring standard (LEC or LS), gets a level and a control tier, and the
/// point's level is the highest level of its rows (从严从高). Direct-to-重大 judgement rules override the
/// roll-up. Pure, no I/O.
///
/// Each row may carry an inherent score (固有风险, without controls) besides the residual score (现状/剩余
/// 风险, with the current controls) that fills the L/E/C/D or L/S/R columns; the residual may never be
/// higher than the inherent.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/risk_domain/control_measures.hpp"
#include "safeloop/risk_domain/graded_control.hpp"
#include "safeloop/risk_domain/judgement_rules.hpp"
#include "safeloop/risk_domain/risk_level.hpp"
#include "safeloop/risk_domain/scoring_standard.hpp"

namespace safeloop::risk {

/// §1.5 advises about 10 steps or fewer; more only yields advice, up to a hard limit past which the job
/// must be split.
inline constexpr std::size_t kJhaAdvisedMaxSteps = 10;
inline constexpr std::size_t kJhaMaxSteps = 30;
inline constexpr std::size_t kJhaMaxHazardsPerStep = 20;
inline constexpr std::size_t kSclMaxItems = 200;
inline constexpr std::size_t kMaxAccidentTypesPerRow = 10;

/// The factor columns of one evaluation of a row.
struct RowFactors {
  double l = 0;             ///< L
  std::optional<double> e;  ///< E: required under LEC, left out under LS
  double c_or_s = 0;        ///< C under LEC, S under LS
};

/// One signature of a record; each carries a date.
struct Signature {
  std::string name;
  std::optional<std::chrono::year_month_day> date;
};

/// 分析人 (the post's own staff), 审核人 (head of the post or process), 审定人 (the next level up). Empty
/// until signed; signed in this order.
struct RecordSignatures {
  Signature analyst;
  Signature reviewer;
  Signature approver;
};

/// The assessment columns shared by a JHA row and an SCL row.
struct RowAssessment {
  ControlMeasureSet existing_controls;  ///< 现有控制措施: at least one class listed, or none = true
  std::optional<RowFactors> inherent;   ///< 固有风险 without controls (optional)
  RowFactors residual;                  ///< 现状风险 with the existing controls: the L, E, C/S columns
  /// 管控层级 when the assessor sets it (e.g. 公司级 for a 较大 risk, §1.8); it may raise the rule's tier,
  /// never lower it. nullopt: the rule's tier.
  std::optional<ControlTier> assigned_tier;
  ControlMeasureSet proposed_measures;  ///< 建议新增(改进)措施 (may be empty)
};

/// One row of a JHA record: a hazard or potential event of a step.
struct JhaHazard {
  std::string hazard;                       ///< 危害或潜在事件
  std::string consequence;                  ///< 主要后果
  std::vector<std::string> accident_types;  ///< 可能发生的事故类型, names of the record's list version
  RowAssessment assessment;
};

/// One job step, in its real order.
struct JhaStep {
  int seq = 0;       ///< 序号: 1, 2, 3 … in order
  std::string step;  ///< 作业步骤: what is done, not how
  std::vector<JhaHazard> hazards;
};

/// 工作危害分析(JHA)评价记录.
struct JhaRecord {
  std::string risk_point;  ///< 风险点, required
  std::string post;        ///< 岗位
  std::string activity;    ///< 作业活动, required
  std::string record_no;   ///< 记录编号
  ScoringMethod method = ScoringMethod::kLec;  ///< LEC or LS
  std::string accident_type_version;  ///< accident_types.hpp version; required when a row lists types
  std::vector<JhaStep> steps;
  RecordSignatures signatures;
};

/// One row of an SCL record.
struct SclItem {
  int seq = 0;                              ///< 序号: 1, 2, 3 … in order
  std::string check_item;                   ///< 检查项目
  std::string standard;                     ///< 标准 (a law, a standard clause or an internal rule)
  std::string deviation;                    ///< 不符合标准情况
  std::string consequence;                  ///< … 及后果
  std::vector<std::string> accident_types;  ///< optional, names of the record's list version
  RowAssessment assessment;                 ///< proposed_measures = 建议改进(新增)措施
};

/// 安全检查表分析(SCL)评价记录.
struct SclRecord {
  std::string risk_point;  ///< 风险点, required
  std::string equipment;   ///< 设备设施名称, required
  std::string record_no;   ///< 记录编号
  ScoringMethod method = ScoringMethod::kLs;  ///< LS or LEC
  std::string accident_type_version;
  std::vector<SclItem> items;
  RecordSignatures signatures;
};

/// The computed columns of one row.
struct RowEvaluation {
  std::optional<MethodScore> inherent;
  MethodScore residual;  ///< D or R, 评价级别 (grade) and 风险分级 (level)
  ControlTier tier = ControlTier::kCompany;  ///< 管控层级: the assigned tier, else the rule's
  std::vector<ControlTier> controlling_tiers;  ///< the tier and every tier below it
};

/// The roll-up of a point.
struct PointEvaluation {
  RiskLevel scored_level = RiskLevel::kUnassessed;    ///< highest residual level of the rows
  RiskLevel inherent_level = RiskLevel::kUnassessed;  ///< highest inherent level of the rows that have one
  Judgement judgement;                                ///< the rules that fired, if any
  RiskLevel level = RiskLevel::kUnassessed;           ///< 重大 when a rule fired, else scored_level
  ControlTier tier = ControlTier::kCompany;           ///< highest row tier (and 重大's tier when forced)
  std::vector<ControlTier> controlling_tiers;
  std::vector<std::string> advice;                    ///< non-blocking remarks (too many steps, …)
};

struct JhaStepEvaluation {
  RiskLevel level = RiskLevel::kUnassessed;  ///< highest level of the step's hazards
  std::vector<RowEvaluation> hazards;
};

struct JhaEvaluation {
  std::vector<JhaStepEvaluation> steps;
  PointEvaluation point;
};

struct SclEvaluation {
  std::vector<RowEvaluation> items;
  PointEvaluation point;
};

/// INVALID_ARGUMENT with a field path (e.g. steps[2].hazards[0].hazard) unless: the method is LEC or LS;
/// the header texts are present; 1..kJhaMaxSteps steps numbered 1, 2, 3 … in order, each with a step text
/// and 1..kJhaMaxHazardsPerStep hazards; each hazard has its texts, known accident types of the record's
/// version, existing controls (or none = true), E given exactly under LEC; and the signatures carry dates
/// in signing order. Scores are checked by EvaluateJha.
Status ValidateJhaRecord(const JhaRecord& record);
/// The same rules for SCL: 1..kSclMaxItems items with 检查项目, 标准, deviation and consequence.
Status ValidateSclRecord(const SclRecord& record);

/// Validates, scores every row under `standard` and `rule`, and rolls the point up. INVALID_ARGUMENT when
/// a factor is not in the standard's table, when a residual score is higher than the row's inherent one,
/// or when an assigned tier is lower than the rule's. `judgement` comes from Judge(); a fired rule makes
/// the point 重大 whatever the rows say.
Result<JhaEvaluation> EvaluateJha(const JhaRecord& record, const ScoringStandard& standard,
                                  const GradedControlRule& rule, const Judgement& judgement);
/// The same for an SCL record.
Result<SclEvaluation> EvaluateScl(const SclRecord& record, const ScoringStandard& standard,
                                  const GradedControlRule& rule, const Judgement& judgement);

}  // namespace safeloop::risk
