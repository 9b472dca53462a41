#include "safeloop/alarm_domain/kpi.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace safeloop::alarm {
namespace {

using AlarmKey = std::pair<std::string, AlarmCondition>;

/// Activations grouped by a key, each group sorted by time (stable, so equal times keep input order).
template <typename Key, typename KeyOf>
std::map<Key, std::vector<const Activation*>> GroupByTime(const std::vector<Activation>& activations,
                                                          KeyOf key_of) {
  std::map<Key, std::vector<const Activation*>> groups;
  for (const Activation& a : activations) groups[key_of(a)].push_back(&a);
  for (auto& [key, list] : groups) {
    std::stable_sort(list.begin(), list.end(),
                     [](const Activation* x, const Activation* y) { return x->at < y->at; });
  }
  return groups;
}

double Seconds(TimePoint::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

std::optional<Activation> ActivationOf(const AlarmEvent& event) {
  if (!event.annunciated) return std::nullopt;
  Activation a;
  a.point_id = event.alarm.point_id;
  a.tag = event.alarm.tag;
  a.condition = event.alarm.condition;
  a.priority = event.alarm.priority;
  a.console = event.alarm.console;
  a.area = event.alarm.area;
  a.at = event.at;
  return a;
}

std::vector<ChatteringAlarm> FindChattering(const std::vector<Activation>& activations,
                                            const ChatteringRule& rule) {
  std::vector<ChatteringAlarm> out;
  auto groups = GroupByTime<AlarmKey>(activations, [](const Activation& a) {
    return AlarmKey{a.point_id, a.condition};
  });
  for (const auto& [key, list] : groups) {
    int best = 0;
    TimePoint best_start{};
    std::size_t first = 0;
    for (std::size_t last = 0; last < list.size(); ++last) {
      while (list[last]->at - list[first]->at >= rule.window) ++first;
      const int count = static_cast<int>(last - first + 1);
      if (count > best) {
        best = count;
        best_start = list[first]->at;
      }
    }
    if (best >= rule.min_activations) {
      out.push_back({key.first, list.front()->tag, key.second, best, best_start, static_cast<int>(list.size())});
    }
  }
  std::sort(out.begin(), out.end(), [](const ChatteringAlarm& x, const ChatteringAlarm& y) {
    return std::tie(y.max_in_window, x.point_id, x.condition) < std::tie(x.max_in_window, y.point_id, y.condition);
  });
  return out;
}

std::vector<FloodPeriod> FindFloods(const std::vector<Activation>& activations, TimePoint now,
                                    const FloodRule& rule) {
  std::vector<FloodPeriod> out;
  std::vector<Activation> known;
  for (const Activation& a : activations) {
    if (a.at <= now) known.push_back(a);
  }
  auto groups = GroupByTime<std::string>(known, [](const Activation& a) { return a.console; });
  const auto window = std::chrono::duration_cast<TimePoint::duration>(rule.window);
  for (const auto& [console, list] : groups) {
    std::vector<TimePoint> times;
    for (const Activation* a : list) times.push_back(a->at);
    // Index of the first activation after x, and of the first inside the last window at x.
    auto after = [&](TimePoint x) {
      return static_cast<std::size_t>(std::upper_bound(times.begin(), times.end(), x) - times.begin());
    };
    auto before = [&](TimePoint x) {
      return static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), x) - times.begin());
    };
    auto count_at = [&](TimePoint x) { return static_cast<int>(after(x) - after(x - window)); };
    // The count over the last window changes only when an alarm arrives or leaves the window.
    std::vector<TimePoint> instants;
    for (TimePoint t : times) {
      instants.push_back(t);
      instants.push_back(t + window);
    }
    std::sort(instants.begin(), instants.end());
    instants.erase(std::unique(instants.begin(), instants.end()), instants.end());

    std::optional<FloodPeriod> flood;
    for (TimePoint x : instants) {
      if (x > now) break;
      const int count = count_at(x);
      if (!flood.has_value()) {
        if (count > rule.start_above) {
          const std::size_t first = after(x - window);
          flood = FloodPeriod{console, times[first], std::nullopt, 0, count, *list[first]};
        }
        continue;
      }
      flood->peak = std::max(flood->peak, count);
      if (count < rule.end_below) {
        flood->end = x;
        flood->count = static_cast<int>(before(x) - before(flood->start));
        out.push_back(*flood);
        flood.reset();
      }
    }
    if (flood.has_value()) {
      flood->count = static_cast<int>(times.size() - before(flood->start));
      out.push_back(*flood);
    }
  }
  return out;
}

double TimeInFloodShare(const std::vector<FloodPeriod>& floods, std::string_view console, TimePoint from,
                        TimePoint to) {
  if (to <= from) return 0;
  TimePoint::duration in_flood{0};
  for (const FloodPeriod& f : floods) {
    if (f.console != console) continue;
    const TimePoint start = std::max(f.start, from);
    const TimePoint end = std::min(f.end.value_or(to), to);
    if (end > start) in_flood += end - start;
  }
  return Seconds(in_flood) / Seconds(to - from);
}

std::vector<Activation> FindStaleAlarms(const std::vector<Activation>& activations, TimePoint now,
                                        std::chrono::milliseconds threshold) {
  std::vector<Activation> out;
  for (const Activation& a : activations) {
    const bool still_active = !a.returned_at.has_value() || *a.returned_at > now;
    if (still_active && a.at <= now && now - a.at > threshold) out.push_back(a);
  }
  std::stable_sort(out.begin(), out.end(), [](const Activation& x, const Activation& y) { return x.at < y.at; });
  return out;
}

