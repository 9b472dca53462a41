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
  /// Both must outlive the authenticator.
  Authenticator(const auth::JwtVerifier& verifier, const auth::PermissionSource& permissions)
      : verifier_(&verifier), permissions_(&permissions) {}

  /// The token of a request to `route`; UNAUTHENTICATED when absent or not a Bearer credential.
  static Result<std::string> ExtractToken(const RouteSpec& route, std::string_view authorization_header,
                                          const std::map<std::string, std::string>& query);
  Result<auth::Claims> Authenticate(std::string_view token) const { return verifier_->Verify(token); }
  /// PERMISSION_DENIED naming the route's permission when no role grants it.
  Status Authorize(const auth::Claims& claims, const RouteSpec& route) const;

 private:
  const auth::JwtVerifier* verifier_;
  const auth::PermissionSource* permissions_;
};

}  // namespace safeloop::gateway
