#include <catch2/catch.hpp>

#include <cstdio>

#include "safeloop/alarm_domain/kpi.hpp"

using namespace safeloop;
using namespace safeloop::alarm;
using namespace std::chrono_literals;

namespace {

const TimePoint t0 = FromUnixMillis(1'800'000'000'000);

Activation Act(std::string point, TimePoint at, AlarmCondition c = AlarmCondition::kHigh,
               std::string console = "console-1", std::string area = "area-1") {
  Activation a;
  a.point_id = point;
  a.tag = "TAG-" + point;
  a.condition = c;
  a.console = std::move(console);
  a.area = std::move(area);
  a.at = at;
  return a;
}

/// n activations of distinct points on one console, the i-th at start + i × step.
std::vector<Activation> Burst(int n, TimePoint start, std::chrono::milliseconds step,
                              const std::string& console = "console-1") {
  std::vector<Activation> out;
  for (int i = 0; i < n; ++i) out.push_back(Act("P" + std::to_string(i), start + i * step, AlarmCondition::kHigh, console));
  return out;
}

TimePoint Utc(int y, unsigned m, unsigned d, int h, int min, int s) {
  using namespace std::chrono;
  return sys_days{year{y} / month{m} / day{d}} + hours(h) + minutes(min) + seconds(s);
}

}  // namespace

TEST_CASE("kpi: chattering is ≥ 3 activations of one alarm within 60 s") {
  struct Row {
    const char* what;
    std::vector<std::chrono::milliseconds> offsets;
    bool chattering;
  };
  const std::vector<Row> rows{
      {"3 in 40 s", {0ms, 20s, 40s}, true},
      {"3 in 59.999 s", {0ms, 30s, 59999ms}, true},
      {"3 spanning exactly 60 s (half-open window)", {0ms, 30s, 60s}, false},
      {"2 in 1 min", {0ms, 10s}, false},
      {"2 in 1 min, then 1 more two minutes later", {0ms, 10s, 130s}, false},
      {"4 spread out, 3 of them within a minute", {0ms, 90s, 100s, 110s}, true},
  };
  for (const Row& r : rows) {
    INFO(r.what);
    std::vector<Activation> acts;
    for (auto o : r.offsets) acts.push_back(Act("FT-1", t0 + o));
    auto found = FindChattering(acts);
    CHECK(found.size() == (r.chattering ? 1u : 0u));
    if (r.chattering && !found.empty()) {
      CHECK(found[0].point_id == "FT-1");
      CHECK(found[0].tag == "TAG-FT-1");
      CHECK(found[0].max_in_window >= 3);
      CHECK(found[0].total == static_cast<int>(r.offsets.size()));
    }
  }
}

TEST_CASE("kpi: chattering counts one point and condition at a time") {
  std::vector<Activation> acts{
      Act("FT-1", t0, AlarmCondition::kHigh), Act("FT-1", t0 + 1s, AlarmCondition::kHighHigh),
      Act("FT-1", t0 + 2s, AlarmCondition::kHigh), Act("FT-2", t0 + 3s, AlarmCondition::kHigh)};
  CHECK(FindChattering(acts).empty());
  // Five of LT-7 beat three of FT-1 in the ordering; input order does not matter.
  for (int i = 4; i >= 0; --i) acts.push_back(Act("LT-7", t0 + i * 5s, AlarmCondition::kLow));
  acts.push_back(Act("FT-1", t0 + 4s, AlarmCondition::kHigh));
  auto found = FindChattering(acts);
  REQUIRE(found.size() == 2);
  CHECK(found[0].point_id == "LT-7");
  CHECK(found[0].condition == AlarmCondition::kLow);
  CHECK(found[0].max_in_window == 5);
  CHECK(found[0].window_start == t0);
  CHECK(found[1].point_id == "FT-1");
  CHECK(found[1].max_in_window == 3);
  // A stricter rule.
  CHECK(FindChattering(acts, ChatteringRule{5, 60s}).size() == 1);
}

TEST_CASE("kpi: a flood needs more than 10 alarms in 10 minutes") {
  const TimePoint now = t0 + 24h;
  CHECK(FindFloods(Burst(10, t0, 60s), now).empty());       // 10 in 9 min
  CHECK(FindFloods(Burst(11, t0, 60s), now).empty());       // the 11th comes exactly 10 min after the 1st
  auto floods = FindFloods(Burst(11, t0, 59999ms), now);     // 11 within 9 min 59.99 s
  REQUIRE(floods.size() == 1);
  CHECK(floods[0].console == "console-1");
  CHECK(floods[0].start == t0);
  CHECK(floods[0].first_alarm.point_id == "P0");
  // One console at a time.
  auto split = Burst(6, t0, 1s, "console-1");
  for (const auto& a : Burst(6, t0, 1s, "console-2")) split.push_back(a);
  CHECK(FindFloods(split, now).empty());
}

