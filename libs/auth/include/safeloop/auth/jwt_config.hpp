#pragma once
/// @file jwt_config.hpp
/// Which algorithm and keys a process signs or verifies tokens with, read from the environment:
///   SAFELOOP_JWT_ALG              EdDSA (default) or HS256
///   SAFELOOP_JWT_KEY_FILE         EdDSA: 64-byte libsodium secret key, hex; HS256: the secret (≥ 32 bytes), hex
///   SAFELOOP_JWT_PUBLIC_KEY_FILE  EdDSA: 32-byte public key, hex (all a verify-only process needs)
///   SAFELOOP_JWT_ISSUER           the iss every token carries and every verifier demands

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "safeloop/core/config.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::auth {

enum class JwtAlgorithm { kEdDSA, kHS256 };

/// The JOSE "alg" value: "EdDSA" or "HS256".
std::string_view AlgorithmName(JwtAlgorithm algorithm);
/// Exact, case-sensitive match of a JOSE alg name; nullopt for anything else (including "none").
std::optional<JwtAlgorithm> ParseAlgorithm(std::string_view name);

/// What the process does with the keys, which decides which files are required.
enum class JwtKeyUse {
  kVerify,  ///< EdDSA needs only the public key; HS256 needs the secret
  kSign,    ///< needs the secret key (EdDSA derives the public key from it)
};

inline constexpr std::size_t kEd25519SecretKeyBytes = 64;
inline constexpr std::size_t kEd25519PublicKeyBytes = 32;
inline constexpr std::size_t kHs256MinSecretBytes = 32;

struct JwtConfig {
  JwtAlgorithm algorithm = JwtAlgorithm::kEdDSA;
  std::string issuer;
  /// Raw bytes: the Ed25519 secret key (64 bytes) or the HS256 secret. Empty in a verify-only EdDSA process.
  std::string signing_key;
  /// Raw bytes: the Ed25519 public key (32 bytes) or the HS256 secret.
  std::string verify_key;
  /// Clock skew tolerated on exp, nbf and iat.
  std::chrono::seconds leeway{30};

  /// Reads SAFELOOP_JWT_* through `env` (missing variables are reported by env.Finish()) and loads the key
  /// files. Unreadable or malformed key files throw ConfigError at once, together with every problem `env`
  /// has collected so far.
  static JwtConfig FromEnv(EnvReader& env, JwtKeyUse use = JwtKeyUse::kVerify);

  /// INVALID_ARGUMENT when the keys needed for `use` are missing or have the wrong size.
  Status Validate(JwtKeyUse use) const;
};

/// Reads a hex key file (surrounding whitespace ignored) into raw bytes; INVALID_ARGUMENT saying what is wrong.
Result<std::string> LoadHexKeyFile(const std::string& path);

struct Ed25519KeyPair {
  std::string secret_key;  ///< 64 bytes (libsodium layout: seed followed by the public key)
  std::string public_key;  ///< 32 bytes
};
/// A fresh key pair from libsodium's CSPRNG.
Ed25519KeyPair GenerateEd25519KeyPair();
/// The public half of a libsodium Ed25519 secret key; INVALID_ARGUMENT when it is not 64 bytes.
Result<std::string> Ed25519PublicKeyOf(std::string_view secret_key);

}  // namespace safeloop::auth
