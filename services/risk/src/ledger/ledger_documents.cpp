#include "ledger/ledger_documents.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <map>

#include "safeloop/risk_domain/graded_control.hpp"
#include "safeloop/risk_domain/risk_level.hpp"

namespace safeloop::risk::ledger {
namespace {

using documents::Cell;
using documents::Column;

std::string Enterprise(const DocumentHeader& h) { return h.enterprise_name.empty() ? "XXXX企业（单位）" : h.enterprise_name; }

std::optional<documents::Rgb> FillOf(v1::RiskLevel level) {
  switch (level) {
    case v1::RISK_LEVEL_MAJOR: return documents::kRiskRed;
    case v1::RISK_LEVEL_HIGH: return documents::kRiskOrange;
    case v1::RISK_LEVEL_MEDIUM: return documents::kRiskYellow;
    case v1::RISK_LEVEL_LOW: return documents::kRiskBlue;
    default: return std::nullopt;
  }
}

std::string LevelText(v1::RiskLevel level) {
  return std::string(LevelNameZh(static_cast<RiskLevel>(level)));
}

std::string Join(const google::protobuf::RepeatedPtrField<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// One (factor, measure) line of a point: every existing measure of every event; an event without measures
// still gets a line so its hazard is listed.
struct Line {
  std::string hazard, categories, check, measure;
};
std::vector<Line> LinesOf(const v1::LedgerRow& row) {
  std::vector<Line> lines;
  for (const auto& e : row.events()) {
    std::string categories = Join(e.accident_types(), "、");
    if (e.measures().empty()) lines.push_back({e.hazard(), categories, "", ""});
    for (const auto& m : e.measures()) lines.push_back({e.hazard(), categories, m.check_content(), m.description()});
  }
  if (lines.empty()) lines.push_back({});
  return lines;
}

std::vector<documents::FieldLine> Footer(const DocumentHeader& h) {
  return {{{"编制人", ""}, {"审核人", ""}, {"编制日期", h.date}}};
}

}  // namespace

documents::Document BuildControlLedger(const std::vector<v1::LedgerRow>& rows, const DocumentHeader& header,
                                       bool major_only) {
  documents::Document doc;
  doc.title = Enterprise(header) + (major_only ? "重大风险管控台账" : "风险点分级管控台账");
  doc.orientation = documents::Orientation::kLandscape;
  doc.header_fields = {{{"范围", header.scope}, {"编制日期", header.date}}};
  documents::Table table;
  table.columns = {{5}, {9}, {9}, {9}, {12, documents::Align::kLeft}, {9}, {7}, {16, documents::Align::kLeft},
                   {9}, {8}, {7}, {16, documents::Align::kLeft}, {18, documents::Align::kLeft}, {5}, {5}, {5}, {5}, {5}};
  table.header_rows = {
      {{"风险点序号", 2}, {"风险点位置", 1, 3}, {"风险点名称", 2}, {"风险点编号", 2}, {"风险等级", 2},
       {"风险因素", 2}, {"风险类别", 2}, {"管控责任", 1, 2}, {"隐患检查事项", 2}, {"风险管控措施", 2},
       {"检查频次", 1, 5}},
      {{"一级单元"}, {"二级子单元"}, {"三级子单元"}, {"单位"}, {"责任人"}, {"岗位"}, {"班组"}, {"车间"}, {"部门"},
       {"公司"}},
  };
  int seq = 0;
  for (const auto& row : rows) {
    if (major_only && row.level() != v1::RISK_LEVEL_MAJOR) continue;
    auto lines = LinesOf(row);
    const int span = static_cast<int>(lines.size());
    // 检查频次: the tiers that control the point (its tier and every tier below), columns 岗位 … 公司.
    std::array<std::string, 5> controls{};  // index: 0 岗位 … 4 公司
    if (auto tier = ControlTierFromName(row.control_tier())) {
      for (auto t : ControllingTiers(*tier)) controls[5 - static_cast<int>(t)] = "√";
    }
    for (int i = 0; i < span; ++i) {
      std::vector<Cell> cells;
      if (i == 0) {
        cells = {{std::to_string(++seq), span}, {row.unit_level1(), span}, {row.unit_level2(), span},
                 {row.unit_level3(), span}, {row.name(), span}, {row.code(), span}};
        Cell level{LevelText(row.level()), span};
        level.fill = FillOf(row.level());
        cells.push_back(level);
      }
      cells.push_back({lines[i].hazard});
      cells.push_back({lines[i].categories});
      if (i == 0) {
        cells.push_back({row.department_name(), span});
        cells.push_back({row.liable_person_name(), span});
      }
      cells.push_back({lines[i].check});
      cells.push_back({lines[i].measure});
      if (i == 0) {
        for (const auto& mark : controls) cells.push_back({mark, span});
      }
      table.body_rows.push_back(std::move(cells));
    }
  }
  doc.body = std::move(table);
  doc.footer = Footer(header);
  doc.footer.push_back({{"说明", "检查频次栏以“√”标出管控该风险点的层级（本层级及以下各层级），具体频次按排查计划填写"}});
  doc.sheet_name = major_only ? "重大风险管控台账" : "风险点分级管控台账";
  return doc;
}

documents::Document BuildMajorRiskBoard(const std::vector<v1::LedgerRow>& rows, const DocumentHeader& header) {
  documents::Document doc;
  doc.title = "重大安全风险公告栏";
  doc.subtitles = {Enterprise(header)};
  doc.orientation = documents::Orientation::kLandscape;
  documents::Table table;
  table.columns = {{16, documents::Align::kLeft}, {22, documents::Align::kLeft}, {12}, {28, documents::Align::kLeft},
                   {24, documents::Align::kLeft}};
  Cell heading{"重大安全风险", 1, 5};
  heading.fill = documents::kRiskRed;
  heading.bold = true;
  table.header_rows = {{heading},
                       {{"风险点位置"}, {"主要风险因素"}, {"可能导致的事故类型"}, {"主要管控措施"}, {"主要应急措施"}}};
  for (const auto& row : rows) {
    if (row.level() != v1::RISK_LEVEL_MAJOR) continue;
    std::string location = row.name();
    if (!row.location().empty()) location += "（" + row.location() + "）";
    std::vector<std::string> hazards, types, controls, emergency;
    auto add = [](std::vector<std::string>& list, const std::string& text) {
      if (!text.empty() && std::find(list.begin(), list.end(), text) == list.end()) list.push_back(text);
    };
    for (const auto& e : row.events()) {
      add(hazards, e.hazard());
      for (const auto& t : e.accident_types()) add(types, t);
      for (const auto& m : e.measures()) {
        bool urgent = m.measure_class() == "应急处置措施" || m.measure_class() == "个体防护措施";
        add(urgent ? emergency : controls, m.description());
      }
    }
    auto joined = [](const std::vector<std::string>& list, const char* sep) {
      std::string out;
      for (const auto& item : list) out += (out.empty() ? "" : sep) + item;
      return out;
    };
    table.body_rows.push_back({{location}, {joined(hazards, "；")}, {joined(types, "、")}, {joined(controls, "；")},
                               {joined(emergency, "；")}});
  }
  doc.body = std::move(table);
  doc.footer = {{{"（安全标志应符合GB 2894的相关规定）", ""}}, {{"编制日期", header.date}}};
  doc.sheet_name = "重大安全风险公告栏";
  return doc;
}

documents::Document BuildPointList(const std::vector<v1::LedgerRow>& rows, const DocumentHeader& header) {
  documents::Document doc;
  doc.title = "风险点清单";
  doc.orientation = documents::Orientation::kLandscape;
  doc.header_fields = {{{"企业名称", Enterprise(header)}, {"所在风险单元名称", header.scope}}};
  documents::Table table;
  table.columns = {{10}, {12}, {12}, {16, documents::Align::kLeft}, {8}, {7}, {12}, {5},
                   {18, documents::Align::kLeft}, {5}, {20, documents::Align::kLeft}, {8}};
  table.header_rows = {{{"风险点编号"}, {"风险点名称"}, {"风险点位置"}, {"风险因素"}, {"风险类别"}, {"风险等级"},
                        {"管控单位/责任人"}, {"序号"}, {"检查事项"}, {"序号"}, {"风险控制措施"}, {"检查频次"}}};
  for (const auto& row : rows) {
    auto lines = LinesOf(row);
    const int span = static_cast<int>(lines.size());
    std::string location = row.location();
    if (location.empty()) {
      for (const auto* part : {&row.unit_level1(), &row.unit_level2(), &row.unit_level3()}) {
        if (!part->empty()) location += (location.empty() ? "" : "/") + *part;
      }
    }
    std::string responsible = row.department_name();
    if (!row.liable_person_name().empty()) responsible += (responsible.empty() ? "" : "/") + row.liable_person_name();
    for (int i = 0; i < span; ++i) {
      std::vector<Cell> cells;
      if (i == 0) cells = {{row.code(), span}, {row.name(), span}, {location, span}};
      cells.push_back({lines[i].hazard});
      cells.push_back({lines[i].categories});
      if (i == 0) {
        Cell level{LevelText(row.level()), span};
        level.fill = FillOf(row.level());
        cells.push_back(level);
        cells.push_back({responsible, span});
      }
      cells.push_back({lines[i].check.empty() ? "" : std::to_string(i + 1)});
      cells.push_back({lines[i].check});
      cells.push_back({lines[i].measure.empty() ? "" : std::to_string(i + 1)});
      cells.push_back({lines[i].measure});
      cells.push_back({""});  // frequency: from the hazard service's plans (not yet)
      table.body_rows.push_back(std::move(cells));
    }
  }
  doc.body = std::move(table);
  doc.footer = Footer(header);
  doc.sheet_name = "风险点清单";
  return doc;
}

documents::Document BuildUnitPartition(const UnitPartition& partition, const DocumentHeader& header) {
  documents::Document doc;
  doc.title = Enterprise(header) + "风险单元划分表";
  doc.orientation = documents::Orientation::kPortrait;
  documents::Table table;
  table.columns = {{8}, {5}, {16}, {5}, {16}, {5}, {16}, {12}};
  table.header_rows = {
      {{"风险点序号", 2}, {"一级单元", 1, 2}, {"二级子单元", 1, 2}, {"三级子单元", 1, 2}, {"备注", 2}},
      {{"序号"}, {"单元名称"}, {"序号"}, {"单元名称"}, {"序号"}, {"单元名称"}},
  };
  // Points per unit, then a depth-first walk: one row per point (or per unit without points), with the unit
  // path of that row.
  std::map<std::string, std::vector<const v1::LedgerRow*>> points_of;
  for (const auto& p : partition.points) points_of[p.unit_id()].push_back(&p);
  std::map<std::string, std::vector<const v1::RiskUnit*>> children;
  std::map<std::string, std::vector<const v1::RiskUnit*>> roots_of_object;
  for (const auto& u : partition.units) {
    (u.parent_id().empty() ? roots_of_object[u.object_id()] : children[u.parent_id()]).push_back(&u);
  }
  int point_seq = 0;
  std::function<void(const v1::RiskUnit*, std::array<const v1::RiskUnit*, 3>)> walk =
      [&](const v1::RiskUnit* unit, std::array<const v1::RiskUnit*, 3> path) {
        path[unit->depth() - 1] = unit;
        auto emit = [&](const std::string& point_no, const std::string& note) {
          std::vector<Cell> cells = {{point_no}};
          for (const auto* level : path) {
            cells.push_back({level ? std::to_string(level->seq()) : ""});
            cells.push_back({level ? level->name() : ""});
          }
          cells.push_back({note});
          table.body_rows.push_back(std::move(cells));
        };
        const auto& points = points_of[unit->id()];
        for (const auto* p : points) emit(std::to_string(++point_seq), p->name());
        const auto& subs = children[unit->id()];
        if (points.empty() && subs.empty()) emit("", "");
        for (const auto* c : subs) walk(c, path);
      };
  for (const auto& object : partition.objects) {
    for (const auto* root : roots_of_object[object.id()]) walk(root, {nullptr, nullptr, nullptr});
  }
  doc.body = std::move(table);
  doc.footer = Footer(header);
  doc.sheet_name = "风险单元划分表";
  return doc;
}

}  // namespace safeloop::risk::ledger
