#include "safeloop/risk_domain/jha_scl.hpp"

#include <algorithm>
#include <array>

#include "safeloop/risk_domain/accident_types.hpp"
#include "text_checks.hpp"

namespace safeloop::risk {
namespace {

constexpr long kMaxNameChars = 100;
constexpr long kMaxTextChars = 500;
constexpr long kMaxRecordNoChars = 64;
constexpr long kMaxSignerChars = 50;

std::string At(const std::string& base, const char* member, std::size_t i) {
  return base + "." + member + "[" + std::to_string(i) + "]";
}

// A scoring error names an input field ("l"); put the row's path in front of it.
Status UnderPath(const Status& status, const std::string& path) {
  std::string field = status.field().empty() ? path : path + "." + status.field();
  return {status.code(), path + ": " + status.message(), field};
}

Status CheckMethod(ScoringMethod method, const char* record_kind) {
  if (method == ScoringMethod::kLec || method == ScoringMethod::kLs) return Status::Ok();
  std::string code(ScoringMethodCode(method));
  return InvalidArgument(std::string(record_kind) + " records are scored with LEC or LS; got " +
                             (code.empty() ? std::to_string(static_cast<int>(method)) : code),
                         "method");
}

Status CheckSeq(int seq, std::size_t index, const std::string& field) {
  int expected = static_cast<int>(index) + 1;
  if (seq == expected) return Status::Ok();
  return InvalidArgument(field + " must be " + std::to_string(expected) +
                             " (rows are numbered 1, 2, 3 … in their real order); got " + std::to_string(seq),
                         field);
}

Status CheckFactorShape(const RowFactors& factors, ScoringMethod method, const std::string& path) {
  if (method == ScoringMethod::kLec && !factors.e) {
    return InvalidArgument(path + ".e (E) is required under LEC", path + ".e");
  }
  if (method == ScoringMethod::kLs && factors.e) {
    return InvalidArgument(path + ".e must be left out under LS (R = L × S has no E)", path + ".e");
  }
  return Status::Ok();
}

Status CheckAccidentTypes(const std::vector<std::string>& types, const std::string& version, const std::string& path) {
  if (types.size() > kMaxAccidentTypesPerRow) {
    return InvalidArgument(path + " may list at most " + std::to_string(kMaxAccidentTypesPerRow) + " types", path);
  }
  for (std::size_t i = 0; i < types.size(); ++i) {
    std::string at = path + "[" + std::to_string(i) + "]";
    if (version.empty()) {
      return InvalidArgument(at + ": accident_type_version is required when rows list accident types",
                             "accident_type_version");
    }
    Result<AccidentType> found = FindAccidentType(version, types[i]);
    if (!found.ok()) {
      std::string field = found.status().field() == "accident_type" ? at : found.status().field();
      return InvalidArgument(at + ": " + found.status().message(), field);
    }
  }
  return Status::Ok();
}

Status CheckAssessment(const RowAssessment& a, ScoringMethod method, const std::string& path) {
  SAFELOOP_RETURN_IF_ERROR(ValidateControlMeasureSet(a.existing_controls, path + ".existing_controls", true));
  SAFELOOP_RETURN_IF_ERROR(ValidateControlMeasureSet(a.proposed_measures, path + ".proposed_measures", false));
  if (a.inherent) SAFELOOP_RETURN_IF_ERROR(CheckFactorShape(*a.inherent, method, path + ".inherent"));
  SAFELOOP_RETURN_IF_ERROR(CheckFactorShape(a.residual, method, path + ".residual"));
  if (a.assigned_tier && !ControlTierFromCode(static_cast<int>(*a.assigned_tier))) {
    return InvalidArgument(path + ".assigned_tier must be 1 (公司级) to 5 (岗位级)", path + ".assigned_tier");
  }
  return Status::Ok();
}

Status CheckSignatures(const RecordSignatures& s) {
  const std::array<std::pair<const Signature*, const char*>, 3> order = {
      {{&s.analyst, "signatures.analyst"}, {&s.reviewer, "signatures.reviewer"}, {&s.approver, "signatures.approver"}}};
  const Signature* previous = nullptr;
  const char* previous_name = nullptr;
  for (const auto& [sig, field] : order) {
    std::string f(field);
    SAFELOOP_RETURN_IF_ERROR(internal::CheckText(sig->name, f + ".name", "签字人", kMaxSignerChars, false));
    bool signed_by = !internal::IsBlank(sig->name);
    if (signed_by != sig->date.has_value()) {
      return InvalidArgument(f + " needs both a name and a date (each signature carries a date)", f);
    }
    if (signed_by && sig->date && !sig->date->ok()) {
      return InvalidArgument(f + ".date is not a calendar date", f + ".date");
    }
    if (signed_by && previous) {
      bool previous_signed = !internal::IsBlank(previous->name);
      if (!previous_signed) {
        return InvalidArgument(f + " is signed before " + previous_name + " (分析人 → 审核人 → 审定人)", f);
      }
      if (*sig->date < *previous->date) {
        return InvalidArgument(f + ".date is earlier than " + previous_name + ".date (分析人 → 审核人 → 审定人)",
                               f + ".date");
      }
    }
    previous = sig;
    previous_name = field;
  }
  return Status::Ok();
}

std::vector<double> FactorList(const RowFactors& f, ScoringMethod method) {
  if (method == ScoringMethod::kLec) return {f.l, f.e.value_or(0), f.c_or_s};
  return {f.l, f.c_or_s};
}

std::string Symbol(ScoringMethod method) { return std::string(ValueSymbol(method)); }

Result<RowEvaluation> EvaluateRow(const RowAssessment& a, ScoringMethod method, const ScoringStandard& standard,
                                  const GradedControlRule& rule, const std::string& path) {
  RowEvaluation out;
  if (a.inherent) {
    Result<MethodScore> inherent = Score(standard, method, FactorList(*a.inherent, method));
    if (!inherent.ok()) return UnderPath(inherent.status(), path + ".inherent");
    out.inherent = *inherent;
  }
  Result<MethodScore> residual = Score(standard, method, FactorList(a.residual, method));
  if (!residual.ok()) return UnderPath(residual.status(), path + ".residual");
  out.residual = *residual;
  if (out.inherent && out.residual.value_milli > out.inherent->value_milli) {
    return InvalidArgument(path + ": the residual " + Symbol(method) + " = " + FormatMilli(out.residual.value_milli) +
                               " is higher than the inherent " + Symbol(method) + " = " +
                               FormatMilli(out.inherent->value_milli) +
                               "; the current controls cannot raise a risk, so re-check the factors of both",
                           path + ".residual");
  }
  Result<ControlTier> tier = PrimaryTier(rule, out.residual.level, out.residual.grade);
  if (!tier.ok()) return tier.status();
  out.tier = *tier;
  if (a.assigned_tier) {
    bool offered = std::find(rule.tiers.begin(), rule.tiers.end(), *a.assigned_tier) != rule.tiers.end();
    if (!offered) {
      return InvalidArgument(path + ".assigned_tier " + std::string(ControlTierNameZh(*a.assigned_tier)) +
                                 " is not one of the enterprise's tiers",
                             path + ".assigned_tier");
    }
    if (static_cast<int>(*a.assigned_tier) > static_cast<int>(*tier)) {
      return InvalidArgument(path + ".assigned_tier " + std::string(ControlTierNameZh(*a.assigned_tier)) +
                                 " is lower than " + std::string(ControlTierNameZh(*tier)) +
                                 ", which the graded-control rule gives " +
                                 std::string(LevelNameZh(out.residual.level)) + "; a tier may be raised, never lowered",
                             path + ".assigned_tier");
    }
    out.tier = *a.assigned_tier;
  }
  out.controlling_tiers = ControllingTiers(rule, out.tier);
  return out;
}

// 重大 and 较大 risks need measures (§1.8); say so without refusing the record.
void AdviseMeasures(const RowAssessment& a, const RowEvaluation& row, const std::string& path,
                    std::vector<std::string>& advice) {
  RiskLevel level = row.residual.level;
  if ((level == RiskLevel::kMajor || level == RiskLevel::kHigh) && a.proposed_measures.Empty()) {
    advice.push_back(path + " is " + std::string(LevelNameZh(level)) +
                     " but proposes no new or improved measures (建议新增(改进)措施)");
  }
}

// The shared roll-up: highest level of the rows, judgement override, highest tier.
Result<PointEvaluation> RollUp(const std::vector<const RowEvaluation*>& rows, const GradedControlRule& rule,
                               const Judgement& judgement) {
  PointEvaluation point;
  point.judgement = judgement;
  bool have_tier = false;
  for (const RowEvaluation* row : rows) {
    point.scored_level = Stricter(point.scored_level, row->residual.level);
    if (row->inherent) point.inherent_level = Stricter(point.inherent_level, row->inherent->level);
    point.tier = have_tier ? HigherTier(point.tier, row->tier) : row->tier;
    have_tier = true;
  }
  point.level = ApplyJudgement(point.scored_level, judgement);
  if (judgement.forced()) {
    // A forced 重大 has no grade: its tier comes from the level.
    Result<ControlTier> forced_tier = PrimaryTier(rule, point.level, 0);
    if (!forced_tier.ok()) return forced_tier.status();
    point.tier = have_tier ? HigherTier(point.tier, *forced_tier) : *forced_tier;
  }
  point.controlling_tiers = ControllingTiers(rule, point.tier);
  return point;
}

Status CheckJudgement(const Judgement& judgement) {
  bool consistent = judgement.forced() ? (judgement.forced_level == RiskLevel::kMajor && !judgement.reasons.empty())
                                       : judgement.reasons.empty();
  if (!consistent) {
    return InvalidArgument("judgement must come from Judge(): forced 重大 with reasons, or neither", "judgement");
  }
  return Status::Ok();
}

}  // namespace

Status ValidateJhaRecord(const JhaRecord& r) {
  SAFELOOP_RETURN_IF_ERROR(CheckMethod(r.method, "JHA"));
  SAFELOOP_RETURN_IF_ERROR(internal::CheckText(r.risk_point, "risk_point", "风险点", kMaxNameChars, true));
  SAFELOOP_RETURN_IF_ERROR(internal::CheckText(r.post, "post", "岗位", kMaxNameChars, false));
  SAFELOOP_RETURN_IF_ERROR(internal::CheckText(r.activity, "activity", "作业活动", kMaxNameChars, true));
  SAFELOOP_RETURN_IF_ERROR(internal::CheckText(r.record_no, "record_no", "记录编号", kMaxRecordNoChars, false));
  if (!r.accident_type_version.empty()) {
    Result<AccidentTypeList> list = AccidentTypesOf(r.accident_type_version);
    if (!list.ok()) return InvalidArgument(list.status().message(), list.status().field());
  }
  if (r.steps.empty() || r.steps.size() > kJhaMaxSteps) {
    return InvalidArgument("steps must hold 1 to " + std::to_string(kJhaMaxSteps) + " job steps (about " +
                               std::to_string(kJhaAdvisedMaxSteps) + " is advised; split a longer job); got " +
                               std::to_string(r.steps.size()),
                           "steps");
  }
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const JhaStep& step = r.steps[i];
    std::string sp = "steps[" + std::to_string(i) + "]";
    SAFELOOP_RETURN_IF_ERROR(CheckSeq(step.seq, i, sp + ".seq"));
    SAFELOOP_RETURN_IF_ERROR(internal::CheckText(step.step, sp + ".step", "作业步骤", kMaxTextChars, true));
    if (step.hazards.empty() || step.hazards.size() > kJhaMaxHazardsPerStep) {
      return InvalidArgument(sp + ".hazards must hold 1 to " + std::to_string(kJhaMaxHazardsPerStep) +
                                 " hazards or potential events; got " + std::to_string(step.hazards.size()),
                             sp + ".hazards");
    }
    for (std::size_t j = 0; j < step.hazards.size(); ++j) {
      const JhaHazard& h = step.hazards[j];
      std::string hp = At(sp, "hazards", j);
      SAFELOOP_RETURN_IF_ERROR(internal::CheckText(h.hazard, hp + ".hazard", "危害或潜在事件", kMaxTextChars, true));
      SAFELOOP_RETURN_IF_ERROR(internal::CheckText(h.consequence, hp + ".consequence", "主要后果", kMaxTextChars, true));
      SAFELOOP_RETURN_IF_ERROR(CheckAccidentTypes(h.accident_types, r.accident_type_version, hp + ".accident_types"));
      SAFELOOP_RETURN_IF_ERROR(CheckAssessment(h.assessment, r.method, hp));
    }
  }
  return CheckSignatures(r.signatures);
}

