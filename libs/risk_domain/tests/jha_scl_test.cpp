#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "safeloop/risk_domain/jha_scl.hpp"

using namespace safeloop;
using namespace safeloop::risk;
using namespace std::chrono;

using T = ControlTier;

namespace {

ControlMeasureSet Measures(std::vector<std::string> engineering, std::vector<std::string> management,
                           std::vector<std::string> ppe = {}, std::vector<std::string> emergency = {}) {
  ControlMeasureSet set;
  set.Of(ControlClass::kEngineering) = std::move(engineering);
  set.Of(ControlClass::kManagement) = std::move(management);
  set.Of(ControlClass::kPersonalProtection) = std::move(ppe);
  set.Of(ControlClass::kEmergency) = std::move(emergency);
  return set;
}

ControlMeasureSet NoMeasures() {
  ControlMeasureSet set;
  set.none = true;
  return set;
}

JhaHazard Hazard(std::string hazard, std::string consequence, std::vector<std::string> types, RowFactors residual,
                 std::optional<RowFactors> inherent, ControlMeasureSet existing) {
  JhaHazard h;
  h.hazard = std::move(hazard);
  h.consequence = std::move(consequence);
  h.accident_types = std::move(types);
  h.assessment.existing_controls = std::move(existing);
  h.assessment.residual = residual;
  h.assessment.inherent = inherent;
  return h;
}

// A tank dewatering job scored with LEC (D = L × E × C).
JhaRecord TankDewatering() {
  JhaRecord r;
  r.risk_point = "1#储罐区";
  r.post = "罐区操作工";
  r.activity = "储罐切水作业";
  r.record_no = "JHA-2026-001";
  r.method = ScoringMethod::kLec;
  r.accident_type_version = "GB 6441-2025";

  JhaStep prepare{1, "作业前准备", {}};
  // D = 1×6×3 = 18 (低, grade 5); inherent 3×6×3 = 54 (低).
  prepare.hazards.push_back(Hazard("未佩戴防护用品", "接触油品灼伤", {"灼烫"}, {1, 6, 3}, RowFactors{3, 6, 3},
                                   Measures({}, {"执行切水操作规程"}, {"佩戴防护手套、护目镜"})));
  JhaStep open{2, "打开切水阀", {}};
  // D = 3×6×15 = 270 (较大, grade 2); inherent 6×6×15 = 540 (重大).
  JhaHazard oil = Hazard("切水带油，油品泄漏遇点火源", "火灾、爆炸", {"火灾", "可燃液体蒸气爆炸"}, {3, 6, 15},
                         RowFactors{6, 6, 15}, Measures({"切水器自动切水"}, {}, {}, {"现场配备灭火器"}));
  oil.assessment.proposed_measures.Of(ControlClass::kEngineering) = {"增设可燃气体检测报警"};
  open.hazards.push_back(oil);
  // D = 1×6×7 = 42 (低), no controls at all.
  open.hazards.push_back(Hazard("硫化氢逸出", "人员中毒", {"中毒"}, {1, 6, 7}, std::nullopt, NoMeasures()));
  JhaStep close{3, "关闭切水阀并检查", {}};
  close.hazards.push_back(
      Hazard("阀门关闭不严", "油品泄漏", {"泄漏"}, {1, 6, 7}, std::nullopt, Measures({}, {"关阀后复查"})));
  r.steps = {prepare, open, close};
  return r;
}

SclItem Item(int seq, std::string check, RowFactors residual, std::optional<RowFactors> inherent) {
  SclItem item;
  item.seq = seq;
  item.check_item = std::move(check);
  item.standard = "设备完好，安全附件齐全有效";
  item.deviation = "安全附件失效";
  item.consequence = "超压泄漏，遇点火源引发火灾";
  item.accident_types = {"泄漏", "火灾"};
  item.assessment.existing_controls = Measures({}, {"每日巡检"});
  item.assessment.residual = residual;
  item.assessment.inherent = inherent;
  return item;
}

// A storage tank checklist scored with LS (R = L × S).
SclRecord StorageTank() {
  SclRecord r;
  r.risk_point = "1#储罐区";
  r.equipment = "1# 原油储罐";
  r.method = ScoringMethod::kLs;
  r.accident_type_version = "GB 6441-2025";
  r.items = {Item(1, "液位计", {2, std::nullopt, 4}, std::nullopt),        // R = 8: 低, grade 4
             Item(2, "呼吸阀", {3, std::nullopt, 5}, RowFactors{4, std::nullopt, 5})};  // R = 15 较大; inherent 20 重大
  r.items[1].assessment.proposed_measures.Of(ControlClass::kManagement) = {"呼吸阀每季度校验"};
  return r;
}

Judgement NoJudgement() { return {}; }

Judgement Forced() {
  PointFacts facts;
  facts.unrectified_major_accident_hazard = true;
  return Judge(DefaultJudgementRules(), facts).value();
}

}  // namespace

