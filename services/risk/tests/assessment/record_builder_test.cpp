// The mapping between the risk model and the JHA/SCL records of libs/risk_domain, without a database.
#include <catch2/catch.hpp>

#include "assessment/record_builder.hpp"

using namespace safeloop;
using namespace safeloop::risk;
using namespace safeloop::risk::assessment;
namespace v1 = safeloop::risk::v1;

namespace {

v1::RiskEvent Event(const std::string& id, int seq, const std::string& step, const std::string& hazard,
                    bool with_measure = true) {
  v1::RiskEvent e;
  e.set_id(id);
  e.set_seq(seq);
  e.set_name("事件" + std::to_string(seq));
  e.set_step(step);
  e.set_standard("GB 30871-2022 5.2");
  e.set_hazard(hazard);
  e.set_consequence("火灾、爆炸");
  e.add_accident_types("火灾");
  if (with_measure) {
    auto* m = e.add_measures();
    m->set_measure_class(v1::MEASURE_CLASS_ENGINEERING);
    m->set_description("可燃气体报警仪");
    auto* p = e.add_measures();
    p->set_measure_class(v1::MEASURE_CLASS_TRAINING);
    p->set_description("增加动火作业专项培训");
    p->set_proposed(true);
  }
  return e;
}

PointContext Point(const std::string& kind) {
  PointContext p;
  p.point_id = "p1";
  p.point_name = "动火作业";
  p.kind = kind;
  p.post_name = "检修工";
  p.accident_type_version = "GB 6441-2025";
  p.events = {Event("e1", 1, "作业前气体分析", "未分析即动火"), Event("e2", 2, "动火", "火花飞溅"),
              Event("e3", 3, "动火", "周边可燃物未清理")};
  return p;
}

v1::AssessRiskPointRequest Request(const std::string& method, const std::vector<std::array<double, 3>>& lec) {
  v1::AssessRiskPointRequest r;
  r.set_risk_point_id("p1");
  r.set_method(method);
  const char* ids[] = {"e1", "e2", "e3"};
  for (std::size_t i = 0; i < lec.size(); ++i) {
    auto* row = r.add_rows();
    row->set_event_id(ids[i]);
    row->mutable_residual()->set_l(lec[i][0]);
    if (method == "LEC") row->mutable_residual()->set_e(lec[i][1]);
    row->mutable_residual()->set_c_or_s(lec[i][2]);
  }
  return r;
}

}  // namespace

TEST_CASE("JHA: consecutive events of one step form one step; the point takes the highest row level") {
  // D = 3·6·7 = 126 一般; 6·6·15 = 540 重大; 1·6·3 = 18 低.
  auto req = Request("LEC", {{3, 6, 7}, {6, 6, 15}, {1, 6, 3}});
  auto a = Evaluate(Point("operation"), req, {});
  INFO(a.status().ToString());
  REQUIRE(a.ok());
  CHECK(a->record_kind() == "JHA");
  REQUIRE(a->rows_size() == 3);
  CHECK(a->rows(0).value() == 126);
  CHECK(a->rows(0).level() == v1::RISK_LEVEL_MEDIUM);
  CHECK(a->rows(1).level() == v1::RISK_LEVEL_MAJOR);
  CHECK(a->rows(1).tier() == "company");
  CHECK(a->rows(2).level() == v1::RISK_LEVEL_LOW);
  CHECK(a->level() == v1::RISK_LEVEL_MAJOR);  // 从严从高
  CHECK(a->scored_level() == v1::RISK_LEVEL_MAJOR);
  CHECK(a->tier() == "company");
  CHECK(a->controlling_tiers_size() == 5);  // 公司 and every tier below
  CHECK(a->events_size() == 3);             // the events as assessed
}

TEST_CASE("SCL with LS; inherent above residual; judgement rules force 重大") {
  auto req = Request("LS", {{2, 0, 3}, {2, 0, 2}, {1, 0, 1}});  // R = 6, 4, 1: all 低 under variant A
  auto* inherent = req.mutable_rows(0)->mutable_inherent();
  inherent->set_l(4);
  inherent->set_c_or_s(4);  // R = 16 较大 without controls
  auto a = Evaluate(Point("equipment"), req, {});
  REQUIRE(a.ok());
  CHECK(a->record_kind() == "SCL");
  CHECK(a->level() == v1::RISK_LEVEL_LOW);
  CHECK(a->inherent_level() == v1::RISK_LEVEL_HIGH);
  CHECK(a->rows(0).inherent_level() == v1::RISK_LEVEL_HIGH);

  req.mutable_facts()->set_major_hazard_installation_grade(2);  // a 二级 重大危险源
  auto forced = Evaluate(Point("equipment"), req, {});
  REQUIRE(forced.ok());
  CHECK(forced->level() == v1::RISK_LEVEL_MAJOR);
  CHECK(forced->scored_level() == v1::RISK_LEVEL_LOW);
  REQUIRE(forced->judgement_size() == 1);
  CHECK_FALSE(forced->judgement(0).text().empty());

  // A residual higher than the inherent one is refused.
  inherent->set_l(1);
  inherent->set_c_or_s(1);
  CHECK(Evaluate(Point("equipment"), req, {}).status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("requests that do not match the point are refused naming what is wrong") {
  auto point = Point("operation");
  auto ok = Request("LEC", {{3, 6, 7}, {3, 6, 7}, {3, 6, 7}});

  auto missing = ok;
  missing.mutable_rows()->RemoveLast();
  auto s = Evaluate(point, missing, {}).status();
  CHECK(s.field() == "rows");
  CHECK_THAT(s.message(), Catch::Contains("事件3"));

  auto twice = ok;
  twice.mutable_rows(2)->set_event_id("e1");
  CHECK(Evaluate(point, twice, {}).status().field() == "rows[2].event_id");

  auto stranger = ok;
  *stranger.add_rows() = ok.rows(0);
  stranger.mutable_rows(3)->set_event_id("e9");
  CHECK(Evaluate(point, stranger, {}).status().field() == "rows[3].event_id");

  auto mes = ok;
  mes.set_method("MES");
  CHECK(Evaluate(point, mes, {}).status().field() == "method");

  auto tier = ok;
  tier.mutable_rows(0)->set_assigned_tier("boss");
  CHECK(Evaluate(point, tier, {}).status().field() == "rows[0].assigned_tier");

  auto date = ok;
  date.mutable_analyst()->set_name("王分析");
  date.mutable_analyst()->set_date("2026-02-30");
  CHECK(Evaluate(point, date, {}).status().field() == "analyst.date");

  auto blank = point;
  blank.events[1].set_hazard(" ");
  auto b = Evaluate(blank, ok, {}).status();
  CHECK(b.field() == "events");
  CHECK_THAT(b.message(), Catch::Contains("危害或潜在事件"));

  auto empty = point;
  empty.events.clear();
  CHECK(Evaluate(empty, ok, {}).status().code() == StatusCode::kFailedPrecondition);
}

TEST_CASE("an event without existing measures is recorded as having none, not refused") {
  auto point = Point("operation");
  point.events[0].clear_measures();
  auto a = Evaluate(point, Request("LEC", {{3, 6, 7}, {3, 6, 7}, {3, 6, 7}}), {});
  INFO(a.status().ToString());
  CHECK(a.ok());
}
