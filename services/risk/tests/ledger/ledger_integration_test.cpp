// The graded-control ledger and the generated appendix documents through the real gRPC service: filters and
// paging, the E.1/F.1/C.1/B.1 documents read back from the produced .xlsx (and the PDF's text), tenancy.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <set>
#include <filesystem>
#include <fstream>

#include "../risk_model_fixture.hpp"
#include "safeloop/risk/v1/risk_ledger.grpc.pb.h"
#include "safeloop/xlsx/reader.hpp"

using namespace safeloop;
using namespace safeloop::risk;
using namespace safeloop::risk::testing;
using LStub = v1::RiskLedgerService::Stub;
using AStub = v1::RiskAssessmentService::Stub;

namespace {

struct LedgerFixture : Fixture {
  std::unique_ptr<LStub> ledger = v1::RiskLedgerService::NewStub(h.channel());
  std::unique_ptr<AStub> assess = v1::RiskAssessmentService::NewStub(h.channel());
  std::string company = h.AddUnit(tenant, "company", "沧州测试化工有限公司");
  v1::RiskUnit l1, l2;
  std::vector<std::string> points;

  LedgerFixture() {
    auto object = Object("甲醇罐区");
    l1 = Unit(object.id(), "", "储存单元");
    l2 = Unit(object.id(), l1.id(), "1号罐组");
    // Three points: 重大 (LS 5×5) in the 二级 unit, 一般 (3×3) and 低 (1×2) in the 一级 unit.
    const struct {
      const char* name;
      const char* code;
      double l, s;
      bool deep;
    } specs[] = {{"1号甲醇储罐", "FXD-001", 5, 5, true}, {"装卸鹤位", "FXD-002", 3, 3, false},
                 {"泵房", "FXD-003", 1, 2, false}};
    for (const auto& spec : specs) {
      std::string point = Point(spec.name);
      v1::UpdateRiskPointProfileRequest profile;
      profile.set_risk_point_id(point);
      profile.set_unit_id(spec.deep ? l2.id() : l1.id());
      profile.set_kind("equipment");
      profile.set_code(spec.code);
      profile.set_department_id(dept);
      profile.set_liable_person_id(person);
      v1::RiskPointProfile saved;
      REQUIRE(Call(*stub, &Stub::UpdateRiskPointProfile, officer, profile, saved).ok());
      v1::CreateRiskEventRequest event;
      event.set_risk_point_id(point);
      event.set_name("泄漏");
      event.set_step("储罐本体");
      event.set_standard("GB 50160-2008");
      event.set_hazard(std::string(spec.name) + "泄漏");
      event.set_consequence("火灾");
      event.add_accident_types("火灾");
      *event.add_measures() = Measure(v1::MEASURE_CLASS_ENGINEERING, 1, "1-4", v1::CONTROL_MODE_INSPECTION,
                                      "液位高高联锁", "联锁是否投用");
      *event.add_measures() = Measure(v1::MEASURE_CLASS_MANAGEMENT, 3, "3-2", v1::CONTROL_MODE_INSPECTION,
                                      "巡检记录", "巡检记录是否完整");
      v1::RiskEvent e;
      REQUIRE(Call(*stub, &Stub::CreateRiskEvent, officer, event, e).ok());
      v1::AssessRiskPointRequest a;
      a.set_risk_point_id(point);
      a.set_method("LS");
      auto* row = a.add_rows();
      row->set_event_id(e.id());
      row->mutable_residual()->set_l(spec.l);
      row->mutable_residual()->set_c_or_s(spec.s);
      v1::PointAssessment assessed;
      auto s = Call(*assess, &AStub::AssessRiskPoint, officer, a, assessed);
      INFO(s.message());
      REQUIRE(s.ok());
      points.push_back(point);
    }
  }

  std::string Point(const std::string& name) {
    auto actor = tenant.actor();
    if (map_id.empty()) {
      auto map = h.store().CreateMap(actor, {"", "厂区平面图", "/images/p.png", 1000, 800, {}});
      REQUIRE(map.ok());
      auto area = h.store().CreateArea(actor, map->id, "罐区", {{10, 10}, {400, 10}, {400, 300}, {10, 300}});
      REQUIRE(area.ok());
      map_id = map->id;
      area_id = area->id;
    }
    auto point = h.store().CreateRiskPoint(actor, area_id, name, "");
    REQUIRE(point.ok());
    return point->id;
  }

  v1::ExportRiskDocumentResponse Export(const std::string& kind, const std::string& format,
                                        v1::LedgerFilter filter = {}) {
    v1::ExportRiskDocumentRequest req;
    req.set_kind(kind);
    req.set_format(format);
    *req.mutable_filter() = filter;
    v1::ExportRiskDocumentResponse out;
    auto s = Call(*ledger, &LStub::ExportRiskDocument, officer, req, out);
    INFO(s.message());
    REQUIRE(s.ok());
    return out;
  }

