#include <catch2/catch.hpp>

#include "authenticator.hpp"

using namespace safeloop;
using namespace safeloop::gateway;

namespace {
RouteSpec Route(AuthMode mode, std::string permission = "risk.map.write") {
  RouteSpec r;
  r.method = "POST";
  r.pattern = "/x";
  r.auth = mode;
  r.permission = std::move(permission);
  return r;
}
}  // namespace

TEST_CASE("bearer tokens come from the Authorization header") {
  auto bearer = Route(AuthMode::kBearer);
  CHECK(Authenticator::ExtractToken(bearer, "Bearer abc.def.ghi", {}).value() == "abc.def.ghi");
  CHECK(Authenticator::ExtractToken(bearer, "bearer  abc ", {}).value() == "abc");
  CHECK_THAT(Authenticator::ExtractToken(bearer, "", {}).status().message(), Catch::Contains("missing token"));
  CHECK_THAT(Authenticator::ExtractToken(bearer, "Basic dXNlcjpwYXNz", {}).status().message(),
             Catch::Contains("must be 'Bearer <JWT>'"));
  CHECK(Authenticator::ExtractToken(bearer, "Bearer ", {}).status().code() == StatusCode::kUnauthenticated);
  // The query token is only for the SSE route.
  CHECK_FALSE(Authenticator::ExtractToken(bearer, "", {{"access_token", "abc"}}).ok());
}

TEST_CASE("the SSE route also takes ?access_token=") {
  auto sse = Route(AuthMode::kBearerOrQueryToken);
  CHECK(Authenticator::ExtractToken(sse, "", {{"access_token", "q.q.q"}}).value() == "q.q.q");
  CHECK(Authenticator::ExtractToken(sse, "Bearer h.h.h", {{"access_token", "q.q.q"}}).value() == "h.h.h");
  CHECK_THAT(Authenticator::ExtractToken(sse, "", {}).status().message(), Catch::Contains("?access_token="));
}

TEST_CASE("authentication and authorization use the verifier and the role table") {
  ManualClock clock(TimePoint(std::chrono::seconds(1'790'000'000)));
  auto pair = auth::GenerateEd25519KeyPair();
  auth::JwtConfig config;
  config.issuer = "t";
  config.signing_key = pair.secret_key;
  config.verify_key = pair.public_key;
  auto signer = auth::JwtSigner::Create(config, clock);
  auto verifier = auth::JwtVerifier::Create(config, clock);
  Authenticator authenticator(*verifier);

  auto grants = auth::GrantsOfDefaultRoles({"worker"});
  auto token = signer->Issue({.subject = "u",
                              .enterprise_id = "0190a1b2-0000-7000-8000-000000000001",
                              .park_id = "",
                              .roles = {"worker"},
                              .perms = grants->perms,
                              .scope = grants->scope,
                              .ttl = std::chrono::hours(1),
                              .not_before = std::nullopt});
  auto claims = authenticator.Authenticate(*token);
  REQUIRE(claims.ok());
  CHECK(authenticator.Authorize(*claims, Route(AuthMode::kBearer, "risk.map.read")).ok());
  Status denied = authenticator.Authorize(*claims, Route(AuthMode::kBearer, "risk.map.write"));
  CHECK(denied.code() == StatusCode::kPermissionDenied);
  CHECK_THAT(denied.message(), Catch::Contains("risk.map.write"));
  CHECK(authenticator.Authenticate("x.y.z").status().code() == StatusCode::kUnauthenticated);
}
