#include <catch2/catch.hpp>

#include "safeloop/auth/encoding.hpp"

using namespace safeloop::auth;

TEST_CASE("base64url encodes the RFC 4648 vectors without padding") {
  CHECK(Base64UrlEncode("") == "");
  CHECK(Base64UrlEncode("f") == "Zg");
  CHECK(Base64UrlEncode("fo") == "Zm8");
  CHECK(Base64UrlEncode("foo") == "Zm9v");
  CHECK(Base64UrlEncode("foob") == "Zm9vYg");
  CHECK(Base64UrlEncode("fooba") == "Zm9vYmE");
  CHECK(Base64UrlEncode("foobar") == "Zm9vYmFy");
  CHECK(Base64UrlEncode(std::string("\xfb\xff\xbf", 3)) == "-_-_");  // url alphabet, not +/
}

TEST_CASE("base64url round-trips every length and byte value") {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    bytes += static_cast<char>(i * 37 % 256);
    auto decoded = Base64UrlDecode(Base64UrlEncode(bytes));
    REQUIRE(decoded.has_value());
    CHECK(*decoded == bytes);
  }
}

TEST_CASE("base64url decoding rejects non-canonical and foreign text") {
  CHECK_FALSE(Base64UrlDecode("Zg==").has_value());    // padding
  CHECK_FALSE(Base64UrlDecode("Zm+v").has_value());    // standard alphabet
  CHECK_FALSE(Base64UrlDecode("Zm/v").has_value());
  CHECK_FALSE(Base64UrlDecode("Zm9 v").has_value());   // whitespace
  CHECK_FALSE(Base64UrlDecode("Zm9vY").has_value());   // impossible length (4n+1)
  CHECK_FALSE(Base64UrlDecode("Zh").has_value());      // unused bits set: would alias "Zg"
  CHECK(Base64UrlDecode("").value() == "");
}

TEST_CASE("hex round-trips and tolerates a trailing newline") {
  std::string bytes("\x00\x01\xab\xff", 4);
  CHECK(HexEncode(bytes) == "0001abff");
  CHECK(HexDecode("0001abff").value() == bytes);
  CHECK(HexDecode("0001ABFF\n").value() == bytes);
  CHECK(HexDecode("  0001abff \r\n").value() == bytes);
  CHECK_FALSE(HexDecode("abc").has_value());
  CHECK_FALSE(HexDecode("zz").has_value());
  CHECK_FALSE(HexDecode("ab cd").has_value());
}
