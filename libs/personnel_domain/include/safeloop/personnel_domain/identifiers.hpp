#pragma once
/// @file identifiers.hpp
/// Chinese identifiers with check digits, validated before anything is stored:
///   统一社会信用代码 (GB 32100-2015): 18 characters, check character over the first 17;
///   居民身份证号码 (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check digit ('X' for 10);
///   the 9-digit enterprise code of the hazardous-chemical registration platform (digits only).

#include <string>
#include <string_view>

#include "safeloop/core/status.hpp"

namespace safeloop::personnel_domain {

/// The GB 32100 check character for the first 17 characters; '\0' when one is outside the code's alphabet.
char CreditCodeCheckChar(std::string_view first17);
/// OK, or INVALID_ARGUMENT (field = `field`) saying what is wrong: length, a character outside
/// 0-9 A-H J-N P-R T-U W-Y, or the check character (naming the expected one).
Status ValidateCreditCode(std::string_view code, const std::string& field = "credit_code");

/// The GB 11643 check character for the first 17 digits; '\0' when one is not a digit.
char IdNumberCheckChar(std::string_view first17);
/// OK, or INVALID_ARGUMENT: length, digits, a real birth date (YYYYMMDD within 1900..today is the
/// caller's concern; here the calendar date must exist), the check character ('x' accepted as 'X').
Status ValidateIdNumber(std::string_view id_number, const std::string& field = "id_number");

/// Nine ASCII digits.
Status ValidateHazchemRegistrationCode(std::string_view code, const std::string& field = "hazchem_registration_code");

/// Mainland mobile number: 11 digits starting with 1[3-9].
Status ValidateMobile(std::string_view mobile, const std::string& field = "mobile");

}  // namespace safeloop::personnel_domain
