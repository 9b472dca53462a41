#include "plant_model.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace safeloop::simulator {

PlantModel::PlantModel(PlantConfig config, std::uint64_t seed, std::chrono::milliseconds excursion_every)
    : config_(std::move(config)), rng_(seed), excursion_every_(excursion_every), next_excursion_(excursion_every) {
  for (const PlantPoint& p : config_.points) {
    phase_.push_back(2 * std::numbers::pi * Uniform());
    values_.push_back(p.normal);
    active_.push_back(-1);
  }
}

double PlantModel::Uniform() {
  // 53 random bits: mt19937_64's output is fully specified, unlike std::uniform_real_distribution's
  // algorithm, so a seed gives the same plant with every standard library.
  return static_cast<double>(rng_() >> 11) * 0x1.0p-53;
}

double PlantModel::Gaussian() {
  // Box–Muller; clipped so a "3σ" promise in the configuration holds exactly.
  const double u1 = 1.0 - Uniform();  // (0, 1]
  const double u2 = Uniform();
  const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
  return std::clamp(z, -3.0, 3.0);
}

double PlantModel::Envelope(const Excursion& e) const {
  const double t = static_cast<double>((elapsed_ - e.start).count());
  const double d = static_cast<double>(e.duration.count());
  const double ramp = d * config_.ramp_fraction;
  const double hold = d * config_.hold_fraction;
  if (t <= 0 || t >= d) return 0;
  if (t < ramp) return t / ramp;
  if (t <= ramp + hold) return 1;
  return 1 - (t - ramp - hold) / (d - ramp - hold);
}

void PlantModel::MaybeStartExcursion() {
  if (excursion_every_.count() <= 0 || elapsed_ < next_excursion_) return;
  next_excursion_ += excursion_every_;
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < config_.points.size(); ++i) {
    if (config_.points[i].excursion != ExcursionSide::kNone && active_[i] < 0) candidates.push_back(i);
  }
  if (candidates.empty()) return;
  const std::size_t pick = candidates[std::min(candidates.size() - 1,
                                               static_cast<std::size_t>(Uniform() * static_cast<double>(candidates.size())))];
  const PlantPoint& p = config_.points[pick];
  const bool want_second = Uniform() < 0.5;
  Excursion e;
  e.point = pick;
  e.side = p.excursion;
  // Use the level that exists when the wanted one does not.
  std::optional<double> peak = ExcursionPeak(p, p.excursion, want_second);
  e.through_second_level = want_second;
  if (!peak) {
    peak = ExcursionPeak(p, p.excursion, !want_second);
    e.through_second_level = !want_second;
  }
  if (!peak) return;
  e.peak = *peak;
  e.start = elapsed_;
  e.duration = config_.excursion_duration;
  active_[pick] = static_cast<long>(excursions_.size());
  excursions_.push_back(e);
}

void PlantModel::Step(std::chrono::milliseconds dt) {
  if (dt.count() <= 0) return;
  elapsed_ += dt;
  MaybeStartExcursion();
  const double t_s = static_cast<double>(elapsed_.count()) / 1000.0;
  const double dt_s = static_cast<double>(dt.count()) / 1000.0;
  for (std::size_t i = 0; i < config_.points.size(); ++i) {
    const PlantPoint& p = config_.points[i];
    if (p.is_switch()) {
      // A change with probability dt / mean interval per step (a Poisson process for small steps).
      if (p.flip_every_s > 0 && Uniform() < dt_s / p.flip_every_s) values_[i] = values_[i] != 0 ? 0 : 1;
      continue;
    }
    const double noise = p.noise * Gaussian();
    const double base = p.normal + p.drift * std::sin(2 * std::numbers::pi * t_s / p.drift_period_s + phase_[i]);
    double v = base + noise;
    if (active_[i] >= 0) {
      const Excursion& e = excursions_[static_cast<std::size_t>(active_[i])];
      // Blend from the normal band towards the peak, so at the hold the value is the peak plus noise only.
      const double w = Envelope(e);
      v = (1 - w) * base + w * e.peak + noise;
      if (elapsed_ >= e.start + e.duration) active_[i] = -1;
    }
    values_[i] = std::clamp(v, p.range_low, p.range_high);
  }
}

}  // namespace safeloop::simulator
