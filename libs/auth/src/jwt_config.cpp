#include "safeloop/auth/jwt_config.hpp"

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "safeloop/auth/encoding.hpp"
#include "signature.hpp"

namespace safeloop::auth {
namespace {
constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;
}  // namespace

std::string_view AlgorithmName(JwtAlgorithm algorithm) {
  switch (algorithm) {
    case JwtAlgorithm::kEdDSA: return "EdDSA";
    case JwtAlgorithm::kHS256: return "HS256";
  }
  return "EdDSA";
}

std::optional<JwtAlgorithm> ParseAlgorithm(std::string_view name) {
  if (name == "EdDSA") return JwtAlgorithm::kEdDSA;
  if (name == "HS256") return JwtAlgorithm::kHS256;
  return std::nullopt;
}

Result<std::string> LoadHexKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgument("cannot read key file " + path + ": " + std::strerror(errno));
  std::string text;
  text.resize(kMaxKeyFileBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxKeyFileBytes) return InvalidArgument("key file " + path + " is too large to be a key");
  auto bytes = HexDecode(text);
  if (!bytes) return InvalidArgument("key file " + path + " does not hold a hex-encoded key");
  if (bytes->empty()) return InvalidArgument("key file " + path + " is empty");
  return *bytes;
}

Ed25519KeyPair GenerateEd25519KeyPair() {
  detail::EnsureSodium();
  Ed25519KeyPair pair;
  pair.secret_key.resize(crypto_sign_SECRETKEYBYTES);
  pair.public_key.resize(crypto_sign_PUBLICKEYBYTES);
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(pair.public_key.data()),
                      reinterpret_cast<unsigned char*>(pair.secret_key.data()));
  return pair;
}

Result<std::string> Ed25519PublicKeyOf(std::string_view secret_key) {
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) {
    return InvalidArgument("an Ed25519 secret key has 64 bytes (128 hex characters), this one has " +
                           std::to_string(secret_key.size()));
  }
  std::string pk(crypto_sign_PUBLICKEYBYTES, '\0');
  crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(pk.data()),
                               reinterpret_cast<const unsigned char*>(secret_key.data()));
  return pk;
}

Status JwtConfig::Validate(JwtKeyUse use) const {
  switch (algorithm) {
    case JwtAlgorithm::kEdDSA:
      if (use == JwtKeyUse::kSign && signing_key.size() != kEd25519SecretKeyBytes) {
        return InvalidArgument("EdDSA signing needs the 64-byte Ed25519 secret key (128 hex characters) in "
                               "SAFELOOP_JWT_KEY_FILE; got " + std::to_string(signing_key.size()) + " bytes");
      }
      if (verify_key.size() != kEd25519PublicKeyBytes) {
        return InvalidArgument("EdDSA verification needs the 32-byte Ed25519 public key (64 hex characters) in "
                               "SAFELOOP_JWT_PUBLIC_KEY_FILE; got " + std::to_string(verify_key.size()) + " bytes");
      }
      return Status::Ok();
    case JwtAlgorithm::kHS256:
      if (signing_key.size() < kHs256MinSecretBytes) {
        return InvalidArgument("HS256 needs a secret of at least 32 bytes (64 hex characters) in "
                               "SAFELOOP_JWT_KEY_FILE; got " + std::to_string(signing_key.size()) + " bytes");
      }
      if (verify_key != signing_key) return InvalidArgument("HS256 verifies with the signing secret itself");
      return Status::Ok();
  }
  return InvalidArgument("unknown JWT algorithm");
}

JwtConfig JwtConfig::FromEnv(EnvReader& env, JwtKeyUse use) {
  JwtConfig config;
  std::string alg = env.OneOf("SAFELOOP_JWT_ALG", {"EdDSA", "HS256"}, std::string("EdDSA"));
  config.algorithm = ParseAlgorithm(alg).value_or(JwtAlgorithm::kEdDSA);
  config.issuer = env.String("SAFELOOP_JWT_ISSUER");

  std::vector<std::string> problems;
  bool keys_named = true;
  auto load = [&](const std::string& variable, bool required, std::string& out) {
    std::string path = required ? env.String(variable) : env.String(variable, std::string());
    if (path.empty()) {
      keys_named = keys_named && !required;
      return false;
    }
    auto key = LoadHexKeyFile(path);
    if (!key.ok()) {
      problems.push_back(variable + ": " + key.status().message());
      return false;
    }
    out = std::move(key.value());
    return true;
  };

  if (config.algorithm == JwtAlgorithm::kHS256) {
    load("SAFELOOP_JWT_KEY_FILE", true, config.signing_key);
    config.verify_key = config.signing_key;
  } else if (use == JwtKeyUse::kSign) {
    if (load("SAFELOOP_JWT_KEY_FILE", true, config.signing_key)) {
      auto derived = Ed25519PublicKeyOf(config.signing_key);
      if (derived.ok()) {
        std::string from_file;
        if (load("SAFELOOP_JWT_PUBLIC_KEY_FILE", false, from_file) && from_file != *derived) {
          problems.push_back("SAFELOOP_JWT_PUBLIC_KEY_FILE does not hold the public key of SAFELOOP_JWT_KEY_FILE");
        }
        config.verify_key = *derived;
      }
    }
  } else {
    load("SAFELOOP_JWT_PUBLIC_KEY_FILE", true, config.verify_key);
  }

  if (problems.empty() && keys_named) {
    if (Status s = config.Validate(use); !s.ok()) problems.push_back(s.message());
  }
  if (!problems.empty()) {
    std::vector<std::string> all;
    try {
      env.Finish();
    } catch (const ConfigError& e) {
      all = e.problems();
    }
    all.insert(all.end(), problems.begin(), problems.end());
    throw ConfigError(all);
  }
  return config;
}

}  // namespace safeloop::auth
