#include "safeloop/risk_domain/scoring_standard.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "text_checks.hpp"

namespace safeloop::risk {
namespace {

constexpr std::array<std::string_view, 3> kLecFields = {"l", "e", "c"};
constexpr std::array<std::string_view, 2> kLsFields = {"l", "s"};
constexpr std::array<std::string_view, 3> kMesFields = {"m", "e", "s"};

constexpr long kMaxNameChars = 50;
constexpr long kMaxLabelChars = 100;
constexpr long kMaxCriterionChars = 1000;

std::string Prefix(ScoringMethod method) {
  switch (method) {
    case ScoringMethod::kLec: return "lec";
    case ScoringMethod::kLs: return "ls";
    case ScoringMethod::kMes: return "mes";
  }
  return "method";
}

// Tenths of a value with at most one decimal, or -1 (the one precision every table value must have).
std::int64_t ExactTenths(double value) {
  if (!std::isfinite(value)) return -1;
  double scaled = value * 10;
  std::int64_t tenths = std::llround(scaled);
  return std::fabs(scaled - static_cast<double>(tenths)) < 1e-6 ? tenths : -1;
}

std::string Number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

FactorTable Table(std::string field, std::string name_zh, std::vector<ValueOption> options) {
  return {std::move(field), std::move(name_zh), std::move(options)};
}

// The national tables with the Chinese wording of §1.2–§1.4. Labels paraphrase the standards (the notes
// only quote short labels); money amounts are the notes' examples and stay enterprise configuration.
MethodStandard DefaultLec() {
  MethodStandard s;
  s.method = ScoringMethod::kLec;
  s.band_variant = std::string(LecBandVariantName(LecBandVariant::kV1));
  s.factors = {
      Table("l", "事故发生的可能性 L",
            {{10, "完全可以预料", ""},
             {6, "相当可能", ""},
             {3, "可能，但不经常", ""},
             {1, "可能性小，完全意外", ""},
             {0.5, "很不可能，可以设想", ""},
             {0.2, "极不可能", ""},
             {0.1, "实际不可能", ""}}),
      Table("e", "暴露于危险环境的频繁程度 E",
            {{10, "连续暴露", ""},
             {6, "每天工作时间内暴露", ""},
             {3, "每周一次或偶然暴露", ""},
             {2, "每月一次暴露", "也写作每月几次"},
             {1, "每年几次暴露", ""},
             {0.5, "非常罕见地暴露", ""}}),
      Table("c", "发生事故产生的后果 C",
            {{100, "大灾难，许多人死亡", "十人以上死亡"},
             {40, "灾难，数人死亡", "数人死亡（3–9 人）"},
             {15, "非常严重，一人死亡", "1 人死亡（有的变体为 1–2 人）"},
             {7, "严重，重伤", "严重伤残"},
             {3, "重大，致残", "有伤残（致残）"},
             {1, "引人注目，需要救护", "轻伤，需救护"}}),
  };
  return s;
}

MethodStandard DefaultLs() {
  MethodStandard s;
  s.method = ScoringMethod::kLs;
  s.band_variant = std::string(LsBandVariantName(LsBandVariant::kA));
  s.factors = {
      Table("l", "事故发生的可能性 L",
            {{5, "无防控措施或危害无法察觉",
              "无任何预防、监测、保护或控制措施；或危害无法被察觉（无监测）；或在正常作业中经常发生此类事件。"
              "取任一描述相符的最高值。"},
             {4, "危害难以察觉或措施未有效执行",
              "危害难以察觉：无检测系统且从未监测；或有控制措施但未有效执行或不适用；或危害经常发生或预期会发生。"},
             {3, "无防护或未严格执行规程",
              "无防护（无防护装置、无个体防护用品），或未严格执行操作规程；或危害易被察觉（有监测）或曾被监测到；"
              "或过去曾发生类似事件，或在异常情况下发生。"},
             {2, "能及时发现且预防措施有效",
              "危害发生时能及时发现并定期监测；或有效的预防控制措施已落实；或过去仅偶尔发生。"},
             {1, "措施充分有效，极不可能发生",
              "有充分、有效的预防、控制、监测和保护措施；或员工安全意识很高，严格执行操作规程；极不可能发生事件。"}}),
      Table("s", "事故后果严重性 S",
            {{5, "死亡、火灾爆炸、群体中毒、全部丧失劳动能力",
              "法规：严重违法；财产损失：如 50 万元以上（示例金额）；环境/声誉：重大（全国性）影响或污染。"
              "取各维度中最高值。"},
             {4, "截肢、严重骨折、中毒、职业性癌症、永久丧失部分功能",
              "法规：违法或潜在违法；财产损失：如 25 万元以上（示例金额）；环境/声誉：行业或省内影响。"},
             {3, "割伤、烧伤、脑震荡、轻度骨折、耳聋、皮炎、哮喘、轻度永久性损伤",
              "法规：违反集团或行业规定；财产损失：如 1 万元及以上（示例金额）；环境/声誉：区域影响、局部污染。"},
             {2, "轻微伤害、暂时不适",
              "法规：违反公司规程；财产损失：如 1 万元以下（示例金额）；环境/声誉：限于公司内部及周边。"},
             {1, "无伤害", "法规：完全符合；财产损失：无；环境/声誉：无影响。"}}),
  };
  return s;
}

MethodStandard DefaultMes() {
  MethodStandard s;
  s.method = ScoringMethod::kMes;
  s.band_variant = std::string(kMesDefaultBandVariant);
  s.factors = {
      Table("m", "控制措施的状态 M",
            {{5, "无控制措施", ""},
             {3, "仅有减轻后果的应急措施", "如报警系统、个体防护用品"},
             {1, "有预防性措施且有效", "如机械防护、联锁装置，须保证有效"}}),
      Table("e", "暴露或危险状态出现的频繁程度 E",
            {{10, "连续暴露 / 常态存在", "E1 人员：在岗位上连续暴露整个 8 h；E2 危险状态：常态存在"},
             {6, "每天工作时间内", "E1 人员：每 8 h 暴露一次至数次；E2 危险状态：每天工作时间内出现"},
             {3, "每周一次或偶然", "E1 人员、E2 危险状态：每周一次或偶然"},
             {2, "每月一次", "E1 人员、E2 危险状态：每月一次"},
             {1, "每年几次", "E1 人员、E2 危险状态：每年几次"},
             {0.5, "更少", "E1 人员、E2 危险状态：比每年几次更少"}}),
      Table("s", "事故的可能后果 S",
            {{10, "多人死亡", "财产损失：1000 万元以上；环境：大量失控泄漏。取各列中最高值。"},
             {8, "一人死亡或多人永久失能",
              "职业病：多人患职业病；财产损失：100 万–1000 万元；环境：中等失控泄漏"},
             {4, "一人永久失能", "职业病：一人患职业病；财产损失：10 万–100 万元；环境：少量失控泄漏"},
             {2, "需住院治疗，损失工作日", "职业病：职业性多发病；财产损失：1 万–10 万元；环境：局部可控泄漏"},
             {1, "轻微伤害，仅需急救", "职业病：职业因素引起的身体不适；财产损失：1 万元以下；环境：无泄漏"}}),
  };
  return s;
}

// Factor values as tenths, in factor order (the tables must be valid).
std::vector<std::vector<std::int64_t>> TenthsTables(const MethodStandard& standard) {
  std::vector<std::vector<std::int64_t>> out;
  for (const FactorTable& table : standard.factors) {
    std::vector<std::int64_t> tenths;
    for (const ValueOption& option : table.options) tenths.push_back(ExactTenths(option.value));
    out.push_back(std::move(tenths));
  }
  return out;
}

// A product of n tenths values is in units of 10^-n; scale it to thousandths (n ≤ 3).
std::int64_t ToMilli(std::int64_t product, std::size_t factor_count) {
  for (std::size_t i = factor_count; i < 3; ++i) product *= 10;
  return product;
}

Status CheckFactorTables(const MethodStandard& standard) {
  std::string prefix = Prefix(standard.method);
  std::span<const std::string_view> fields = FactorFields(standard.method);
  if (standard.factors.size() != fields.size()) {
    std::string names;
    for (std::size_t i = 0; i < fields.size(); ++i) names += (i ? ", " : "") + std::string(fields[i]);
    return InvalidArgument(prefix + ".factors must hold " + std::to_string(fields.size()) + " value tables (" +
                               names + ") for " + std::string(ScoringMethodCode(standard.method)) + "; got " +
                               std::to_string(standard.factors.size()),
                           prefix + ".factors");
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const FactorTable& table = standard.factors[i];
    std::string where = prefix + ".factors[" + std::to_string(i) + "]";
    if (table.field != fields[i]) {
      return InvalidArgument(where + ".field must be \"" + std::string(fields[i]) + "\" (the tables follow the order " +
                                 "of the method's inputs); got \"" + table.field + "\"",
                             where + ".field");
    }
    SAFELOOP_RETURN_IF_ERROR(
        internal::CheckText(table.name_zh, where + ".name_zh", "factor name", kMaxNameChars, true));
    if (table.options.empty() || table.options.size() > kMaxFactorOptions) {
      return InvalidArgument(where + ".options must hold 1 to " + std::to_string(kMaxFactorOptions) + " values; got " +
                                 std::to_string(table.options.size()),
                             where + ".options");
    }
    for (std::size_t j = 0; j < table.options.size(); ++j) {
      const ValueOption& option = table.options[j];
      std::string at = where + ".options[" + std::to_string(j) + "]";
      std::int64_t tenths = ExactTenths(option.value);
      // Zero or negative values would make products meaningless (and zero would merge every row into R = 0).
      if (!(option.value > 0) || option.value > kMaxFactorValue || tenths <= 0) {
        return InvalidArgument(at + ".value must be a positive number up to " + Number(kMaxFactorValue) +
                                   " with at most one decimal; got " + Number(option.value),
                               at + ".value");
      }
      for (std::size_t k = 0; k < j; ++k) {
        if (ExactTenths(table.options[k].value) == tenths) {
          return InvalidArgument(at + ".value " + Number(option.value) + " repeats options[" + std::to_string(k) +
                                     "]; each value may appear once",
                                 at + ".value");
        }
      }
      SAFELOOP_RETURN_IF_ERROR(internal::CheckText(option.label, at + ".label", "label", kMaxLabelChars, true));
      SAFELOOP_RETURN_IF_ERROR(
          internal::CheckText(option.criterion, at + ".criterion", "criterion", kMaxCriterionChars, false));
    }
  }
  return Status::Ok();
}

std::vector<std::int64_t> Reachable(const MethodStandard& standard) {
  std::vector<std::vector<std::int64_t>> tables = TenthsTables(standard);
  std::vector<std::int64_t> products = {1};
  for (const auto& table : tables) {
    std::vector<std::int64_t> next;
    next.reserve(products.size() * table.size());
    for (std::int64_t p : products) {
      for (std::int64_t v : table) next.push_back(p * v);
    }
    products = std::move(next);
  }
  for (std::int64_t& p : products) p = ToMilli(p, tables.size());
  std::sort(products.begin(), products.end());
  products.erase(std::unique(products.begin(), products.end()), products.end());
  return products;
}

std::string AllowedList(const FactorTable& table) {
  std::string out;
  for (std::size_t i = 0; i < table.options.size(); ++i) out += (i ? ", " : "") + Number(table.options[i].value);
  return out;
}

// Scores against an already validated standard.
Result<MethodScore> ScoreValidated(const MethodStandard& standard, std::span<const double> factors) {
  std::span<const std::string_view> fields = FactorFields(standard.method);
  if (factors.size() != fields.size()) {
    std::string names;
    for (std::size_t i = 0; i < fields.size(); ++i) names += (i ? ", " : "") + std::string(fields[i]);
    return InvalidArgument(std::string(ScoringMethodCode(standard.method)) + " takes " +
                               std::to_string(fields.size()) + " values (" + names + "); got " +
                               std::to_string(factors.size()),
                           "factors");
  }
  std::int64_t product = 1;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const FactorTable& table = standard.factors[i];
    std::int64_t tenths = -1;
    if (std::isfinite(factors[i])) {
      for (const ValueOption& option : table.options) {
        if (std::fabs(factors[i] - option.value) < 1e-9) tenths = ExactTenths(option.value);
      }
    }
    if (tenths < 0) {
      std::string field(fields[i]);
      return InvalidArgument(field + " (" + table.name_zh + ") must be one of " + AllowedList(table) + "; got " +
                                 Number(factors[i]),
                             field);
    }
    product *= tenths;
  }
  Result<ResolvedBands> bands = ResolveBands(standard);
  if (!bands.ok()) return bands.status();
  MethodScore score;
  score.method = standard.method;
  score.value_milli = ToMilli(product, fields.size());
  score.value = static_cast<double>(score.value_milli) / static_cast<double>(kMilliPerUnit);
  std::optional<RiskLevel> level = LevelInBands(bands->level, score.value_milli);
  if (!level) return Internal("validated bands left " + FormatMilli(score.value_milli) + " without a level");
  score.level = *level;
  score.grade = bands->grade.empty() ? 0 : GradeInBands(bands->grade, score.value_milli).value_or(0);
  return score;
}

}  // namespace

