#pragma once
// Private helpers shared by the sources of this library (not installed, not part of the API).
//
// Exact arithmetic: q is held in grams and Q in hundredths of a tonne, both integers. With L the least
// common multiple of every Q (in 0.01 t) of Tables 1 and 2, every term q/Q equals scaled / (10⁴·L) where
// scaled = q_grams · (L / Q_centi) is an integer. S ≥ 1 and the R band edges are then integer comparisons.
// __int128 because q (≤ 10¹⁵ g) times L/Q (≤ 10⁵) times 2β·10α (≤ 800) passes 2⁶³.

#include <cstdint>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/major_hazard/identification.hpp"

namespace safeloop::major_hazard::internal {

using Exact = __int128;

/// Leading and trailing ASCII whitespace and U+3000 removed.
std::string_view Trim(std::string_view text);

/// Q in hundredths of a tonne (every Q of the tables is a multiple of 0.01 t).
std::int64_t QCenti(double critical_quantity_t);
/// L: the least common multiple of every QCenti of Tables 1 and 2.
std::int64_t CommonMultiple();
/// The scaled value of S = 1: 10⁴ · L.
Exact ScaledOne();
/// q in grams, rounded.
std::int64_t QuantityGrams(double tonnes);

/// An identification plus the exact scaled term of each substance (same order).
struct ExactIdentification {
  Identification result;
  std::vector<Exact> scaled;
  Exact scaled_sum = 0;
};
/// Validates and identifies, keeping the exact terms for grading.
Result<ExactIdentification> IdentifyExact(const UnitInventory& unit);

/// Long double view of an exact scaled value (scaled / divisor).
double ToDouble(Exact scaled, Exact divisor);

}  // namespace safeloop::major_hazard::internal
