// Full JHA/SCL assessments through the real gRPC service on the test-profile PostgreSQL: versions, the point's
// level and tier, the event for the map projector, history that survives edits of the events, tenancy and
// permissions.
#include <catch2/catch.hpp>

#include "../risk_model_fixture.hpp"
#include "safeloop/events/envelope.hpp"
#include "safeloop/events/v1/risk_events.pb.h"

using namespace safeloop;
using namespace safeloop::risk;
using namespace safeloop::risk::testing;
using AStub = v1::RiskAssessmentService::Stub;

namespace {

struct AssessFixture : Fixture {
  std::unique_ptr<AStub> assess = v1::RiskAssessmentService::NewStub(h.channel());
  std::string point = Point();
  std::vector<v1::RiskEvent> events;

  AssessFixture() {
    for (int i = 1; i <= 2; ++i) {
      v1::CreateRiskEventRequest req;
      req.set_risk_point_id(point);
      req.set_name(i == 1 ? "储罐超压" : "呼吸阀堵塞");
      req.set_step(i == 1 ? "压力检查" : "呼吸阀检查");
      req.set_standard("GB 50160-2008");
      req.set_hazard(i == 1 ? "压力表失灵" : "呼吸阀冻堵");
      req.set_consequence("容器爆炸");
      *req.add_measures() = Measure(v1::MEASURE_CLASS_ENGINEERING, 1, "1-3", v1::CONTROL_MODE_INSPECTION, "安全阀",
                                    "安全阀是否在校验期内");
      v1::RiskEvent e;
      auto s = Call(*stub, &Stub::CreateRiskEvent, officer, req, e);
      INFO(s.message());
      REQUIRE(s.ok());
      events.push_back(e);
    }
  }

  v1::AssessRiskPointRequest Request(double l1, double s1) const {
    v1::AssessRiskPointRequest req;
    req.set_risk_point_id(point);
    req.set_method("LS");
    req.mutable_analyst()->set_name("王分析");
    req.mutable_analyst()->set_date("2026-11-20");
    for (std::size_t i = 0; i < events.size(); ++i) {
      auto* row = req.add_rows();
      row->set_event_id(events[i].id());
      row->mutable_residual()->set_l(i == 0 ? l1 : 1);
      row->mutable_residual()->set_c_or_s(i == 0 ? s1 : 2);
    }
    return req;
  }
};

}  // namespace

TEST_CASE("a point's SCL assessment is versioned, sets the point's level and tier and feeds the map",
          "[risk][assessment][integration]") {
  AssessFixture f;
  v1::PointAssessment first;
  auto s = Call(*f.assess, &AStub::AssessRiskPoint, f.officer, f.Request(4, 4), first);  // R = 16 较大
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(first.version() == 1);
  CHECK(first.record_kind() == "SCL");
  CHECK(first.level() == v1::RISK_LEVEL_HIGH);
  CHECK(first.tier() == "department");
  CHECK_FALSE(first.assessed_at().empty());

  auto point = f.h.store().GetRiskPoint(f.tenant.actor(), f.point);
  REQUIRE(point.ok());
  CHECK(point->level == RiskLevel::kHigh);

  // The event the map projector consumes, in the same transaction.
  {
    pqxx::connection conn(RequireEnv("SAFELOOP_PG_URL"));
    pqxx::work tx(conn);
    auto rows = tx.exec_params("SELECT payload FROM risk.outbox WHERE topic = 'safeloop.risk.assessment.v1' AND "
                               "record_key = $1",
                               f.point);
    REQUIRE(rows.size() == 1);
    pqxx::binarystring bytes(rows[0][0]);
    auto env = events::ParseEnvelope(bytes.str());
    REQUIRE(env.ok());
    events::v1::RiskAssessmentRecorded payload;
    REQUIRE(events::UnpackPayload(*env, payload).ok());
    CHECK(payload.point_assessment().id() == first.id());
    CHECK_FALSE(payload.area_id().empty());
  }

  // Edit an event, re-assess: version 2; version 1 still shows the event as it was.
  v1::UpdateRiskEventRequest up;
  up.set_event_id(f.events[0].id());
  up.set_name("储罐超压（修订）");
  up.set_step(f.events[0].step());
  up.set_standard(f.events[0].standard());
  up.set_hazard(f.events[0].hazard());
  up.set_consequence(f.events[0].consequence());
  *up.mutable_measures() = f.events[0].measures();
  up.set_version(f.events[0].version());
  v1::RiskEvent edited;
  REQUIRE(Call(*f.stub, &Stub::UpdateRiskEvent, f.officer, up, edited).ok());
  v1::PointAssessment second;
  REQUIRE(Call(*f.assess, &AStub::AssessRiskPoint, f.officer, f.Request(2, 2), second).ok());  // R = 4 低
  CHECK(second.version() == 2);
  CHECK(second.level() == v1::RISK_LEVEL_LOW);

  v1::ListPointAssessmentsRequest list;
  list.set_risk_point_id(f.point);
  v1::ListPointAssessmentsResponse history;
  REQUIRE(Call(*f.assess, &AStub::ListPointAssessments, f.officer, list, history).ok());
  REQUIRE(history.items_size() == 2);
  CHECK(history.items(0).version() == 2);
  CHECK(history.items(1).events(0).name() == "储罐超压");
  CHECK(history.items(0).events(0).name() == "储罐超压（修订）");
  CHECK(history.items(1).analyst().name() == "王分析");
}

TEST_CASE("assessments refuse bad input, other tenants and roles without the permission",
          "[risk][assessment][integration]") {
  AssessFixture f;
  v1::PointAssessment out;
  auto bad = f.Request(7, 4);  // L = 7 is not in the LS table
  auto refused = Call(*f.assess, &AStub::AssessRiskPoint, f.officer, bad, out);
  CHECK(refused.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(refused.message(), Catch::Contains("7"));

  auto worker = f.h.TokenFor(f.tenant, {"worker"});
  CHECK(Call(*f.assess, &AStub::AssessRiskPoint, worker, f.Request(2, 2), out).code() ==
        StatusCode::kPermissionDenied);
  auto inspector = f.h.TokenFor(f.tenant, {"inspector"});  // 安全员 may assess
  CHECK(Call(*f.assess, &AStub::AssessRiskPoint, inspector, f.Request(2, 2), out).ok());

  auto other = f.h.NewTenant();
  auto intruder = f.h.TokenFor(other, {"admin"});
  CHECK(Call(*f.assess, &AStub::AssessRiskPoint, intruder, f.Request(2, 2), out).code() == StatusCode::kNotFound);
  v1::ListPointAssessmentsRequest list;
  list.set_risk_point_id(f.point);
  v1::ListPointAssessmentsResponse history;
  CHECK(Call(*f.assess, &AStub::ListPointAssessments, intruder, list, history).code() == StatusCode::kNotFound);
}
