#include <catch2/catch.hpp>

#include <limits>

#include "safeloop/major_hazard/management.hpp"

using namespace safeloop::major_hazard;

TEST_CASE("management: the constants of standards.md §3.6") {
  CHECK(kReassessmentIntervalYears == 3);
  CHECK(kFilingDeadlineDays == 15);
  CHECK(kMonitoringRecordRetentionDays == 30);
  CHECK(kSpecialPlanDrillIntervalMonths == 12);
  CHECK(kOnSiteDisposalPlanDrillIntervalMonths == 6);
}

TEST_CASE("management: emergency shutdown for 一级 and 二级") {
  CHECK(RequiresEmergencyShutdown(MajorHazardGrade::kGrade1));
  CHECK(RequiresEmergencyShutdown(MajorHazardGrade::kGrade2));
  CHECK_FALSE(RequiresEmergencyShutdown(MajorHazardGrade::kGrade3));
  CHECK_FALSE(RequiresEmergencyShutdown(MajorHazardGrade::kGrade4));
  CHECK_FALSE(RequiresEmergencyShutdown(MajorHazardGrade::kNone));
}

TEST_CASE("management: when a quantitative risk assessment is required") {
  struct Case {
    MajorHazardGrade grade;
    double toxic;
    double explosive;
    bool required;
  };
  const Case cases[] = {
      // 一级 or 二级 with toxic gases Σq/Q ≥ 1.
      {MajorHazardGrade::kGrade1, 1, 0, true},
      {MajorHazardGrade::kGrade2, 1, 0, true},
      {MajorHazardGrade::kGrade2, 0.999, 0, false},
      {MajorHazardGrade::kGrade3, 5, 0, false},
      {MajorHazardGrade::kGrade4, 5, 5, false},
      // 一级 only with explosives / liquefied flammable gases Σq/Q ≥ 1.
      {MajorHazardGrade::kGrade1, 0, 1, true},
      {MajorHazardGrade::kGrade1, 0, 0.999, false},
      {MajorHazardGrade::kGrade2, 0, 3, false},
      {MajorHazardGrade::kNone, 9, 9, false},
      {MajorHazardGrade::kGrade1, std::numeric_limits<double>::quiet_NaN(), 0, false},
  };
  for (const Case& c : cases) {
    INFO(static_cast<int>(c.grade) << " toxic=" << c.toxic << " explosive=" << c.explosive);
    CHECK(RequiresQuantitativeRiskAssessment(c.grade, c.toxic, c.explosive) == c.required);
  }
}

TEST_CASE("management: 包保 roles and their check periods") {
  CHECK(BaobaoCheckPeriod(BaobaoRole::kPrincipal) == CheckPeriod::kQuarter);
  CHECK(BaobaoCheckPeriod(BaobaoRole::kTechnical) == CheckPeriod::kMonth);
  CHECK(BaobaoCheckPeriod(BaobaoRole::kOperational) == CheckPeriod::kWeek);
  CHECK(BaobaoRoleNameZh(BaobaoRole::kPrincipal) == "主要负责人");
  CHECK(BaobaoRoleNameZh(BaobaoRole::kTechnical) == "技术负责人");
  CHECK(BaobaoRoleNameZh(BaobaoRole::kOperational) == "操作负责人");
  CHECK(BaobaoRoleNameZh(static_cast<BaobaoRole>(0)).empty());
}

TEST_CASE("management: re-assessment triggers have labels") {
  for (int t = 1; t <= 6; ++t) CHECK_FALSE(ReassessmentTriggerNameZh(static_cast<ReassessmentTrigger>(t)).empty());
  CHECK(ReassessmentTriggerNameZh(static_cast<ReassessmentTrigger>(0)).empty());
}
