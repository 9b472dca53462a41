#pragma once
/// @file bands.hpp
/// Bands map an exact product (D of LEC, R of LS and MES) to one of the four national levels, or to a
/// method's five-grade number. Every method keeps its built-in variants as band lists, and an enterprise
/// may define its own ("keep the bands configurable", standards.md §1.2–§1.4). Pure, no I/O.
///
/// Values and edges are compared as exact thousandths (value × 1000): every table value has at most one
/// decimal and a product has at most three factors, so no floating-point error reaches an edge such as
/// D = 70 or R = 180.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "safeloop/core/status.hpp"
#include "safeloop/risk_domain/risk_level.hpp"

namespace safeloop::risk {

/// Scale of the exact product representation shared by all methods (value × 1000).
inline constexpr std::int64_t kMilliPerUnit = 1000;
/// More bands than this is a configuration mistake (the national tables use four or five).
inline constexpr std::size_t kMaxBands = 16;

/// One interval of a product mapped to a national level, with explicit inclusive/exclusive edges.
struct Band {
  RiskLevel level = RiskLevel::kUnassessed;
  std::optional<double> lower;  ///< nullopt: no lower bound
  bool lower_inclusive = true;
  std::optional<double> upper;  ///< nullopt: no upper bound
  bool upper_inclusive = false;

  friend bool operator==(const Band&, const Band&) = default;
};

/// One interval of a product mapped to a method's five-grade number (1 = worst, 5 = slightest).
struct GradeBand {
  int grade = 0;
  std::optional<double> lower;  ///< nullopt: no lower bound
  bool lower_inclusive = true;
  std::optional<double> upper;  ///< nullopt: no upper bound
  bool upper_inclusive = false;

  friend bool operator==(const GradeBand&, const GradeBand&) = default;
};

/// Whether the exact value (× 1000) lies in the band. A non-finite edge never contains anything.
bool BandContains(const Band& band, std::int64_t value_milli);
bool BandContains(const GradeBand& band, std::int64_t value_milli);

/// The level of the first band containing the value; nullopt when none does.
std::optional<RiskLevel> LevelInBands(std::span<const Band> bands, std::int64_t value_milli);
/// The grade of the first grade band containing the value; nullopt when none does.
std::optional<int> GradeInBands(std::span<const GradeBand> bands, std::int64_t value_milli);

/// Human form of a band for messages and screens: "20 ≤ R ≤ 25", "D > 320", "R < 20", "any R".
std::string DescribeBand(const Band& band, std::string_view symbol);
std::string DescribeBand(const GradeBand& band, std::string_view symbol);

/// INVALID_ARGUMENT (field = `field` or `field[i]`) unless: 1..kMaxBands bands; every level is 1..4; every
/// edge is finite with at most 3 decimals; no band is empty; every reachable value (× 1000) lies in exactly
/// one band (no gap, no overlap); and a higher value never gets a lower level. `symbol` ("D", "R") is used
/// in messages.
Status ValidateLevelBands(std::span<const Band> bands, std::span<const std::int64_t> reachable_milli,
                          std::string_view field, std::string_view symbol);
/// The same rules for grade bands: grades 1..5, and a higher value never gets a slighter grade.
Status ValidateGradeBands(std::span<const GradeBand> bands, std::span<const std::int64_t> reachable_milli,
                          std::string_view field, std::string_view symbol);

/// The shortest decimal of a thousandths value: 180000 → "180", 500 → "0.5", 50 → "0.05".
std::string FormatMilli(std::int64_t value_milli);

}  // namespace safeloop::risk