TEST_CASE("JHA: rows are scored, levelled, tiered and rolled up to the point") {
  JhaRecord record = TankDewatering();
  REQUIRE(ValidateJhaRecord(record).ok());
  auto eval = EvaluateJha(record, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement());
  REQUIRE(eval.ok());
  REQUIRE(eval->steps.size() == 3);

  const RowEvaluation& gloves = eval->steps[0].hazards[0];
  CHECK(gloves.residual.value == 18);
  CHECK(gloves.residual.grade == 5);
  CHECK(gloves.residual.level == RiskLevel::kLow);
  REQUIRE(gloves.inherent.has_value());
  CHECK(gloves.inherent->value == 54);
  CHECK(gloves.tier == T::kTeam);
  CHECK(gloves.controlling_tiers == std::vector<T>{T::kTeam, T::kPost});

  const RowEvaluation& oil = eval->steps[1].hazards[0];
  CHECK(oil.residual.value == 270);
  CHECK(oil.residual.grade == 2);
  CHECK(oil.residual.level == RiskLevel::kHigh);
  CHECK(oil.inherent->value == 540);
  CHECK(oil.inherent->level == RiskLevel::kMajor);
  CHECK(oil.tier == T::kDepartment);
  CHECK(oil.controlling_tiers == std::vector<T>{T::kDepartment, T::kWorkshop, T::kTeam, T::kPost});

  const RowEvaluation& h2s = eval->steps[1].hazards[1];
  CHECK(h2s.residual.value == 42);
  CHECK_FALSE(h2s.inherent.has_value());

  CHECK(eval->steps[0].level == RiskLevel::kLow);
  CHECK(eval->steps[1].level == RiskLevel::kHigh);  // the step takes its highest hazard
  CHECK(eval->steps[2].level == RiskLevel::kLow);

  const PointEvaluation& point = eval->point;
  CHECK(point.scored_level == RiskLevel::kHigh);  // 从严从高: the highest row
  CHECK(point.inherent_level == RiskLevel::kMajor);
  CHECK_FALSE(point.judgement.forced());
  CHECK(point.level == RiskLevel::kHigh);
  CHECK(point.tier == T::kDepartment);
  CHECK(point.controlling_tiers == std::vector<T>{T::kDepartment, T::kWorkshop, T::kTeam, T::kPost});
  CHECK(point.advice.empty());
}

TEST_CASE("JHA: a judgement rule forces 重大 over the roll-up and lifts the tier") {
  auto eval = EvaluateJha(TankDewatering(), DefaultScoringStandard(), DefaultGradedControlRule(), Forced());
  REQUIRE(eval.ok());
  CHECK(eval->point.scored_level == RiskLevel::kHigh);
  CHECK(eval->point.level == RiskLevel::kMajor);
  REQUIRE(eval->point.judgement.reasons.size() == 1);
  CHECK(eval->point.judgement.reasons[0].text_zh == "存在未整改的重大事故隐患");
  CHECK(eval->point.tier == T::kCompany);
  CHECK(eval->point.controlling_tiers.front() == T::kCompany);
  CHECK(eval->point.controlling_tiers.size() == 5);
  // Rows keep their own scores.
  CHECK(eval->steps[1].hazards[0].residual.level == RiskLevel::kHigh);

  Judgement inconsistent;
  inconsistent.forced_level = RiskLevel::kMajor;  // without reasons
  auto refused = EvaluateJha(TankDewatering(), DefaultScoringStandard(), DefaultGradedControlRule(), inconsistent);
  CHECK(refused.status().field() == "judgement");
}

