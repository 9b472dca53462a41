#include "safeloop/risk_domain/accident_types.hpp"

#include <array>
#include <string>

namespace safeloop::risk {
namespace {

// The order of standards.md §1.11 (tagged [M] there); to be checked against the official numbering.
constexpr std::array<AccidentType, 20> k1986 = {{
    {1, "物体打击"},   {2, "车辆伤害"},   {3, "机械伤害"},   {4, "起重伤害"},   {5, "触电"},
    {6, "淹溺"},       {7, "灼烫"},       {8, "火灾"},       {9, "高处坠落"},   {10, "坍塌"},
    {11, "冒顶片帮"},  {12, "透水"},      {13, "放炮"},      {14, "火药爆炸"},  {15, "瓦斯爆炸"},
    {16, "锅炉爆炸"},  {17, "容器爆炸"},  {18, "其它爆炸"},  {19, "中毒和窒息"}, {20, "其它伤害"},
}};

// The order of standards.md §1.11; the official numbering is still to be confirmed.
constexpr std::array<AccidentType, 27> k2025 = {{
    {1, "物体打击"},
    {2, "厂(场)内车辆致害"},
    {3, "道路(轨道)车辆致害"},
    {4, "机械致害"},
    {5, "起重致害"},
    {6, "触电"},
    {7, "淹溺"},
    {8, "灼烫"},
    {9, "火灾"},
    {10, "高处坠落"},
    {11, "跌落"},
    {12, "坍塌"},
    {13, "水害"},
    {14, "容器爆炸"},
    {15, "管道爆炸"},
    {16, "可燃气体爆炸"},
    {17, "可燃液体蒸气爆炸"},
    {18, "粉尘爆炸"},
    {19, "民用爆炸物品爆炸"},
    {20, "烟花爆竹爆炸"},
    {21, "其他可燃固体爆炸"},
    {22, "高温熔融物爆炸"},
    {23, "中毒"},
    {24, "窒息"},
    {25, "滑坡"},
    {26, "泄漏"},
    {27, "其他"},
}};

constexpr std::array<AccidentTypeList, 2> kLists = {{
    // The 1986 list is the only one before 2026, so its own start date is never needed.
    {kAccidentTypesGbt6441_1986, std::nullopt, false, k1986},
    {kAccidentTypesGb6441_2025, kGb6441_2025InForce, false, k2025},
}};

constexpr std::array<std::string_view, 4> kInjuryGrades2025 = {"零伤亡", "轻伤", "重伤", "死亡事故"};

// Records typed with a Chinese input method often carry full-width parentheses.
std::string NormalizeParens(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    if (name.substr(i, 3) == "（") {
      out += '(';
      i += 3;
    } else if (name.substr(i, 3) == "）") {
      out += ')';
      i += 3;
    } else {
      out += name[i++];
    }
  }
  return out;
}

}  // namespace

std::span<const AccidentTypeList> AccidentTypeLists() { return kLists; }

Result<AccidentTypeList> AccidentTypesOf(std::string_view version) {
  for (const AccidentTypeList& list : kLists) {
    if (list.version == version) return list;
  }
  return NotFound("accident_type_version must be \"" + std::string(kAccidentTypesGbt6441_1986) + "\" or \"" +
                      std::string(kAccidentTypesGb6441_2025) + "\"; got \"" + std::string(version) + "\"",
                  "accident_type_version");
}

Result<AccidentType> FindAccidentType(std::string_view version, std::string_view name) {
  Result<AccidentTypeList> list = AccidentTypesOf(version);
  if (!list.ok()) return list.status();
  std::string wanted = NormalizeParens(name);
  for (const AccidentType& type : list->types) {
    if (type.name == wanted) return type;
  }
  return NotFound("\"" + std::string(name) + "\" is not an accident type of " + std::string(version), "accident_type");
}

std::string_view AccidentTypeVersionOn(std::chrono::year_month_day date) {
  return date >= kGb6441_2025InForce ? kAccidentTypesGb6441_2025 : kAccidentTypesGbt6441_1986;
}

std::span<const std::string_view> Gb6441_2025InjuryGrades() { return kInjuryGrades2025; }

}  // namespace safeloop::risk
