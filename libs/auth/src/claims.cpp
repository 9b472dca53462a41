#include "safeloop/auth/claims.hpp"

#include <cmath>

#include "safeloop/core/uuid.hpp"

namespace safeloop::auth {
namespace {
using nlohmann::json;

Status MissingClaim(std::string_view name) { return Unauthenticated("token has no " + std::string(name) + " claim"); }
Status BadClaim(std::string_view name, std::string_view what) {
  return Unauthenticated("token claim " + std::string(name) + " " + std::string(what));
}

Status ReadString(const json& payload, std::string_view name, std::string& out) {
  auto it = payload.find(name);
  if (it == payload.end()) return MissingClaim(name);
  if (!it->is_string()) return BadClaim(name, "is not a string");
  out = it->get<std::string>();
  return Status::Ok();
}

Status ReadNumericDate(const json& value, std::string_view name, std::int64_t& out) {
  if (!value.is_number()) return BadClaim(name, "is not a NumericDate (seconds since the epoch)");
  if (value.is_number_float()) {
    double d = value.get<double>();
    if (!std::isfinite(d) || d < 0 || d > 1e15) return BadClaim(name, "is out of range");
    out = static_cast<std::int64_t>(std::floor(d));
  } else if (value.is_number_unsigned()) {
    auto u = value.get<std::uint64_t>();
    if (u > 1'000'000'000'000'000ull) return BadClaim(name, "is out of range");
    out = static_cast<std::int64_t>(u);
  } else {
    out = value.get<std::int64_t>();
    if (out < 0) return BadClaim(name, "is out of range");
  }
  return Status::Ok();
}

Status ReadDate(const json& payload, std::string_view name, std::int64_t& out) {
  auto it = payload.find(name);
  if (it == payload.end()) return MissingClaim(name);
  return ReadNumericDate(*it, name, out);
}
}  // namespace

nlohmann::json ClaimsToJson(const Claims& claims) {
  json out = {{"iss", claims.iss}, {"sub", claims.sub},   {"iat", claims.iat},  {"exp", claims.exp},
              {"jti", claims.jti}, {"ent", claims.ent},   {"park", claims.park}, {"roles", claims.roles}};
  if (claims.nbf) out["nbf"] = *claims.nbf;
  return out;
}

Result<Claims> ClaimsFromJson(const nlohmann::json& payload) {
  if (!payload.is_object()) return Unauthenticated("malformed token: payload is not a JSON object");
  Claims c;
  SAFELOOP_RETURN_IF_ERROR(ReadString(payload, "iss", c.iss));
  SAFELOOP_RETURN_IF_ERROR(ReadString(payload, "sub", c.sub));
  if (c.sub.empty()) return BadClaim("sub", "is empty");
  SAFELOOP_RETURN_IF_ERROR(ReadDate(payload, "iat", c.iat));
  SAFELOOP_RETURN_IF_ERROR(ReadDate(payload, "exp", c.exp));
  if (auto it = payload.find("nbf"); it != payload.end()) {
    std::int64_t nbf = 0;
    SAFELOOP_RETURN_IF_ERROR(ReadNumericDate(*it, "nbf", nbf));
    c.nbf = nbf;
  }
  SAFELOOP_RETURN_IF_ERROR(ReadString(payload, "jti", c.jti));
  if (c.jti.empty()) return BadClaim("jti", "is empty");
  SAFELOOP_RETURN_IF_ERROR(ReadString(payload, "ent", c.ent));
  if (!IsUuid(c.ent)) return BadClaim("ent", "is not a UUID");
  SAFELOOP_RETURN_IF_ERROR(ReadString(payload, "park", c.park));
  if (!c.park.empty() && !IsUuid(c.park)) return BadClaim("park", "is not a UUID");

  auto roles = payload.find("roles");
  if (roles == payload.end()) return MissingClaim("roles");
  if (!roles->is_array()) return BadClaim("roles", "is not an array of role codes");
  for (const auto& r : *roles) {
    if (!r.is_string()) return BadClaim("roles", "is not an array of role codes");
    c.roles.push_back(r.get<std::string>());
  }
  return c;
}

}  // namespace safeloop::auth
