#include <catch2/catch.hpp>

#include "safeloop/alarm_domain/area_factor.hpp"

using namespace safeloop;
using namespace safeloop::alarm;
using namespace std::chrono_literals;

namespace {

const TimePoint t0 = FromUnixMillis(1'800'000'000'000);

std::vector<Activation> InArea(const std::string& area, int n, TimePoint first, std::chrono::milliseconds step) {
  std::vector<Activation> out;
  for (int i = 0; i < n; ++i) {
    Activation a;
    a.point_id = "P" + std::to_string(i);
    a.area = area;
    a.at = first + i * step;
    out.push_back(a);
  }
  return out;
}

}  // namespace

TEST_CASE("area factor: raised at K alarms in W minutes, cleared below the lower threshold") {
  const AreaFactorRule rule{5, 3, 30min};
  REQUIRE(ValidateAreaFactorRule(rule).ok());
  const TimePoint now = t0 + 1h;
  struct Row {
    const char* what;
    int count_in_window;
    bool was_raised;
    bool raised;
    bool changed;
  };
  const std::vector<Row> rows{
      {"K − 1 alarms: not raised", 4, false, false, false},
      {"K alarms: raised", 5, false, true, true},
      {"more than K, already raised: unchanged", 8, true, true, false},
      {"below K but not below the clear threshold: stays raised", 4, true, true, false},
      {"at the clear threshold: stays raised", 3, true, true, false},
      {"below the clear threshold: cleared", 2, true, false, true},
      {"no alarms at all: cleared", 0, true, false, true},
  };
  for (const Row& r : rows) {
    INFO(r.what);
    auto acts = InArea("tank-farm", r.count_in_window, now - 10min, 1min);
    std::set<std::string> raised;
    if (r.was_raised) raised.insert("tank-farm");
    auto out = EvaluateAreaFactors(acts, raised, rule, now);
    REQUIRE(out.size() == 1);
    CHECK(out[0] == AreaFactor{"tank-farm", r.count_in_window, r.raised, r.changed});
  }
}

TEST_CASE("area factor: the window is the last W minutes, (now − W, now]") {
  const AreaFactorRule rule{3, 3, 30min};  // no hysteresis
  const TimePoint now = t0 + 1h;
  auto acts = InArea("reactor", 2, now - 1min, 1min);  // at now − 1 min and at now
  auto edge = InArea("reactor", 1, now - 30min, 0ms);  // exactly W ago: outside
  acts.insert(acts.end(), edge.begin(), edge.end());
  auto out = EvaluateAreaFactors(acts, {}, rule, now);
  REQUIRE(out.size() == 1);
  CHECK(out[0].count == 2);
  CHECK_FALSE(out[0].raised);
  auto inside = InArea("reactor", 1, now - 30min + 1ms, 0ms);
  acts.insert(acts.end(), inside.begin(), inside.end());
  out = EvaluateAreaFactors(acts, {}, rule, now);
  CHECK(out[0].count == 3);
  CHECK(out[0].raised);
  // Activations after now and without an area are ignored.
  auto future = InArea("reactor", 5, now + 1s, 1s);
  auto nowhere = InArea("", 5, now - 1min, 1s);
  future.insert(future.end(), nowhere.begin(), nowhere.end());
  CHECK(EvaluateAreaFactors(future, {}, rule, now).empty());
}

TEST_CASE("area factor: a timeline raises once and clears once") {
  // 10 alarms a minute apart from t0; rule 5 in 30 min, clear below 3.
  const AreaFactorRule rule{5, 3, 30min};
  auto acts = InArea("tank-farm", 10, t0, 1min);
  std::set<std::string> raised;
  std::vector<std::pair<int, bool>> flips;  // minute, raised
  for (int minute = 0; minute <= 60; ++minute) {
    auto out = EvaluateAreaFactors(acts, raised, rule, t0 + minute * 1min);
    for (const auto& f : out) {
      if (!f.changed) continue;
      flips.emplace_back(minute, f.raised);
      if (f.raised) raised.insert(f.area); else raised.erase(f.area);
    }
  }
  // The 5th alarm (minute 4) raises it. Alarm i leaves the window at minute i + 30, leaving the alarms after
  // it: 9 − i; fewer than 3 first at i = 7, minute 37.
  CHECK(flips == std::vector<std::pair<int, bool>>{{4, true}, {37, false}});
}

TEST_CASE("area factor: several areas and rule checks") {
  const AreaFactorRule rule{};
  CHECK(rule.raise_at == 10);
  CHECK(rule.clear_below == 5);
  CHECK(rule.window == 60min);
  auto acts = InArea("b", 10, t0, 1min);
  auto a = InArea("a", 1, t0, 1min);
  acts.insert(acts.end(), a.begin(), a.end());
  auto out = EvaluateAreaFactors(acts, {"c"}, rule, t0 + 10min);
  REQUIRE(out.size() == 3);
  CHECK(out[0] == AreaFactor{"a", 1, false, false});
  CHECK(out[1] == AreaFactor{"b", 10, true, true});
  CHECK(out[2] == AreaFactor{"c", 0, false, true});

  CHECK(ValidateAreaFactorRule({0, 0, 10min}).field() == "raise_at");
  CHECK(ValidateAreaFactorRule({5, 6, 10min}).field() == "clear_below");
  CHECK(ValidateAreaFactorRule({5, -1, 10min}).field() == "clear_below");
  CHECK(ValidateAreaFactorRule({5, 2, 0min}).field() == "window");
}