Status ValidateSclRecord(const SclRecord& r) {
  SAFELOOP_RETURN_IF_ERROR(CheckMethod(r.method, "SCL"));
  SAFELOOP_RETURN_IF_ERROR(internal::CheckText(r.risk_point, "risk_point", "风险点", kMaxNameChars, true));
  SAFELOOP_RETURN_IF_ERROR(internal::CheckText(r.equipment, "equipment", "设备设施名称", kMaxNameChars, true));
  SAFELOOP_RETURN_IF_ERROR(internal::CheckText(r.record_no, "record_no", "记录编号", kMaxRecordNoChars, false));
  if (!r.accident_type_version.empty()) {
    Result<AccidentTypeList> list = AccidentTypesOf(r.accident_type_version);
    if (!list.ok()) return InvalidArgument(list.status().message(), list.status().field());
  }
  if (r.items.empty() || r.items.size() > kSclMaxItems) {
    return InvalidArgument("items must hold 1 to " + std::to_string(kSclMaxItems) + " check items; got " +
                               std::to_string(r.items.size()),
                           "items");
  }
  for (std::size_t i = 0; i < r.items.size(); ++i) {
    const SclItem& item = r.items[i];
    std::string ip = "items[" + std::to_string(i) + "]";
    SAFELOOP_RETURN_IF_ERROR(CheckSeq(item.seq, i, ip + ".seq"));
    SAFELOOP_RETURN_IF_ERROR(internal::CheckText(item.check_item, ip + ".check_item", "检查项目", kMaxTextChars, true));
    SAFELOOP_RETURN_IF_ERROR(internal::CheckText(item.standard, ip + ".standard", "标准", kMaxTextChars, true));
    SAFELOOP_RETURN_IF_ERROR(
        internal::CheckText(item.deviation, ip + ".deviation", "不符合标准情况", kMaxTextChars, true));
    SAFELOOP_RETURN_IF_ERROR(internal::CheckText(item.consequence, ip + ".consequence", "后果", kMaxTextChars, true));
    SAFELOOP_RETURN_IF_ERROR(CheckAccidentTypes(item.accident_types, r.accident_type_version, ip + ".accident_types"));
    SAFELOOP_RETURN_IF_ERROR(CheckAssessment(item.assessment, r.method, ip));
  }
  return CheckSignatures(r.signatures);
}

