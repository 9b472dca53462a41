#include <catch2/catch.hpp>

#include "safeloop/personnel_domain/password_policy.hpp"

using namespace safeloop;
using namespace safeloop::personnel_domain;

TEST_CASE("password policy: every rule, table-driven") {
  struct Case {
    const char* password;
    const char* username;
    const char* old_password;
    const char* error;  // nullptr = accepted; else a fragment of the Chinese message
  };
  const Case cases[] = {
      // length, counted in characters (code points), not bytes
      {"Abc1234", "zhang", "", "不能少于8位"},
      {"Abc12345", "zhang", "", nullptr},
      {"安全Ab12345", "zhang", "", nullptr},       // 9 characters, non-ASCII counts as a symbol
      {"安全生产Ab1", "zhang", "", "不能少于8位"},  // 7 characters although 15 bytes
      {"Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!", "zhang", "", nullptr},    // 64
      {"Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!Ab1!x", "zhang", "", "不能超过64位"},  // 65
      {"Abc\xff" "12345", "zhang", "", "无效字符"},
      {"Abc\xe5\xae" "12345", "zhang", "", "无效字符"},  // truncated multi-byte sequence
      // three of four classes
      {"abcdefgh", "zhang", "", "至少三类"},
      {"abcd1234", "zhang", "", "至少三类"},
      {"ABCD!@#$", "zhang", "", "至少三类"},
      {"abcdEFGH", "zhang", "", "至少三类"},
      {"abcdEF12", "zhang", "", nullptr},   // lower upper digit
      {"abcd12!@", "zhang", "", nullptr},   // lower digit symbol
      {"ABCD12!@", "zhang", "", nullptr},   // upper digit symbol
      {"abcdEF!@", "zhang", "", nullptr},   // lower upper symbol
      {"abcD 12!@", "zhang", "", "空白"},
      {"abcD\t12!@", "zhang", "", "空白"},
      // username, case-insensitive
      {"Zhang3!xyz", "zhang3", "", "不能包含用户名"},
      {"xZHANG3!yz", "zhang3", "", "不能包含用户名"},
      {"Zhang4!xyz", "zhang3", "", nullptr},
      {"Zhang3!xyz", "", "", nullptr},
      // previous password
      {"Secret#2024", "li", "Secret#2024", "不能与原密码相同"},
      {"Secret#2025", "li", "Secret#2024", nullptr},
  };
  for (const auto& c : cases) {
    INFO(c.password << " / " << c.username << " / " << c.old_password);
    Status s = ValidatePassword(c.password, c.username, c.old_password, "new_password");
    if (c.error == nullptr) {
      CHECK(s.ok());
    } else {
      CHECK(s.code() == StatusCode::kInvalidArgument);
      CHECK(s.field() == "new_password");
      CHECK_THAT(s.message(), Catch::Contains(c.error));
    }
  }
}

TEST_CASE("password policy: the field defaults to password") {
  CHECK(ValidatePassword("short", "u").field() == "password");
}