std::string_view ScoringMethodCode(ScoringMethod method) {
  switch (method) {
    case ScoringMethod::kLec: return "LEC";
    case ScoringMethod::kLs: return "LS";
    case ScoringMethod::kMes: return "MES";
  }
  return "";
}

std::string_view ScoringMethodNameZh(ScoringMethod method) {
  switch (method) {
    case ScoringMethod::kLec: return "作业条件危险性分析法";
    case ScoringMethod::kLs: return "风险矩阵法";
    case ScoringMethod::kMes: return "作业条件风险程度评价";
  }
  return "";
}

std::optional<ScoringMethod> ScoringMethodFromCode(std::string_view code) {
  if (code == "LEC") return ScoringMethod::kLec;
  if (code == "LS") return ScoringMethod::kLs;
  if (code == "MES") return ScoringMethod::kMes;
  return std::nullopt;
}

std::span<const std::string_view> FactorFields(ScoringMethod method) {
  switch (method) {
    case ScoringMethod::kLec: return kLecFields;
    case ScoringMethod::kLs: return kLsFields;
    case ScoringMethod::kMes: return kMesFields;
  }
  return {};
}

std::string_view ValueSymbol(ScoringMethod method) { return method == ScoringMethod::kLec ? "D" : "R"; }

MethodStandard DefaultMethodStandard(ScoringMethod method) {
  switch (method) {
    case ScoringMethod::kLec: return DefaultLec();
    case ScoringMethod::kLs: return DefaultLs();
    case ScoringMethod::kMes: return DefaultMes();
  }
  return DefaultLec();
}

