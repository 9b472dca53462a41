#include "risk_model_seed.hpp"

#include <chrono>
#include <functional>
#include <algorithm>
#include <map>
#include <stdexcept>
#include <thread>
#include <vector>

#include "safeloop/personnel/v1/org.grpc.pb.h"
#include "safeloop/personnel/v1/people.grpc.pb.h"
#include "safeloop/risk/v1/risk.grpc.pb.h"
#include "safeloop/risk/v1/risk_assessment.grpc.pb.h"
#include "safeloop/risk/v1/risk_major_hazard.grpc.pb.h"
#include "safeloop/risk/v1/risk_model.grpc.pb.h"

namespace safeloop::seed {
namespace {

namespace rv1 = safeloop::risk::v1;
namespace pv1 = safeloop::personnel::v1;

// One call with the token; throws with the service's message. Retries while the risk service's directory has
// not yet received a unit or person personnel just created (its projection trails by a moment).
template <typename Stub, typename Req, typename Resp>
Resp Call(Stub& stub, grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*), const std::string& token,
          const Req& req, const char* what) {
  for (int attempt = 0;; ++attempt) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    Resp resp;
    grpc::Status s = (stub.*method)(&ctx, req, &resp);
    if (s.ok()) return resp;
    bool directory_lag = s.error_code() == grpc::StatusCode::INVALID_ARGUMENT &&
                         s.error_message().find("不存在或已停用") != std::string::npos;
    if (!directory_lag || attempt >= 60) throw std::runtime_error(std::string(what) + ": " + s.error_message());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

rv1::ControlMeasure Measure(rv1::MeasureClass cls, int c1, const char* c2, rv1::ControlMode mode, const char* text,
                            const char* check, bool proposed = false) {
  rv1::ControlMeasure m;
  m.set_measure_class(cls);
  m.set_classify1(c1);
  m.set_classify2(c2);
  m.set_mode(mode);
  m.set_description(text);
  m.set_check_content(check);
  m.set_proposed(proposed);
  return m;
}

struct EventSpec {
  const char *name, *step, *standard, *hazard, *consequence, *accident_type;
  std::vector<rv1::ControlMeasure> measures;
  double l, e, c_or_s;  // residual; e < 0 under LS
  double il, ie, ic;    // inherent (il = 0: none)
};

struct PointSpec {
  const char* area;
  const char* point;  // existing demo point, or created when `create`
  bool create;
  const char* kind;
  const char* code;
  const char* location;
  const char* unit_path;  // "object/一级/二级"
  const char* method;
  int major_hazard_grade;
  std::vector<EventSpec> events;
};

constexpr auto kEng = rv1::MEASURE_CLASS_ENGINEERING;
constexpr auto kMgmt = rv1::MEASURE_CLASS_MANAGEMENT;
constexpr auto kTrain = rv1::MEASURE_CLASS_TRAINING;
constexpr auto kPpe = rv1::MEASURE_CLASS_PPE;
constexpr auto kEmerg = rv1::MEASURE_CLASS_EMERGENCY;
constexpr auto kAuto = rv1::CONTROL_MODE_AUTOMATED_MONITORING;
constexpr auto kCheck = rv1::CONTROL_MODE_INSPECTION;

std::vector<PointSpec> Specs() {
  return {
      {"罐区", "甲醇储罐 V-101", false, "equipment", "FXD-001", "罐区北侧", "甲醇罐区/储存单元/甲醇罐组", "LS", 2,
       {{"储罐泄漏", "储罐本体及附件", "GB 50160-2008 6.2.8", "罐体或法兰泄漏", "火灾、爆炸", "火灾",
         {Measure(kEng, 1, "1-4", kAuto, "液位高高联锁切断进料", ""),
          Measure(kMgmt, 2, "2-2", kCheck, "储罐附件月度检查", "呼吸阀、阻火器是否完好"),
          Measure(kEmerg, 4, "4-4", kCheck, "储罐泄漏现场处置方案", "处置方案是否演练")},
         3, -1, 4, 4, -1, 5},
        {"雷击起火", "防雷防静电", "GB 50057-2010", "防雷接地失效", "火灾", "火灾",
         {Measure(kEng, 1, "1-3", kCheck, "防雷接地每半年检测", "接地电阻是否≤10Ω")}, 2, -1, 4, 0, 0, 0}}},
      {"罐区", "液氨储罐 V-103", false, "equipment", "FXD-002", "罐区东侧", "甲醇罐区/储存单元/液氨罐组", "LEC", 0,
       {{"液氨泄漏中毒", "球罐及管线", "GB 50160-2008 6.3", "管线腐蚀泄漏", "多人中毒", "中毒",
         {Measure(kEng, 1, "1-4", kAuto, "氨气检测报警与喷淋联锁", ""),
          Measure(kPpe, 4, "4-2", kCheck, "配备正压式空气呼吸器", "空气呼吸器压力是否正常"),
          Measure(kTrain, 3, "3-1", kCheck, "液氨泄漏应急培训", "培训记录是否完整", true)},
         3, 6, 40, 0, 0, 0}}},
      {"合成车间", "合成反应釜 R-201", false, "equipment", "FXD-003", "合成车间一层", "合成装置/生产单元/合成工段",
       "LS", 0,
       {{"反应失控", "温度压力控制", "AQ 3036", "冷却水中断导致飞温", "容器爆炸", "容器爆炸",
         {Measure(kEng, 1, "1-4", kAuto, "温度高高联锁切断进料、开启紧急冷却", ""),
          Measure(kMgmt, 3, "3-2", kCheck, "工艺参数巡检记录", "温度、压力是否在操作范围内")},
         4, -1, 4, 5, -1, 5}}},
      {"装卸站", "槽车装卸作业", true, "operation", "FXD-004", "装卸站鹤位", "装卸站/装卸单元", "LEC", 0,
       {{"槽车溜车", "槽车就位", "", "未拉手刹、未设置轮挡", "车辆伤害", "厂(场)内车辆致害",
         {Measure(kMgmt, 3, "3-2", kCheck, "装车前检查确认单", "轮挡是否设置")}, 3, 3, 7, 0, 0, 0},
        {"静电起火", "连接静电接地", "", "未连接静电接地即装车", "火灾", "火灾",
         {Measure(kEng, 1, "1-3", kAuto, "静电接地报警器与装车泵联锁", "")}, 3, 3, 15, 6, 3, 15},
        {"溢流", "装车", "", "定量仪失灵导致溢流", "火灾、中毒", "火灾",
         {Measure(kEng, 1, "1-4", kAuto, "溢油静电保护器", ""),
          Measure(kTrain, 3, "3-1", kCheck, "装卸工持证上岗", "装卸人员是否持证")},
         1, 3, 15, 0, 0, 0}}},
  };
}

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto slash = path.find('/', start);
    parts.push_back(path.substr(start, slash - start));
    if (slash == std::string::npos) return parts;
    start = slash + 1;
  }
}

}  // namespace