TEST_CASE("kpi: a flood ends when the last 10 minutes hold fewer than 5 alarms") {
  // 11 alarms at t0 + 0 s … 10 s. The window at t0 + 600 s + k s holds the alarms after t0 + k s: 10 − k of
  // them; fewer than 5 first at k = 6.
  const auto burst = Burst(11, t0, 1s);
  auto floods = FindFloods(burst, t0 + 24h);
  REQUIRE(floods.size() == 1);
  CHECK(floods[0].start == t0);
  CHECK(floods[0].end == t0 + 606s);
  CHECK(floods[0].count == 11);
  CHECK(floods[0].peak == 11);
  CHECK(TimeInFloodShare(floods, "console-1", t0, t0 + 6060s) == Approx(0.1));
  CHECK(TimeInFloodShare(floods, "console-2", t0, t0 + 6060s) == 0);

  SECTION("ongoing while the end would come after now") {
    auto ongoing = FindFloods(burst, t0 + 605s);
    REQUIRE(ongoing.size() == 1);
    CHECK_FALSE(ongoing[0].end.has_value());
    CHECK(ongoing[0].count == 11);
    // Counted until the end of the period asked about.
    CHECK(TimeInFloodShare(ongoing, "console-1", t0, t0 + 1000s) == Approx(1.0));
  }
  SECTION("activations after now are not known yet") {
    CHECK(FindFloods(burst, t0 + 5s).empty());
  }
  SECTION("a second, larger burst later is a second flood with its own peak") {
    auto both = burst;
    for (const auto& a : Burst(15, t0 + 2h, 2s)) both.push_back(a);
    auto two = FindFloods(both, t0 + 24h);
    REQUIRE(two.size() == 2);
    CHECK(two[1].start == t0 + 2h);
    CHECK(two[1].count == 15);
    CHECK(two[1].peak == 15);
    REQUIRE(two[1].end.has_value());
    // The window at t0 + 2h + 600 s + 2k s holds 14 − k alarms: fewer than 5 at k = 10.
    CHECK(*two[1].end == t0 + 2h + 620s);
  }
}

TEST_CASE("kpi: stale alarms are active for more than 24 hours") {
  const TimePoint now = t0 + 72h;
  auto exactly = Act("A", now - 24h);
  auto over = Act("B", now - 24h - 1ms);
  auto returned = Act("C", now - 48h);
  returned.returned_at = now - 1h;
  auto returns_later = Act("D", now - 30h);
  returns_later.returned_at = now + 1h;  // not yet returned at `now`
  auto stale = FindStaleAlarms({exactly, over, returned, returns_later}, now);
  REQUIRE(stale.size() == 2);
  CHECK(stale[0].point_id == "D");  // oldest first
  CHECK(stale[1].point_id == "B");
}

TEST_CASE("kpi: alarm load per operator position per 10 min, hour and day") {
  std::vector<Activation> acts = Burst(11, t0, 1s, "c1");
  acts.push_back(Act("X", t0 + 30min, AlarmCondition::kHigh, "c1"));
  acts.push_back(Act("Y", t0 + 59min, AlarmCondition::kHigh, "c2"));
  acts.push_back(Act("Z", t0 + 1h, AlarmCondition::kHigh, "c2"));  // outside [from, to)
  acts.push_back(Act("Z", t0 - 1ms, AlarmCondition::kHigh, "c2"));
  for (const auto& a : Burst(31, t0, 100s, "c3")) acts.push_back(a);

  auto load = LoadByConsole(acts, t0, t0 + 1h);
  REQUIRE(load.ok());
  REQUIRE(load->size() == 3);
  const ConsoleLoad& c1 = (*load)[0];
  CHECK(c1.console == "c1");
  CHECK(c1.total == 12);
  CHECK(c1.per_hour == Approx(12));
  CHECK(c1.per_10min == Approx(2));
  CHECK(c1.per_day == Approx(288));
  CHECK(c1.max_in_10min == 11);
  CHECK(c1.share_10min_over_10 == Approx(1.0 / 6));
  CHECK(c1.share_hours_over_30 == 0);
  const ConsoleLoad& c2 = (*load)[1];
  CHECK(c2.total == 1);
  CHECK(c2.max_in_10min == 1);
  const ConsoleLoad& c3 = (*load)[2];
  CHECK(c3.total == 31);
  CHECK(c3.max_in_10min == 6);
  CHECK(c3.share_10min_over_10 == 0);
  CHECK(c3.share_hours_over_30 == 1.0);

  auto bad = LoadByConsole(acts, t0, t0);
  CHECK(bad.status().code() == StatusCode::kInvalidArgument);
  CHECK(bad.status().field() == "to");
}

