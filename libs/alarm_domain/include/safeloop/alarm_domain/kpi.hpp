#pragma once
/// @file kpi.hpp
/// Nuisance-alarm detection and alarm-system KPIs (standards.md §4.4, §4.5) and the Cangzhou alarm
/// statistics, as pure functions over lists the service reads from its alarm history:
///   - activations (one per annunciation, see ActivationOf) for rates, chattering, floods, stale alarms and
///     the top contributors;
///   - alarm records (one per 报警记录) for the statistics by level, handled/unhandled and the daily trend.
///
/// Time windows are half-open: a window of length W starting at t holds [t, t + W), and "the last W at
/// time t" is (t − W, t]. Two activations exactly W apart are therefore never in the same window.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "safeloop/alarm_domain/lifecycle.hpp"
#include "safeloop/alarm_domain/types.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::alarm {

/// One annunciation of an alarm.
struct Activation {
  std::string point_id;
  std::string tag;
  AlarmCondition condition = AlarmCondition::kHigh;
  Priority priority = Priority::kMedium;
  std::string console;
  std::string area;
  TimePoint at{};
  std::optional<TimePoint> returned_at;  ///< when the condition returned to normal; none while active

  friend bool operator==(const Activation&, const Activation&) = default;
};
/// The activation an event stands for, when the event is an annunciation (AlarmEvent::annunciated).
std::optional<Activation> ActivationOf(const AlarmEvent& event);

/// Chattering (§4.5): the project default is ≥ 3 activations of one point and condition within 60 s.
struct ChatteringRule {
  int min_activations = 3;
  std::chrono::milliseconds window{60'000};
};
struct ChatteringAlarm {
  std::string point_id;
  std::string tag;
  AlarmCondition condition = AlarmCondition::kHigh;
  int max_in_window = 0;   ///< the most activations in any window
  TimePoint window_start{};  ///< the first activation of the first such window
  int total = 0;           ///< all activations of the alarm in the input
};
/// Every alarm (point, condition) that chatters, most activations in a window first.
std::vector<ChatteringAlarm> FindChattering(const std::vector<Activation>& activations,
                                            const ChatteringRule& rule = {});

/// Flood (§4.5): starts when more than 10 alarms are annunciated in 10 min on one operator position; ends
/// when the last 10 min hold fewer than 5.
struct FloodRule {
  int start_above = 10;
  int end_below = 5;
  std::chrono::milliseconds window{10 * 60'000};
};
struct FloodPeriod {
  std::string console;
  TimePoint start{};               ///< the first alarm of the window that went over the threshold
  std::optional<TimePoint> end;    ///< when the last-window count fell below end_below; none while ongoing
  int count = 0;                   ///< alarms annunciated in [start, end)
  int peak = 0;                    ///< the most alarms in any last-window during the flood
  Activation first_alarm;          ///< the probable root cause
};
/// Floods per console in time order, consoles in name order. Activations after `now` are ignored; a flood
/// whose end would come after `now` is ongoing.
std::vector<FloodPeriod> FindFloods(const std::vector<Activation>& activations, TimePoint now,
                                    const FloodRule& rule = {});
/// Share of [from, to) that `console` spent in flood (ongoing floods count until `to`); 0 for an empty
/// period.
double TimeInFloodShare(const std::vector<FloodPeriod>& floods, std::string_view console, TimePoint from,
                        TimePoint to);

/// Stale alarms (§4.5: continuously in alarm for more than 24 h; the issue calls them standing).
/// Activations still active at `now` and active for longer than `threshold`, oldest first.
std::vector<Activation> FindStaleAlarms(const std::vector<Activation>& activations, TimePoint now,
                                        std::chrono::milliseconds threshold = std::chrono::hours(24));

/// Alarm load of one operator position over [from, to) (§4.4). Periods are aligned to `from`; a partial
/// last period counts as a period.
struct ConsoleLoad {
  std::string console;
  int total = 0;
  double per_day = 0;    ///< average annunciated alarms per day (~150 acceptable, ~300 manageable)
  double per_hour = 0;   ///< (~6 / ~12)
  double per_10min = 0;  ///< (~1 / ~2)
  int max_in_10min = 0;  ///< the most in one 10-minute period (target ≤ 10)
  double share_10min_over_10 = 0;  ///< fraction of 10-minute periods with > 10 alarms (target < 1 %)
  double share_hours_over_30 = 0;  ///< fraction of hours with > 30 alarms (target < 1 %)
};
/// One row per console with activations in [from, to), in console order. INVALID_ARGUMENT when to ≤ from.
Result<std::vector<ConsoleLoad>> LoadByConsole(const std::vector<Activation>& activations, TimePoint from,
                                               TimePoint to);

/// Bad actors (§4.5): the alarms (point, condition) with the most activations and their share of the load.
struct Contributor {
  std::string point_id;
  std::string tag;
  AlarmCondition condition = AlarmCondition::kHigh;
  int count = 0;
  double share = 0;  ///< count / total
};
struct TopContributors {
  int total = 0;
  std::vector<Contributor> top;  ///< most activations first; ties by point id, then condition
  double combined_share = 0;     ///< the top's share of the total (§4.4 target: ~1–5 % at most)
};
TopContributors FindTopContributors(const std::vector<Activation>& activations, std::size_t n = 10);

/// One alarm record, as the statistics need it.
struct AlarmRecordSummary {
  std::string point_id;
  std::string tag;
  AlarmCondition condition = AlarmCondition::kHigh;
  MeasurementType measurement = MeasurementType::kOther;
  std::string area;
  TimePoint first_active_at{};
  bool handled = false;  ///< closed with a handling record (已处理)
};

using Day = std::chrono::sys_days;

struct DailyCount {
  Day day;
  int count = 0;
  friend bool operator==(const DailyCount&, const DailyCount&) = default;
};
struct PointCount {
  std::string point_id;
  std::string tag;
  int count = 0;
};

/// The Cangzhou statistics: 报警级别 (高报/高高报/低报/低低报/开关量, plus 通讯中断), 处理类别 (已处理/未处理),
/// the daily trend, 报警区域, 报警类型 and the sensor ranking.
struct AlarmStatistics {
  int total = 0;
  std::vector<std::pair<AlarmCondition, int>> by_level;  ///< every condition, kAllAlarmConditions order
  int handled = 0;
  int unhandled = 0;
  std::vector<DailyCount> daily;                          ///< every day of the period, oldest first
  std::vector<std::pair<std::string, int>> by_area;       ///< most first, ties by name
  std::vector<std::pair<MeasurementType, int>> by_measurement;  ///< most first, ties by enum order
  std::vector<PointCount> top_points;                     ///< most first, ties by point id
};
/// The local calendar day of an instant (`utc_offset`: China is +8 h, no daylight saving).
Day LocalDay(TimePoint t, std::chrono::minutes utc_offset = std::chrono::hours(8));
/// Statistics of the records first annunciated in the `days` local days ending with the day of `now`
/// (30 for the Cangzhou trend); other records are left out. INVALID_ARGUMENT when days < 1.
Result<AlarmStatistics> SummarizeAlarmRecords(const std::vector<AlarmRecordSummary>& records, TimePoint now,
                                              int days = 30,
                                              std::chrono::minutes utc_offset = std::chrono::hours(8),
                                              std::size_t top_points = 10);

}  // namespace safeloop::alarm
