#pragma once
/// @file management.hpp
/// The simple, pure facts of the major-hazard management rules (安监总局令 40 号, 2011, amended 2015, and
/// 应急厅〔2021〕12 号) listed in standards.md §3.6. Each constant carries the confidence tag of the notes:
/// [S2] confirmed by a secondary source, [M] unconfirmed — callers should let a tenant override [M] values.
/// Anything that needs dates, records or I/O lives in the services.

#include <string_view>

#include "safeloop/major_hazard/grading.hpp"

namespace safeloop::major_hazard {

/// Re-identify, re-assess and re-grade at the latest when the assessment is this old. [M] Art. 11
inline constexpr int kReassessmentIntervalYears = 3;
/// File (备案) the major hazard within this many days of finishing the assessment or evaluation report.
/// [S2] Art. 23
inline constexpr int kFilingDeadlineDays = 15;
/// Keep the electronic monitoring records (temperature, pressure, level, flow, composition, gas
/// detection) at least this long. [S2] Art. 13
inline constexpr int kMonitoringRecordRetentionDays = 30;
/// Drill the special emergency plan of the major hazard at least this often. [M]
inline constexpr int kSpecialPlanDrillIntervalMonths = 12;
/// Drill the on-site disposal plan at least this often. [M]
inline constexpr int kOnSiteDisposalPlanDrillIntervalMonths = 6;

/// The events besides age that force re-identification, re-assessment and re-grading. [M] Art. 11
enum class ReassessmentTrigger : int {
  kAssessmentAge = 1,           ///< the assessment is kReassessmentIntervalYears old
  kNewOrRebuilt = 2,            ///< the unit is newly built, rebuilt or extended
  kProcessOrMaterialChange = 3, ///< process, materials or quantities change
  kExternalEnvironment = 4,     ///< the external safety environment changes
  kAccident = 5,                ///< an accident caused deaths, or ≥ 10 injuries, or affected public safety
  kStandardChange = 6,          ///< the applicable standards change
};
/// A short Chinese label for a trigger ("" for an unknown value).
std::string_view ReassessmentTriggerNameZh(ReassessmentTrigger trigger);

/// 一级 and 二级 major hazards need an emergency shutdown function in their monitoring system. [S2] Art. 13
bool RequiresEmergencyShutdown(MajorHazardGrade grade);

/// A quantitative risk assessment (individual and societal risk) by a qualified body is required when the
/// major hazard is 一级 or 二级 and Σq/Q of its toxic gases ≥ 1, or it is 一级 and Σq/Q of its explosives
/// or liquefied flammable gases ≥ 1. The two sums are the caller's (which substances count as toxic
/// gases or liquefied flammable gases is a classification, not in the tables). [M] Art. 9
bool RequiresQuantitativeRiskAssessment(MajorHazardGrade grade, double toxic_gas_s,
                                        double explosive_or_liquefied_flammable_gas_s);

/// The three persons responsible under the 包保责任制 of each major hazard. [M]
enum class BaobaoRole : int {
  kPrincipal = 1,    ///< 主要负责人
  kTechnical = 2,    ///< 技术负责人
  kOperational = 3,  ///< 操作负责人
};
/// How often a role must at least organise a major-hazard risk and hazard check.
enum class CheckPeriod : int { kWeek = 1, kMonth = 2, kQuarter = 3 };
/// 主要负责人 / 技术负责人 / 操作负责人 ("" for an unknown value).
std::string_view BaobaoRoleNameZh(BaobaoRole role);
/// Principal: every quarter; technical: every month; operational: every week. [M]
CheckPeriod BaobaoCheckPeriod(BaobaoRole role);

}  // namespace safeloop::major_hazard
