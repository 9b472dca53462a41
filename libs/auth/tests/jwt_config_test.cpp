#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <unistd.h>

#include "safeloop/auth/encoding.hpp"
#include "safeloop/auth/jwt.hpp"
#include "test_keys.hpp"

using namespace safeloop;
using namespace safeloop::auth;
using Vars = std::map<std::string, std::string>;

namespace {

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() / ("safeloop-auth-test-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(counter_++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& content) const {
    auto file = path_ / name;
    std::ofstream(file) << content;
    return file.string();
  }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

std::string ProblemsOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("EdDSA verify-only config needs only the public key") {
  TempDir dir;
  auto pair = GenerateEd25519KeyPair();
  EnvReader env(Vars{{"SAFELOOP_JWT_ALG", "EdDSA"},
                 {"SAFELOOP_JWT_PUBLIC_KEY_FILE", dir.Write("k.pub", HexEncode(pair.public_key) + "\n")},
                 {"SAFELOOP_JWT_ISSUER", "safeloop-local"}});
  auto config = JwtConfig::FromEnv(env);
  env.Finish();
  CHECK(config.algorithm == JwtAlgorithm::kEdDSA);
  CHECK(config.issuer == "safeloop-local");
  CHECK(config.verify_key == pair.public_key);
  CHECK(config.signing_key.empty());
  CHECK(config.leeway == std::chrono::seconds(30));
}

TEST_CASE("EdDSA signing config derives the public key and checks a given one") {
  TempDir dir;
  auto pair = GenerateEd25519KeyPair();
  std::string key = dir.Write("k.key", HexEncode(pair.secret_key));
  {
    EnvReader env(Vars{{"SAFELOOP_JWT_KEY_FILE", key}, {"SAFELOOP_JWT_ISSUER", "i"}});  // alg defaults to EdDSA
    auto config = JwtConfig::FromEnv(env, JwtKeyUse::kSign);
    env.Finish();
    CHECK(config.signing_key == pair.secret_key);
    CHECK(config.verify_key == pair.public_key);
  }
  auto other = GenerateEd25519KeyPair();
  EnvReader env(Vars{{"SAFELOOP_JWT_KEY_FILE", key},
                 {"SAFELOOP_JWT_PUBLIC_KEY_FILE", dir.Write("other.pub", HexEncode(other.public_key))},
                 {"SAFELOOP_JWT_ISSUER", "i"}});
  CHECK_THAT(ProblemsOf([&] { JwtConfig::FromEnv(env, JwtKeyUse::kSign); }),
             Catch::Contains("does not hold the public key of SAFELOOP_JWT_KEY_FILE"));
}

TEST_CASE("HS256 config uses the secret both ways") {
  TempDir dir;
  std::string secret(40, 's');
  EnvReader env(Vars{{"SAFELOOP_JWT_ALG", "HS256"},
                 {"SAFELOOP_JWT_KEY_FILE", dir.Write("hs.key", HexEncode(secret))},
                 {"SAFELOOP_JWT_ISSUER", "i"}});
  auto config = JwtConfig::FromEnv(env);
  env.Finish();
  CHECK(config.algorithm == JwtAlgorithm::kHS256);
  CHECK(config.signing_key == secret);
  CHECK(config.verify_key == secret);
}

TEST_CASE("missing variables are collected by the EnvReader") {
  EnvReader env(Vars{{"SAFELOOP_JWT_ALG", "EdDSA"}});
  JwtConfig::FromEnv(env);
  std::string text = ProblemsOf([&] { env.Finish(); });
  CHECK_THAT(text, Catch::Contains("SAFELOOP_JWT_ISSUER is required"));
  CHECK_THAT(text, Catch::Contains("SAFELOOP_JWT_PUBLIC_KEY_FILE is required"));
}

TEST_CASE("an unknown algorithm is a config problem") {
  EnvReader env(Vars{{"SAFELOOP_JWT_ALG", "none"}, {"SAFELOOP_JWT_ISSUER", "i"}, {"SAFELOOP_JWT_PUBLIC_KEY_FILE", "/x"}});
  std::string text = ProblemsOf([&] {
    JwtConfig::FromEnv(env);
    env.Finish();
  });
  CHECK_THAT(text, Catch::Contains("SAFELOOP_JWT_ALG='none' must be one of: EdDSA, HS256"));
}

TEST_CASE("bad key files fail fast and say which variable") {
  TempDir dir;
  SECTION("file missing") {
    EnvReader env(Vars{{"SAFELOOP_JWT_PUBLIC_KEY_FILE", "/nonexistent/jwt.pub"}});
    std::string text = ProblemsOf([&] { JwtConfig::FromEnv(env); });
    CHECK_THAT(text, Catch::Contains("SAFELOOP_JWT_PUBLIC_KEY_FILE: cannot read key file /nonexistent/jwt.pub"));
    CHECK_THAT(text, Catch::Contains("SAFELOOP_JWT_ISSUER is required"));  // earlier problems come along
  }
  SECTION("not hex") {
    EnvReader env(Vars{{"SAFELOOP_JWT_PUBLIC_KEY_FILE", dir.Write("bad.pub", "hello world")}, {"SAFELOOP_JWT_ISSUER", "i"}});
    CHECK_THAT(ProblemsOf([&] { JwtConfig::FromEnv(env); }), Catch::Contains("does not hold a hex-encoded key"));
  }
  SECTION("wrong size") {
    EnvReader env(Vars{{"SAFELOOP_JWT_PUBLIC_KEY_FILE", dir.Write("short.pub", "abcd")}, {"SAFELOOP_JWT_ISSUER", "i"}});
    CHECK_THAT(ProblemsOf([&] { JwtConfig::FromEnv(env); }), Catch::Contains("32-byte Ed25519 public key"));
  }
  SECTION("HS256 secret too short") {
    EnvReader env(Vars{{"SAFELOOP_JWT_ALG", "HS256"},
                   {"SAFELOOP_JWT_KEY_FILE", dir.Write("hs.key", HexEncode("short"))},
                   {"SAFELOOP_JWT_ISSUER", "i"}});
    CHECK_THAT(ProblemsOf([&] { JwtConfig::FromEnv(env); }), Catch::Contains("at least 32 bytes"));
  }
  SECTION("secret key of the wrong size") {
    EnvReader env(Vars{{"SAFELOOP_JWT_KEY_FILE", dir.Write("k.key", HexEncode(std::string(32, 'k')))},
                   {"SAFELOOP_JWT_ISSUER", "i"}});
    CHECK_THAT(ProblemsOf([&] { JwtConfig::FromEnv(env, JwtKeyUse::kSign); }),
               Catch::Contains("64-byte Ed25519 secret key"));
  }
}

TEST_CASE("keys from files sign and verify end to end") {
  TempDir dir;
  auto pair = GenerateEd25519KeyPair();
  EnvReader env(Vars{{"SAFELOOP_JWT_KEY_FILE", dir.Write("k.key", HexEncode(pair.secret_key))},
                 {"SAFELOOP_JWT_PUBLIC_KEY_FILE", dir.Write("k.pub", HexEncode(pair.public_key))},
                 {"SAFELOOP_JWT_ISSUER", "i"}});
  ManualClock clock(testing::Start());
  auto signer = JwtSigner::Create(JwtConfig::FromEnv(env, JwtKeyUse::kSign), clock);
  auto verifier = JwtVerifier::Create(JwtConfig::FromEnv(env, JwtKeyUse::kVerify), clock);
  env.Finish();
  REQUIRE(signer.ok());
  REQUIRE(verifier.ok());
  CHECK(verifier->Verify(*signer->Issue(testing::OfficerRequest())).ok());
}
