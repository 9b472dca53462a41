// The risk model chain through the real gRPC service on the test-profile PostgreSQL: objects → units (three
// levels) → point profiles → risk events with control measures; the personnel directory projection; the
// outbox events; tenant isolation and permissions.
#include <catch2/catch.hpp>

#include "../risk_model_fixture.hpp"
#include "safeloop/events/v1/risk_events.pb.h"

using namespace safeloop;
using namespace safeloop::risk;
using namespace safeloop::risk::testing;


TEST_CASE("objects and a three-level unit partition in B.1 order", "[risk][model][integration]") {
  Fixture f;
  auto object = f.Object("甲醇罐区");
  CHECK(object.version() == 1);
  CHECK(object.department_id() == f.dept);
  CHECK(object.created_by() == "it-" + f.tenant.enterprise_id.substr(24));

  auto l1 = f.Unit(object.id(), "", "储存单元");
  auto l2b = f.Unit(object.id(), l1.id(), "2号罐组");
  auto l2a = f.Unit(object.id(), l1.id(), "1号罐组");
  auto l3 = f.Unit(object.id(), l2a.id(), "1号罐");
  CHECK(l1.depth() == 1);
  CHECK(l2a.depth() == 2);
  CHECK(l3.depth() == 3);
  CHECK(l2b.seq() == 1);
  CHECK(l2a.seq() == 2);  // after the last sibling
  // A fourth level is refused.
  v1::CreateRiskUnitRequest deep;
  deep.set_parent_id(l3.id());
  deep.set_name("四级");
  v1::RiskUnit ignored;
  auto refused = Call(*f.stub, &Stub::CreateRiskUnit, f.officer, deep, ignored);
  CHECK(refused.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(refused.message(), Catch::Contains("最多三级"));

  v1::ListRiskUnitsRequest list;
  list.set_object_id(object.id());
  v1::ListRiskUnitsResponse units;
  REQUIRE(Call(*f.stub, &Stub::ListRiskUnits, f.officer, list, units).ok());
  std::vector<std::string> order;
  for (const auto& u : units.items()) order.push_back(u.name());
  CHECK(order == std::vector<std::string>{"储存单元", "2号罐组", "1号罐组", "1号罐"});

  // Sibling names are unique; the same name under another parent is fine.
  v1::CreateRiskUnitRequest dup;
  dup.set_parent_id(l1.id());
  dup.set_name("1号罐组");
  auto taken = Call(*f.stub, &Stub::CreateRiskUnit, f.officer, dup, ignored);
  CHECK(taken.code() == StatusCode::kAlreadyExists);
  dup.set_parent_id(l2b.id());
  CHECK(Call(*f.stub, &Stub::CreateRiskUnit, f.officer, dup, ignored).ok());

  // Deleting needs the current version and no children.
  v1::DeleteRiskUnitRequest del;
  del.set_unit_id(l1.id());
  del.set_version(l1.version());
  CHECK(Call(*f.stub, &Stub::DeleteRiskUnit, f.officer, del, ignored).code() ==
        StatusCode::kFailedPrecondition);
  del.set_unit_id(l3.id());
  del.set_version(l3.version() + 5);
  CHECK(Call(*f.stub, &Stub::DeleteRiskUnit, f.officer, del, ignored).code() == StatusCode::kAborted);
  del.set_version(l3.version());
  v1::RiskUnit deleted;
  REQUIRE(Call(*f.stub, &Stub::DeleteRiskUnit, f.officer, del, deleted).ok());
  CHECK(deleted.deleted());
  CHECK(deleted.version() == l3.version() + 1);
  list.set_include_deleted(true);
  units.Clear();
  REQUIRE(Call(*f.stub, &Stub::ListRiskUnits, f.officer, list, units).ok());
  CHECK(units.items_size() == 5);  // history kept
}

TEST_CASE("references are checked against the personnel directory projection", "[risk][model][integration]") {
  Fixture f;
  v1::CreateRiskObjectRequest req;
  req.set_name("反应釜区");
  req.set_department_id(NewUuidV7());  // personnel never published it
  v1::RiskObject out;
  auto unknown = Call(*f.stub, &Stub::CreateRiskObject, f.officer, req, out);
  CHECK(unknown.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(unknown.message(), Catch::Contains("单位不存在"));

  // A unit closed later (higher version) is no longer accepted; a replayed older event changes nothing.
  f.h.AddUnit(f.tenant, "department", "生产部", 2, false, f.dept);
  f.h.AddUnit(f.tenant, "department", "生产部", 1, true, f.dept);
  req.set_department_id(f.dept);
  CHECK(Call(*f.stub, &Stub::CreateRiskObject, f.officer, req, out).code() ==
        StatusCode::kInvalidArgument);
  // Another tenant's person is unknown here.
  auto other = f.h.NewTenant();
  std::string stranger = f.h.AddPerson(other, "李外人");
  req.set_department_id("");
  req.set_liable_person_id(stranger);
  CHECK(Call(*f.stub, &Stub::CreateRiskObject, f.officer, req, out).code() ==
        StatusCode::kInvalidArgument);
  req.set_liable_person_id(f.person);
  CHECK(Call(*f.stub, &Stub::CreateRiskObject, f.officer, req, out).ok());
}

TEST_CASE("a point's profile: unit, kind, code, position, post and versioned accident types",
          "[risk][model][integration]") {
  Fixture f;
  auto object = f.Object("甲醇罐区");
  auto unit = f.Unit(object.id(), "", "储存单元");
  std::string point = f.Point();

  v1::GetRiskPointProfileRequest get;
  get.set_risk_point_id(point);
  v1::RiskPointProfile profile;
  REQUIRE(Call(*f.stub, &Stub::GetRiskPointProfile, f.officer, get, profile).ok());
  CHECK(profile.version() == 0);
  CHECK(profile.kind() == "equipment");

  v1::UpdateRiskPointProfileRequest up;
  up.set_risk_point_id(point);
  up.set_unit_id(unit.id());
  up.set_kind("equipment");
  up.set_code("FXD-001");
  up.set_location("罐区东侧");
  up.mutable_position()->set_x(120);
  up.mutable_position()->set_y(80);
  up.set_department_id(f.dept);
  up.set_post_id(f.post);
  up.set_liable_person_id(f.person);
  up.add_accident_types("火灾");
  up.add_accident_types("中毒");
  up.set_version(0);
  REQUIRE(Call(*f.stub, &Stub::UpdateRiskPointProfile, f.officer, up, profile).ok());
  CHECK(profile.version() == 1);
  CHECK(profile.accident_type_version() == "GB 6441-2025");  // in force since 2026-07-01
  CHECK(profile.position().x() == 120);
  CHECK(profile.accident_types_size() == 2);

  SECTION("stale version, unknown accident type, a department given as post, off-map position") {
    up.set_version(0);
    CHECK(Call(*f.stub, &Stub::UpdateRiskPointProfile, f.officer, up, profile).code() ==
          StatusCode::kAborted);
    up.set_version(1);
    up.add_accident_types("瓦斯爆炸");  // a 1986 type, not in GB 6441-2025
    auto bad_type = Call(*f.stub, &Stub::UpdateRiskPointProfile, f.officer, up, profile);
    CHECK(bad_type.code() == StatusCode::kInvalidArgument);
    CHECK_THAT(bad_type.message(), Catch::Contains("瓦斯爆炸"));
    up.set_accident_type_version("GB/T 6441-1986");
    up.clear_accident_types();
    up.add_accident_types("瓦斯爆炸");
    REQUIRE(Call(*f.stub, &Stub::UpdateRiskPointProfile, f.officer, up, profile).ok());
    CHECK(profile.accident_type_version() == "GB/T 6441-1986");
    up.set_version(2);
    up.set_post_id(f.dept);
    CHECK(Call(*f.stub, &Stub::UpdateRiskPointProfile, f.officer, up, profile).code() ==
          StatusCode::kInvalidArgument);
    up.set_post_id(f.post);
    up.mutable_position()->set_x(5000);
    CHECK(Call(*f.stub, &Stub::UpdateRiskPointProfile, f.officer, up, profile).code() ==
          StatusCode::kInvalidArgument);
  }
}

TEST_CASE("risk events with control measures: create, replace the measure list, delete, keep history",
          "[risk][model][integration]") {
  Fixture f;
  std::string point = f.Point();
  v1::CreateRiskEventRequest create;
  create.set_risk_point_id(point);
  create.set_name("储罐泄漏引发火灾");
  create.set_step("储罐区");
  create.set_standard("GB 50160-2008 6.2");
  create.set_hazard("呼吸阀失效导致甲醇蒸气积聚");
  create.set_consequence("火灾、中毒");
  create.add_accident_types("火灾");
  *create.add_measures() = Measure(v1::MEASURE_CLASS_ENGINEERING, 1, "1-4", v1::CONTROL_MODE_AUTOMATED_MONITORING,
                                   "可燃气体检测报警仪联锁", "");
  *create.add_measures() = Measure(v1::MEASURE_CLASS_MANAGEMENT, 2, "2-2", v1::CONTROL_MODE_INSPECTION,
                                   "呼吸阀定期检查", "呼吸阀是否完好、无堵塞");
  v1::RiskEvent event;
  auto s = Call(*f.stub, &Stub::CreateRiskEvent, f.officer, create, event);
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(event.seq() == 1);
  REQUIRE(event.measures_size() == 2);
  CHECK(event.measures(1).classify2() == "2-2");

  SECTION("bad measures are refused naming the measure") {
    auto bad = create;
    bad.mutable_measures(1)->set_classify2("1-1");  // not under classify1 = 2
    auto refused = Call(*f.stub, &Stub::CreateRiskEvent, f.officer, bad, event);
    CHECK(refused.code() == StatusCode::kInvalidArgument);
    CHECK(refused.field() == "measures[1].classify2");
    bad = create;
    bad.mutable_measures(1)->set_check_content("");  // an inspected measure needs the inspection content
    CHECK(Call(*f.stub, &Stub::CreateRiskEvent, f.officer, bad, event).field() == "measures[1].check_content");
  }

  SECTION("update replaces the list: kept ids stay, new ones are added, the rest are marked deleted") {
    v1::UpdateRiskEventRequest up;
    up.set_event_id(event.id());
    up.set_name(event.name());
    up.set_step(event.step());
    up.set_version(event.version());
    *up.add_measures() = event.measures(1);
    up.mutable_measures(0)->set_description("呼吸阀每月检查");
    *up.add_measures() = Measure(v1::MEASURE_CLASS_PPE, 4, "4-2", v1::CONTROL_MODE_INSPECTION, "佩戴防毒面具",
                                 "作业人员是否佩戴防毒面具");
    v1::RiskEvent updated;
    REQUIRE(Call(*f.stub, &Stub::UpdateRiskEvent, f.officer, up, updated).ok());
    CHECK(updated.version() == 2);
    REQUIRE(updated.measures_size() == 2);
    CHECK(updated.measures(0).id() == event.measures(1).id());
    CHECK(updated.measures(0).description() == "呼吸阀每月检查");
    CHECK(updated.measures(1).measure_class() == v1::MEASURE_CLASS_PPE);
    // A measure of another event cannot be smuggled in.
    up.set_version(2);
    up.mutable_measures(0)->set_id(NewUuidV7());
    CHECK(Call(*f.stub, &Stub::UpdateRiskEvent, f.officer, up, updated).code() == StatusCode::kNotFound);

    v1::DeleteRiskEventRequest del;
    del.set_event_id(event.id());
    del.set_version(2);
    REQUIRE(Call(*f.stub, &Stub::DeleteRiskEvent, f.officer, del, updated).ok());
    v1::ListRiskEventsRequest list;
    list.set_risk_point_id(point);
    v1::ListRiskEventsResponse events;
    REQUIRE(Call(*f.stub, &Stub::ListRiskEvents, f.officer, list, events).ok());
    CHECK(events.items_size() == 0);
    list.set_include_deleted(true);
    REQUIRE(Call(*f.stub, &Stub::ListRiskEvents, f.officer, list, events).ok());
    CHECK(events.items_size() == 1);
  }

  SECTION("every change is an outbox event on safeloop.risk.model.v1") {
    pqxx::connection conn(RequireEnv("SAFELOOP_PG_URL"));
    pqxx::work tx(conn);
    auto rows = tx.exec_params(
        "SELECT payload FROM risk.outbox WHERE topic = 'safeloop.risk.model.v1' AND record_key = $1 ORDER BY id", event.id());
    REQUIRE(rows.size() == 1);
    pqxx::binarystring bytes(rows[0][0]);
    auto envelope = events::ParseEnvelope(bytes.str());
    REQUIRE(envelope.ok());
    events::v1::RiskModelChanged payload;
    REQUIRE(events::UnpackPayload(*envelope, payload).ok());
    CHECK(payload.change() == "created");
    CHECK(payload.event().measures_size() == 2);
    CHECK(envelope->enterprise_id() == f.tenant.enterprise_id);
  }
}

TEST_CASE("tenants never see each other's model; roles without risk.point.write cannot change it",
          "[risk][model][integration]") {
  Fixture f;
  auto object = f.Object("甲醇罐区");
  auto other = f.h.NewTenant();
  std::string intruder = f.h.TokenFor(other, {"admin"});
  v1::ListRiskObjectsResponse listed;
  REQUIRE(Call(*f.stub, &Stub::ListRiskObjects, intruder, v1::ListRiskObjectsRequest{}, listed).ok());
  CHECK(listed.items_size() == 0);
  v1::UpdateRiskObjectRequest up;
  up.set_object_id(object.id());
  up.set_name("改名");
  up.set_version(1);
  v1::RiskObject out;
  CHECK(Call(*f.stub, &Stub::UpdateRiskObject, intruder, up, out).code() == StatusCode::kNotFound);
  v1::CreateRiskUnitRequest unit;
  unit.set_object_id(object.id());
  unit.set_name("越权单元");
  v1::RiskUnit u;
  CHECK(Call(*f.stub, &Stub::CreateRiskUnit, intruder, unit, u).code() == StatusCode::kNotFound);

  std::string worker = f.h.TokenFor(f.tenant, {"worker"});
  CHECK(Call(*f.stub, &Stub::UpdateRiskObject, worker, up, out).code() ==
        StatusCode::kPermissionDenied);
  REQUIRE(Call(*f.stub, &Stub::ListRiskObjects, worker, v1::ListRiskObjectsRequest{}, listed).ok());
  CHECK(listed.items_size() == 1);
}

TEST_CASE("the accident-type lists and the one in force", "[risk][model][integration]") {
  Fixture f;
  v1::ListAccidentTypesResponse lists;
  REQUIRE(Call(*f.stub, &Stub::ListAccidentTypes, f.officer, v1::ListAccidentTypesRequest{}, lists).ok());
  REQUIRE(lists.lists_size() == 2);
  CHECK(lists.lists(0).names_size() == 20);
  CHECK(lists.lists(1).names_size() == 27);
  CHECK(lists.lists(1).in_force_from() == "2026-07-01");
  CHECK(lists.current_version() == "GB 6441-2025");
}
