#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "safeloop/alarm_domain/limits.hpp"

using namespace safeloop;
using namespace safeloop::alarm;
using namespace std::chrono_literals;

namespace {

LimitSetting L(double sp, Priority p = Priority::kMedium) { return LimitSetting{sp, p, false, std::nullopt, ""}; }

PointAlarmConfig FourLimits() {
  PointAlarmConfig c;
  c.range_low = 0;
  c.range_high = 100;
  c.limits.low_low = L(10);
  c.limits.low = L(20);
  c.limits.high = L(80);
  c.limits.high_high = L(90, Priority::kHigh);
  c.deadband = 2;
  return c;
}

}  // namespace

TEST_CASE("limits: a well-formed four-limit configuration is valid, with or without some limits") {
  CHECK(ValidatePointAlarmConfig(FourLimits()).ok());
  auto only_high = FourLimits();
  only_high.limits.low.reset();
  only_high.limits.low_low.reset();
  CHECK(ValidatePointAlarmConfig(only_high).ok());
  auto none = FourLimits();
  none.limits = {};
  CHECK(ValidatePointAlarmConfig(none).ok());
  auto skip_levels = FourLimits();  // LL and H only: still ordered
  skip_levels.limits.low.reset();
  skip_levels.limits.high_high.reset();
  CHECK(ValidatePointAlarmConfig(skip_levels).ok());
}

TEST_CASE("limits: configuration errors name the offending field") {
  struct Row {
    const char* what;
    std::function<void(PointAlarmConfig&)> mutate;
    const char* field;
  };
  const std::vector<Row> rows{
      {"range inverted", [](auto& c) { c.range_high = 0; }, "range_high"},
      {"range empty", [](auto& c) { c.range_low = c.range_high = 5; }, "range_high"},
      {"range not finite", [](auto& c) { c.range_low = std::nan(""); }, "range_low"},
      {"H not above L", [](auto& c) { c.limits.high->setpoint = 20; }, "limits.high"},
      {"HH below H", [](auto& c) { c.limits.high_high->setpoint = 79; }, "limits.high_high"},
      {"HH equal to H", [](auto& c) { c.limits.high_high->setpoint = 80; }, "limits.high_high"},
      {"L below LL", [](auto& c) { c.limits.low->setpoint = 5; }, "limits.low"},
      {"setpoint NaN", [](auto& c) { c.limits.high->setpoint = std::nan(""); }, "limits.high"},
      {"negative deadband", [](auto& c) { c.deadband = -0.1; }, "deadband"},
      {"deadband as wide as the range", [](auto& c) { c.deadband = 100; }, "deadband"},
      {"negative on-delay", [](auto& c) { c.on_delay = -1ms; }, "on_delay"},
      {"negative off-delay", [](auto& c) { c.off_delay = -1ms; }, "off_delay"},
      {"negative sampling period", [](auto& c) { c.sampling_period = -1ms; }, "sampling_period"},
      {"supervision with zero periods", [](auto& c) {
         c.sampling_period = 10s;
         c.comm_loss_periods = 0;
       }, "comm_loss_periods"},
      {"interlock flag on a first-level limit", [](auto& c) { c.limits.high->interlock = true; },
       "limits.high.interlock"},
      {"trip value on a first-level limit", [](auto& c) { c.limits.low->trip_setpoint = 15; },
       "limits.low.trip_setpoint"},
      {"HH above its trip value", [](auto& c) { c.limits.high_high->trip_setpoint = 89.9; }, "limits.high_high"},
      {"LL below its trip value", [](auto& c) { c.limits.low_low->trip_setpoint = 10.1; }, "limits.low_low"},
      {"a digital point with limits", [](auto& c) { c.kind = PointKind::kDigital; }, "limits.low_low"},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    auto c = FourLimits();
    row.mutate(c);
    Status s = ValidatePointAlarmConfig(c);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.field() == row.field);
  }
}

