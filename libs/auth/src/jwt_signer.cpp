#include <chrono>

#include "safeloop/auth/encoding.hpp"
#include "safeloop/auth/jwt.hpp"
#include "safeloop/core/uuid.hpp"
#include "signature.hpp"

namespace safeloop::auth {
namespace {
std::int64_t UnixSeconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
}  // namespace

Result<JwtSigner> JwtSigner::Create(JwtConfig config, const Clock& clock) {
  SAFELOOP_RETURN_IF_ERROR(config.Validate(JwtKeyUse::kSign));
  return JwtSigner(std::move(config), clock);
}

Result<std::string> JwtSigner::Issue(const TokenRequest& request) const {
  if (request.ttl.count() <= 0) return InvalidArgument("token lifetime must be positive", "ttl");
  TimePoint now = clock_->Now();
  Claims claims;
  claims.iss = config_.issuer;
  claims.sub = request.subject;
  claims.iat = UnixSeconds(now);
  TimePoint start = now;
  if (request.not_before) {
    claims.nbf = UnixSeconds(*request.not_before);
    start = std::max(now, *request.not_before);
  }
  claims.exp = UnixSeconds(start) + request.ttl.count();
  claims.jti = NewUuidV7(*clock_);
  claims.ent = request.enterprise_id;
  claims.park = request.park_id;
  claims.roles = request.roles;
  claims.perms = request.perms;
  claims.scope = request.scope;
  claims.sid = request.session_id;
  claims.pid = request.person_id;
  claims.unit = request.unit_id;
  return Sign(claims);
}

Result<std::string> JwtSigner::Sign(const Claims& claims) const {
  // The same rules the verifier enforces, so we never mint a token nobody accepts.
  if (claims.sub.empty()) return InvalidArgument("token subject must not be empty", "sub");
  if (!claims.park.empty() && !IsUuid(claims.park)) {
    return InvalidArgument("park id '" + claims.park + "' is not a UUID", "park");
  }
  if (Status tenant = CheckTenant(claims); !tenant.ok()) return InvalidArgument(tenant.message(), "ent");
  for (const auto* id : {&claims.sid, &claims.pid, &claims.unit}) {
    if (!id->empty() && !IsUuid(*id)) return InvalidArgument("'" + *id + "' is not a UUID", "sid/pid/unit");
  }
  if (claims.jti.empty()) return InvalidArgument("token id (jti) must not be empty", "jti");
  if (claims.exp <= claims.iat) return InvalidArgument("token must expire after it is issued", "exp");

  nlohmann::json header = {{"alg", AlgorithmName(config_.algorithm)}, {"typ", "JWT"}};
  std::string signing_input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(ClaimsToJson(claims).dump());
  std::string signature = SignatureOf(signing_input);
  return signing_input + "." + signature;
}

std::string JwtSigner::SignatureOf(std::string_view signing_input) const {
  return Base64UrlEncode(detail::Sign(config_.algorithm, config_.signing_key, signing_input));
}

}  // namespace safeloop::auth
