#include "token_cli.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <map>

#include "safeloop/auth/encoding.hpp"
#include "safeloop/auth/jwt.hpp"
#include "safeloop/auth/permissions.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::token {
namespace {
namespace fs = std::filesystem;

constexpr const char* kSecretKeyName = "jwt_ed25519.key";
constexpr const char* kPublicKeyName = "jwt_ed25519.pub";
constexpr std::int64_t kMaxTtlSeconds = 3650LL * 24 * 3600;

constexpr const char* kUsage =
    "usage:\n"
    "  safeloop-token keygen --out-dir DIR\n"
    "      writes DIR/jwt_ed25519.key (hex secret key, mode 600) and DIR/jwt_ed25519.pub (hex public key)\n"
    "      unless they exist\n"
    "  safeloop-token issue --sub S --enterprise E [--park P] --role R [--role R2 ...] [--ttl 30d|12h|15m|900s]\n"
    "      prints a token signed with SAFELOOP_JWT_ALG / SAFELOOP_JWT_KEY_FILE / SAFELOOP_JWT_ISSUER\n"
    "      (default ttl 1h)\n"
    "  safeloop-token issue --sub S --role platform_operator [--ttl ...]\n"
    "      a platform operator's token (IP blocklist, API statistics of the edge); it names no tenant\n";

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// --name value / --name=value pairs; repeated names keep every value in order.
std::multimap<std::string, std::string> ParseFlags(const std::vector<std::string>& args, std::size_t from,
                                                   const std::vector<std::string>& known) {
  std::multimap<std::string, std::string> flags;
  for (std::size_t i = from; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!arg.starts_with("--")) throw UsageError("unexpected argument '" + arg + "'");
    std::string name = arg.substr(2), value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else {
      if (i + 1 >= args.size()) throw UsageError("--" + name + " needs a value");
      value = args[++i];
    }
    if (std::find(known.begin(), known.end(), name) == known.end()) throw UsageError("unknown option --" + name);
    flags.emplace(name, value);
  }
  return flags;
}

std::string One(const std::multimap<std::string, std::string>& flags, const std::string& name,
                std::optional<std::string> fallback = std::nullopt) {
  auto count = flags.count(name);
  if (count > 1) throw UsageError("--" + name + " given more than once");
  if (count == 0) {
    if (fallback) return *fallback;
    throw UsageError("--" + name + " is required");
  }
  return flags.find(name)->second;
}

bool WriteNewFile(const fs::path& path, const std::string& text, mode_t mode, std::ostream& err) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    err << "error: cannot create " << path.string() << ": " << std::strerror(errno) << "\n";
    return false;
  }
  bool ok = ::fchmod(fd, mode) == 0;  // the umask may have narrowed or widened nothing; be exact
  ok = ok && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = (::close(fd) == 0) && ok;
  if (!ok) err << "error: cannot write " << path.string() << ": " << std::strerror(errno) << "\n";
  return ok;
}

int Keygen(const std::multimap<std::string, std::string>& flags, std::ostream& out, std::ostream& err) {
  fs::path dir = One(flags, "out-dir");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    err << "error: cannot create directory " << dir.string() << ": " << ec.message() << "\n";
    return kExitFailure;
  }
  fs::path secret_path = dir / kSecretKeyName;
  fs::path public_path = dir / kPublicKeyName;
  bool have_secret = fs::exists(secret_path);
  bool have_public = fs::exists(public_path);

  if (have_secret && have_public) {
    out << "keys already exist in " << dir.string() << " (" << kSecretKeyName << ", " << kPublicKeyName
        << "); leaving them unchanged\n";
    return kExitOk;
  }
  if (have_public) {
    err << "error: " << public_path.string() << " exists without its secret key " << kSecretKeyName
        << "; remove it to generate a new pair\n";
    return kExitFailure;
  }
  if (have_secret) {
    auto secret = auth::LoadHexKeyFile(secret_path.string());
    auto pub = secret.ok() ? auth::Ed25519PublicKeyOf(*secret) : Result<std::string>(secret.status());
    if (!pub.ok()) {
      err << "error: " << secret_path.string() << " exists but is unusable: " << pub.status().message() << "\n";
      return kExitFailure;
    }
    if (!WriteNewFile(public_path, auth::HexEncode(*pub) + "\n", 0644, err)) return kExitFailure;
    out << "wrote " << public_path.string() << " from the existing secret key\n";
    return kExitOk;
  }
  auto pair = auth::GenerateEd25519KeyPair();
  if (!WriteNewFile(secret_path, auth::HexEncode(pair.secret_key) + "\n", 0600, err)) return kExitFailure;
  if (!WriteNewFile(public_path, auth::HexEncode(pair.public_key) + "\n", 0644, err)) return kExitFailure;
  out << "wrote " << secret_path.string() << " (mode 600) and " << public_path.string() << "\n";
  return kExitOk;
}

