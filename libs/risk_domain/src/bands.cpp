#include "safeloop/risk_domain/bands.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <vector>

namespace safeloop::risk {
namespace {

// Large enough for any product of the value tables, small enough that × 1000 stays exact in an int64.
constexpr double kMaxEdge = 1e12;

bool EdgeIsExact(double edge) {
  if (!std::isfinite(edge) || std::fabs(edge) > kMaxEdge) return false;
  double scaled = edge * static_cast<double>(kMilliPerUnit);
  return std::fabs(scaled - std::llround(scaled)) < 1e-6;
}

std::int64_t EdgeMilli(double edge) { return std::llround(edge * static_cast<double>(kMilliPerUnit)); }

// Level and grade bands share the interval logic; only the class they assign differs.
template <typename B>
bool Contains(const B& band, std::int64_t v) {
  if (band.lower) {
    if (!std::isfinite(*band.lower)) return false;
    std::int64_t lo = EdgeMilli(*band.lower);
    if (band.lower_inclusive ? v < lo : v <= lo) return false;
  }
  if (band.upper) {
    if (!std::isfinite(*band.upper)) return false;
    std::int64_t hi = EdgeMilli(*band.upper);
    if (band.upper_inclusive ? v > hi : v >= hi) return false;
  }
  return true;
}

std::string EdgeText(double edge) {
  if (EdgeIsExact(edge)) return FormatMilli(EdgeMilli(edge));
  std::ostringstream out;
  out << edge;
  return out.str();
}

template <typename B>
std::string Describe(const B& band, std::string_view symbol) {
  std::string out;
  if (band.lower && band.upper) {
    out += EdgeText(*band.lower);
    out += band.lower_inclusive ? " ≤ " : " < ";
    out += symbol;
    out += band.upper_inclusive ? " ≤ " : " < ";
    out += EdgeText(*band.upper);
  } else if (band.lower) {
    out += symbol;
    out += band.lower_inclusive ? " ≥ " : " > ";
    out += EdgeText(*band.lower);
  } else if (band.upper) {
    out += symbol;
    out += band.upper_inclusive ? " ≤ " : " < ";
    out += EdgeText(*band.upper);
  } else {
    out += "any ";
    out += symbol;
  }
  return out;
}

std::string Indexed(std::string_view field, std::size_t i) {
  return std::string(field) + "[" + std::to_string(i) + "]";
}

// The shape checks of one band: edges representable, interval not empty.
template <typename B>
Status CheckShape(const B& band, const std::string& where) {
  if (band.lower && !EdgeIsExact(*band.lower)) {
    return InvalidArgument(where + ".lower must be a finite number with at most 3 decimals; got " +
                               EdgeText(*band.lower),
                           where + ".lower");
  }
  if (band.upper && !EdgeIsExact(*band.upper)) {
    return InvalidArgument(where + ".upper must be a finite number with at most 3 decimals; got " +
                               EdgeText(*band.upper),
                           where + ".upper");
  }
  if (band.lower && band.upper) {
    std::int64_t lo = EdgeMilli(*band.lower), hi = EdgeMilli(*band.upper);
    bool empty = lo > hi || (lo == hi && !(band.lower_inclusive && band.upper_inclusive));
    if (empty) {
      return InvalidArgument(where + " is empty: lower " + EdgeText(*band.lower) + " must be below upper " +
                                 EdgeText(*band.upper) + " (or equal with both edges inclusive)",
                             where);
    }
  }
  return Status::Ok();
}

// Coverage (exactly one band per reachable value) and monotonicity, shared by levels and grades.
// `rank` orders classes from the slightest (small) to the worst (large); `rule` states the monotonicity rule.
template <typename B, typename ClassOf, typename Rank, typename Name>
Status CheckCoverage(std::span<const B> bands, std::span<const std::int64_t> reachable, std::string_view field,
                     std::string_view symbol, ClassOf class_of, Rank rank, Name name, const char* rule) {
  std::vector<std::int64_t> values(reachable.begin(), reachable.end());
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  bool have_previous = false;
  std::int64_t previous_value = 0;
  int previous_rank = 0;
  std::size_t previous_band = 0;
  for (std::int64_t v : values) {
    std::vector<std::size_t> hits;
    for (std::size_t i = 0; i < bands.size(); ++i) {
      if (Contains(bands[i], v)) hits.push_back(i);
    }
    std::string value_text = std::string(symbol) + " = " + FormatMilli(v);
    if (hits.empty()) {
      return InvalidArgument(value_text + " can occur but falls in no band of " + std::string(field) +
                                 "; every reachable " + std::string(symbol) + " needs exactly one band",
                             std::string(field));
    }
    if (hits.size() > 1) {
      std::string msg = value_text + " falls in";
      for (std::size_t k = 0; k < hits.size(); ++k) {
        msg += (k ? " and " : " ") + Indexed(field, hits[k]) + " (" + Describe(bands[hits[k]], symbol) + ")";
      }
      msg += "; every reachable " + std::string(symbol) + " needs exactly one band";
      return InvalidArgument(msg, Indexed(field, hits[1]));
    }
    const B& band = bands[hits[0]];
    int r = rank(class_of(band));
    if (have_previous && r < previous_rank) {
      return InvalidArgument(value_text + " gets " + name(class_of(band)) + " from " + Indexed(field, hits[0]) +
                                 " but the smaller " + std::string(symbol) + " = " + FormatMilli(previous_value) +
                                 " gets " + name(class_of(bands[previous_band])) + ": " + rule,
                             Indexed(field, hits[0]));
    }
    previous_band = hits[0];
    have_previous = true;
    previous_value = v;
    previous_rank = r;
  }
  return Status::Ok();
}

}  // namespace

bool BandContains(const Band& band, std::int64_t value_milli) { return Contains(band, value_milli); }
bool BandContains(const GradeBand& band, std::int64_t value_milli) { return Contains(band, value_milli); }

std::optional<RiskLevel> LevelInBands(std::span<const Band> bands, std::int64_t value_milli) {
  for (const Band& band : bands) {
    if (Contains(band, value_milli)) return band.level;
  }
  return std::nullopt;
}

std::optional<int> GradeInBands(std::span<const GradeBand> bands, std::int64_t value_milli) {
  for (const GradeBand& band : bands) {
    if (Contains(band, value_milli)) return band.grade;
  }
  return std::nullopt;
}

std::string DescribeBand(const Band& band, std::string_view symbol) { return Describe(band, symbol); }
std::string DescribeBand(const GradeBand& band, std::string_view symbol) { return Describe(band, symbol); }

Status ValidateLevelBands(std::span<const Band> bands, std::span<const std::int64_t> reachable_milli,
                          std::string_view field, std::string_view symbol) {
  if (bands.empty() || bands.size() > kMaxBands) {
    return InvalidArgument(std::string(field) + " must hold 1 to " + std::to_string(kMaxBands) + " bands; got " +
                               std::to_string(bands.size()),
                           std::string(field));
  }
  for (std::size_t i = 0; i < bands.size(); ++i) {
    std::string where = Indexed(field, i);
    int code = static_cast<int>(bands[i].level);
    if (code < 1 || code > 4) {
      return InvalidArgument(where + ".level must be 1 (重大) to 4 (低); got " + std::to_string(code),
                             where + ".level");
    }
    SAFELOOP_RETURN_IF_ERROR(CheckShape(bands[i], where));
  }
  // A level's severity grows as its code shrinks (1 = 重大).
  return CheckCoverage<Band>(
      bands, reachable_milli, field, symbol, [](const Band& b) { return b.level; },
      [](RiskLevel l) { return -static_cast<int>(l); }, [](RiskLevel l) { return std::string(LevelNameZh(l)); },
      "a higher value may never get a lower level");
}

Status ValidateGradeBands(std::span<const GradeBand> bands, std::span<const std::int64_t> reachable_milli,
                          std::string_view field, std::string_view symbol) {
  if (bands.empty() || bands.size() > kMaxBands) {
    return InvalidArgument(std::string(field) + " must hold 1 to " + std::to_string(kMaxBands) + " bands; got " +
                               std::to_string(bands.size()),
                           std::string(field));
  }
  for (std::size_t i = 0; i < bands.size(); ++i) {
    std::string where = Indexed(field, i);
    if (bands[i].grade < 1 || bands[i].grade > 5) {
      return InvalidArgument(where + ".grade must be 1 to 5; got " + std::to_string(bands[i].grade),
                             where + ".grade");
    }
    SAFELOOP_RETURN_IF_ERROR(CheckShape(bands[i], where));
  }
  return CheckCoverage<GradeBand>(
      bands, reachable_milli, field, symbol, [](const GradeBand& b) { return b.grade; },
      [](int g) { return -g; }, [](int g) { return "grade " + std::to_string(g); },
      "a higher value may never get a slighter grade (grade 1 is the worst)");
}

std::string FormatMilli(std::int64_t value_milli) {
  std::string out = value_milli < 0 ? "-" : "";
  std::uint64_t magnitude =
      value_milli < 0 ? static_cast<std::uint64_t>(-(value_milli + 1)) + 1 : static_cast<std::uint64_t>(value_milli);
  out += std::to_string(magnitude / 1000);
  std::uint64_t frac = magnitude % 1000;
  if (frac != 0) {
    std::string digits = std::to_string(frac);
    digits.insert(0, 3 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

}  // namespace safeloop::risk
