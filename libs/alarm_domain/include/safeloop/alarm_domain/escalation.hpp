#pragma once
/// @file escalation.hpp
/// Escalation policies as pure rules (exchange.md §2: "escalate if not acknowledged in N minutes"; the
/// Cangzhou rule that an alarm not handled in time is pushed to PC and app). A policy, chosen by priority
/// and area, is a list of tiers: tier 0 notifies the responsible people at once, tier 1 escalates if the
/// alarm is still unacknowledged N minutes after it was annunciated, tier 2 again after M, and so on.
///
/// DueEscalations answers, for one annunciation of an alarm and "now", which tiers are due. It is
/// idempotent: the service records the tiers it has notified (steps_done) and a tier done is never due
/// again. Tiers missed while the service was down come due together, in tier order. Each annunciation is
/// its own episode: when annunciated_at changes (D → B, a return from shelving …) the service starts again
/// with no steps done. An alarm that returned to normal unacknowledged (D) still escalates: nobody has
/// responded to it yet.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/alarm_domain/lifecycle.hpp"
#include "safeloop/alarm_domain/types.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::alarm {

struct EscalationStep {
  std::chrono::minutes after{0};    ///< since the annunciation; 0 = at once
  std::vector<std::string> notify;  ///< user ids or role codes; the notifier resolves them
};

struct EscalationPolicy {
  std::string id;
  std::optional<Priority> priority;  ///< nullopt: any priority
  std::string area;                  ///< empty: every area
  std::vector<EscalationStep> steps;  ///< the tiers, index = tier
};
/// At least one step; `after` ≥ 0 and strictly increasing; every step notifies someone. INVALID_ARGUMENT
/// naming the field ("steps[1].after").
Status ValidateEscalationPolicy(const EscalationPolicy& policy);

/// The policy for an alarm: among those whose priority and area match (or are "any"), the most specific
/// wins (a specific area counts more than a specific priority); equal ones by list order. nullptr if none.
const EscalationPolicy* SelectEscalationPolicy(const std::vector<EscalationPolicy>& policies, Priority priority,
                                               std::string_view area);

/// One annunciation of an alarm, as escalation sees it.
struct EscalationHistory {
  TimePoint annunciated_at{};                ///< start of this unacknowledged episode
  std::optional<TimePoint> acknowledged_at;  ///< an acknowledgement before annunciated_at is ignored
  bool shown = true;  ///< false while shelved, suppressed or out of service: nothing is due
  std::vector<int> steps_done;  ///< tiers already notified for this annunciation
};
/// The history of an alarm's latest annunciation; nullopt when it was never annunciated.
std::optional<EscalationHistory> EscalationHistoryOf(const Alarm& alarm, std::vector<int> steps_done = {});

struct DueEscalation {
  int tier = 0;
  TimePoint due_at{};  ///< annunciated_at + after
  std::vector<std::string> notify;
};
/// The tiers due at `now`, in tier order. Tier 0 with after = 0 is due at once even if the alarm was
/// already acknowledged (the responsible people are told it happened); every later tier only while the
/// alarm is unacknowledged at `now` and once now ≥ annunciated_at + after.
std::vector<DueEscalation> DueEscalations(const EscalationPolicy& policy, const EscalationHistory& history,
                                          TimePoint now);

}  // namespace safeloop::alarm
