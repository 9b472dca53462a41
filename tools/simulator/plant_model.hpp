#pragma once
// The plant's behaviour: each analog point moves around its normal value with clipped Gaussian noise and
// a slow sinusoidal drift; switches change now and then; every `excursion_every` one point (chosen at
// random) leaves its normal band, rises through its first limit (H or L) — half of the time through the
// second (HH or LL) as well — holds there and comes back. Everything is drawn from one mt19937_64 seeded
// by the caller, and time advances only in Step(): the same seed and the same steps give the same plant.

#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

#include "plant_config.hpp"

namespace safeloop::simulator {

struct Excursion {
  std::size_t point = 0;
  ExcursionSide side = ExcursionSide::kHigh;
  bool through_second_level = false;  ///< aims beyond HH/LL, not just beyond H/L
  double peak = 0;
  std::chrono::milliseconds start{0};  ///< plant time
  std::chrono::milliseconds duration{0};
};

class PlantModel {
 public:
  /// `excursion_every` 0 disables excursions. The first one starts after one interval.
  PlantModel(PlantConfig config, std::uint64_t seed, std::chrono::milliseconds excursion_every);

  /// Advances plant time by dt (> 0) and recomputes every value.
  void Step(std::chrono::milliseconds dt);

  /// Current values, by index of config().points (within each point's range).
  const std::vector<double>& values() const { return values_; }
  std::chrono::milliseconds elapsed() const { return elapsed_; }
  /// Every excursion started so far, oldest first.
  const std::vector<Excursion>& excursions() const { return excursions_; }
  const PlantConfig& config() const { return config_; }

 private:
  double Uniform();   // [0, 1)
  double Gaussian();  // N(0, 1) clipped to ±3
  double Envelope(const Excursion& e) const;  // 0..1..0 over the excursion
  void MaybeStartExcursion();

  PlantConfig config_;
  std::mt19937_64 rng_;
  std::chrono::milliseconds excursion_every_;
  std::chrono::milliseconds next_excursion_{0};
  std::chrono::milliseconds elapsed_{0};
  std::vector<double> phase_;  // drift phase per point
  std::vector<double> values_;
  std::vector<Excursion> excursions_;
  std::vector<long> active_;  // per point: index into excursions_ of its running excursion, or -1
};

}  // namespace safeloop::simulator
