#pragma once
/// @file backoff.hpp
/// Reconnect delays: exponential from `initial` to `max`, so a dead device costs one attempt per `max`
/// instead of a busy loop, and a short outage is retried quickly.

#include <chrono>

#include "safeloop/core/status.hpp"

namespace safeloop::iot {

struct BackoffPolicy {
  std::chrono::milliseconds initial{200};
  std::chrono::milliseconds max{10000};
  double multiplier = 2.0;

  friend bool operator==(const BackoffPolicy&, const BackoffPolicy&) = default;
};

/// INVALID_ARGUMENT naming "initial", "max" or "multiplier": 0 < initial ≤ max, multiplier ≥ 1.
Status ValidateBackoffPolicy(const BackoffPolicy& policy);

/// The wait before the next attempt after `failures` consecutive failures (1 → initial, 2 → initial ×
/// multiplier, …, capped at max). 0 failures → 0.
std::chrono::milliseconds BackoffDelay(const BackoffPolicy& policy, int failures);

}  // namespace safeloop::iot