Result<JhaEvaluation> EvaluateJha(const JhaRecord& record, const ScoringStandard& standard,
                                  const GradedControlRule& rule, const Judgement& judgement) {
  SAFELOOP_RETURN_IF_ERROR(ValidateJhaRecord(record));
  SAFELOOP_RETURN_IF_ERROR(ValidateGradedControlRule(rule));
  SAFELOOP_RETURN_IF_ERROR(CheckJudgement(judgement));
  JhaEvaluation out;
  std::vector<std::string> advice;
  for (std::size_t i = 0; i < record.steps.size(); ++i) {
    const JhaStep& step = record.steps[i];
    JhaStepEvaluation step_eval;
    for (std::size_t j = 0; j < step.hazards.size(); ++j) {
      std::string path = At("steps[" + std::to_string(i) + "]", "hazards", j);
      Result<RowEvaluation> row = EvaluateRow(step.hazards[j].assessment, record.method, standard, rule, path);
      if (!row.ok()) return row.status();
      AdviseMeasures(step.hazards[j].assessment, *row, path, advice);
      step_eval.level = Stricter(step_eval.level, row->residual.level);
      step_eval.hazards.push_back(std::move(*row));
    }
    out.steps.push_back(std::move(step_eval));
  }
  std::vector<const RowEvaluation*> rows;
  for (const JhaStepEvaluation& step : out.steps) {
    for (const RowEvaluation& row : step.hazards) rows.push_back(&row);
  }
  Result<PointEvaluation> point = RollUp(rows, rule, judgement);
  if (!point.ok()) return point.status();
  out.point = std::move(*point);
  if (record.steps.size() > kJhaAdvisedMaxSteps) {
    out.point.advice.push_back("the job has " + std::to_string(record.steps.size()) + " steps, more than the advised " +
                               std::to_string(kJhaAdvisedMaxSteps) + "; consider splitting the 作业活动");
  }
  out.point.advice.insert(out.point.advice.end(), advice.begin(), advice.end());
  return out;
}

Result<SclEvaluation> EvaluateScl(const SclRecord& record, const ScoringStandard& standard,
                                  const GradedControlRule& rule, const Judgement& judgement) {
  SAFELOOP_RETURN_IF_ERROR(ValidateSclRecord(record));
  SAFELOOP_RETURN_IF_ERROR(ValidateGradedControlRule(rule));
  SAFELOOP_RETURN_IF_ERROR(CheckJudgement(judgement));
  SclEvaluation out;
  std::vector<std::string> advice;
  for (std::size_t i = 0; i < record.items.size(); ++i) {
    std::string path = "items[" + std::to_string(i) + "]";
    Result<RowEvaluation> row = EvaluateRow(record.items[i].assessment, record.method, standard, rule, path);
    if (!row.ok()) return row.status();
    AdviseMeasures(record.items[i].assessment, *row, path, advice);
    out.items.push_back(std::move(*row));
  }
  std::vector<const RowEvaluation*> rows;
  for (const RowEvaluation& row : out.items) rows.push_back(&row);
  Result<PointEvaluation> point = RollUp(rows, rule, judgement);
  if (!point.ok()) return point.status();
  out.point = std::move(*point);
  out.point.advice = std::move(advice);
  return out;
}

}  // namespace safeloop::risk
