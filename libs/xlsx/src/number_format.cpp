#include "number_format.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

namespace safeloop::xlsx {
namespace {

// "-1.2345e+17" -> "-123450000000000000"; "1.5e-07" -> "0.00000015".
std::string Positional(std::string_view scientific) {
  std::string sign;
  if (!scientific.empty() && scientific.front() == '-') {
    sign = "-";
    scientific.remove_prefix(1);
  }
  auto e = scientific.find('e');
  std::string_view mantissa = scientific.substr(0, e);
  int exponent = 0;
  std::from_chars(scientific.data() + e + 1 + (scientific[e + 1] == '+' ? 1 : 0),
                  scientific.data() + scientific.size(), exponent);

  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();

  int point = 1 + exponent;  // digits before the decimal point
  std::string text;
  if (point <= 0) {
    text = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (static_cast<std::size_t>(point) >= digits.size()) {
    text = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    text = digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
  }
  return sign + text;
}

}  // namespace

std::string FormatNumber(double value) {
  if (!std::isfinite(value)) return {};
  if (value == 0) return "0";  // also -0
  if (std::fabs(value) < 1e15 && std::trunc(value) == value) {
    return std::to_string(static_cast<long long>(value));
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific, 14);
  if (ec != std::errc()) return {};
  return Positional(std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

}  // namespace safeloop::xlsx
