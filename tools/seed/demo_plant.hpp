#pragma once
// The demo plant seeded by tools/up: a small chemical plant (zones match the drawing
// services/gateway/web/static/images/demo-plant.svg, 1200×800) with risk points whose LEC scores cover all
// four levels, so the map shows 红/橙/黄/蓝 from the start.

#include <string>
#include <vector>

namespace safeloop::seed {

struct DemoPoint {
  std::string name, description;
  double l, e, c;
  std::string note;
};

struct DemoArea {
  std::string name;
  double x0, y0, x1, y1;  // the zone's rectangle on the drawing
  std::vector<DemoPoint> points;
};

inline const char* kDemoMapName = "厂区平面图";
inline const char* kDemoMapImage = "/images/demo-plant.svg";
inline constexpr int kDemoMapWidth = 1200;
inline constexpr int kDemoMapHeight = 800;

inline std::vector<DemoArea> DemoAreas() {
  return {
      {"罐区", 60, 60, 460, 360,
       {{"甲醇储罐 V-101", "5000 m³ 内浮顶甲醇储罐，重大危险源", 6, 6, 15, "液位高高联锁需月度测试"},     // D=540 重大
        {"液氨储罐 V-103", "液氨球罐，毒性气体", 3, 6, 40, "泄漏可致多人中毒"},                         // D=720 重大
        {"罐区防火堤", "防火堤及排水切断阀", 1, 6, 7, ""}}},                                         // D=42 低
      {"合成车间", 520, 60, 860, 360,
       {{"合成反应釜 R-201", "放热反应，温度压力联锁", 3, 6, 15, "冷却水中断可致飞温"},                 // D=270 较大
        {"精馏塔 T-202", "常压精馏", 3, 6, 7, ""}}},                                                  // D=126 一般
      {"危化品仓库", 920, 60, 1140, 360,
       {{"易燃液体库房", "甲类库房，乙酸乙酯等", 3, 6, 15, "夏季高温需通风降温"},                      // D=270 较大
        {"氧化剂库房", "过氧化物分区存放", 1, 3, 15, ""}}},                                          // D=45 低
      {"装卸站", 60, 440, 460, 740,
       {{"槽车装卸鹤管", "甲醇、液碱装卸", 3, 3, 15, "静电接地报警器"},                               // D=135 一般
        {"装卸区静电接地", "静电接地与溢油报警", 1, 6, 15, ""}}},                                     // D=90 一般
      {"公用工程", 520, 440, 860, 740,
       {{"空压机房", "螺杆空压机两台", 1, 6, 3, ""},                                                 // D=18 低
        {"循环水泵房", "循环水泵及冷却塔", 1, 6, 7, ""},                                             // D=42 低
        {"变配电室", "10 kV 变配电", 1, 3, 15, ""}}},                                               // D=45 低
      {"办公楼", 920, 440, 1140, 740,
       {{"办公区消防通道", "疏散通道与应急照明", 0.5, 6, 7, ""}}},                                    // D=21 低
  };
}

}  // namespace safeloop::seed
