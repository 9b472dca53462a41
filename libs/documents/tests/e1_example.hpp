#pragma once
/// @file e1_example.hpp
/// Test fixture: a 风险点分级管控台账 laid out like DB13 appendix E.1 — an 18-column landscape table whose two
/// header rows group 风险点位置 (一级/二级/三级单元), 管控责任 (单位/责任人) and 检查频次 (岗位…公司), and whose
/// body has 20 risk points spanning their 1-5 measures each (60 rows), the 风险等级 cell in the risk colour.

#include <string>
#include <vector>

#include "safeloop/documents/document.hpp"

namespace safeloop::documents::testing {

inline constexpr int kE1Columns = 18;
inline constexpr int kE1RiskPoints = 20;
// Measures per risk point: 60 in all.
inline const std::vector<int> kE1Measures = {3, 2, 4, 3, 1, 5, 3, 2, 4, 3, 2, 3, 4, 3, 2, 3, 4, 3, 3, 3};

/// "001" .. "020": the 风险点序号 of risk point `i` (1-based); no other text of the example contains it.
inline std::string E1Serial(int i) {
  std::string digits = std::to_string(i);
  return std::string(3 - digits.size(), '0') + digits;
}

inline Table E1Table() {
  Table table;
  table.columns = {{7}, {10}, {10}, {10}, {10}, {10}, {7}, {16, Align::kLeft}, {9}, {8}, {7}, {18, Align::kLeft},
                   {22, Align::kLeft}, {6}, {6}, {6}, {6}, {6}};
  table.header_rows = {
      {{"风险点序号", 2}, {"风险点位置", 1, 3}, {"风险点名称", 2}, {"风险点编号", 2}, {"风险等级", 2},
       {"风险因素", 2}, {"风险类别", 2}, {"管控责任", 1, 2}, {"隐患检查事项", 2}, {"风险管控措施", 2},
       {"检查频次", 1, 5}},
      {{"一级单元"}, {"二级子单元"}, {"三级子单元"}, {"单位"}, {"责任人"}, {"岗位"}, {"班组"}, {"车间"}, {"部门"},
       {"公司"}},
  };
  const std::vector<std::string> areas = {"储运区", "生产区", "公用工程区", "装卸区"};
  const std::vector<std::string> units = {"罐区", "合成装置", "循环水站", "汽车装卸台"};
  const std::vector<std::string> names = {"液氨储罐", "反应釜", "冷却塔", "装车鹤管", "氢气压缩机"};
  const std::vector<std::string> categories = {"火灾、爆炸", "中毒和窒息", "机械伤害", "灼烫"};
  const std::vector<std::string> levels = {"重大风险", "较大风险", "一般风险", "低风险"};
  const std::vector<Rgb> colours = {kRiskRed, kRiskOrange, kRiskYellow, kRiskBlue};
  const std::vector<std::string> checks = {"液位计、压力表是否完好有效", "安全阀是否在校验期内",
                                           "可燃气体报警器是否投用，报警值设置是否正确",
                                           "静电接地是否完好，接地电阻是否合格", "操作人员是否持证上岗"};
  const std::vector<std::string> measures = {"设置高低液位报警和联锁切断，每班巡检记录",
                                             "按期校验安全阀并建立台账",
                                             "可燃气体检测报警系统接入DCS，每季度标定",
                                             "每年检测防雷防静电设施", "特种作业人员持证上岗，定期培训"};
  for (int i = 1; i <= kE1RiskPoints; ++i) {
    int n = kE1Measures[static_cast<std::size_t>(i - 1)];
    int level = (i - 1) % 4;
    for (int j = 1; j <= n; ++j) {
      std::vector<Cell> row;
      if (j == 1) {
        row = {{E1Serial(i), n},
               {areas[static_cast<std::size_t>(i % 4)], n},
               {units[static_cast<std::size_t>(i % 4)], n},
               {std::to_string(i) + "#" + names[static_cast<std::size_t>(i % 5)], n},
               {names[static_cast<std::size_t>(i % 5)], n},
               {"LG-" + std::to_string(100 + i), n},
               {levels[static_cast<std::size_t>(level)], n, 1, colours[static_cast<std::size_t>(level)]},
               {"介质泄漏遇点火源，或超温超压运行导致设备损坏", n},
               {categories[static_cast<std::size_t>(i % 4)], n},
               {"储运车间", n},
               {"张伟", n}};
      }
      std::string id = std::to_string(i) + "-" + std::to_string(j);
      row.push_back({"检查项" + id + "：" + checks[static_cast<std::size_t>((i + j) % 5)]});
      row.push_back({"措施" + id + "：" + measures[static_cast<std::size_t>((i + j) % 5)]});
      for (int k = 0; k < 5; ++k) row.push_back({k == (i + j) % 5 || k == level ? "√" : ""});
      table.body_rows.push_back(std::move(row));
    }
  }
  return table;
}

inline Document E1Document() {
  Document document;
  document.title = "XXXX企业（单位）风险点分级管控台账";
  document.header_fields = {{{"企业名称", "临港精细化工有限公司"}, {"所在风险单元名称", "储运区"}}};
  document.orientation = Orientation::kLandscape;
  document.body = E1Table();
  document.footer = {{{"分析人", "李明"}, {"审核人", "王芳"}, {"审定人", ""}},
                     {{"编制日期", "2026年3月18日"}}};
  return document;
}

/// What identifies body row `r` (0-based) of the example in extracted text: its first cell's text up to "：".
inline std::string E1RowKey(const Table& table, std::size_t r) {
  const std::string& text = table.body_rows[r].front().text;
  return text.substr(0, text.find("："));
}

}  // namespace safeloop::documents::testing
