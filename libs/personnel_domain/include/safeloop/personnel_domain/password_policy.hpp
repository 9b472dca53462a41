#pragma once
/// @file password_policy.hpp
/// The password rules of SafeLoop accounts (等保 2.0 style complexity), checked before anything is hashed:
///   at least 8 and at most 64 characters (Unicode code points, valid UTF-8);
///   at least three of the four classes lower-case letter, upper-case letter, digit, symbol
///     (a symbol is any character that is not an ASCII letter or digit, spaces excepted: none allowed);
///   not containing the username (case-insensitive);
///   not equal to the previous password.
/// Messages are Chinese, for end users, and the field is named.

#include <string>
#include <string_view>

#include "safeloop/core/status.hpp"

namespace safeloop::personnel_domain {

inline constexpr std::size_t kPasswordMinChars = 8;
inline constexpr std::size_t kPasswordMaxChars = 64;

/// OK, or INVALID_ARGUMENT (field = `field`) naming the first rule broken. `old_password` empty = no previous
/// password to compare with (new accounts, admin resets).
Status ValidatePassword(std::string_view password, std::string_view username, std::string_view old_password = {},
                        const std::string& field = "password");

}  // namespace safeloop::personnel_domain
