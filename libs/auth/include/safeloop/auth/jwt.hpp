#pragma once
/// @file jwt.hpp
/// Compact JWS tokens (RFC 7515/7519) signed with EdDSA (Ed25519, libsodium) or HS256 (HMAC-SHA256, OpenSSL).
///
///   auto signer = JwtSigner::Create(JwtConfig::FromEnv(env, JwtKeyUse::kSign), clock);
///   auto token = signer->Issue({.subject = "u1", .enterprise_id = ent, .park_id = park,
///                               .roles = {"safety_officer"}, .ttl = std::chrono::hours(12)});
///   auto verifier = JwtVerifier::Create(JwtConfig::FromEnv(env), clock);
///   Result<Claims> claims = verifier->Verify(*token);   // UNAUTHENTICATED with the reason on failure
///
/// The verifier accepts exactly the configured algorithm: "none" and any other alg (e.g. an HS256 token
/// signed with an EdDSA public key as HMAC secret) are rejected before the signature is looked at.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/auth/claims.hpp"
#include "safeloop/auth/jwt_config.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::auth {

/// Longest token accepted; anything longer is rejected before decoding.
inline constexpr std::size_t kMaxTokenBytes = 8192;

/// What a new token is for; Issue() fills iss, iat, exp and jti.
struct TokenRequest {
  std::string subject;
  std::string enterprise_id;
  std::string park_id;
  std::vector<std::string> roles;
  std::vector<std::string> perms;     ///< API grants of the roles (ApiGrantsFor)
  std::string scope = "enterprise";  ///< data scope name
  std::string session_id;            ///< login session (UUID) or empty
  std::string person_id;             ///< UUID or empty
  std::string unit_id;               ///< UUID or empty
  std::chrono::seconds ttl{3600};
  std::optional<TimePoint> not_before;
};

class JwtSigner {
 public:
  /// INVALID_ARGUMENT when the config cannot sign (no or wrong-sized secret key). `clock` must outlive the signer.
  static Result<JwtSigner> Create(JwtConfig config, const Clock& clock);

  /// A token for `request`, valid from now (or not_before) for ttl. INVALID_ARGUMENT on a bad request
  /// (empty subject, enterprise not a UUID, ttl ≤ 0).
  Result<std::string> Issue(const TokenRequest& request) const;
  /// Signs the given claims as they are (after the same checks as Issue).
  Result<std::string> Sign(const Claims& claims) const;
  /// Low level: the base64url signature of an arbitrary "header.payload" signing input.
  std::string SignatureOf(std::string_view signing_input) const;

  const JwtConfig& config() const { return config_; }

 private:
  JwtSigner(JwtConfig config, const Clock& clock) : config_(std::move(config)), clock_(&clock) {}
  JwtConfig config_;
  const Clock* clock_;
};

class JwtVerifier {
 public:
  /// INVALID_ARGUMENT when the config has no usable verify key. `clock` must outlive the verifier.
  static Result<JwtVerifier> Create(JwtConfig config, const Clock& clock);

  /// The token's claims, or UNAUTHENTICATED with a message naming the reason ("bad signature",
  /// "token expired at 2026-11-23T08:00:00.000Z", "token issuer 'x' is not 'safeloop-local'", ...).
  Result<Claims> Verify(std::string_view token) const;

  const JwtConfig& config() const { return config_; }

 private:
  JwtVerifier(JwtConfig config, const Clock& clock) : config_(std::move(config)), clock_(&clock) {}
  Status CheckTimes(const Claims& claims) const;
  JwtConfig config_;
  const Clock* clock_;
};

}  // namespace safeloop::auth
