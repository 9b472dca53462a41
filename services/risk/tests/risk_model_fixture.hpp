#pragma once
// What the risk module integration tests share: one authorised call returning the service's Status, and a
// fixture with a tenant, its directory (a department, a post, a person), an officer's token and builders for
// objects, units, points and measures.
#include "risk_harness.hpp"
#include "safeloop/risk/v1/risk_assessment.grpc.pb.h"
#include "safeloop/risk/v1/risk_model.grpc.pb.h"
#include "safeloop/rpc/status.hpp"

namespace safeloop::risk::testing {
namespace v1 = safeloop::risk::v1;
using Stub = v1::RiskModelService::Stub;


// One call; the answer as the service's Status (with the offending field from the trailers).
template <typename S, typename Req, typename Resp>
Status Call(S& stub, grpc::Status (S::*method)(grpc::ClientContext*, const Req&, Resp*),
            const std::string& token, const Req& req, Resp& resp) {
  grpc::ClientContext ctx;
  RiskHarness::Authorize(ctx, token);
  grpc::Status status = (stub.*method)(&ctx, req, &resp);
  return rpc::FromGrpcStatus(status, &ctx);
}

struct Fixture {
  RiskHarness h;
  TestTenant tenant = h.NewTenant();
  std::unique_ptr<Stub> stub = v1::RiskModelService::NewStub(h.channel());
  std::string officer = h.TokenFor(tenant, {"safety_officer"});
  std::string dept = h.AddUnit(tenant, "department", "生产部");
  std::string post = h.AddUnit(tenant, "post", "罐区操作工");
  std::string person = h.AddPerson(tenant, "张安全");

  v1::RiskObject Object(const std::string& name) {
    v1::CreateRiskObjectRequest req;
    req.set_name(name);
    req.set_hazard_code("130900001-01");
    req.set_department_id(dept);
    req.set_liable_person_id(person);
    v1::RiskObject out;
    auto s = Call(*stub, &Stub::CreateRiskObject, officer, req, out);
    INFO(s.message());
    REQUIRE(s.ok());
    return out;
  }
  v1::RiskUnit Unit(const std::string& object_id, const std::string& parent_id, const std::string& name) {
    v1::CreateRiskUnitRequest req;
    req.set_object_id(parent_id.empty() ? object_id : "");
    req.set_parent_id(parent_id);
    req.set_name(name);
    v1::RiskUnit out;
    auto s = Call(*stub, &Stub::CreateRiskUnit, officer, req, out);
    INFO(s.message());
    REQUIRE(s.ok());
    return out;
  }
  std::string Point() {
    auto actor = tenant.actor();
    auto map = h.store().CreateMap(actor, {"", "厂区平面图", "/images/p.png", 1000, 800, {}});
    REQUIRE(map.ok());
    auto area = h.store().CreateArea(actor, map->id, "罐区", {{10, 10}, {400, 10}, {400, 300}, {10, 300}});
    REQUIRE(area.ok());
    auto point = h.store().CreateRiskPoint(actor, area->id, "甲醇储罐", "");
    REQUIRE(point.ok());
    return point->id;
  }
};

inline v1::ControlMeasure Measure(v1::MeasureClass cls, int c1, const std::string& c2, v1::ControlMode mode,
                           const std::string& text, const std::string& check) {
  v1::ControlMeasure m;
  m.set_measure_class(cls);
  m.set_classify1(c1);
  m.set_classify2(c2);
  m.set_mode(mode);
  m.set_description(text);
  m.set_check_content(check);
  return m;
}


}  // namespace safeloop::risk::testing