TEST_CASE("limits: the second level may equal or precede its interlock trip value") {
  auto c = FourLimits();
  c.limits.high_high->interlock = true;
  c.limits.high_high->trip_setpoint = 90;  // HH = trip (联锁报警)
  c.limits.high_high->linked_interlock_id = "IS-101";
  c.limits.low_low->interlock = true;
  c.limits.low_low->trip_setpoint = 8;  // LL before the low trip (pre-trip alarm)
  CHECK(ValidatePointAlarmConfig(c).ok());
}

TEST_CASE("limits: a digital point without limits is valid") {
  PointAlarmConfig c;
  c.kind = PointKind::kDigital;
  c.sampling_period = 1s;
  CHECK(ValidatePointAlarmConfig(c).ok());
}

TEST_CASE("limits: §4.6 starting points per measurement type") {
  struct Row {
    MeasurementType type;
    double percent;
    std::chrono::seconds delay;
  };
  for (const Row& r : {Row{MeasurementType::kFlow, 5, 15s}, Row{MeasurementType::kLevel, 5, 60s},
                       Row{MeasurementType::kPressure, 2, 15s}, Row{MeasurementType::kTemperature, 1, 60s}}) {
    INFO(MeasurementTypeCode(r.type));
    auto t = DefaultTuning(r.type);
    REQUIRE(t.has_value());
    CHECK(t->deadband_percent == r.percent);
    CHECK(t->on_delay == r.delay);
    CHECK(t->off_delay == r.delay);
  }
  for (MeasurementType none : {MeasurementType::kCombustibleGas, MeasurementType::kCombustibleGasOpenPath,
                               MeasurementType::kToxicGas, MeasurementType::kOxygen, MeasurementType::kSwitch,
                               MeasurementType::kOther}) {
    INFO(MeasurementTypeCode(none));
    CHECK_FALSE(DefaultTuning(none).has_value());
  }
}

TEST_CASE("limits: default point configs turn the percentage into engineering units") {
  // A 0–2.5 MPa pressure transmitter: 2 % of 2.5 MPa = 0.05 MPa, 15 s delays.
  auto p = DefaultPointConfig(MeasurementType::kPressure, 0, 2.5);
  CHECK(p.kind == PointKind::kAnalog);
  CHECK(p.deadband == Approx(0.05));
  CHECK(p.on_delay == 15s);
  CHECK(p.off_delay == 15s);
  // A -50–150 °C temperature: 1 % of 200 = 2 °C, 60 s.
  auto t = DefaultPointConfig(MeasurementType::kTemperature, -50, 150);
  CHECK(t.deadband == Approx(2.0));
  CHECK(t.on_delay == 60s);
  // Gas detectors are not in §4.6: no deadband, no delay.
  auto g = DefaultPointConfig(MeasurementType::kCombustibleGas, 0, 100);
  CHECK(g.deadband == 0);
  CHECK(g.on_delay == 0ms);
  CHECK(g.off_delay == 0ms);
  CHECK(DefaultPointConfig(MeasurementType::kSwitch, 0, 1).kind == PointKind::kDigital);
  CHECK(DeadbandFromPercent(5, 0, 400) == Approx(20));
}

