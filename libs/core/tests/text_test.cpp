#include <catch2/catch.hpp>

#include "safeloop/core/text.hpp"

TEST_CASE("UTF-8 length counts code points and refuses malformed text") {
  using safeloop::Utf8Length;
  CHECK(Utf8Length("") == 0);
  CHECK(Utf8Length("ab") == 2);
  CHECK(Utf8Length("合成车间") == 4);
  CHECK(Utf8Length("\xf0\x9f\x98\x80") == 1);  // 4-byte sequence
  CHECK(Utf8Length("\xe5\x90") == -1);          // truncated
  CHECK(Utf8Length("\xff") == -1);              // no such lead byte
  CHECK(Utf8Length("\xe5\x41\x41") == -1);      // continuation byte missing
}
