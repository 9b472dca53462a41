#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/risk_domain/accident_types.hpp"

using namespace safeloop;
using namespace safeloop::risk;
using namespace std::chrono;

namespace {

std::vector<std::string_view> Names(const AccidentTypeList& list) {
  std::vector<std::string_view> out;
  for (const AccidentType& type : list.types) out.push_back(type.name);
  return out;
}

}  // namespace

TEST_CASE("accident types: GB/T 6441-1986 has the 20 types of §1.11 in order") {
  auto list = AccidentTypesOf("GB/T 6441-1986");
  REQUIRE(list.ok());
  const std::vector<std::string_view> expected = {"物体打击", "车辆伤害", "机械伤害", "起重伤害", "触电",
                                                  "淹溺",     "灼烫",     "火灾",     "高处坠落", "坍塌",
                                                  "冒顶片帮", "透水",     "放炮",     "火药爆炸", "瓦斯爆炸",
                                                  "锅炉爆炸", "容器爆炸", "其它爆炸", "中毒和窒息", "其它伤害"};
  CHECK(Names(*list) == expected);
  CHECK_FALSE(list->numbering_confirmed);
  CHECK_FALSE(list->in_force_from.has_value());
  for (std::size_t i = 0; i < list->types.size(); ++i) CHECK(list->types[i].number == static_cast<int>(i) + 1);
}

TEST_CASE("accident types: GB 6441-2025 has the 27 basic types of §1.11 in order") {
  auto list = AccidentTypesOf("GB 6441-2025");
  REQUIRE(list.ok());
  const std::vector<std::string_view> expected = {
      "物体打击",         "厂(场)内车辆致害", "道路(轨道)车辆致害", "机械致害",       "起重致害",
      "触电",             "淹溺",             "灼烫",               "火灾",           "高处坠落",
      "跌落",             "坍塌",             "水害",               "容器爆炸",       "管道爆炸",
      "可燃气体爆炸",     "可燃液体蒸气爆炸", "粉尘爆炸",           "民用爆炸物品爆炸", "烟花爆竹爆炸",
      "其他可燃固体爆炸", "高温熔融物爆炸",   "中毒",               "窒息",           "滑坡",
      "泄漏",             "其他"};
  CHECK(Names(*list) == expected);
  CHECK_FALSE(list->numbering_confirmed);
  REQUIRE(list->in_force_from.has_value());
  CHECK(*list->in_force_from == year_month_day{year{2026}, July, day{1}});
  for (std::size_t i = 0; i < list->types.size(); ++i) CHECK(list->types[i].number == static_cast<int>(i) + 1);
}

TEST_CASE("accident types: names are unique within each version and both versions are listed") {
  auto lists = AccidentTypeLists();
  REQUIRE(lists.size() == 2);
  CHECK(lists[0].version == kAccidentTypesGbt6441_1986);
  CHECK(lists[1].version == kAccidentTypesGb6441_2025);
  for (const AccidentTypeList& list : lists) {
    auto names = Names(list);
    CHECK(std::set<std::string_view>(names.begin(), names.end()).size() == names.size());
  }
  CHECK(lists[0].types.size() == 20);
  CHECK(lists[1].types.size() == 27);
}

TEST_CASE("accident types: lookup by version and name") {
  auto fire = FindAccidentType("GB 6441-2025", "火灾");
  REQUIRE(fire.ok());
  CHECK(fire->number == 9);
  CHECK(FindAccidentType("GB/T 6441-1986", "中毒和窒息")->number == 19);
  // Full-width parentheses as typed with a Chinese input method.
  auto vehicle = FindAccidentType("GB 6441-2025", "厂（场）内车辆致害");
  REQUIRE(vehicle.ok());
  CHECK(vehicle->name == "厂(场)内车辆致害");
  // A 1986 name is not a 2025 type, and the other way round.
  auto old_name = FindAccidentType("GB 6441-2025", "车辆伤害");
  CHECK(old_name.status().code() == StatusCode::kNotFound);
  CHECK(old_name.status().field() == "accident_type");
  CHECK(old_name.status().message() == "\"车辆伤害\" is not an accident type of GB 6441-2025");
  CHECK(FindAccidentType("GB/T 6441-1986", "窒息").status().field() == "accident_type");
  // 其它 (1986) and 其他 (2025) are spelled differently in the two standards.
  CHECK_FALSE(FindAccidentType("GB 6441-2025", "其它").ok());
  CHECK_FALSE(FindAccidentType("GB/T 6441-1986", "其他伤害").ok());
  auto bad_version = FindAccidentType("GB 6441-2099", "火灾");
  CHECK(bad_version.status().code() == StatusCode::kNotFound);
  CHECK(bad_version.status().field() == "accident_type_version");
}

TEST_CASE("accident types: which version applies on a date") {
  CHECK(AccidentTypeVersionOn(year{2026} / June / 30) == "GB/T 6441-1986");
  CHECK(AccidentTypeVersionOn(year{2026} / July / 1) == "GB 6441-2025");
  CHECK(AccidentTypeVersionOn(year{2025} / December / 31) == "GB/T 6441-1986");  // published, not in force
  CHECK(AccidentTypeVersionOn(year{2030} / January / 1) == "GB 6441-2025");
  CHECK(AccidentTypeVersionOn(year{1990} / January / 1) == "GB/T 6441-1986");
}

TEST_CASE("accident types: the injury grading of GB 6441-2025") {
  auto grades = Gb6441_2025InjuryGrades();
  CHECK(std::vector<std::string_view>(grades.begin(), grades.end()) ==
        std::vector<std::string_view>{"零伤亡", "轻伤", "重伤", "死亡事故"});
}
