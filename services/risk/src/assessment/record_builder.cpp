#include "assessment/record_builder.hpp"

#include <cstdio>
#include <map>

#include "safeloop/risk_domain/control_measures.hpp"
#include "safeloop/risk_domain/jha_scl.hpp"

namespace safeloop::risk::assessment {
namespace {

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

Result<std::optional<std::chrono::year_month_day>> ParseDate(const std::string& text, const std::string& field) {
  if (text.empty()) return std::optional<std::chrono::year_month_day>{};
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    return InvalidArgument("日期格式应为 YYYY-MM-DD", field);
  }
  std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!date.ok()) return InvalidArgument("日期不存在: " + text, field);
  return std::optional<std::chrono::year_month_day>{date};
}

Result<Signature> SignatureOf(const v1::RecordSignature& in, const std::string& field) {
  auto date = ParseDate(in.date(), field + ".date");
  if (!date.ok()) return date.status();
  return Signature{in.name(), *date};
}

RowFactors FactorsOf(const v1::Factors& in) {
  RowFactors f;
  f.l = in.l();
  if (in.has_e()) f.e = in.e();
  f.c_or_s = in.c_or_s();
  return f;
}

// The event's measures in the five classes: existing ones, or the proposed ones.
ControlMeasureSet MeasuresOf(const v1::RiskEvent& e, bool proposed) {
  ControlMeasureSet set;
  for (const auto& m : e.measures()) {
    if (m.proposed() != proposed) continue;
    if (auto cls = ControlClassFromCode(static_cast<int>(m.measure_class()))) set.Of(*cls).push_back(m.description());
  }
  if (!proposed && set.Empty()) set.none = true;  // the model says so: no existing measure recorded
  return set;
}

Result<RowAssessment> RowOf(const v1::RiskEvent& e, const v1::RowInput& in, const std::string& field) {
  RowAssessment row;
  row.existing_controls = MeasuresOf(e, false);
  row.proposed_measures = MeasuresOf(e, true);
  row.residual = FactorsOf(in.residual());
  if (in.has_inherent()) row.inherent = FactorsOf(in.inherent());
  if (!in.assigned_tier().empty()) {
    auto tier = ControlTierFromName(in.assigned_tier());
    if (!tier) {
      return InvalidArgument("管控层级须为 company/department/workshop/team/post 之一", field + ".assigned_tier");
    }
    row.assigned_tier = *tier;
  }
  return row;
}

// The texts the record's columns need, named by the event so the user knows which row to fix.
Status RequireTexts(const v1::RiskEvent& e, bool jha) {
  auto missing = [&](const char* what) {
    return InvalidArgument("风险事件 " + std::to_string(e.seq()) + "「" + e.name() + "」缺少" + what, "events");
  };
  if (Blank(e.step())) return missing(jha ? "作业步骤" : "检查项目");
  if (!jha && Blank(e.standard())) return missing("标准");
  if (Blank(e.hazard())) return missing(jha ? "危害或潜在事件" : "不符合标准情况");
  if (Blank(e.consequence())) return missing("主要后果");
  return Status::Ok();
}

void FillRow(const v1::RiskEvent& e, const v1::RowInput& in, const RowEvaluation& eval, v1::RowResult& out) {
  out.set_event_id(e.id());
  out.set_seq(e.seq());
  out.set_step(e.step());
  out.set_hazard(e.hazard());
  *out.mutable_residual() = in.residual();
  out.set_value(eval.residual.value);
  out.set_grade(eval.residual.grade);
  out.set_level(static_cast<v1::RiskLevel>(eval.residual.level));
  if (eval.inherent) {
    *out.mutable_inherent() = in.inherent();
    out.set_inherent_value(eval.inherent->value);
    out.set_inherent_level(static_cast<v1::RiskLevel>(eval.inherent->level));
  }
  out.set_tier(std::string(ControlTierCode(eval.tier)));
  for (auto t : eval.controlling_tiers) out.add_controlling_tiers(std::string(ControlTierCode(t)));
}

void FillPoint(const PointEvaluation& eval, v1::PointAssessment& out) {
  out.set_scored_level(static_cast<v1::RiskLevel>(eval.scored_level));
  out.set_inherent_level(static_cast<v1::RiskLevel>(eval.inherent_level));
  out.set_level(static_cast<v1::RiskLevel>(eval.level));
  for (const auto& r : eval.judgement.reasons) {
    auto* j = out.add_judgement();
    j->set_code(r.code);
    j->set_text(r.text_zh);
  }
  out.set_tier(std::string(ControlTierCode(eval.tier)));
  for (auto t : eval.controlling_tiers) out.add_controlling_tiers(std::string(ControlTierCode(t)));
  for (const auto& a : eval.advice) out.add_advice(a);
}

}  // namespace