RiskModelSeeder::RiskModelSeeder(std::shared_ptr<grpc::Channel> risk, std::shared_ptr<grpc::Channel> personnel,
                                 std::string token)
    : risk_(std::move(risk)), personnel_(std::move(personnel)), token_(std::move(token)) {}

void RiskModelSeeder::Run(const std::string& map_id) {
  auto org = pv1::OrgService::NewStub(personnel_);
  auto people = pv1::PeopleService::NewStub(personnel_);
  auto core = rv1::RiskService::NewStub(risk_);
  auto model = rv1::RiskModelService::NewStub(risk_);
  auto assess = rv1::RiskAssessmentService::NewStub(risk_);

  // Who is responsible: 生产部 and its manager, from personnel.
  auto tree = Call(*org, &pv1::OrgService::Stub::GetOrgTree, token_, pv1::GetOrgTreeRequest{}, "org tree");
  std::string department;
  std::function<void(const pv1::OrgTreeNode&)> find = [&](const pv1::OrgTreeNode& n) {
    if (n.unit().name() == "生产部") department = n.unit().id();
    for (const auto& c : n.children()) find(c);
  };
  find(tree.root());
  pv1::ListPeopleRequest who;
  who.set_name_contains("刘洋");
  auto found = Call(*people, &pv1::PeopleService::Stub::ListPeople, token_, who, "people");
  std::string manager = found.people().empty() ? "" : found.people(0).id();

  // Objects and units by name.
  std::map<std::string, std::string> objects;
  const auto listed_objects =
      Call(*model, &rv1::RiskModelService::Stub::ListRiskObjects, token_, rv1::ListRiskObjectsRequest{}, "list objects");
  for (const auto& o : listed_objects.items()) objects[o.name()] = o.id();
  std::map<std::string, std::string> units;  // "object/一级/二级" → id
  {
    auto listed = Call(*model, &rv1::RiskModelService::Stub::ListRiskUnits, token_, rv1::ListRiskUnitsRequest{},
                       "list units");
    std::map<std::string, std::string> path_of;  // id → path
    std::map<std::string, std::string> object_name;
    for (const auto& [name, id] : objects) object_name[id] = name;
    for (const auto& u : listed.items()) {  // B.1 order: parents first
      std::string path = (u.parent_id().empty() ? object_name[u.object_id()] : path_of[u.parent_id()]) + "/" + u.name();
      path_of[u.id()] = path;
      units[path] = u.id();
    }
  }
  auto unit_for = [&](const std::string& path) {
    auto parts = Split(path);
    if (!objects.count(parts[0])) {
      rv1::CreateRiskObjectRequest req;
      req.set_name(parts[0]);
      req.set_hazard_code(parts[0] == "甲醇罐区" ? "130931001-01" : parts[0] == "合成装置" ? "130931001-02" : "");
      req.set_department_id(department);
      req.set_liable_person_id(manager);
      objects[parts[0]] = Call(*model, &rv1::RiskModelService::Stub::CreateRiskObject, token_, req, "create object").id();
      ++created_;
    }
    std::string prefix = parts[0], parent;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      prefix += "/" + parts[i];
      if (!units.count(prefix)) {
        rv1::CreateRiskUnitRequest req;
        if (parent.empty()) req.set_object_id(objects[parts[0]]);
        req.set_parent_id(parent);
        req.set_name(parts[i]);
        req.set_department_id(department);
        units[prefix] = Call(*model, &rv1::RiskModelService::Stub::CreateRiskUnit, token_, req, "create unit").id();
        ++created_;
      }
      parent = units[prefix];
    }
    return parent;
  };

  rv1::ListAreasRequest list_areas;
  list_areas.set_map_id(map_id);
  std::map<std::string, std::string> areas;
  const auto listed_areas = Call(*core, &rv1::RiskService::Stub::ListAreas, token_, list_areas, "list areas");
  for (const auto& a : listed_areas.areas()) areas[a.name()] = a.id();
  for (const auto& spec : Specs()) {
    rv1::ListRiskPointsRequest lp;
    lp.set_area_id(areas.at(spec.area));
    std::string point;
    const auto listed_points = Call(*core, &rv1::RiskService::Stub::ListRiskPoints, token_, lp, "list points");
    for (const auto& p : listed_points.risk_points()) {
      if (p.name() == spec.point) point = p.id();
    }
    if (point.empty()) {
      if (!spec.create) continue;  // the demo plant lacks it: nothing to extend
      rv1::CreateRiskPointRequest cp;
      cp.set_area_id(areas.at(spec.area));
      cp.set_name(spec.point);
      cp.set_description("危化品槽车装卸作业活动");
      point = Call(*core, &rv1::RiskService::Stub::CreateRiskPoint, token_, cp, "create point").id();
      ++created_;
    }
    rv1::GetRiskPointProfileRequest gp;
    gp.set_risk_point_id(point);
    auto profile = Call(*model, &rv1::RiskModelService::Stub::GetRiskPointProfile, token_, gp, "profile");
    if (profile.version() == 0) {
      rv1::UpdateRiskPointProfileRequest up;
      up.set_risk_point_id(point);
      up.set_unit_id(unit_for(spec.unit_path));
      up.set_kind(spec.kind);
      up.set_code(spec.code);
      up.set_location(spec.location);
      up.set_department_id(department);
      up.set_liable_person_id(manager);
      for (const auto& e : spec.events) up.add_accident_types(e.accident_type);
      std::sort(up.mutable_accident_types()->begin(), up.mutable_accident_types()->end());
      up.mutable_accident_types()->erase(std::unique(up.mutable_accident_types()->begin(), up.mutable_accident_types()->end()),
                                         up.mutable_accident_types()->end());
      Call(*model, &rv1::RiskModelService::Stub::UpdateRiskPointProfile, token_, up, "set profile");
      ++created_;
    }
    rv1::ListRiskEventsRequest le;
    le.set_risk_point_id(point);
    auto events = Call(*model, &rv1::RiskModelService::Stub::ListRiskEvents, token_, le, "list events");
    if (events.items().empty()) {
      for (const auto& e : spec.events) {
        rv1::CreateRiskEventRequest ce;
        ce.set_risk_point_id(point);
        ce.set_name(e.name);
        ce.set_step(e.step);
        ce.set_standard(e.standard);
        ce.set_hazard(e.hazard);
        ce.set_consequence(e.consequence);
        ce.add_accident_types(e.accident_type);
        for (const auto& m : e.measures) *ce.add_measures() = m;
        *events.add_items() = Call(*model, &rv1::RiskModelService::Stub::CreateRiskEvent, token_, ce, "create event");
        ++created_;
      }
    }
    rv1::ListPointAssessmentsRequest la;
    la.set_risk_point_id(point);
    const auto records = Call(*assess, &rv1::RiskAssessmentService::Stub::ListPointAssessments, token_, la, "records");
    if (!records.items().empty()) continue;
    rv1::AssessRiskPointRequest ar;
    ar.set_risk_point_id(point);
    ar.set_method(spec.method);
    ar.mutable_facts()->set_major_hazard_installation_grade(spec.major_hazard_grade);
    ar.mutable_analyst()->set_name("王芳");
    ar.mutable_analyst()->set_date("2026-11-02");
    ar.mutable_reviewer()->set_name("刘洋");
    ar.mutable_reviewer()->set_date("2026-11-03");
    ar.mutable_approver()->set_name("李强");
    ar.mutable_approver()->set_date("2026-11-05");
    ar.set_record_no(std::string(spec.code) + "-R1");
    for (std::size_t i = 0; i < spec.events.size() && static_cast<int>(i) < events.items_size(); ++i) {
      const auto& e = spec.events[i];
      auto* row = ar.add_rows();
      row->set_event_id(events.items(static_cast<int>(i)).id());
      row->mutable_residual()->set_l(e.l);
      if (e.e >= 0) row->mutable_residual()->set_e(e.e);
      row->mutable_residual()->set_c_or_s(e.c_or_s);
      if (e.il > 0) {
        row->mutable_inherent()->set_l(e.il);
        if (e.ie >= 0) row->mutable_inherent()->set_e(e.ie);
        row->mutable_inherent()->set_c_or_s(e.ic);
      }
    }
    Call(*assess, &rv1::RiskAssessmentService::Stub::AssessRiskPoint, token_, ar, "assess record");
    ++created_;
  }
  if (auto tank_farm = objects.find("甲醇罐区"); tank_farm != objects.end()) SeedMajorHazard(tank_farm->second);
}

