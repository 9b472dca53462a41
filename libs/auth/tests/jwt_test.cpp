#include <catch2/catch.hpp>

#include "safeloop/auth/encoding.hpp"
#include "safeloop/auth/jwt.hpp"
#include "safeloop/core/uuid.hpp"
#include "test_keys.hpp"

using namespace safeloop;
using namespace safeloop::auth;
using namespace safeloop::auth::testing;
using nlohmann::json;

namespace {

struct Segments {
  std::string header, payload, signature;
};

Segments Split(const std::string& token) {
  auto a = token.find('.');
  auto b = token.find('.', a + 1);
  return {token.substr(0, a), token.substr(a + 1, b - a - 1), token.substr(b + 1)};
}

std::string Encode(const json& j) { return Base64UrlEncode(j.dump()); }

json ValidPayload(const ManualClock& clock) {
  auto now = std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count();
  return {{"iss", kIssuer}, {"sub", "user-1"},  {"iat", now},          {"exp", now + 3600},
          {"jti", "0190a1b2-0000-7000-8000-0000000000ff"},           {"ent", kEnterprise},
          {"park", kPark},  {"roles", {"worker"}}, {"perms", {"risk.map.read"}}, {"scope", "unit"}};
}

// A correctly signed token around an arbitrary header and payload text (for malformed-content cases).
std::string SignRaw(const JwtSigner& signer, const std::string& header_segment, const std::string& payload_segment) {
  std::string input = header_segment + "." + payload_segment;
  return input + "." + signer.SignatureOf(input);
}

std::string EdDsaHeader() { return Encode({{"alg", "EdDSA"}, {"typ", "JWT"}}); }

void RequireUnauthenticated(const Result<Claims>& result, const std::string& fragment) {
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == StatusCode::kUnauthenticated);
  INFO("message: " << result.status().message());
  CHECK_THAT(result.status().message(), Catch::Contains(fragment));
}

}  // namespace

