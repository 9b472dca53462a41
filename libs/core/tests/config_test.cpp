#include <catch2/catch.hpp>

#include "safeloop/core/config.hpp"

using namespace safeloop;

TEST_CASE("EnvReader reads typed values with fallbacks") {
  EnvReader env({{"A_PORT", "8080"}, {"A_ADDR", "127.0.0.1:5432"}, {"A_FLAG", "true"}, {"A_ALG", "EdDSA"}});
  CHECK(env.Int("A_PORT", std::nullopt, 1, 65535) == 8080);
  CHECK(env.Int("A_MISSING", 5, 1, 10) == 5);
  auto addr = env.Address("A_ADDR");
  CHECK(addr.host == "127.0.0.1");
  CHECK(addr.port == 5432);
  CHECK(env.Bool("A_FLAG"));
  CHECK(env.OneOf("A_ALG", {"EdDSA", "HS256"}) == "EdDSA");
  CHECK(env.String("A_OTHER", std::string("x")) == "x");
  CHECK_NOTHROW(env.Finish());
}

TEST_CASE("EnvReader reports every bad value at once, naming each variable") {
  EnvReader env({{"P", "80x"}, {"Q", "70000"}, {"ADDR", "nohost"}, {"B", "maybe"}, {"ALG", "RS256"}, {"EMPTY", ""}});
  env.Int("P", std::nullopt, 1, 65535);
  env.Int("Q", std::nullopt, 1, 65535);
  env.Address("ADDR");
  env.Bool("B");
  env.OneOf("ALG", {"EdDSA", "HS256"});
  env.String("EMPTY");  // empty counts as unset
  env.String("MISSING");
  try {
    env.Finish();
    FAIL("expected ConfigError");
  } catch (const ConfigError& e) {
    REQUIRE(e.problems().size() == 7);
    std::string text = e.what();
    CHECK(text.find("P='80x' is not an integer") != std::string::npos);
    CHECK(text.find("Q=70000 is out of range") != std::string::npos);
    CHECK(text.find("ADDR='nohost'") != std::string::npos);
    CHECK(text.find("B='maybe' is not a boolean") != std::string::npos);
    CHECK(text.find("ALG='RS256' must be one of: EdDSA, HS256") != std::string::npos);
    CHECK(text.find("EMPTY is required") != std::string::npos);
    CHECK(text.find("MISSING is required") != std::string::npos);
  }
}

TEST_CASE("ParseHostPort rejects bad ports") {
  CHECK(ParseHostPort("localhost:1").has_value());
  CHECK_FALSE(ParseHostPort("localhost:0").has_value());
  CHECK_FALSE(ParseHostPort("localhost:65536").has_value());
  CHECK_FALSE(ParseHostPort(":80").has_value());
  CHECK_FALSE(ParseHostPort("localhost").has_value());
}