ScoringStandard DefaultScoringStandard() { return {DefaultLec(), DefaultLs(), DefaultMes()}; }

const MethodStandard& StandardFor(const ScoringStandard& standard, ScoringMethod method) {
  switch (method) {
    case ScoringMethod::kLec: return standard.lec;
    case ScoringMethod::kLs: return standard.ls;
    case ScoringMethod::kMes: return standard.mes;
  }
  return standard.lec;
}

Result<std::vector<std::int64_t>> ReachableValuesMilli(const MethodStandard& standard) {
  SAFELOOP_RETURN_IF_ERROR(CheckFactorTables(standard));
  return Reachable(standard);
}

Result<ResolvedBands> ResolveBands(const MethodStandard& standard) {
  std::string field = Prefix(standard.method) + ".band_variant";
  const std::string& name = standard.band_variant;
  if (name == kCustomBandVariant) return ResolvedBands{standard.custom_level_bands, standard.custom_grade_bands};
  switch (standard.method) {
    case ScoringMethod::kLec:
      if (auto v = LecBandVariantFromName(name)) return ResolvedBands{LecLevelBands(*v), LecGradeBands()};
      return InvalidArgument(field + " must be V1, V2 or custom; got \"" + name + "\"", field);
    case ScoringMethod::kLs:
      if (auto v = LsBandVariantFromName(name)) {
        // Only variant A has five grades (see ScoreLs).
        return ResolvedBands{LsLevelBands(*v), *v == LsBandVariant::kA ? LsGradeBands() : std::vector<GradeBand>{}};
      }
      return InvalidArgument(field + " must be A, B, C or custom; got \"" + name + "\"", field);
    case ScoringMethod::kMes:
      if (name == kMesDefaultBandVariant) return ResolvedBands{MesLevelBands(), MesGradeBands()};
      return InvalidArgument(field + " must be default or custom; got \"" + name + "\"", field);
  }
  return InvalidArgument(field + " has an unknown method", field);
}

