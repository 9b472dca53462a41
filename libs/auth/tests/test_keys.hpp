#pragma once
// Shared fixtures for the auth tests: fixed clock, fresh keys, ready signers and verifiers.

#include <chrono>
#include <string>

#include "safeloop/auth/jwt.hpp"
#include "safeloop/core/clock.hpp"

namespace safeloop::auth::testing {

inline constexpr const char* kIssuer = "safeloop-test";
inline constexpr const char* kEnterprise = "0190a1b2-0000-7000-8000-000000000001";
inline constexpr const char* kPark = "0190a1b2-0000-7000-8000-0000000000a1";

inline TimePoint Start() { return TimePoint(std::chrono::seconds(1'790'000'000)); }  // 2026-09-21

inline JwtConfig EdDsaConfig(const Ed25519KeyPair& pair) {
  JwtConfig c;
  c.algorithm = JwtAlgorithm::kEdDSA;
  c.issuer = kIssuer;
  c.signing_key = pair.secret_key;
  c.verify_key = pair.public_key;
  return c;
}

inline JwtConfig Hs256Config(std::string secret = std::string(32, 'k')) {
  JwtConfig c;
  c.algorithm = JwtAlgorithm::kHS256;
  c.issuer = kIssuer;
  c.signing_key = secret;
  c.verify_key = secret;
  return c;
}

inline TokenRequest OfficerRequest() {
  return {.subject = "user-1",
          .enterprise_id = kEnterprise,
          .park_id = kPark,
          .roles = {"safety_officer"},
          .ttl = std::chrono::hours(1),
          .not_before = std::nullopt};
}

}  // namespace safeloop::auth::testing
