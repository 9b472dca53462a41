#include "signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <stdexcept>

namespace safeloop::auth::detail {
namespace {
const unsigned char* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string HmacSha256(std::string_view key, std::string_view input) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int out_len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), Bytes(input), input.size(), out, &out_len) ==
      nullptr) {
    throw std::runtime_error("OpenSSL HMAC-SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(out), out_len);
}
}  // namespace

void EnsureSodium() {
  static const int kInit = sodium_init();  // -1 only when the system has no entropy source at all
  if (kInit < 0) throw std::runtime_error("libsodium could not be initialised (sodium_init failed)");
}

std::string Sign(JwtAlgorithm algorithm, std::string_view key, std::string_view input) {
  switch (algorithm) {
    case JwtAlgorithm::kEdDSA: {
      if (key.size() != crypto_sign_SECRETKEYBYTES) throw std::invalid_argument("Ed25519 secret key must be 64 bytes");
      EnsureSodium();
      std::string sig(crypto_sign_BYTES, '\0');
      crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr, Bytes(input), input.size(),
                           Bytes(key));
      return sig;
    }
    case JwtAlgorithm::kHS256:
      return HmacSha256(key, input);
  }
  throw std::invalid_argument("unknown JWT algorithm");
}

bool Verify(JwtAlgorithm algorithm, std::string_view key, std::string_view input, std::string_view signature) {
  switch (algorithm) {
    case JwtAlgorithm::kEdDSA:
      if (key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) return false;
      EnsureSodium();
      return crypto_sign_verify_detached(Bytes(signature), Bytes(input), input.size(), Bytes(key)) == 0;
    case JwtAlgorithm::kHS256: {
      std::string expected = HmacSha256(key, input);
      return signature.size() == expected.size() &&
             CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) == 0;
    }
  }
  return false;
}

}  // namespace safeloop::auth::detail