int Issue(const std::multimap<std::string, std::string>& flags, EnvReader& env, const Clock& clock,
          std::ostream& out, std::ostream& err) {
  auth::TokenRequest request;
  request.subject = One(flags, "sub");
  for (auto [it, end] = flags.equal_range("role"); it != end; ++it) request.roles.push_back(it->second);
  // A platform operator's token names no tenant; every other token names its enterprise.
  const bool platform = request.roles == std::vector<std::string>{std::string(auth::role::kPlatformOperator)};
  request.enterprise_id = platform ? One(flags, "enterprise", std::string()) : One(flags, "enterprise");
  request.park_id = One(flags, "park", std::string());
  if (platform && !(request.enterprise_id.empty() && request.park_id.empty())) {
    throw UsageError("a platform_operator token names no --enterprise or --park");
  }
  std::string ttl_text = One(flags, "ttl", std::string("1h"));
  auto ttl = ParseTtl(ttl_text);
  if (!ttl) throw UsageError("--ttl '" + ttl_text + "' must be a positive number followed by d, h, m or s (30d, 12h, 900s)");
  request.ttl = *ttl;
  if (!platform && !IsUuid(request.enterprise_id)) throw UsageError("--enterprise '" + request.enterprise_id + "' is not a UUID");
  if (!request.park_id.empty() && !IsUuid(request.park_id)) {
    throw UsageError("--park '" + request.park_id + "' is not a UUID");
  }
  if (request.roles.empty()) throw UsageError("--role is required (repeat it for several roles)");
  auto grants = auth::GrantsOfDefaultRoles(request.roles);
  if (!grants.ok()) throw UsageError("--role: " + grants.status().message());
  request.perms = grants->perms;
  request.scope = grants->scope;

  auth::JwtConfig config;
  try {
    config = auth::JwtConfig::FromEnv(env, auth::JwtKeyUse::kSign);
    env.Finish();
  } catch (const ConfigError& e) {
    err << "error: " << e.what() << "\n";
    return kExitFailure;
  }
  auto signer = auth::JwtSigner::Create(config, clock);
  if (!signer.ok()) {
    err << "error: " << signer.status().message() << "\n";
    return kExitFailure;
  }
  auto token = signer->Issue(request);
  if (!token.ok()) {
    err << "error: " << token.status().message() << "\n";
    return kExitFailure;
  }
  out << *token << "\n";
  return kExitOk;
}
}  // namespace

std::optional<std::chrono::seconds> ParseTtl(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  std::int64_t unit = 0;
  switch (text.back()) {
    case 'd': unit = 86400; break;
    case 'h': unit = 3600; break;
    case 'm': unit = 60; break;
    case 's': unit = 1; break;
    default: return std::nullopt;
  }
  std::int64_t count = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size() - 1;
  auto [ptr, ec] = std::from_chars(begin, end, count);
  if (ec != std::errc() || ptr != end || count <= 0 || count > kMaxTtlSeconds / unit) return std::nullopt;
  return std::chrono::seconds(count * unit);
}

int RunTokenCli(const std::vector<std::string>& args, EnvReader& env, const Clock& clock, std::ostream& out,
                std::ostream& err) {
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    (args.empty() ? err : out) << kUsage;
    return args.empty() ? kExitUsage : kExitOk;
  }
  try {
    if (args[0] == "keygen") return Keygen(ParseFlags(args, 1, {"out-dir"}), out, err);
    if (args[0] == "issue") {
      return Issue(ParseFlags(args, 1, {"sub", "enterprise", "park", "role", "ttl"}), env, clock, out, err);
    }
    throw UsageError("unknown command '" + args[0] + "'");
  } catch (const UsageError& e) {
    err << "error: " << e.what() << "\n" << kUsage;
    return kExitUsage;
  }
}

}  // namespace safeloop::token
