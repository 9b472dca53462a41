#include "safeloop/alarm_domain/escalation.hpp"

#include <algorithm>

namespace safeloop::alarm {

Status ValidateEscalationPolicy(const EscalationPolicy& policy) {
  if (policy.steps.empty()) return InvalidArgument("a policy needs at least one step", "steps");
  for (std::size_t i = 0; i < policy.steps.size(); ++i) {
    const EscalationStep& step = policy.steps[i];
    const std::string field = "steps[" + std::to_string(i) + "]";
    if (step.after.count() < 0) return InvalidArgument("a step cannot come before the alarm", field + ".after");
    if (i > 0 && step.after <= policy.steps[i - 1].after) {
      return InvalidArgument("each tier must come later than the one before", field + ".after");
    }
    const bool someone = std::any_of(step.notify.begin(), step.notify.end(),
                                     [](const std::string& s) { return !s.empty(); });
    if (!someone) return InvalidArgument("a step must notify someone", field + ".notify");
  }
  return Status::Ok();
}

const EscalationPolicy* SelectEscalationPolicy(const std::vector<EscalationPolicy>& policies, Priority priority,
                                               std::string_view area) {
  const EscalationPolicy* best = nullptr;
  int best_score = -1;
  for (const EscalationPolicy& p : policies) {
    if (p.priority.has_value() && *p.priority != priority) continue;
    if (!p.area.empty() && p.area != area) continue;
    const int score = (p.area.empty() ? 0 : 2) + (p.priority.has_value() ? 1 : 0);
    if (score > best_score) {
      best = &p;
      best_score = score;
    }
  }
  return best;
}

std::optional<EscalationHistory> EscalationHistoryOf(const Alarm& alarm, std::vector<int> steps_done) {
  if (!alarm.record.last_active_at.has_value()) return std::nullopt;
  EscalationHistory h;
  h.annunciated_at = *alarm.record.last_active_at;
  if (alarm.acknowledged) h.acknowledged_at = alarm.record.acknowledged_at;
  const AlarmState s = StateOf(alarm);
  h.shown = s != AlarmState::kShelved && s != AlarmState::kSuppressed && s != AlarmState::kOutOfService;
  h.steps_done = std::move(steps_done);
  return h;
}

std::vector<DueEscalation> DueEscalations(const EscalationPolicy& policy, const EscalationHistory& history,
                                          TimePoint now) {
  std::vector<DueEscalation> out;
  if (!history.shown) return out;
  const bool acknowledged = history.acknowledged_at.has_value() &&
                            *history.acknowledged_at >= history.annunciated_at &&
                            *history.acknowledged_at <= now;
  for (std::size_t i = 0; i < policy.steps.size(); ++i) {
    const int tier = static_cast<int>(i);
    const EscalationStep& step = policy.steps[i];
    if (std::find(history.steps_done.begin(), history.steps_done.end(), tier) != history.steps_done.end()) {
      continue;
    }
    const TimePoint due_at = history.annunciated_at + step.after;
    if (now < due_at) continue;
    if (step.after.count() > 0 && acknowledged) continue;  // someone responded: no need to go higher
    out.push_back({tier, due_at, step.notify});
  }
  return out;
}

}  // namespace safeloop::alarm