// The tank farm's storage unit as a 二级 major hazard installation: 甲醇 5000 t (Q 500, β 1 as W5.3) and 氨
// 100 t (Q 10, β 2): S = 20, R = 2.0 × (10 + 20) = 60.
void RiskModelSeeder::SeedMajorHazard(const std::string& object_id) {
  auto stub = rv1::MajorHazardService::NewStub(risk_);
  rv1::ListMajorHazardInstallationsRequest list;
  list.set_object_id(object_id);
  const auto existing = Call(*stub, &rv1::MajorHazardService::Stub::ListMajorHazardInstallations, token_, list,
                             "list major hazards");
  if (!existing.items().empty()) return;
  rv1::SaveMajorHazardInstallationRequest req;
  req.set_object_id(object_id);
  req.set_name("甲醇罐区储存单元");
  req.set_unit_kind("storage");
  req.set_exposed_population(150);
  auto* methanol = req.add_substances();
  methanol->set_label("甲醇 V-101");
  methanol->set_name("甲醇");
  methanol->add_hazard_classes("W5.3");
  methanol->set_quantity_t(5000);
  auto* ammonia = req.add_substances();
  ammonia->set_label("液氨 V-103");
  ammonia->set_name("氨");
  ammonia->set_quantity_t(100);
  Call(*stub, &rv1::MajorHazardService::Stub::SaveMajorHazardInstallation, token_, req, "save major hazard");
  ++created_;
}

}  // namespace safeloop::seed
