#include "safeloop/alarm_domain/area_factor.hpp"

#include <map>

namespace safeloop::alarm {

Status ValidateAreaFactorRule(const AreaFactorRule& rule) {
  if (rule.raise_at < 1) return InvalidArgument("raise_at must be at least 1", "raise_at");
  if (rule.clear_below < 0 || rule.clear_below > rule.raise_at) {
    return InvalidArgument("clear_below must be between 0 and raise_at", "clear_below");
  }
  if (rule.window.count() <= 0) return InvalidArgument("the window must be longer than 0", "window");
  return Status::Ok();
}

std::vector<AreaFactor> EvaluateAreaFactors(const std::vector<Activation>& activations,
                                            const std::set<std::string>& raised_areas,
                                            const AreaFactorRule& rule, TimePoint now) {
  std::map<std::string, int> counts;
  for (const std::string& area : raised_areas) counts.try_emplace(area, 0);
  const TimePoint window_start = now - rule.window;
  for (const Activation& a : activations) {
    if (a.area.empty() || a.at > now) continue;
    int& n = counts[a.area];
    if (a.at > window_start) ++n;
  }
  std::vector<AreaFactor> out;
  for (const auto& [area, count] : counts) {
    const bool was = raised_areas.count(area) > 0;
    const bool now_raised = was ? count >= rule.clear_below : count >= rule.raise_at;
    out.push_back({area, count, now_raised, now_raised != was});
  }
  return out;
}

}  // namespace safeloop::alarm