TEST_CASE("JHA: the residual score may not be higher than the inherent one") {
  JhaRecord record = TankDewatering();
  record.steps[0].hazards[0].assessment.inherent = RowFactors{1, 3, 3};  // 9 < residual 18
  auto eval = EvaluateJha(record, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement());
  CHECK(eval.status().code() == StatusCode::kInvalidArgument);
  CHECK(eval.status().field() == "steps[0].hazards[0].residual");
  CHECK(eval.status().message() ==
        "steps[0].hazards[0]: the residual D = 18 is higher than the inherent D = 9; the current controls cannot "
        "raise a risk, so re-check the factors of both");
  // Equal is fine: the controls did not change the score.
  record.steps[0].hazards[0].assessment.inherent = RowFactors{1, 6, 3};
  CHECK(EvaluateJha(record, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement()).ok());
}

TEST_CASE("JHA: the five-tier rule uses the method's grades") {
  auto eval = EvaluateJha(TankDewatering(), DefaultScoringStandard(), FiveTierGradedControlRule(), NoJudgement());
  REQUIRE(eval.ok());
  CHECK(eval->steps[0].hazards[0].tier == T::kPost);        // D = 18, grade 5
  CHECK(eval->steps[1].hazards[0].tier == T::kDepartment);  // D = 270, grade 2
  CHECK(eval->steps[1].hazards[1].tier == T::kTeam);        // D = 42, grade 4
  CHECK(eval->point.tier == T::kDepartment);
}

TEST_CASE("JHA: an assessor may raise a row's tier but never lower it") {
  JhaRecord record = TankDewatering();
  record.steps[1].hazards[0].assessment.assigned_tier = T::kCompany;  // 较大 at 公司级 is allowed by §1.8
  auto eval = EvaluateJha(record, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement());
  REQUIRE(eval.ok());
  CHECK(eval->steps[1].hazards[0].tier == T::kCompany);
  CHECK(eval->point.tier == T::kCompany);

  record.steps[1].hazards[0].assessment.assigned_tier = T::kWorkshop;
  auto lowered = EvaluateJha(record, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement());
  CHECK(lowered.status().field() == "steps[1].hazards[0].assigned_tier");
  CHECK(lowered.status().message() ==
        "steps[1].hazards[0].assigned_tier 车间级 is lower than 部门级, which the graded-control rule gives 较大风险; "
        "a tier may be raised, never lowered");

  GradedControlRule no_department;
  no_department.tiers = {T::kCompany, T::kWorkshop, T::kTeam, T::kPost};
  no_department.tier_by_level = {T::kCompany, T::kWorkshop, T::kWorkshop, T::kTeam};
  no_department.tier_by_grade = {T::kCompany, T::kWorkshop, T::kWorkshop, T::kTeam, T::kPost};
  record.steps[1].hazards[0].assessment.assigned_tier = T::kDepartment;
  CHECK(EvaluateJha(record, DefaultScoringStandard(), no_department, NoJudgement()).status().field() ==
        "steps[1].hazards[0].assigned_tier");
}

TEST_CASE("JHA: the enterprise's scoring standard is used") {
  ScoringStandard standard = DefaultScoringStandard();
  standard.lec.band_variant = "V2";
  JhaRecord record = TankDewatering();
  record.steps[2].hazards[0].assessment.residual = {1, 10, 7};  // D = 70: 低 under V1, 一般 under V2
  auto v2 = EvaluateJha(record, standard, DefaultGradedControlRule(), NoJudgement());
  REQUIRE(v2.ok());
  CHECK(v2->steps[2].hazards[0].residual.level == RiskLevel::kMedium);
  CHECK(v2->steps[2].hazards[0].tier == T::kWorkshop);
  auto v1 = EvaluateJha(record, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement());
  CHECK(v1->steps[2].hazards[0].residual.level == RiskLevel::kLow);

  record.steps[1].hazards[0].assessment.residual = {3, 6, 20};  // C = 20 is not in the table
  auto bad = EvaluateJha(record, standard, DefaultGradedControlRule(), NoJudgement());
  CHECK(bad.status().field() == "steps[1].hazards[0].residual.c");
  CHECK(bad.status().message() ==
        "steps[1].hazards[0].residual: c (发生事故产生的后果 C) must be one of 100, 40, 15, 7, 3, 1; got 20");
  record.steps[1].hazards[0].assessment.residual = {3, 6, 15};
  record.steps[1].hazards[0].assessment.inherent = RowFactors{4, 6, 15};
  CHECK(EvaluateJha(record, standard, DefaultGradedControlRule(), NoJudgement()).status().field() ==
        "steps[1].hazards[0].inherent.l");
}

