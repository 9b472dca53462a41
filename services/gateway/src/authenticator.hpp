#pragma once
// Who is calling and may they: the bearer token (header, or ?access_token= where the route allows it),
// its verification, and the route's permission.

#include <map>
#include <string>
#include <string_view>

#include "route_table.hpp"
#include "safeloop/auth/jwt.hpp"
#include "safeloop/auth/permissions.hpp"

namespace safeloop::gateway {

class Authenticator {
 public:
  /// `verifier` must outlive the authenticator.
  explicit Authenticator(const auth::JwtVerifier& verifier) : verifier_(&verifier) {}

  /// The token of a request to `route`; UNAUTHENTICATED when absent or not a Bearer credential.
  static Result<std::string> ExtractToken(const RouteSpec& route, std::string_view authorization_header,
                                          const std::map<std::string, std::string>& query);
  Result<auth::Claims> Authenticate(std::string_view token) const { return verifier_->Verify(token); }
  /// PERMISSION_DENIED naming the route's permission when the token's grants do not cover it. A route
  /// without a permission only needs a valid token (e.g. logout, "who am I").
  Status Authorize(const auth::Claims& claims, const RouteSpec& route) const;

 private:
  const auth::JwtVerifier* verifier_;
};

}  // namespace safeloop::gateway