  std::string map_id, area_id;
};

std::vector<std::string> Column(const xlsx::Sheet& sheet, std::size_t col) {
  std::vector<std::string> out;
  for (const auto& r : sheet.rows) out.emplace_back(r.Cell(col));
  return out;
}

bool Contains(const std::vector<std::string>& cells, const std::string& text) {
  return std::find(cells.begin(), cells.end(), text) != cells.end();
}

}  // namespace

TEST_CASE("the ledger lists points with unit path, names, level and tier; filters and pages",
          "[risk][ledger][integration]") {
  LedgerFixture f;
  v1::ListControlLedgerRequest req;
  v1::ListControlLedgerResponse page;
  REQUIRE(Call(*f.ledger, &LStub::ListControlLedger, f.officer, req, page).ok());
  REQUIRE(page.items_size() == 3);
  const v1::LedgerRow* tank = nullptr;
  for (const auto& r : page.items()) {
    if (r.code() == "FXD-001") tank = &r;
  }
  REQUIRE(tank != nullptr);
  CHECK(tank->unit_level1() == "储存单元");
  CHECK(tank->unit_level2() == "1号罐组");
  CHECK(tank->level() == v1::RISK_LEVEL_MAJOR);
  CHECK(tank->control_tier() == "company");
  CHECK(tank->department_name() == "生产部");
  CHECK(tank->liable_person_name() == "张安全");
  REQUIRE(tank->events_size() == 1);
  CHECK(tank->events(0).measures_size() == 2);
  CHECK(tank->events(0).measures(0).check_content() == "联锁是否投用");

  // Filters: level, tier, unit (the 二级 unit only has the tank; the 一级 unit covers all three).
  req.mutable_filter()->set_level(v1::RISK_LEVEL_MEDIUM);
  REQUIRE(Call(*f.ledger, &LStub::ListControlLedger, f.officer, req, page).ok());
  REQUIRE(page.items_size() == 1);
  CHECK(page.items(0).code() == "FXD-002");
  req.clear_filter();
  req.mutable_filter()->set_control_tier("company");
  REQUIRE(Call(*f.ledger, &LStub::ListControlLedger, f.officer, req, page).ok());
  CHECK(page.items_size() == 1);
  req.clear_filter();
  req.mutable_filter()->set_unit_id(f.l2.id());
  REQUIRE(Call(*f.ledger, &LStub::ListControlLedger, f.officer, req, page).ok());
  CHECK(page.items_size() == 1);
  req.mutable_filter()->set_unit_id(f.l1.id());
  REQUIRE(Call(*f.ledger, &LStub::ListControlLedger, f.officer, req, page).ok());
  CHECK(page.items_size() == 3);
  req.mutable_filter()->set_liable_person_id(NewUuidV7());
  REQUIRE(Call(*f.ledger, &LStub::ListControlLedger, f.officer, req, page).ok());
  CHECK(page.items_size() == 0);
  // The area panel: the points of one map area.
  req.clear_filter();
  req.mutable_filter()->set_area_id(f.area_id);
  REQUIRE(Call(*f.ledger, &LStub::ListControlLedger, f.officer, req, page).ok());
  CHECK(page.items_size() == 3);
  req.mutable_filter()->set_area_id(NewUuidV7());
  REQUIRE(Call(*f.ledger, &LStub::ListControlLedger, f.officer, req, page).ok());
  CHECK(page.items_size() == 0);

  // Paging: 2 + 1, every point once.
  req.clear_filter();
  req.set_page_size(2);
  REQUIRE(Call(*f.ledger, &LStub::ListControlLedger, f.officer, req, page).ok());
  CHECK(page.items_size() == 2);
  REQUIRE_FALSE(page.next_page_token().empty());
  std::set<std::string> seen;
  for (const auto& r : page.items()) seen.insert(r.risk_point_id());
  req.set_page_token(page.next_page_token());
  REQUIRE(Call(*f.ledger, &LStub::ListControlLedger, f.officer, req, page).ok());
  CHECK(page.items_size() == 1);
  CHECK(page.next_page_token().empty());
  for (const auto& r : page.items()) seen.insert(r.risk_point_id());
  CHECK(seen.size() == 3);

  req.set_page_size(500);
  CHECK(Call(*f.ledger, &LStub::ListControlLedger, f.officer, req, page).field() == "page_size");
  req.set_page_size(10);
  req.set_page_token("nonsense");
  CHECK(Call(*f.ledger, &LStub::ListControlLedger, f.officer, req, page).field() == "page_token");

  // Another tenant sees none of it.
  auto other = f.h.TokenFor(f.h.NewTenant(), {"admin"});
  req.set_page_token("");
  REQUIRE(Call(*f.ledger, &LStub::ListControlLedger, other, req, page).ok());
  CHECK(page.items_size() == 0);
}