Result<std::vector<ConsoleLoad>> LoadByConsole(const std::vector<Activation>& activations, TimePoint from,
                                               TimePoint to) {
  if (to <= from) return InvalidArgument("the period must end after it starts", "to");
  using std::chrono::hours;
  using std::chrono::minutes;
  const auto span = to - from;
  const auto ten = std::chrono::duration_cast<TimePoint::duration>(minutes(10));
  const auto hour = std::chrono::duration_cast<TimePoint::duration>(hours(1));
  const auto periods_10 = static_cast<std::size_t>((span + ten - TimePoint::duration(1)) / ten);
  const auto periods_h = static_cast<std::size_t>((span + hour - TimePoint::duration(1)) / hour);

  std::map<std::string, std::pair<std::vector<int>, std::vector<int>>> buckets;
  for (const Activation& a : activations) {
    if (a.at < from || a.at >= to) continue;
    auto& [b10, bh] = buckets[a.console];
    if (b10.empty()) {
      b10.assign(periods_10, 0);
      bh.assign(periods_h, 0);
    }
    ++b10[static_cast<std::size_t>((a.at - from) / ten)];
    ++bh[static_cast<std::size_t>((a.at - from) / hour)];
  }
  const double span_s = Seconds(span);
  std::vector<ConsoleLoad> out;
  for (const auto& [console, pair] : buckets) {
    const auto& [b10, bh] = pair;
    ConsoleLoad load;
    load.console = console;
    for (int n : b10) load.total += n;
    load.per_day = load.total / (span_s / 86400.0);
    load.per_hour = load.total / (span_s / 3600.0);
    load.per_10min = load.total / (span_s / 600.0);
    load.max_in_10min = *std::max_element(b10.begin(), b10.end());
    load.share_10min_over_10 =
        static_cast<double>(std::count_if(b10.begin(), b10.end(), [](int n) { return n > 10; })) / b10.size();
    load.share_hours_over_30 =
        static_cast<double>(std::count_if(bh.begin(), bh.end(), [](int n) { return n > 30; })) / bh.size();
    out.push_back(load);
  }
  return out;
}

TopContributors FindTopContributors(const std::vector<Activation>& activations, std::size_t n) {
  TopContributors out;
  out.total = static_cast<int>(activations.size());
  std::map<AlarmKey, Contributor> counts;
  for (const Activation& a : activations) {
    auto [it, inserted] = counts.try_emplace(AlarmKey{a.point_id, a.condition});
    if (inserted) {
      it->second.point_id = a.point_id;
      it->second.tag = a.tag;
      it->second.condition = a.condition;
    }
    ++it->second.count;
  }
  for (auto& [key, c] : counts) out.top.push_back(c);
  // std::map order already breaks ties by point id, then condition.
  std::stable_sort(out.top.begin(), out.top.end(),
                   [](const Contributor& x, const Contributor& y) { return x.count > y.count; });
  if (out.top.size() > n) out.top.resize(n);
  for (Contributor& c : out.top) {
    c.share = out.total > 0 ? static_cast<double>(c.count) / out.total : 0.0;
    out.combined_share += c.share;
  }
  return out;
}

Day LocalDay(TimePoint t, std::chrono::minutes utc_offset) {
  return std::chrono::floor<std::chrono::days>(t + utc_offset);
}

Result<AlarmStatistics> SummarizeAlarmRecords(const std::vector<AlarmRecordSummary>& records, TimePoint now,
                                              int days, std::chrono::minutes utc_offset,
                                              std::size_t top_points) {
  if (days < 1) return InvalidArgument("the period needs at least one day", "days");
  const Day today = LocalDay(now, utc_offset);
  const Day first = today - std::chrono::days(days - 1);
  AlarmStatistics stats;
  for (AlarmCondition c : kAllAlarmConditions) stats.by_level.emplace_back(c, 0);
  for (int i = 0; i < days; ++i) stats.daily.push_back({first + std::chrono::days(i), 0});
  std::map<std::string, int> areas;
  std::map<MeasurementType, int> measurements;
  std::map<std::string, PointCount> points;
  for (const AlarmRecordSummary& r : records) {
    const Day day = LocalDay(r.first_active_at, utc_offset);
    if (day < first || day > today) continue;
    ++stats.total;
    for (auto& [c, n] : stats.by_level) {
      if (c == r.condition) ++n;
    }
    ++(r.handled ? stats.handled : stats.unhandled);
    ++stats.daily[static_cast<std::size_t>((day - first).count())].count;
    ++areas[r.area];
    ++measurements[r.measurement];
    auto [it, inserted] = points.try_emplace(r.point_id, PointCount{r.point_id, r.tag, 0});
    ++it->second.count;
  }
  for (const auto& [area, n] : areas) stats.by_area.emplace_back(area, n);
  std::stable_sort(stats.by_area.begin(), stats.by_area.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });
  for (const auto& [m, n] : measurements) stats.by_measurement.emplace_back(m, n);
  std::stable_sort(stats.by_measurement.begin(), stats.by_measurement.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });
  for (const auto& [id, p] : points) stats.top_points.push_back(p);
  std::stable_sort(stats.top_points.begin(), stats.top_points.end(),
                   [](const PointCount& x, const PointCount& y) { return x.count > y.count; });
  if (stats.top_points.size() > top_points) stats.top_points.resize(top_points);
  return stats;
}

}  // namespace safeloop::alarm
