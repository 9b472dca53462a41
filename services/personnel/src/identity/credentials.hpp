#pragma once
// Secrets of the identity module: argon2id password hashes (libsodium crypto_pwhash_str, interactive limits:
// login is an online operation) and opaque refresh tokens, of which only the SHA-256 is stored.

#include <string>
#include <string_view>

namespace safeloop::personnel::identity {

/// An argon2id hash string ("$argon2id$v=19$m=...") of `password`. Throws std::runtime_error when libsodium
/// cannot allocate the memory the hash needs.
std::string HashPassword(std::string_view password);

/// Whether `password` matches `hash`.
bool VerifyPassword(const std::string& hash, std::string_view password);

/// Costs what VerifyPassword costs and always fails: used for unknown usernames so the time a login takes
/// does not tell which usernames exist.
void VerifyAgainstDummy(std::string_view password);

/// 32 random bytes, base64url (43 characters).
std::string NewRefreshToken();

/// Lowercase hex SHA-256 of `text`.
std::string Sha256Hex(std::string_view text);

}  // namespace safeloop::personnel::identity