TEST_CASE("JHA: advice for long jobs and for high risks without new measures") {
  JhaRecord record = TankDewatering();
  record.steps[1].hazards[0].assessment.proposed_measures = {};
  for (int i = 4; i <= 11; ++i) {
    JhaStep extra{i, "后续步骤 " + std::to_string(i), {}};
    extra.hazards.push_back(Hazard("滑倒", "摔伤", {"跌落"}, {1, 6, 1}, std::nullopt, Measures({}, {"保持地面清洁"})));
    record.steps.push_back(extra);
  }
  auto eval = EvaluateJha(record, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement());
  REQUIRE(eval.ok());
  REQUIRE(eval->point.advice.size() == 2);
  CHECK(eval->point.advice[0] == "the job has 11 steps, more than the advised 10; consider splitting the 作业活动");
  CHECK(eval->point.advice[1] ==
        "steps[1].hazards[0] is 较大风险 but proposes no new or improved measures (建议新增(改进)措施)");
}

TEST_CASE("JHA: record validation names the field") {
  struct Case {
    const char* name;
    void (*mutate)(JhaRecord&);
    const char* field;
  };
  const Case cases[] = {
      {"MES is not a JHA method", [](JhaRecord& r) { r.method = ScoringMethod::kMes; }, "method"},
      {"risk point", [](JhaRecord& r) { r.risk_point = " "; }, "risk_point"},
      {"activity", [](JhaRecord& r) { r.activity = ""; }, "activity"},
      {"no steps", [](JhaRecord& r) { r.steps.clear(); }, "steps"},
      {"too many steps",
       [](JhaRecord& r) {
         while (r.steps.size() < 31) {
           JhaStep s = r.steps.back();
           s.seq = static_cast<int>(r.steps.size()) + 1;
           r.steps.push_back(s);
         }
       },
       "steps"},
      {"a gap in 序号", [](JhaRecord& r) { r.steps[1].seq = 3; }, "steps[1].seq"},
      {"序号 from 0", [](JhaRecord& r) { r.steps[0].seq = 0; }, "steps[0].seq"},
      {"swapped steps", [](JhaRecord& r) { std::swap(r.steps[1], r.steps[2]); }, "steps[1].seq"},
      {"blank step", [](JhaRecord& r) { r.steps[2].step = "\xE3\x80\x80"; }, "steps[2].step"},
      {"a step without hazards", [](JhaRecord& r) { r.steps[2].hazards.clear(); }, "steps[2].hazards"},
      {"blank hazard", [](JhaRecord& r) { r.steps[0].hazards[0].hazard = ""; }, "steps[0].hazards[0].hazard"},
      {"blank consequence", [](JhaRecord& r) { r.steps[1].hazards[1].consequence = "\n"; },
       "steps[1].hazards[1].consequence"},
      {"no existing controls", [](JhaRecord& r) { r.steps[2].hazards[0].assessment.existing_controls = {}; },
       "steps[2].hazards[0].existing_controls"},
      {"none and measures",
       [](JhaRecord& r) { r.steps[1].hazards[1].assessment.existing_controls.Of(ControlClass::kTraining) = {"培训"}; },
       "steps[1].hazards[1].existing_controls.none"},
      {"blank proposed measure",
       [](JhaRecord& r) { r.steps[1].hazards[0].assessment.proposed_measures.Of(ControlClass::kEmergency) = {""}; },
       "steps[1].hazards[0].proposed_measures.emergency[0]"},
      {"LEC without E", [](JhaRecord& r) { r.steps[0].hazards[0].assessment.residual.e.reset(); },
       "steps[0].hazards[0].residual.e"},
      {"inherent without E", [](JhaRecord& r) { r.steps[0].hazards[0].assessment.inherent->e.reset(); },
       "steps[0].hazards[0].inherent.e"},
      {"unknown accident type", [](JhaRecord& r) { r.steps[0].hazards[0].accident_types = {"车辆伤害"}; },
       "steps[0].hazards[0].accident_types[0]"},
      {"types without a version", [](JhaRecord& r) { r.accident_type_version = ""; }, "accident_type_version"},
      {"unknown version", [](JhaRecord& r) { r.accident_type_version = "GB 6441"; }, "accident_type_version"},
      {"signature without date", [](JhaRecord& r) { r.signatures.analyst.name = "张三"; }, "signatures.analyst"},
      {"reviewer before analyst",
       [](JhaRecord& r) { r.signatures.reviewer = {"李四", year{2026} / March / 2}; }, "signatures.reviewer"},
      {"approval before review",
       [](JhaRecord& r) {
         r.signatures.analyst = {"张三", year{2026} / March / 1};
         r.signatures.reviewer = {"李四", year{2026} / March / 3};
         r.signatures.approver = {"王五", year{2026} / March / 2};
       },
       "signatures.approver.date"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    JhaRecord record = TankDewatering();
    c.mutate(record);
    Status status = ValidateJhaRecord(record);
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.field() == c.field);
    CHECK_FALSE(EvaluateJha(record, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement()).ok());
  }
  JhaRecord signed_record = TankDewatering();
  signed_record.signatures.analyst = {"张三", year{2026} / March / 1};
  signed_record.signatures.reviewer = {"李四", year{2026} / March / 1};
  signed_record.signatures.approver = {"王五", year{2026} / March / 5};
  CHECK(ValidateJhaRecord(signed_record).ok());
  JhaRecord gap = TankDewatering();
  gap.steps[1].seq = 3;
  CHECK(ValidateJhaRecord(gap).message() ==
        "steps[1].seq must be 2 (rows are numbered 1, 2, 3 … in their real order); got 3");
  JhaRecord mes = TankDewatering();
  mes.method = ScoringMethod::kMes;
  CHECK(ValidateJhaRecord(mes).message() == "JHA records are scored with LEC or LS; got MES");
}