TEST_CASE("E.1, F.1, C.1 and B.1 as .xlsx read back with the appendix columns", "[risk][ledger][integration]") {
  LedgerFixture f;
  auto e1 = f.Export("E1", "xlsx");
  CHECK(e1.content_type() == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK(e1.file_name().find("风险点分级管控台账-") == 0);
  auto book = xlsx::ReadWorkbook(e1.data());
  REQUIRE(book.ok());
  REQUIRE(book->sheets.size() == 1);
  const auto& sheet = book->sheets[0];
  CHECK(sheet.rows[0].Cell(0) == "沧州测试化工有限公司风险点分级管控台账");
  std::vector<std::string> all;
  for (const auto& r : sheet.rows) all.insert(all.end(), r.cells.begin(), r.cells.end());
  for (const char* head : {"风险点序号", "风险点位置", "一级单元", "二级子单元", "三级子单元", "风险点名称", "风险点编号",
                           "风险等级", "风险因素", "风险类别", "管控责任", "单位", "责任人", "隐患检查事项",
                           "风险管控措施", "检查频次", "岗位", "班组", "车间", "部门", "公司"}) {
    INFO(head);
    CHECK(Contains(all, head));
  }
  for (const char* value : {"1号甲醇储罐", "装卸鹤位", "泵房", "FXD-001", "重大风险", "一般风险", "低风险",
                            "1号甲醇储罐泄漏", "火灾", "生产部", "张安全", "联锁是否投用", "液位高高联锁", "巡检记录"}) {
    INFO(value);
    CHECK(Contains(all, value));
  }

  // F.1 keeps the 重大 point only.
  auto f1 = xlsx::ReadWorkbook(f.Export("F1", "xlsx").data());
  REQUIRE(f1.ok());
  std::vector<std::string> f1_cells;
  for (const auto& r : f1->sheets[0].rows) f1_cells.insert(f1_cells.end(), r.cells.begin(), r.cells.end());
  CHECK(Contains(f1_cells, "1号甲醇储罐"));
  CHECK_FALSE(Contains(f1_cells, "泵房"));
  CHECK(f1->sheets[0].rows[0].Cell(0) == "沧州测试化工有限公司重大风险管控台账");

  // C.1: the point list with responsibility "单位/责任人".
  auto c1 = xlsx::ReadWorkbook(f.Export("C1", "xlsx").data());
  REQUIRE(c1.ok());
  std::vector<std::string> c1_cells;
  for (const auto& r : c1->sheets[0].rows) c1_cells.insert(c1_cells.end(), r.cells.begin(), r.cells.end());
  CHECK(Contains(c1_cells, "管控单位/责任人"));
  CHECK(Contains(c1_cells, "生产部/张安全"));

  // G.1: the 重大 points with their factors, controls and emergency measures.
  auto g1 = xlsx::ReadWorkbook(f.Export("G1", "xlsx").data());
  REQUIRE(g1.ok());
  std::vector<std::string> g1_cells;
  for (const auto& r : g1->sheets[0].rows) g1_cells.insert(g1_cells.end(), r.cells.begin(), r.cells.end());
  CHECK(Contains(g1_cells, "重大安全风险公告栏"));
  CHECK(Contains(g1_cells, "主要应急措施"));
  CHECK(Contains(g1_cells, "1号甲醇储罐泄漏"));
  CHECK(Contains(g1_cells, "液位高高联锁；巡检记录"));
  CHECK_FALSE(Contains(g1_cells, "泵房泄漏"));

  // B.1: one row per point with its unit path and sequence numbers.
  auto b1 = xlsx::ReadWorkbook(f.Export("B1", "xlsx").data());
  REQUIRE(b1.ok());
  const auto& units = b1->sheets[0];
  CHECK(Contains(Column(units, 2), "储存单元"));
  CHECK(Contains(Column(units, 4), "1号罐组"));
  CHECK(Contains(Column(units, 7), "1号甲醇储罐"));
}

TEST_CASE("the ledger as PDF carries the title and the rows; bad kinds and formats are refused",
          "[risk][ledger][integration]") {
  LedgerFixture f;
  auto pdf = f.Export("E1", "pdf");
  CHECK(pdf.content_type() == "application/pdf");
  REQUIRE(pdf.data().rfind("%PDF-", 0) == 0);
  auto path = std::filesystem::temp_directory_path() / ("ledger-" + NewUuidV7() + ".pdf");
  { std::ofstream(path, std::ios::binary) << pdf.data(); }
  std::string text;
  if (FILE* p = ::popen(("pdftotext -layout " + path.string() + " - 2>/dev/null").c_str(), "r")) {
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) text.append(buf, n);
    ::pclose(p);
  }
  std::filesystem::remove(path);
  if (text.empty()) {
    WARN("pdftotext (poppler-utils) is missing: the PDF's text is not checked");
  } else {
    CHECK(text.find("风险点分级管控台账") != std::string::npos);
    CHECK(text.find("1号甲醇储罐") != std::string::npos);
    CHECK(text.find("第 1 页") != std::string::npos);
  }

  v1::ExportRiskDocumentRequest bad;
  bad.set_kind("Z9");
  v1::ExportRiskDocumentResponse out;
  CHECK(Call(*f.ledger, &LStub::ExportRiskDocument, f.officer, bad, out).field() == "kind");
  bad.set_kind("E1");
  bad.set_format("docx");
  CHECK(Call(*f.ledger, &LStub::ExportRiskDocument, f.officer, bad, out).field() == "format");
}
