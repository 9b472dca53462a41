#include <catch2/catch.hpp>

#include "rate_limiter.hpp"

using namespace safeloop;
using namespace safeloop::gateway;
using Reply = cache::RedisReply;

namespace {
Reply Ints(std::vector<std::int64_t> values) {
  Reply r;
  r.type = Reply::Type::kArray;
  for (auto v : values) {
    Reply e;
    e.type = Reply::Type::kInteger;
    e.integer = v;
    r.elements.push_back(e);
  }
  return r;
}
}  // namespace

TEST_CASE("Retry-After is whole seconds, rounded up, at least one") {
  CHECK(RetryAfterSeconds(0) == 1);
  CHECK(RetryAfterSeconds(1) == 1);
  CHECK(RetryAfterSeconds(1000) == 1);
  CHECK(RetryAfterSeconds(1001) == 2);
  CHECK(RetryAfterSeconds(5999) == 6);
}

TEST_CASE("the scripts' answers become decisions") {
  CHECK(DecisionFromReply(Ints({0}))->kind == AdmissionDecision::Kind::kAllow);
  CHECK(DecisionFromReply(Ints({1}))->kind == AdmissionDecision::Kind::kBlocked);
  CHECK(DecisionFromReply(Ints({3}))->kind == AdmissionDecision::Kind::kRevoked);
  auto limited = DecisionFromReply(Ints({2, 2500}));
  REQUIRE(limited.ok());
  CHECK(limited->kind == AdmissionDecision::Kind::kLimited);
  CHECK(limited->retry_after_s == 3);

  Reply error;
  error.type = Reply::Type::kError;
  error.str = "ERR something";
  CHECK_FALSE(DecisionFromReply(error).ok());
  CHECK_FALSE(DecisionFromReply(Ints({})).ok());
  CHECK_FALSE(DecisionFromReply(Ints({2})).ok());
  CHECK_FALSE(DecisionFromReply(Ints({9})).ok());
  CHECK_FALSE(DecisionFromReply(Reply{}).ok());
}

TEST_CASE("refusals answer the API's status codes") {
  AdmissionDecision d;
  CHECK(AdmissionStatus(d).ok());
  d.kind = AdmissionDecision::Kind::kBlocked;
  CHECK(AdmissionStatus(d) == PermissionDenied("address blocked"));
  CHECK(HttpStatusFor(AdmissionStatus(d).code()) == 403);
  d.kind = AdmissionDecision::Kind::kLimited;
  d.retry_after_s = 2;
  CHECK(AdmissionStatus(d).code() == StatusCode::kResourceExhausted);
  CHECK(HttpStatusFor(AdmissionStatus(d).code()) == 429);
  d.kind = AdmissionDecision::Kind::kRevoked;
  CHECK(AdmissionStatus(d) == Unauthenticated("session has been logged out"));
}

TEST_CASE("keys and the login bucket") {
  CHECK(RevokedSessionKey("0190a1b2-0000-7000-8000-000000000001") ==
        "safeloop:revoked:sid:0190a1b2-0000-7000-8000-000000000001");
  CHECK(IpBucketKey("203.0.113.5") == "safeloop:gateway:rate:ip:203.0.113.5");
  CHECK(AccountBucketKey("u1") == "safeloop:gateway:rate:account:u1");
  CHECK(IsLoginAttempt("POST", "/api/v1/auth/login"));
  CHECK_FALSE(IsLoginAttempt("GET", "/api/v1/auth/login"));
  CHECK_FALSE(IsLoginAttempt("POST", "/api/v1/auth/logout"));
}

TEST_CASE("scripts are named by the SHA-1 EVALSHA expects") {
  CHECK(Sha1Hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(Sha1Hex("return 1") == "e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
  CHECK(RedisScript("return 1").sha1 == Sha1Hex("return 1"));
}