TEST_CASE("EdDSA tokens round-trip with every claim") {
  ManualClock clock(Start());
  auto pair = GenerateEd25519KeyPair();
  auto signer = JwtSigner::Create(EdDsaConfig(pair), clock);
  auto verifier = JwtVerifier::Create(EdDsaConfig(pair), clock);
  REQUIRE(signer.ok());
  REQUIRE(verifier.ok());

  auto request = OfficerRequest();
  request.roles = {"safety_officer", "inspector"};
  auto token = signer->Issue(request);
  REQUIRE(token.ok());

  auto header = json::parse(*Base64UrlDecode(Split(*token).header));
  CHECK(header["alg"] == "EdDSA");
  CHECK(header["typ"] == "JWT");

  auto claims = verifier->Verify(*token);
  REQUIRE(claims.ok());
  CHECK(claims->iss == kIssuer);
  CHECK(claims->sub == "user-1");
  CHECK(claims->ent == kEnterprise);
  CHECK(claims->park == kPark);
  CHECK(claims->roles == std::vector<std::string>{"safety_officer", "inspector"});
  CHECK(claims->iat == 1'790'000'000);
  CHECK(claims->exp == 1'790'000'000 + 3600);
  CHECK_FALSE(claims->nbf.has_value());
  CHECK(UuidVersion(claims->jti) == 7);
}

TEST_CASE("HS256 tokens round-trip") {
  ManualClock clock(Start());
  auto signer = JwtSigner::Create(Hs256Config(), clock);
  auto verifier = JwtVerifier::Create(Hs256Config(), clock);
  REQUIRE(signer.ok());
  auto token = signer->Issue(OfficerRequest());
  REQUIRE(token.ok());
  CHECK(json::parse(*Base64UrlDecode(Split(*token).header))["alg"] == "HS256");
  auto claims = verifier->Verify(*token);
  REQUIRE(claims.ok());
  CHECK(claims->roles == std::vector<std::string>{"safety_officer"});
}

TEST_CASE("each token gets its own jti") {
  ManualClock clock(Start());
  auto signer = JwtSigner::Create(Hs256Config(), clock);
  auto verifier = JwtVerifier::Create(Hs256Config(), clock);
  auto a = verifier->Verify(*signer->Issue(OfficerRequest()));
  auto b = verifier->Verify(*signer->Issue(OfficerRequest()));
  CHECK(a->jti != b->jti);
}

TEST_CASE("tampering is detected") {
  ManualClock clock(Start());
  auto pair = GenerateEd25519KeyPair();
  auto signer = JwtSigner::Create(EdDsaConfig(pair), clock);
  auto verifier = JwtVerifier::Create(EdDsaConfig(pair), clock);
  auto token = *signer->Issue(OfficerRequest());
  auto parts = Split(token);

  SECTION("payload changed to another enterprise") {
    auto payload = json::parse(*Base64UrlDecode(parts.payload));
    payload["ent"] = "0190a1b2-0000-7000-8000-000000000002";
    RequireUnauthenticated(verifier->Verify(parts.header + "." + Encode(payload) + "." + parts.signature),
                           "bad signature");
  }
  SECTION("roles escalated") {
    auto payload = json::parse(*Base64UrlDecode(parts.payload));
    payload["roles"] = {"admin"};
    RequireUnauthenticated(verifier->Verify(parts.header + "." + Encode(payload) + "." + parts.signature),
                           "bad signature");
  }
  SECTION("signature changed") {
    std::string sig = parts.signature;
    sig[0] = sig[0] == 'A' ? 'B' : 'A';
    RequireUnauthenticated(verifier->Verify(parts.header + "." + parts.payload + "." + sig), "bad signature");
  }
  SECTION("signature truncated") {
    RequireUnauthenticated(verifier->Verify(parts.header + "." + parts.payload + "." + parts.signature.substr(0, 40)),
                           "bad signature");
  }
  SECTION("signature removed") {
    RequireUnauthenticated(verifier->Verify(parts.header + "." + parts.payload + "."), "bad signature");
  }
}

TEST_CASE("a token signed with another key is rejected") {
  ManualClock clock(Start());
  auto mine = GenerateEd25519KeyPair();
  auto theirs = GenerateEd25519KeyPair();
  auto token = *JwtSigner::Create(EdDsaConfig(theirs), clock)->Issue(OfficerRequest());
  RequireUnauthenticated(JwtVerifier::Create(EdDsaConfig(mine), clock)->Verify(token), "bad signature");

  auto hs_token = *JwtSigner::Create(Hs256Config(std::string(32, 'x')), clock)->Issue(OfficerRequest());
  RequireUnauthenticated(JwtVerifier::Create(Hs256Config(std::string(32, 'y')), clock)->Verify(hs_token),
                         "bad signature");
}

TEST_CASE("expiry is enforced with 30 s leeway") {
  ManualClock clock(Start());
  auto signer = JwtSigner::Create(Hs256Config(), clock);
  auto verifier = JwtVerifier::Create(Hs256Config(), clock);
  auto token = *signer->Issue(OfficerRequest());  // exp = start + 1 h

  clock.Advance(std::chrono::hours(1) + std::chrono::seconds(30));
  CHECK(verifier->Verify(token).ok());
  clock.Advance(std::chrono::seconds(1));
  RequireUnauthenticated(verifier->Verify(token), "token expired at 2026-09-21T");
}

TEST_CASE("nbf is enforced with 30 s leeway") {
  ManualClock clock(Start());
  auto signer = JwtSigner::Create(Hs256Config(), clock);
  auto verifier = JwtVerifier::Create(Hs256Config(), clock);
  auto request = OfficerRequest();
  request.not_before = Start() + std::chrono::minutes(2);
  auto token = *signer->Issue(request);

  RequireUnauthenticated(verifier->Verify(token), "token not valid before");
  clock.Advance(std::chrono::seconds(89));
  RequireUnauthenticated(verifier->Verify(token), "token not valid before");
  clock.Advance(std::chrono::seconds(1));  // nbf - 30 s
  auto claims = verifier->Verify(token);
  REQUIRE(claims.ok());
  CHECK(claims->nbf == 1'790'000'000 + 120);
  CHECK(claims->exp == 1'790'000'000 + 120 + 3600);  // ttl counts from nbf
}

TEST_CASE("a token issued in the future is rejected") {
  ManualClock clock(Start());
  auto signer = JwtSigner::Create(Hs256Config(), clock);
  auto token = *signer->Issue(OfficerRequest());
  ManualClock earlier(Start() - std::chrono::minutes(5));
  RequireUnauthenticated(JwtVerifier::Create(Hs256Config(), earlier)->Verify(token), "issued in the future");
}

TEST_CASE("the issuer must match") {
  ManualClock clock(Start());
  auto config = Hs256Config();
  config.issuer = "someone-else";
  auto token = *JwtSigner::Create(config, clock)->Issue(OfficerRequest());
  RequireUnauthenticated(JwtVerifier::Create(Hs256Config(), clock)->Verify(token),
                         "token issuer 'someone-else' is not 'safeloop-test'");
}

TEST_CASE("alg none is rejected in any spelling") {
  ManualClock clock(Start());
  auto pair = GenerateEd25519KeyPair();
  auto verifier = JwtVerifier::Create(EdDsaConfig(pair), clock);
  std::string payload = Encode(ValidPayload(clock));
  for (const char* alg : {"none", "None", "NONE"}) {
    std::string header = Encode({{"alg", alg}, {"typ", "JWT"}});
    RequireUnauthenticated(verifier->Verify(header + "." + payload + "."), "alg none");
  }
}

TEST_CASE("alg confusion: an HS256 token keyed with the EdDSA public key is rejected") {
  ManualClock clock(Start());
  auto pair = GenerateEd25519KeyPair();
  // The classic attack: HMAC with the (public) verify key as the secret.
  auto forged = *JwtSigner::Create(Hs256Config(pair.public_key), clock)->Issue(OfficerRequest());
  RequireUnauthenticated(JwtVerifier::Create(EdDsaConfig(pair), clock)->Verify(forged),
                         "token algorithm 'HS256' is not the accepted 'EdDSA'");

  // And the other way round.
  auto eddsa = *JwtSigner::Create(EdDsaConfig(pair), clock)->Issue(OfficerRequest());
  RequireUnauthenticated(JwtVerifier::Create(Hs256Config(), clock)->Verify(eddsa),
                         "token algorithm 'EdDSA' is not the accepted 'HS256'");

  // Algorithms we do not implement are rejected the same way.
  std::string header = Encode({{"alg", "RS256"}, {"typ", "JWT"}});
  RequireUnauthenticated(JwtVerifier::Create(EdDsaConfig(pair), clock)->Verify(header + "." +
                                                                                Encode(ValidPayload(clock)) + ".c2ln"),
                         "token algorithm 'RS256'");
}

TEST_CASE("malformed tokens are rejected with a reason") {
  ManualClock clock(Start());
  auto pair = GenerateEd25519KeyPair();
  auto signer = JwtSigner::Create(EdDsaConfig(pair), clock);
  auto verifier = JwtVerifier::Create(EdDsaConfig(pair), clock);
  auto good = *signer->Issue(OfficerRequest());
  auto parts = Split(good);

  RequireUnauthenticated(verifier->Verify(""), "missing token");
  RequireUnauthenticated(verifier->Verify("abc"), "expected 3 dot-separated segments");
  RequireUnauthenticated(verifier->Verify(parts.header + "." + parts.payload), "expected 3 dot-separated segments");
  RequireUnauthenticated(verifier->Verify(good + ".extra"), "expected 3 dot-separated segments");
  RequireUnauthenticated(verifier->Verify(std::string(9000, 'a')), "longer than 8 KiB");
  RequireUnauthenticated(verifier->Verify("!!!." + parts.payload + "." + parts.signature),
                         "header is not base64url");
  RequireUnauthenticated(verifier->Verify(Base64UrlEncode("not json") + "." + parts.payload + "." + parts.signature),
                         "header is not a JSON object");
  RequireUnauthenticated(verifier->Verify(Encode({{"typ", "JWT"}}) + "." + parts.payload + "." + parts.signature),
                         "header has no alg");
  RequireUnauthenticated(verifier->Verify(parts.header + "." + parts.payload + ".***"),
                         "signature is not base64url");
  // Correctly signed, but the payload itself is broken.
  RequireUnauthenticated(verifier->Verify(SignRaw(*signer, EdDsaHeader(), "@@@")), "payload is not base64url");
  RequireUnauthenticated(verifier->Verify(SignRaw(*signer, EdDsaHeader(), Base64UrlEncode("{\"sub\":"))),
                         "payload is not a JSON object");
  RequireUnauthenticated(verifier->Verify(SignRaw(*signer, EdDsaHeader(), Base64UrlEncode("[1,2]"))),
                         "payload is not a JSON object");
  std::string crit = Encode({{"alg", "EdDSA"}, {"crit", {"exp"}}});
  RequireUnauthenticated(verifier->Verify(SignRaw(*signer, crit, parts.payload)), "critical");
}

TEST_CASE("required claims must be present and well-typed") {
  ManualClock clock(Start());
  auto pair = GenerateEd25519KeyPair();
  auto signer = JwtSigner::Create(EdDsaConfig(pair), clock);
  auto verifier = JwtVerifier::Create(EdDsaConfig(pair), clock);
  auto check = [&](json payload, const std::string& fragment) {
    RequireUnauthenticated(verifier->Verify(SignRaw(*signer, EdDsaHeader(), Encode(payload))), fragment);
  };

  CHECK(verifier->Verify(SignRaw(*signer, EdDsaHeader(), Encode(ValidPayload(clock)))).ok());
  for (const char* claim : {"iss", "sub", "iat", "exp", "jti", "ent", "park", "roles", "perms", "scope"}) {
    json payload = ValidPayload(clock);
    payload.erase(claim);
    check(payload, std::string("token has no ") + claim + " claim");
  }
  auto with = [&](const char* claim, json value) {
    json payload = ValidPayload(clock);
    payload[claim] = std::move(value);
    return payload;
  };
  check(with("ent", "acme"), "token claim ent is not a UUID");
  check(with("ent", 42), "token claim ent is not a string");
  check(with("park", "park-1"), "token claim park is not a UUID");
  check(with("exp", "tomorrow"), "token claim exp is not a NumericDate");
  check(with("nbf", "soon"), "token claim nbf is not a NumericDate");
  check(with("iat", -5), "token claim iat is out of range");
  check(with("roles", "admin"), "token claim roles is not an array");
  check(with("roles", json::array({"worker", 7})), "token claim roles is not an array");
  check(with("sub", ""), "token claim sub is empty");
  check(with("perms", json::array({1})), "token claim perms is not an array of strings");
  check(with("scope", "everything"), "token claim scope is not one of");
  check(with("sid", "s-1"), "token claim sid is not a UUID");
  check(with("unit", 5), "token claim unit is not a string");
  // Only a park account may come without an enterprise.
  check(with("ent", ""), "token claim ent is empty (only a park account may omit it)");
  json park_account = with("ent", "");
  park_account["scope"] = "park";
  CHECK(verifier->Verify(SignRaw(*signer, EdDsaHeader(), Encode(park_account))).ok());
  park_account["park"] = "";
  check(park_account, "token claim ent is empty");

  // An empty park is allowed (an enterprise outside any park); a float NumericDate too.
  CHECK(verifier->Verify(SignRaw(*signer, EdDsaHeader(), Encode(with("park", "")))).ok());
  auto now = std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count();
  CHECK(verifier->Verify(SignRaw(*signer, EdDsaHeader(), Encode(with("exp", now + 10.5)))).ok());
}

TEST_CASE("the signer refuses tokens nobody would accept") {
  ManualClock clock(Start());
  auto signer = JwtSigner::Create(Hs256Config(), clock);
  auto request = OfficerRequest();

  request.enterprise_id = "acme";
  CHECK(signer->Issue(request).status().field() == "ent");
  request = OfficerRequest();
  request.subject = "";
  CHECK(signer->Issue(request).status().field() == "sub");
  request = OfficerRequest();
  request.park_id = "p1";
  CHECK(signer->Issue(request).status().field() == "park");
  request = OfficerRequest();
  request.ttl = std::chrono::seconds(0);
  CHECK(signer->Issue(request).status().field() == "ttl");
}

TEST_CASE("signers and verifiers need usable keys") {
  ManualClock clock(Start());
  auto pair = GenerateEd25519KeyPair();
  auto verify_only = EdDsaConfig(pair);
  verify_only.signing_key.clear();
  CHECK(JwtVerifier::Create(verify_only, clock).ok());
  CHECK(JwtSigner::Create(verify_only, clock).status().code() == StatusCode::kInvalidArgument);
  CHECK_FALSE(JwtVerifier::Create(Hs256Config("short"), clock).ok());
  auto no_public = EdDsaConfig(pair);
  no_public.verify_key = "abc";
  CHECK_FALSE(JwtVerifier::Create(no_public, clock).ok());
}

TEST_CASE("the derived public key matches the generated one") {
  auto pair = GenerateEd25519KeyPair();
  CHECK(Ed25519PublicKeyOf(pair.secret_key).value() == pair.public_key);
  CHECK_FALSE(Ed25519PublicKeyOf("short").ok());
}