TEST_CASE("JHA: a record scored with LS leaves E out") {
  JhaRecord record = TankDewatering();
  record.method = ScoringMethod::kLs;
  for (JhaStep& step : record.steps) {
    for (JhaHazard& h : step.hazards) {
      h.assessment.residual = {2, std::nullopt, 3};
      h.assessment.inherent.reset();
    }
  }
  record.steps[1].hazards[0].assessment.residual = {4, std::nullopt, 4};  // R = 16: 较大
  auto eval = EvaluateJha(record, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement());
  REQUIRE(eval.ok());
  CHECK(eval->steps[0].hazards[0].residual.value == 6);
  CHECK(eval->point.scored_level == RiskLevel::kHigh);
  CHECK(eval->point.inherent_level == RiskLevel::kUnassessed);  // no row carries an inherent score

  record.steps[0].hazards[0].assessment.residual.e = 6;
  Status status = ValidateJhaRecord(record);
  CHECK(status.field() == "steps[0].hazards[0].residual.e");
  CHECK(status.message() == "steps[0].hazards[0].residual.e must be left out under LS (R = L × S has no E)");
}

TEST_CASE("SCL: items are scored with LS and rolled up") {
  SclRecord record = StorageTank();
  REQUIRE(ValidateSclRecord(record).ok());
  auto eval = EvaluateScl(record, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement());
  REQUIRE(eval.ok());
  REQUIRE(eval->items.size() == 2);
  CHECK(eval->items[0].residual.value == 8);
  CHECK(eval->items[0].residual.level == RiskLevel::kLow);
  CHECK(eval->items[0].residual.grade == 4);
  CHECK(eval->items[0].tier == T::kTeam);
  CHECK(eval->items[1].residual.value == 15);
  CHECK(eval->items[1].residual.level == RiskLevel::kHigh);
  CHECK(eval->items[1].inherent->level == RiskLevel::kMajor);
  CHECK(eval->point.scored_level == RiskLevel::kHigh);
  CHECK(eval->point.inherent_level == RiskLevel::kMajor);
  CHECK(eval->point.level == RiskLevel::kHigh);
  CHECK(eval->point.tier == T::kDepartment);
  CHECK(eval->point.advice.empty());

  // Variant B of the enterprise: 8 is 一般 there.
  ScoringStandard b = DefaultScoringStandard();
  b.ls.band_variant = "B";
  auto under_b = EvaluateScl(record, b, DefaultGradedControlRule(), NoJudgement());
  REQUIRE(under_b.ok());
  CHECK(under_b->items[0].residual.level == RiskLevel::kMedium);
  CHECK(under_b->items[0].residual.grade == 0);
  CHECK(under_b->items[0].tier == T::kWorkshop);

  // A forced 重大.
  auto forced = EvaluateScl(record, DefaultScoringStandard(), DefaultGradedControlRule(), Forced());
  CHECK(forced->point.level == RiskLevel::kMajor);
  CHECK(forced->point.tier == T::kCompany);
}

