#pragma once
/// @file encoding.hpp
/// Byte encodings used by tokens and key files: base64url without padding (RFC 7515 §2) and lowercase hex.

#include <optional>
#include <string>
#include <string_view>

namespace safeloop::auth {

/// base64url of `bytes`, without '=' padding.
std::string Base64UrlEncode(std::string_view bytes);
/// Decodes canonical unpadded base64url; nullopt on padding, a character outside the alphabet, an impossible
/// length, or non-zero unused trailing bits (so one byte string has exactly one accepted encoding).
std::optional<std::string> Base64UrlDecode(std::string_view text);

/// Lowercase hex of `bytes`.
std::string HexEncode(std::string_view bytes);
/// Decodes hex (either case); surrounding whitespace (a trailing newline in a key file) is ignored.
/// nullopt on an odd length or a non-hex character.
std::optional<std::string> HexDecode(std::string_view text);

}  // namespace safeloop::auth
