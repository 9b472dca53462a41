#include <catch2/catch.hpp>

#include <set>

#include "plant_model.hpp"

using namespace safeloop;
using namespace safeloop::simulator;
using namespace std::chrono_literals;

namespace {

PlantConfig Plant() {
  auto c = LoadPlantConfig(SAFELOOP_PLANT_JSON);
  REQUIRE(c.ok());
  return *c;
}

}  // namespace

TEST_CASE("plant model: the same seed and steps give the same plant; another seed another") {
  const PlantConfig config = Plant();
  PlantModel a(config, 42, 60s), b(config, 42, 60s), c(config, 43, 60s);
  bool differs = false;
  for (int i = 0; i < 2000; ++i) {
    a.Step(500ms);
    b.Step(500ms);
    c.Step(500ms);
    REQUIRE(a.values() == b.values());
    differs = differs || a.values() != c.values();
  }
  CHECK(differs);
  REQUIRE(a.excursions().size() == b.excursions().size());
  for (std::size_t i = 0; i < a.excursions().size(); ++i) {
    CHECK(a.excursions()[i].point == b.excursions()[i].point);
    CHECK(a.excursions()[i].peak == b.excursions()[i].peak);
  }
  CHECK(a.elapsed() == 1000s);
}

TEST_CASE("plant model: without excursions every point stays in its normal band for hours") {
  const PlantConfig config = Plant();
  PlantModel m(config, 7, 0s);
  for (int step = 0; step < 6 * 3600; ++step) {  // six hours at 1 Hz
    m.Step(1s);
    for (std::size_t i = 0; i < config.points.size(); ++i) {
      const PlantPoint& p = config.points[i];
      const double v = m.values()[i];
      INFO(p.tag << " = " << v);
      REQUIRE(v >= p.range_low);
      REQUIRE(v <= p.range_high);
      if (p.is_switch()) {
        REQUIRE((v == 0 || v == 1));
        continue;
      }
      const auto first_high = p.limits.h ? p.limits.h : p.limits.hh;
      const auto first_low = p.limits.l ? p.limits.l : p.limits.ll;
      if (first_high) REQUIRE(v < *first_high);
      if (first_low) REQUIRE(v > *first_low);
    }
  }
  CHECK(m.excursions().empty());
}

TEST_CASE("plant model: excursions go through H (and half of them through HH) and come back") {
  const PlantConfig config = Plant();
  const auto every = 300s;
  PlantModel m(config, 2026, every);
  const double hold_start = config.ramp_fraction;
  const double hold_end = config.ramp_fraction + config.hold_fraction;
  std::vector<double> extreme;  // per excursion: the most extreme value during its hold
  for (int step = 0; step < 12 * 3600; ++step) {  // twelve hours at 1 Hz: 144 excursions
    m.Step(1s);
    for (std::size_t k = 0; k < m.excursions().size(); ++k) {
      if (extreme.size() <= k) extreme.push_back(m.excursions()[k].side == ExcursionSide::kHigh ? -1e300 : 1e300);
      const Excursion& e = m.excursions()[k];
      const double t = static_cast<double>((m.elapsed() - e.start).count()) / static_cast<double>(e.duration.count());
      if (t < hold_start || t > hold_end) continue;
      const double v = m.values()[e.point];
      extreme[k] = e.side == ExcursionSide::kHigh ? std::max(extreme[k], v) : std::min(extreme[k], v);
    }
    for (std::size_t i = 0; i < config.points.size(); ++i) {
      REQUIRE(m.values()[i] >= config.points[i].range_low);
      REQUIRE(m.values()[i] <= config.points[i].range_high);
    }
  }
  REQUIRE(m.excursions().size() >= 140);
  int through_second = 0, first_only = 0;
  std::set<std::size_t> points;
  for (std::size_t k = 0; k + 1 < m.excursions().size(); ++k) {
    const Excursion& e = m.excursions()[k];
    const PlantPoint& p = config.points[e.point];
    points.insert(e.point);
    INFO(p.tag << " excursion " << k << " extreme " << extreme[k] << " peak " << e.peak);
    const bool high = e.side == ExcursionSide::kHigh;
    const auto first = high ? p.limits.h : p.limits.l;
    const auto second = high ? p.limits.hh : p.limits.ll;
    if (first) CHECK((high ? extreme[k] > *first : extreme[k] < *first));
    if (e.through_second_level) {
      ++through_second;
      REQUIRE(second.has_value());
      CHECK((high ? extreme[k] > *second : extreme[k] < *second));
    } else {
      ++first_only;
      if (second) CHECK((high ? extreme[k] < *second + 3 * p.noise : extreme[k] > *second - 3 * p.noise));
    }
  }
  CHECK(through_second > 20);
  CHECK(first_only > 20);
  CHECK(points.size() >= 10);  // spread over the plant, not one point again and again

  // After the last excursion ended, the plant is back in its normal band.
  PlantModel quiet(config, 5, 100s);
  for (int s = 0; s < 100 + 180 + 1; ++s) quiet.Step(1s);  // one excursion, started at 100 s, over at 280 s
  REQUIRE(quiet.excursions().size() >= 1);
  const Excursion first = quiet.excursions()[0];
  PlantModel settled(config, 5, 100s);
  for (int s = 0; s < 100 + 180 + 2; ++s) settled.Step(1s);
  const PlantPoint& p = config.points[first.point];
  const double v = settled.values()[first.point];
  if (p.limits.h) CHECK(v < *p.limits.h);
  if (p.limits.l) CHECK(v > *p.limits.l);
}

TEST_CASE("plant model: switches change now and then and stay 0 or 1") {
  const PlantConfig config = Plant();
  PlantModel m(config, 11, 0s);
  const std::size_t xs = *config.Find("XS-201");
  int changes = 0;
  double last = m.values()[xs];
  for (int step = 0; step < 48 * 3600; step += 10) {
    m.Step(10s);
    const double v = m.values()[xs];
    REQUIRE((v == 0 || v == 1));
    changes += v != last ? 1 : 0;
    last = v;
  }
  CHECK(changes >= 20);  // mean interval 1 h over 48 h
  CHECK(changes <= 100);
}