Result<v1::PointAssessment> Evaluate(const PointContext& point, const v1::AssessRiskPointRequest& req,
                                     const AssessmentRules& rules) {
  auto method = ScoringMethodFromCode(req.method());
  if (!method || *method == ScoringMethod::kMes) {
    return InvalidArgument("JHA/SCL 记录的评价方法须为 LEC 或 LS", "method");
  }
  const bool jha = point.kind == "operation";
  if (point.events.empty()) {
    return FailedPrecondition("风险点还没有风险事件（" + std::string(jha ? "作业步骤" : "检查项目") + "），无法评价",
                              "risk_point_id");
  }
  // One row per live event, matched by id.
  std::map<std::string, int> row_of;
  for (int i = 0; i < req.rows_size(); ++i) {
    const std::string field = "rows[" + std::to_string(i) + "]";
    if (!row_of.emplace(req.rows(i).event_id(), i).second) {
      return InvalidArgument("风险事件重复出现", field + ".event_id");
    }
    if (!req.rows(i).has_residual()) return InvalidArgument("缺少现状风险的评价因子", field + ".residual");
  }
  for (const auto& e : point.events) {
    if (!row_of.count(e.id())) {
      return InvalidArgument("风险事件 " + std::to_string(e.seq()) + "「" + e.name() + "」没有评价", "rows");
    }
    SAFELOOP_RETURN_IF_ERROR(RequireTexts(e, jha));
  }
  if (row_of.size() != point.events.size()) {
    for (int i = 0; i < req.rows_size(); ++i) {
      bool known = false;
      for (const auto& e : point.events) known = known || e.id() == req.rows(i).event_id();
      if (!known) {
        return InvalidArgument("不是该风险点的（未删除的）风险事件: " + req.rows(i).event_id(),
                               "rows[" + std::to_string(i) + "].event_id");
      }
    }
  }
  PointFacts facts;
  facts.unrectified_major_accident_hazard = req.facts().unrectified_major_accident_hazard();
  facts.major_hazard_installation_grade = req.facts().major_hazard_installation_grade();
  facts.fatal_accident_cause_present = req.facts().fatal_accident_cause_present();
  auto judgement = Judge(rules.judgement, facts);
  if (!judgement.ok()) return judgement.status();
  RecordSignatures signatures;
  {
    auto a = SignatureOf(req.analyst(), "analyst");
    if (!a.ok()) return a.status();
    auto r = SignatureOf(req.reviewer(), "reviewer");
    if (!r.ok()) return r.status();
    auto p = SignatureOf(req.approver(), "approver");
    if (!p.ok()) return p.status();
    signatures = {*a, *r, *p};
  }

  v1::PointAssessment out;
  out.set_risk_point_id(point.point_id);
  out.set_method(req.method());
  out.set_record_kind(jha ? "JHA" : "SCL");
  out.set_record_no(req.record_no());
  out.set_note(req.note());
  *out.mutable_facts() = req.facts();
  *out.mutable_analyst() = req.analyst();
  *out.mutable_reviewer() = req.reviewer();
  *out.mutable_approver() = req.approver();
  for (const auto& e : point.events) *out.add_events() = e;

  if (jha) {
    JhaRecord record{point.point_name, point.post_name, point.point_name, req.record_no(), *method,
                     point.accident_type_version, {}, signatures};
    std::vector<const v1::RiskEvent*> order;  // event of each hazard row, in record order
    for (const auto& e : point.events) {
      if (record.steps.empty() || record.steps.back().step != e.step()) {
        record.steps.push_back({static_cast<int>(record.steps.size()) + 1, e.step(), {}});
      }
      const int i = row_of.at(e.id());
      auto row = RowOf(e, req.rows(i), "rows[" + std::to_string(i) + "]");
      if (!row.ok()) return row.status();
      record.steps.back().hazards.push_back(
          {e.hazard(), e.consequence(), {e.accident_types().begin(), e.accident_types().end()}, *row});
      order.push_back(&e);
    }
    auto eval = EvaluateJha(record, rules.standard, rules.control, *judgement);
    if (!eval.ok()) return eval.status();
    std::size_t k = 0;
    for (const auto& step : eval->steps) {
      for (const auto& hazard : step.hazards) {
        const auto& e = *order[k++];
        FillRow(e, req.rows(row_of.at(e.id())), hazard, *out.add_rows());
      }
    }
    FillPoint(eval->point, out);
  } else {
    SclRecord record{point.point_name, point.point_name, req.record_no(), *method, point.accident_type_version, {},
                     signatures};
    for (const auto& e : point.events) {
      const int i = row_of.at(e.id());
      auto row = RowOf(e, req.rows(i), "rows[" + std::to_string(i) + "]");
      if (!row.ok()) return row.status();
      record.items.push_back({static_cast<int>(record.items.size()) + 1, e.step(), e.standard(), e.hazard(),
                              e.consequence(), {e.accident_types().begin(), e.accident_types().end()}, *row});
    }
    auto eval = EvaluateScl(record, rules.standard, rules.control, *judgement);
    if (!eval.ok()) return eval.status();
    for (std::size_t k = 0; k < eval->items.size(); ++k) {
      const auto& e = point.events[k];
      FillRow(e, req.rows(row_of.at(e.id())), eval->items[k], *out.add_rows());
    }
    FillPoint(eval->point, out);
  }
  return out;
}

}  // namespace safeloop::risk::assessment