TEST_CASE("limits: GB/T 50493-2019 gas detector defaults") {
  auto comb = GasDetectorLimits(GasDetectorKind::kCombustiblePoint);
  REQUIRE(comb.ok());
  CHECK(comb->high->setpoint == 25);
  CHECK(comb->high_high->setpoint == 50);
  CHECK(comb->high_high->priority == Priority::kHigh);
  CHECK_FALSE(comb->low.has_value());
  CHECK_FALSE(comb->low_low.has_value());

  auto line = GasDetectorLimits(GasDetectorKind::kCombustibleOpenPath);
  REQUIRE(line.ok());
  CHECK(line->high->setpoint == 1);
  CHECK(line->high_high->setpoint == 2);

  // A substance with an OEL of 10 ppm: first level 100 % OEL, second 200 % OEL.
  auto toxic = GasDetectorLimits(GasDetectorKind::kToxic, 10);
  REQUIRE(toxic.ok());
  CHECK(toxic->high->setpoint == Approx(10));
  CHECK(toxic->high_high->setpoint == Approx(20));
  // IDLH 300 ppm: 5 % and 10 % of it.
  auto idlh = GasDetectorLimits(GasDetectorKind::kToxicIdlh, 300);
  REQUIRE(idlh.ok());
  CHECK(idlh->high->setpoint == Approx(15));
  CHECK(idlh->high_high->setpoint == Approx(30));

  // Oxygen: one limit each side, over-oxygen 23.5 and under-oxygen 19.5 % vol.
  auto o2 = GasDetectorLimits(GasDetectorKind::kOxygen);
  REQUIRE(o2.ok());
  CHECK(o2->high->setpoint == 23.5);
  CHECK(o2->low->setpoint == 19.5);
  CHECK_FALSE(o2->high_high.has_value());
  CHECK_FALSE(o2->low_low.has_value());

  for (auto kind : {GasDetectorKind::kToxic, GasDetectorKind::kToxicIdlh}) {
    for (double bad : {0.0, -1.0, std::nan("")}) {
      auto r = GasDetectorLimits(kind, bad);
      CHECK(r.status().code() == StatusCode::kInvalidArgument);
      CHECK(r.status().field() == "reference_ppm");
    }
  }
}

TEST_CASE("limits: gas defaults make valid point configs over the detector range") {
  struct Row {
    GasDetectorKind kind;
    double ref;
    double range_high;
  };
  for (const Row& r : {Row{GasDetectorKind::kCombustiblePoint, 0, 100}, Row{GasDetectorKind::kCombustibleOpenPath, 0, 5},
                       Row{GasDetectorKind::kToxic, 10, 100}, Row{GasDetectorKind::kToxicIdlh, 300, 50},
                       Row{GasDetectorKind::kOxygen, 0, 30}}) {
    INFO(GasDetectorKindCode(r.kind));
    const GasSetpointRule& rule = GasSetpointRuleFor(r.kind);
    CHECK(rule.kind == r.kind);
    CHECK(ParseGasDetectorKind(GasDetectorKindCode(r.kind)) == r.kind);
    auto c = DefaultPointConfig(rule.measurement, 0, r.range_high);
    c.limits = *GasDetectorLimits(r.kind, r.ref);
    CHECK(ValidatePointAlarmConfig(c).ok());
    CHECK(ValidateGasDetectorLimits(r.kind, c.limits, r.ref).ok());
  }
  CHECK(GasSetpointRules().size() == 5);
}

TEST_CASE("limits: gas setpoints above the standard's maxima are refused; lower ones are fine") {
  auto comb = *GasDetectorLimits(GasDetectorKind::kCombustiblePoint);
  comb.high->setpoint = 20;  // lower than 25 % LEL: allowed ("≤")
  comb.high_high->setpoint = 40;
  CHECK(ValidateGasDetectorLimits(GasDetectorKind::kCombustiblePoint, comb).ok());
  comb.high->setpoint = 25.1;
  auto s = ValidateGasDetectorLimits(GasDetectorKind::kCombustiblePoint, comb);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.field() == "limits.high");
  comb.high->setpoint = 25;
  comb.high_high->setpoint = 50.5;
  CHECK(ValidateGasDetectorLimits(GasDetectorKind::kCombustiblePoint, comb).field() == "limits.high_high");

  auto toxic = *GasDetectorLimits(GasDetectorKind::kToxic, 10);
  CHECK(ValidateGasDetectorLimits(GasDetectorKind::kToxic, toxic, 10).ok());
  toxic.high_high->setpoint = 20.1;
  CHECK(ValidateGasDetectorLimits(GasDetectorKind::kToxic, toxic, 10).field() == "limits.high_high");
  CHECK(ValidateGasDetectorLimits(GasDetectorKind::kToxic, toxic, 0).field() == "reference_ppm");

  // Oxygen values are recommendations, not maxima.
  auto o2 = *GasDetectorLimits(GasDetectorKind::kOxygen);
  o2.high->setpoint = 23.0;
  o2.low->setpoint = 19.0;
  CHECK(ValidateGasDetectorLimits(GasDetectorKind::kOxygen, o2).ok());
}
