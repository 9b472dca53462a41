#include "safeloop/personnel_domain/lockout.hpp"

#include <algorithm>

namespace safeloop::personnel_domain {

bool IsLocked(const LockoutState& state, TimePoint now) {
  return state.locked_until.has_value() && now < *state.locked_until;
}

LockoutState Normalize(const LockoutState& state, TimePoint now) {
  if (state.locked_until.has_value() && now >= *state.locked_until) return LockoutState{};
  return state;
}

FailureOutcome AfterFailure(const LockoutState& state, const LockoutPolicy& policy, TimePoint now) {
  if (IsLocked(state, now)) return {state, false};
  LockoutState next = Normalize(state, now);
  next.failed_logins += 1;
  if (next.failed_logins >= std::max(policy.threshold, 1)) {
    return {LockoutState{0, now + policy.duration}, true};
  }
  return {next, false};
}

LockoutState AfterSuccess() { return LockoutState{}; }

}  // namespace safeloop::personnel_domain