Status ValidateMethodStandard(const MethodStandard& standard) {
  std::string prefix = Prefix(standard.method);
  if (!ScoringMethodFromCode(ScoringMethodCode(standard.method))) {
    return InvalidArgument("method must be LEC, LS or MES; got " + std::to_string(static_cast<int>(standard.method)),
                           "method");
  }
  SAFELOOP_RETURN_IF_ERROR(CheckFactorTables(standard));
  Result<ResolvedBands> bands = ResolveBands(standard);
  if (!bands.ok()) return bands.status();
  bool custom = standard.band_variant == kCustomBandVariant;
  if (!custom && (!standard.custom_level_bands.empty() || !standard.custom_grade_bands.empty())) {
    return InvalidArgument(prefix + " has custom bands but band_variant is \"" + standard.band_variant +
                               "\"; set band_variant to \"custom\" or remove the custom bands",
                           prefix + ".band_variant");
  }
  std::vector<std::int64_t> reachable = Reachable(standard);
  std::string_view symbol = ValueSymbol(standard.method);
  SAFELOOP_RETURN_IF_ERROR(ValidateLevelBands(bands->level, reachable, prefix + ".custom_level_bands", symbol));
  if (!bands->grade.empty()) {
    SAFELOOP_RETURN_IF_ERROR(ValidateGradeBands(bands->grade, reachable, prefix + ".custom_grade_bands", symbol));
  }
  return Status::Ok();
}

