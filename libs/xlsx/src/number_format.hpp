#pragma once
/// @file number_format.hpp
/// Numbers as the plain text a person would type: "13800138000", "3.5", "0.3" — never "1.38E+10" or "3.0".

#include <string>

namespace safeloop::xlsx {

/// Excel's 15 significant digits (so a stored 0.30000000000000004 reads "0.3"), no exponent, no trailing
/// zeros. Integers below 10^15 are exact. Empty for NaN and infinities.
std::string FormatNumber(double value);

}  // namespace safeloop::xlsx
