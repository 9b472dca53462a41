#include "safeloop/auth/claims.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

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

Status ReadStringArray(const json& payload, std::string_view name, std::vector<std::string>& out) {
  auto it = payload.find(name);
  if (it == payload.end()) return MissingClaim(name);
  if (!it->is_array()) return BadClaim(name, "is not an array of strings");
  for (const auto& item : *it) {
    if (!item.is_string()) return BadClaim(name, "is not an array of strings");
    out.push_back(item.get<std::string>());
  }
  return Status::Ok();
}

Status ReadOptionalUuid(const json& payload, std::string_view name, std::string& out) {
  auto it = payload.find(name);
  if (it == payload.end()) return Status::Ok();
  SAFELOOP_RETURN_IF_ERROR(ReadString(payload, name, out));
  if (!IsUuid(out)) return BadClaim(name, "is not a UUID");
  return Status::Ok();
}

Status ReadDate(const json& payload, std::string_view name, std::int64_t& out) {
  auto it = payload.find(name);
  if (it == payload.end()) return MissingClaim(name);
  return ReadNumericDate(*it, name, out);
}
}  // namespace

Status CheckTenant(const Claims& c) {
  static const char* const kScopes[] = {"own", "unit", "subtree", "enterprise", "park", "platform"};
  if (std::find(std::begin(kScopes), std::end(kScopes), c.scope) == std::end(kScopes)) {
    return BadClaim("scope", "is not one of own, unit, subtree, enterprise, park, platform");
  }
  if (c.scope == "platform") {
    // A platform operator runs the edge for every tenant and acts on none of them.
    if (!c.ent.empty() || !c.park.empty()) return BadClaim("scope", "platform tokens carry no enterprise or park");
    return Status::Ok();
  }
  if (c.ent.empty()) {
    // Only a park account may act without an enterprise, and only within its park.
    if (c.scope != "park" || c.park.empty()) return BadClaim("ent", "is empty (only a park account may omit it)");
    return Status::Ok();
  }
  if (!IsUuid(c.ent)) return BadClaim("ent", "is not a UUID");
  return Status::Ok();
}

nlohmann::json ClaimsToJson(const Claims& claims) {
  json out = {{"iss", claims.iss}, {"sub", claims.sub},   {"iat", claims.iat},  {"exp", claims.exp},
              {"jti", claims.jti}, {"ent", claims.ent},   {"park", claims.park}, {"roles", claims.roles}};
  out["perms"] = claims.perms;
  out["scope"] = claims.scope;
  if (claims.nbf) out["nbf"] = *claims.nbf;
  if (!claims.sid.empty()) out["sid"] = claims.sid;
  if (!claims.pid.empty()) out["pid"] = claims.pid;
  if (!claims.unit.empty()) out["unit"] = claims.unit;
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
  SAFELOOP_RETURN_IF_ERROR(ReadString(payload, "park", c.park));
  if (!c.park.empty() && !IsUuid(c.park)) return BadClaim("park", "is not a UUID");
  SAFELOOP_RETURN_IF_ERROR(ReadStringArray(payload, "roles", c.roles));
  SAFELOOP_RETURN_IF_ERROR(ReadStringArray(payload, "perms", c.perms));
  SAFELOOP_RETURN_IF_ERROR(ReadString(payload, "scope", c.scope));
  SAFELOOP_RETURN_IF_ERROR(CheckTenant(c));
  SAFELOOP_RETURN_IF_ERROR(ReadOptionalUuid(payload, "sid", c.sid));
  SAFELOOP_RETURN_IF_ERROR(ReadOptionalUuid(payload, "pid", c.pid));
  SAFELOOP_RETURN_IF_ERROR(ReadOptionalUuid(payload, "unit", c.unit));
  return c;
}

}  // namespace safeloop::auth
