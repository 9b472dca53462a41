#pragma once
// Raw signature primitives behind JwtSigner/JwtVerifier: one place that touches libsodium and OpenSSL.

#include <string>
#include <string_view>

#include "safeloop/auth/jwt_config.hpp"

namespace safeloop::auth::detail {

/// Makes sure libsodium is initialised (idempotent, thread-safe).
void EnsureSodium();

/// Raw signature bytes of `input`. EdDSA: `key` is the 64-byte secret key; HS256: the secret.
std::string Sign(JwtAlgorithm algorithm, std::string_view key, std::string_view input);

/// Whether `signature` is valid for `input`. EdDSA: `key` is the 32-byte public key; HS256: the secret,
/// compared in constant time.
bool Verify(JwtAlgorithm algorithm, std::string_view key, std::string_view input, std::string_view signature);

}  // namespace safeloop::auth::detail