Status ValidateScoringStandard(const ScoringStandard& standard) {
  const std::pair<const MethodStandard*, ScoringMethod> slots[] = {
      {&standard.lec, ScoringMethod::kLec}, {&standard.ls, ScoringMethod::kLs}, {&standard.mes, ScoringMethod::kMes}};
  for (const auto& [slot, method] : slots) {
    if (slot->method != method) {
      std::string field = Prefix(method) + ".method";
      return InvalidArgument(field + " must be " + std::string(ScoringMethodCode(method)), field);
    }
    SAFELOOP_RETURN_IF_ERROR(ValidateMethodStandard(*slot));
  }
  return Status::Ok();
}

Result<MethodScore> Score(const MethodStandard& standard, std::span<const double> factors) {
  SAFELOOP_RETURN_IF_ERROR(ValidateMethodStandard(standard));
  return ScoreValidated(standard, factors);
}

Result<MethodScore> Score(const ScoringStandard& standard, ScoringMethod method, std::span<const double> factors) {
  const MethodStandard& slot = StandardFor(standard, method);
  if (slot.method != method) {
    std::string field = Prefix(method) + ".method";
    return InvalidArgument(field + " must be " + std::string(ScoringMethodCode(method)), field);
  }
  return Score(slot, factors);
}

Result<MethodScore> Score(const ScoringStandard& standard, const LecInput& input) {
  const double factors[] = {input.l, input.e, input.c};
  return Score(standard, ScoringMethod::kLec, factors);
}

Result<MethodScore> Score(const ScoringStandard& standard, const LsInput& input) {
  const double factors[] = {static_cast<double>(input.l), static_cast<double>(input.s)};
  return Score(standard, ScoringMethod::kLs, factors);
}

Result<MethodScore> Score(const ScoringStandard& standard, const MesInput& input) {
  const double factors[] = {input.m, input.e, input.s};
  return Score(standard, ScoringMethod::kMes, factors);
}

}  // namespace safeloop::risk
