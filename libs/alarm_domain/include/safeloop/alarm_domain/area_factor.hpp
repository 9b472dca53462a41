#pragma once
/// @file area_factor.hpp
/// The "frequent alarms in area X" factor of the dynamic four-colour risk map (DESIGN.md §4; Cangzhou:
/// "实时监测点数据高频报警" raises the area's level temporarily, restored when it ends).
///
/// The factor is raised when an area has ≥ raise_at annunciated alarms in the last `window`, and cleared
/// when the count falls below clear_below. The gap between the two is hysteresis: without it an area near
/// the threshold would flip colour each time one old alarm leaves the window, and every flip is pushed to
/// every open map. clear_below = raise_at turns the hysteresis off.

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "safeloop/alarm_domain/kpi.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::alarm {

/// [P] defaults, configurable per tenant: 10 alarms in 60 min raise, fewer than 5 clear (the 2:1 ratio of
/// the flood rule of §4.5).
struct AreaFactorRule {
  int raise_at = 10;
  int clear_below = 5;
  std::chrono::minutes window{60};
};
/// raise_at ≥ 1, 0 ≤ clear_below ≤ raise_at, window > 0. INVALID_ARGUMENT naming the field.
Status ValidateAreaFactorRule(const AreaFactorRule& rule);

struct AreaFactor {
  std::string area;
  int count = 0;         ///< annunciated alarms in (now − window, now]
  bool raised = false;   ///< the factor after this evaluation
  bool changed = false;  ///< raised or cleared by this evaluation

  friend bool operator==(const AreaFactor&, const AreaFactor&) = default;
};
/// One row per area that has activations in the input or is currently raised, in area order.
/// `raised_areas` is the factor's current state (what the risk service last applied). Activations without
/// an area, or after `now`, are ignored.
std::vector<AreaFactor> EvaluateAreaFactors(const std::vector<Activation>& activations,
                                            const std::set<std::string>& raised_areas,
                                            const AreaFactorRule& rule, TimePoint now);

}  // namespace safeloop::alarm