TEST_CASE("SCL: validation and scoring errors") {
  struct Case {
    const char* name;
    void (*mutate)(SclRecord&);
    const char* field;
  };
  const Case cases[] = {
      {"equipment", [](SclRecord& r) { r.equipment = ""; }, "equipment"},
      {"no items", [](SclRecord& r) { r.items.clear(); }, "items"},
      {"序号", [](SclRecord& r) { r.items[1].seq = 1; }, "items[1].seq"},
      {"check item", [](SclRecord& r) { r.items[0].check_item = ""; }, "items[0].check_item"},
      {"standard", [](SclRecord& r) { r.items[0].standard = " "; }, "items[0].standard"},
      {"deviation", [](SclRecord& r) { r.items[1].deviation = ""; }, "items[1].deviation"},
      {"consequence", [](SclRecord& r) { r.items[1].consequence = ""; }, "items[1].consequence"},
      {"controls", [](SclRecord& r) { r.items[1].assessment.existing_controls = {}; }, "items[1].existing_controls"},
      {"E under LS", [](SclRecord& r) { r.items[0].assessment.residual.e = 3; }, "items[0].residual.e"},
      {"E missing under LEC", [](SclRecord& r) { r.method = ScoringMethod::kLec; }, "items[0].residual.e"},
      {"1986 type under 2025", [](SclRecord& r) { r.items[0].accident_types = {"其它爆炸"}; },
       "items[0].accident_types[0]"},
      {"bad UTF-8", [](SclRecord& r) { r.items[0].standard = "\xC3"; }, "items[0].standard"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    SclRecord record = StorageTank();
    c.mutate(record);
    Status status = ValidateSclRecord(record);
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.field() == c.field);
  }
  SclRecord too_many = StorageTank();
  while (too_many.items.size() <= kSclMaxItems) {
    too_many.items.push_back(Item(static_cast<int>(too_many.items.size()) + 1, "附件", {1, std::nullopt, 1},
                                  std::nullopt));
  }
  CHECK(ValidateSclRecord(too_many).field() == "items");

  SclRecord worse = StorageTank();
  worse.items[1].assessment.inherent = RowFactors{2, std::nullopt, 5};  // 10 < residual 15
  auto eval = EvaluateScl(worse, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement());
  CHECK(eval.status().field() == "items[1].residual");
  CHECK(eval.status().message().find("the residual R = 15 is higher than the inherent R = 10") != std::string::npos);

  SclRecord out_of_table = StorageTank();
  out_of_table.items[0].assessment.residual = {6, std::nullopt, 1};
  CHECK(EvaluateScl(out_of_table, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement())
            .status()
            .field() == "items[0].residual.l");

  SclRecord lec = StorageTank();
  lec.method = ScoringMethod::kLec;
  lec.items[0].assessment.residual = {1, 6, 7};
  lec.items[1].assessment.residual = {3, 6, 15};
  lec.items[1].assessment.inherent = RowFactors{6, 6, 15};
  auto with_lec = EvaluateScl(lec, DefaultScoringStandard(), DefaultGradedControlRule(), NoJudgement());
  REQUIRE(with_lec.ok());
  CHECK(with_lec->items[1].residual.value == 270);
  CHECK(with_lec->point.level == RiskLevel::kHigh);
}
