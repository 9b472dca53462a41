#pragma once
/// @file text.hpp
/// UTF-8 text rules every service checks input with (names and notes are limited in characters, not bytes).

#include <string_view>

namespace safeloop {

/// Count of UTF-8 code points, or -1 when `text` is not valid UTF-8 (bad lead byte, bad or missing
/// continuation byte).
long Utf8Length(std::string_view text);

}  // namespace safeloop
