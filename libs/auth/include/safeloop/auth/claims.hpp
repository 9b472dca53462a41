#pragma once
/// @file claims.hpp
/// The claims of a SafeLoop access token. Registered claims (RFC 7519) plus the tenant, roles, the API
/// permission grants of those roles, the data scope and who the account is in the organisation:
///   {"iss","sub","iat","nbf"?,"exp","jti","ent","park","roles":[...],"perms":[...],"scope",
///    "sid"?,"pid"?,"unit"?}
/// `ent` is empty only for a park account (scope "park") that has not chosen an enterprise yet, and for a
/// platform operator (scope "platform", no park either), who runs the edge and never acts on a tenant.
/// Times are NumericDate (seconds since the Unix epoch).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::auth {

struct Claims {
  std::string iss;                  ///< issuer, must equal the configured SAFELOOP_JWT_ISSUER
  std::string sub;                  ///< subject: the account id
  std::int64_t iat = 0;             ///< issued at
  std::optional<std::int64_t> nbf;  ///< not before (optional)
  std::int64_t exp = 0;             ///< expires at
  std::string jti;                  ///< token id (UUIDv7)
  std::string ent;                  ///< enterprise (tenant) id, a UUID
  std::string park;                 ///< park id (UUID, or empty for an enterprise outside any park)
  std::vector<std::string> roles;   ///< role codes, e.g. "safety_officer"
  std::vector<std::string> perms;   ///< API permission grants (globs) of those roles
  std::string scope = "enterprise"; ///< data scope: own | unit | subtree | enterprise | park | platform
  std::string sid;                  ///< login session id (refresh and logout act on it); empty for tool tokens
  std::string pid;                  ///< the account's person id (UUID) or empty
  std::string unit;                 ///< the person's org unit id (UUID) or empty

  friend bool operator==(const Claims&, const Claims&) = default;
};

nlohmann::json ClaimsToJson(const Claims& claims);
/// Reads and type-checks every claim; UNAUTHENTICATED naming the missing or mistyped claim
/// ("token has no ent claim", "token claim ent is not a UUID", ...).
Result<Claims> ClaimsFromJson(const nlohmann::json& payload);
/// The tenant rules: a known scope; ent a UUID, or empty only for a park account (scope park, park set) or a
/// platform operator (scope platform, ent and park both empty).
Status CheckTenant(const Claims& claims);

}  // namespace safeloop::auth
