#include "safeloop/major_hazard/management.hpp"

namespace safeloop::major_hazard {

std::string_view ReassessmentTriggerNameZh(ReassessmentTrigger trigger) {
  switch (trigger) {
    case ReassessmentTrigger::kAssessmentAge:
      return "评估满三年";
    case ReassessmentTrigger::kNewOrRebuilt:
      return "新建、改建、扩建";
    case ReassessmentTrigger::kProcessOrMaterialChange:
      return "工艺、物料或数量变化";
    case ReassessmentTrigger::kExternalEnvironment:
      return "外界安全环境变化";
    case ReassessmentTrigger::kAccident:
      return "发生死亡、十人以上受伤或影响公共安全的事故";
    case ReassessmentTrigger::kStandardChange:
      return "有关标准变化";
  }
  return "";
}

bool RequiresEmergencyShutdown(MajorHazardGrade grade) {
  return grade == MajorHazardGrade::kGrade1 || grade == MajorHazardGrade::kGrade2;
}

bool RequiresQuantitativeRiskAssessment(MajorHazardGrade grade, double toxic_gas_s,
                                        double explosive_or_liquefied_flammable_gas_s) {
  const bool grade1 = grade == MajorHazardGrade::kGrade1;
  const bool grade1_or_2 = grade1 || grade == MajorHazardGrade::kGrade2;
  // NaN compares false, so a missing sum never triggers the rule on its own.
  return (grade1_or_2 && toxic_gas_s >= 1) || (grade1 && explosive_or_liquefied_flammable_gas_s >= 1);
}

std::string_view BaobaoRoleNameZh(BaobaoRole role) {
  switch (role) {
    case BaobaoRole::kPrincipal:
      return "主要负责人";
    case BaobaoRole::kTechnical:
      return "技术负责人";
    case BaobaoRole::kOperational:
      return "操作负责人";
  }
  return "";
}

CheckPeriod BaobaoCheckPeriod(BaobaoRole role) {
  switch (role) {
    case BaobaoRole::kPrincipal:
      return CheckPeriod::kQuarter;
    case BaobaoRole::kTechnical:
      return CheckPeriod::kMonth;
    case BaobaoRole::kOperational:
      break;
  }
  // The strictest period for the operator role and for any unknown value.
  return CheckPeriod::kWeek;
}

}  // namespace safeloop::major_hazard
