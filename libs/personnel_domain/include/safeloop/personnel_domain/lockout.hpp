#pragma once
/// @file lockout.hpp
/// Account lockout after repeated failed logins, as a pure state machine over (failures in a row, locked
/// until). The service stores the state on the account and applies these transitions in the transaction
/// that records a login attempt.
///
///   unlocked(n) --failure, n+1 <  threshold--> unlocked(n+1)
///   unlocked(n) --failure, n+1 >= threshold--> locked(until = now + duration), counter reset to 0
///   any         --success------------------> unlocked(0)
///   locked      --now >= until---------------> unlocked(0)   (the lock simply runs out)
///   locked      --attempt before until-------> unchanged     (refused without checking the password, and
///                                                             without extending the lock)
///   any         --admin unlock---------------> unlocked(0)

#include <chrono>
#include <optional>

#include "safeloop/core/clock.hpp"

namespace safeloop::personnel_domain {

struct LockoutPolicy {
  int threshold = 5;                           ///< consecutive failures that lock (≥ 1)
  std::chrono::seconds duration{15 * 60};      ///< how long a lock lasts
};

struct LockoutState {
  int failed_logins = 0;                  ///< consecutive failures since the last success or lock
  std::optional<TimePoint> locked_until;  ///< set while (or after) locked

  friend bool operator==(const LockoutState&, const LockoutState&) = default;
};

/// Whether a login at `now` is refused because of a lock still running.
bool IsLocked(const LockoutState& state, TimePoint now);

/// The state as of `now`: an expired lock is dropped (and the counter restarts from 0).
LockoutState Normalize(const LockoutState& state, TimePoint now);

struct FailureOutcome {
  LockoutState state;
  bool locked_now = false;  ///< this failure locked the account (the service emits an event)
};

/// A wrong password at `now`. A locked account stays exactly as it is (see the table above).
FailureOutcome AfterFailure(const LockoutState& state, const LockoutPolicy& policy, TimePoint now);

/// A correct password (or an admin unlock).
LockoutState AfterSuccess();

}  // namespace safeloop::personnel_domain
