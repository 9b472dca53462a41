#include "safeloop/iot_adapters/backoff.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace safeloop::iot {

Status ValidateBackoffPolicy(const BackoffPolicy& policy) {
  if (policy.initial.count() <= 0) return InvalidArgument("the first delay must be > 0", "initial");
  if (policy.max < policy.initial) return InvalidArgument("the longest delay must be ≥ the first", "max");
  if (!std::isfinite(policy.multiplier) || policy.multiplier < 1) {
    return InvalidArgument("the multiplier must be ≥ 1", "multiplier");
  }
  return Status::Ok();
}

std::chrono::milliseconds BackoffDelay(const BackoffPolicy& policy, int failures) {
  if (failures <= 0) return std::chrono::milliseconds{0};
  double delay = static_cast<double>(policy.initial.count());
  const double cap = static_cast<double>(policy.max.count());
  for (int i = 1; i < failures && delay < cap; ++i) delay *= policy.multiplier;
  return std::chrono::milliseconds{static_cast<std::int64_t>(std::min(delay, cap))};
}

}  // namespace safeloop::iot
