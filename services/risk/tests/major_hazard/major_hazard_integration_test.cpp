// Major hazard installations through the real gRPC service: GB 18218 identification and grading on save,
// versions, errors naming the substance, and a 二级 installation forcing its object's points to 重大.
#include <catch2/catch.hpp>

#include "../risk_model_fixture.hpp"
#include "safeloop/risk/v1/risk_major_hazard.grpc.pb.h"

using namespace safeloop;
using namespace safeloop::risk;
using namespace safeloop::risk::testing;
using MStub = v1::MajorHazardService::Stub;
using AStub = v1::RiskAssessmentService::Stub;

namespace {

v1::HazardSubstance Substance(const char* name, double tonnes, std::vector<std::string> classes = {}) {
  v1::HazardSubstance s;
  s.set_label(name);
  s.set_name(name);
  s.set_quantity_t(tonnes);
  for (auto& c : classes) s.add_hazard_classes(c);
  return s;
}

}  // namespace

TEST_CASE("installations are identified and graded on save; a 二级 one forces its object's points to 重大",
          "[risk][major_hazard][integration]") {
  Fixture f;
  auto mh = v1::MajorHazardService::NewStub(f.h.channel());
  auto assess = v1::RiskAssessmentService::NewStub(f.h.channel());
  auto object = f.Object("甲醇罐区");
  auto unit = f.Unit(object.id(), "", "储存单元");

  // 甲醇 2000 t (Q 500) + 氨 30 t (Q 10): S = 4 + 3 = 7; β 1 (W5.3) and 2 (Table 3); α 2.0 → R = 2 × 10 = 20 三级.
  v1::SaveMajorHazardInstallationRequest req;
  req.set_object_id(object.id());
  req.set_name("甲醇罐区储存单元");
  req.set_unit_kind("storage");
  req.set_exposed_population(150);
  *req.add_substances() = Substance("甲醇", 2000, {"W5.3"});
  *req.add_substances() = Substance("氨", 30);
  v1::MajorHazardInstallation saved;
  auto s = Call(*mh, &MStub::SaveMajorHazardInstallation, f.officer, req, saved);
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(saved.s() == Approx(7));
  CHECK(saved.identified());
  CHECK(saved.alpha() == Approx(2.0));
  CHECK(saved.r() == Approx(20));
  CHECK(saved.grade() == 3);
  CHECK(saved.grade_name() == "三级重大危险源");
  REQUIRE(saved.terms_size() == 2);
  CHECK(saved.terms(1).beta() == Approx(2));
  CHECK(saved.standard() == "GB 18218-2018");

  // A point of the object, assessed low: 三级 forces nothing.
  std::string point = f.Point();
  v1::UpdateRiskPointProfileRequest profile;
  profile.set_risk_point_id(point);
  profile.set_unit_id(unit.id());
  profile.set_kind("equipment");
  v1::RiskPointProfile p;
  REQUIRE(Call(*f.stub, &Stub::UpdateRiskPointProfile, f.officer, profile, p).ok());
  v1::CreateRiskEventRequest ev;
  ev.set_risk_point_id(point);
  ev.set_name("泄漏");
  ev.set_step("储罐");
  ev.set_standard("GB 50160");
  ev.set_hazard("法兰泄漏");
  ev.set_consequence("火灾");
  v1::RiskEvent event;
  REQUIRE(Call(*f.stub, &Stub::CreateRiskEvent, f.officer, ev, event).ok());
  auto assess_low = [&] {
    v1::AssessRiskPointRequest a;
    a.set_risk_point_id(point);
    a.set_method("LS");
    auto* row = a.add_rows();
    row->set_event_id(event.id());
    row->mutable_residual()->set_l(1);
    row->mutable_residual()->set_c_or_s(2);
    v1::PointAssessment out;
    auto status = Call(*assess, &AStub::AssessRiskPoint, f.officer, a, out);
    INFO(status.message());
    REQUIRE(status.ok());
    return out;
  };
  CHECK(assess_low().level() == v1::RISK_LEVEL_LOW);

  // More 甲醇 and 氨: Σβq/Q = 20 + 20 = 40, R = 80 → 二级; the next assessment is 重大 by rule.
  req.set_installation_id(saved.id());
  req.set_version(saved.version());
  req.mutable_substances(0)->set_quantity_t(10000);
  req.mutable_substances(1)->set_quantity_t(100);
  v1::MajorHazardInstallation updated;
  REQUIRE(Call(*mh, &MStub::SaveMajorHazardInstallation, f.officer, req, updated).ok());
  CHECK(updated.grade() == 2);
  CHECK(updated.version() == 2);
  auto forced = assess_low();
  CHECK(forced.level() == v1::RISK_LEVEL_MAJOR);
  CHECK(forced.scored_level() == v1::RISK_LEVEL_LOW);
  CHECK(forced.facts().major_hazard_installation_grade() == 2);
  CHECK(forced.judgement_size() == 1);

  // Stale version; a substance neither in Table 1 nor classed; listing; another tenant sees nothing.
  CHECK(Call(*mh, &MStub::SaveMajorHazardInstallation, f.officer, req, updated).code() == StatusCode::kAborted);
  req.set_version(2);
  *req.add_substances() = Substance("某未知物", 5);
  auto unknown = Call(*mh, &MStub::SaveMajorHazardInstallation, f.officer, req, updated);
  CHECK(unknown.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(unknown.field(), Catch::StartsWith("substances[2]"));
  v1::ListMajorHazardInstallationsResponse listed;
  REQUIRE(Call(*mh, &MStub::ListMajorHazardInstallations, f.officer, v1::ListMajorHazardInstallationsRequest{}, listed)
              .ok());
  CHECK(listed.items_size() == 1);
  auto intruder = f.h.TokenFor(f.h.NewTenant(), {"admin"});
  REQUIRE(Call(*mh, &MStub::ListMajorHazardInstallations, intruder, v1::ListMajorHazardInstallationsRequest{}, listed)
              .ok());
  CHECK(listed.items_size() == 0);
  auto worker = f.h.TokenFor(f.tenant, {"worker"});
  CHECK(Call(*mh, &MStub::SaveMajorHazardInstallation, worker, req, updated).code() == StatusCode::kPermissionDenied);
}
