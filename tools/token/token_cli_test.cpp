#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "safeloop/auth/jwt.hpp"
#include "safeloop/auth/permissions.hpp"
#include "token_cli.hpp"

using namespace safeloop;
using namespace safeloop::token;
namespace fs = std::filesystem;
using Vars = std::map<std::string, std::string>;

namespace {
struct Run {
  int code;
  std::string out, err;
};

Run Cli(std::vector<std::string> args, Vars vars = {}) {
  EnvReader env(std::move(vars));
  ManualClock clock(TimePoint(std::chrono::seconds(1'790'000'000)));
  std::ostringstream out, err;
  int code = RunTokenCli(args, env, clock, out, err);
  return {code, out.str(), err.str()};
}

fs::path FreshDir() {
  static int n = 0;
  auto dir = fs::temp_directory_path() / ("safeloop-token-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  fs::remove_all(dir);
  return dir;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

constexpr const char* kEnt = "0190a1b2-0000-7000-8000-000000000001";
constexpr const char* kPark = "0190a1b2-0000-7000-8000-0000000000a1";
}  // namespace

TEST_CASE("ttl parsing") {
  CHECK(ParseTtl("30d") == std::chrono::seconds(30 * 86400));
  CHECK(ParseTtl("12h") == std::chrono::seconds(12 * 3600));
  CHECK(ParseTtl("15m") == std::chrono::seconds(900));
  CHECK(ParseTtl("900s") == std::chrono::seconds(900));
  for (const char* bad : {"", "30", "d", "0s", "-5m", "1.5h", "12x", "h12", "99999d", " 1h"}) {
    INFO(bad);
    CHECK_FALSE(ParseTtl(bad).has_value());
  }
}

TEST_CASE("keygen writes a key pair once, with a private secret key") {
  auto dir = FreshDir();
  auto first = Cli({"keygen", "--out-dir", dir.string()});
  REQUIRE(first.code == 0);
  auto secret = Slurp(dir / "jwt_ed25519.key");
  auto pub = Slurp(dir / "jwt_ed25519.pub");
  CHECK(secret.size() == 129);  // 128 hex + newline
  CHECK(pub.size() == 65);
  struct stat st {};
  REQUIRE(::stat((dir / "jwt_ed25519.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  auto second = Cli({"keygen", "--out-dir=" + dir.string()});
  CHECK(second.code == 0);
  CHECK_THAT(second.out, Catch::Contains("already exist"));
  CHECK(Slurp(dir / "jwt_ed25519.key") == secret);

  SECTION("a lost public key is restored from the secret key") {
    fs::remove(dir / "jwt_ed25519.pub");
    CHECK(Cli({"keygen", "--out-dir", dir.string()}).code == 0);
    CHECK(Slurp(dir / "jwt_ed25519.pub") == pub);
  }
  SECTION("a public key without its secret key is an error") {
    fs::remove(dir / "jwt_ed25519.key");
    auto run = Cli({"keygen", "--out-dir", dir.string()});
    CHECK(run.code == 1);
    CHECK_THAT(run.err, Catch::Contains("exists without its secret key"));
  }
  fs::remove_all(dir);
}

TEST_CASE("issue signs with the environment's key, verifiable with the public key") {
  auto dir = FreshDir();
  REQUIRE(Cli({"keygen", "--out-dir", dir.string()}).code == 0);
  Vars vars = {{"SAFELOOP_JWT_ALG", "EdDSA"},
               {"SAFELOOP_JWT_KEY_FILE", (dir / "jwt_ed25519.key").string()},
               {"SAFELOOP_JWT_PUBLIC_KEY_FILE", (dir / "jwt_ed25519.pub").string()},
               {"SAFELOOP_JWT_ISSUER", "safeloop-local"}};
  auto run = Cli({"issue", "--sub", "demo", "--enterprise", kEnt, "--park", kPark, "--role", "safety_officer", "--role",
                  "inspector", "--ttl", "30d"},
                 vars);
  REQUIRE(run.code == 0);
  std::string token = run.out.substr(0, run.out.find('\n'));

  EnvReader env(vars);
  ManualClock clock(TimePoint(std::chrono::seconds(1'790'000'000)));
  auto verifier = auth::JwtVerifier::Create(auth::JwtConfig::FromEnv(env), clock);
  REQUIRE(verifier.ok());
  auto claims = verifier->Verify(token);
  REQUIRE(claims.ok());
  CHECK(claims->sub == "demo");
  CHECK(claims->ent == kEnt);
  CHECK(claims->park == kPark);
  CHECK(claims->roles == std::vector<std::string>{"safety_officer", "inspector"});
  CHECK(claims->exp - claims->iat == 30 * 86400);
  CHECK(claims->scope == "enterprise");
  CHECK(auth::RequirePermission(*claims, "risk.map.write").ok());
  CHECK_FALSE(auth::RequirePermission(*claims, "personnel.role.write").ok());
  fs::remove_all(dir);
}

TEST_CASE("issue mints a platform operator token that names no tenant") {
  auto dir = FreshDir();
  REQUIRE(Cli({"keygen", "--out-dir", dir.string()}).code == 0);
  Vars vars = {{"SAFELOOP_JWT_KEY_FILE", (dir / "jwt_ed25519.key").string()},
               {"SAFELOOP_JWT_PUBLIC_KEY_FILE", (dir / "jwt_ed25519.pub").string()},
               {"SAFELOOP_JWT_ALG", "EdDSA"},
               {"SAFELOOP_JWT_ISSUER", "safeloop-local"}};
  auto run = Cli({"issue", "--sub", "ops.li", "--role", "platform_operator"}, vars);
  INFO(run.err);
  REQUIRE(run.code == 0);
  EnvReader env(vars);
  ManualClock clock(TimePoint(std::chrono::seconds(1'790'000'000)));
  auto verifier = auth::JwtVerifier::Create(auth::JwtConfig::FromEnv(env), clock);
  REQUIRE(verifier.ok());
  auto claims = verifier->Verify(run.out.substr(0, run.out.find('\n')));
  REQUIRE(claims.ok());
  CHECK(claims->scope == "platform");
  CHECK(claims->ent.empty());
  CHECK(auth::RequirePermission(*claims, auth::permission::kBlocklistWrite).ok());
  CHECK_FALSE(auth::RequirePermission(*claims, auth::permission::kPersonRead).ok());
  auto mixed = Cli({"issue", "--sub", "ops", "--enterprise", kEnt, "--role", "platform_operator"}, vars);
  CHECK(mixed.code == 2);
  CHECK_THAT(mixed.err, Catch::Contains("names no --enterprise"));
  fs::remove_all(dir);
}

TEST_CASE("issue explains bad arguments") {
  auto expect = [](std::vector<std::string> args, const std::string& fragment, int code = 2) {
    auto run = Cli(std::move(args));
    INFO(run.err);
    CHECK(run.code == code);
    CHECK_THAT(run.err, Catch::Contains(fragment));
  };
  expect({"issue", "--enterprise", kEnt, "--role", "worker"}, "--sub is required");
  expect({"issue", "--sub", "s", "--role", "worker"}, "--enterprise is required");
  expect({"issue", "--sub", "s", "--enterprise", "acme", "--role", "worker"}, "--enterprise 'acme' is not a UUID");
  expect({"issue", "--sub", "s", "--enterprise", kEnt, "--park", "p", "--role", "worker"}, "--park 'p' is not a UUID");
  expect({"issue", "--sub", "s", "--enterprise", kEnt}, "--role is required");
  expect({"issue", "--sub", "s", "--enterprise", kEnt, "--role", "boss"}, "'boss' is not a default role");
  expect({"issue", "--sub", "s", "--enterprise", kEnt, "--role", "worker", "--ttl", "soon"}, "--ttl 'soon'");
  expect({"issue", "--sub", "s", "--enterprise", kEnt, "--role", "worker", "--colour", "red"}, "unknown option --colour");
  expect({"issue", "--sub"}, "--sub needs a value");
  expect({"issue", "--sub", "a", "--sub", "b"}, "--sub given more than once");
  expect({"mint"}, "unknown command 'mint'");
  expect({}, "usage:");
  // Arguments fine, environment missing: a config error, exit 1.
  expect({"issue", "--sub", "s", "--enterprise", kEnt, "--role", "worker"}, "SAFELOOP_JWT_KEY_FILE is required", 1);
}