TEST_CASE("kpi: top-10 contributors and their share of the load") {
  std::vector<Activation> acts;
  // P01 ×12, P02 ×11, …, P12 ×1: 78 in all; the top 10 hold 12 + … + 3 = 75.
  for (int p = 1; p <= 12; ++p) {
    char id[8];
    std::snprintf(id, sizeof id, "P%02d", p);
    for (int i = 0; i < 13 - p; ++i) acts.push_back(Act(id, t0 + i * 1min));
  }
  auto top = FindTopContributors(acts);
  CHECK(top.total == 78);
  REQUIRE(top.top.size() == 10);
  CHECK(top.top[0].point_id == "P01");
  CHECK(top.top[0].count == 12);
  CHECK(top.top[0].share == Approx(12.0 / 78));
  CHECK(top.top[9].point_id == "P10");
  CHECK(top.combined_share == Approx(75.0 / 78));

  // Ties by point id; a point's conditions are separate alarms.
  std::vector<Activation> ties{Act("B", t0), Act("A", t0), Act("A", t0, AlarmCondition::kHighHigh)};
  auto t = FindTopContributors(ties, 2);
  REQUIRE(t.top.size() == 2);
  CHECK(t.top[0].point_id == "A");
  CHECK(t.top[0].condition == AlarmCondition::kHighHigh);
  CHECK(t.top[1].point_id == "A");
  CHECK(t.top[1].condition == AlarmCondition::kHigh);
  CHECK(FindTopContributors({}).combined_share == 0);
}

TEST_CASE("kpi: statistics by level, handled, local day, area, type and point") {
  using namespace std::chrono;
  const TimePoint now = Utc(2026, 3, 10, 4, 0, 0);  // 12:00 in Beijing
  auto rec = [](std::string point, AlarmCondition c, TimePoint at, bool handled, std::string area,
                MeasurementType m) {
    return AlarmRecordSummary{point, "TAG-" + point, c, m, std::move(area), at, handled};
  };
  const std::vector<AlarmRecordSummary> records{
      rec("PT-1", AlarmCondition::kHigh, Utc(2026, 3, 9, 15, 59, 59), true, "A", MeasurementType::kPressure),
      rec("PT-1", AlarmCondition::kHighHigh, Utc(2026, 3, 9, 16, 0, 0), false, "A", MeasurementType::kPressure),
      rec("XS-2", AlarmCondition::kDigital, Utc(2026, 3, 7, 16, 0, 0), true, "B", MeasurementType::kSwitch),
      rec("XS-2", AlarmCondition::kDigital, Utc(2026, 3, 7, 15, 59, 59), true, "B", MeasurementType::kSwitch),
      rec("LT-3", AlarmCondition::kLow, Utc(2026, 3, 10, 3, 0, 0), false, "B", MeasurementType::kLevel),
  };
  auto stats = SummarizeAlarmRecords(records, now, 3);
  REQUIRE(stats.ok());
  CHECK(stats->total == 4);  // the one on 7 March local time is before the period
  using Lv = std::pair<AlarmCondition, int>;
  CHECK(stats->by_level == std::vector<Lv>{{AlarmCondition::kHighHigh, 1}, {AlarmCondition::kHigh, 1},
                                           {AlarmCondition::kLow, 1},      {AlarmCondition::kLowLow, 0},
                                           {AlarmCondition::kDigital, 1},  {AlarmCondition::kCommLoss, 0}});
  CHECK(stats->handled == 2);
  CHECK(stats->unhandled == 2);
  CHECK(stats->daily == std::vector<DailyCount>{{sys_days{2026y / March / 8}, 1},
                                               {sys_days{2026y / March / 9}, 1},
                                               {sys_days{2026y / March / 10}, 2}});
  CHECK(stats->by_area == std::vector<std::pair<std::string, int>>{{"A", 2}, {"B", 2}});
  REQUIRE(stats->by_measurement.size() == 3);
  CHECK(stats->by_measurement[0] == std::pair{MeasurementType::kPressure, 2});
  REQUIRE(stats->top_points.size() == 3);
  CHECK(stats->top_points[0].point_id == "PT-1");
  CHECK(stats->top_points[0].count == 2);

  CHECK(LocalDay(Utc(2026, 3, 1, 15, 59, 59)) == sys_days{2026y / March / 1});
  CHECK(LocalDay(Utc(2026, 3, 1, 16, 0, 0)) == sys_days{2026y / March / 2});
  CHECK(LocalDay(Utc(2026, 3, 1, 16, 0, 0), minutes(0)) == sys_days{2026y / March / 1});
  CHECK(SummarizeAlarmRecords(records, now, 0).status().field() == "days");
  // Thirty zero days when nothing happened.
  auto empty = SummarizeAlarmRecords({}, now);
  REQUIRE(empty.ok());
  CHECK(empty->daily.size() == 30);
  CHECK(empty->daily.back().day == sys_days{2026y / March / 10});
}

TEST_CASE("kpi: annunciation events become activations; other events do not") {
  AlarmEvent e;
  e.kind = EventKind::kActivated;
  e.at = t0;
  e.alarm.point_id = "PT-1";
  e.alarm.tag = "PIA-1";
  e.alarm.condition = AlarmCondition::kHighHigh;
  e.alarm.console = "c1";
  e.alarm.area = "tank-farm";
  e.alarm.priority = Priority::kCritical;
  CHECK_FALSE(ActivationOf(e).has_value());
  e.annunciated = true;
  auto a = ActivationOf(e);
  REQUIRE(a.has_value());
  CHECK(a->point_id == "PT-1");
  CHECK(a->condition == AlarmCondition::kHighHigh);
  CHECK(a->console == "c1");
  CHECK(a->area == "tank-farm");
  CHECK(a->priority == Priority::kCritical);
  CHECK(a->at == t0);
}
