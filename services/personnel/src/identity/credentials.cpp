#include "credentials.hpp"

#include <sodium.h>

#include <stdexcept>

#include "safeloop/auth/encoding.hpp"

namespace safeloop::personnel::identity {
namespace {

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

// A hash of a random password with the same parameters as real hashes, made once per process.
const std::string& DummyHash() {
  static const std::string hash = [] {
    unsigned char random[24];
    randombytes_buf(random, sizeof random);
    return HashPassword(auth::Base64UrlEncode(std::string_view(reinterpret_cast<char*>(random), sizeof random)));
  }();
  return hash;
}

}  // namespace

std::string HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing failed (out of memory)");
  }
  return out;
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  EnsureSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void VerifyAgainstDummy(std::string_view password) { (void)VerifyPassword(DummyHash(), password); }

std::string NewRefreshToken() {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return auth::Base64UrlEncode(std::string_view(reinterpret_cast<char*>(bytes), sizeof bytes));
}

std::string Sha256Hex(std::string_view text) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return auth::HexEncode(std::string_view(reinterpret_cast<char*>(digest), sizeof digest));
}

}  // namespace safeloop::personnel::identity
