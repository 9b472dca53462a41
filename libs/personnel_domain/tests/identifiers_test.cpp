#include <catch2/catch.hpp>

#include "safeloop/personnel_domain/identifiers.hpp"

using namespace safeloop;
using namespace safeloop::personnel_domain;

TEST_CASE("GB 32100 credit codes: published examples pass, any single change fails") {
  // The worked example of GB 32100-2015 and a code from a public business register.
  for (const char* code : {"91350100M000100Y43", "91110000600037341L"}) {
    INFO(code);
    CHECK(ValidateCreditCode(code).ok());
    CHECK(CreditCodeCheckChar(std::string_view(code).substr(0, 17)) == code[17]);
  }
  std::string good = "91350100M000100Y43";
  for (std::size_t i = 0; i < 18; ++i) {
    std::string bad = good;
    bad[i] = bad[i] == '0' ? '1' : '0';
    INFO(bad);
    CHECK_FALSE(ValidateCreditCode(bad).ok());
  }
}

TEST_CASE("credit code errors say what is wrong, in Chinese, with the field") {
  auto s = ValidateCreditCode("91350100M000100Y4");
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.field() == "credit_code");
  CHECK_THAT(s.message(), Catch::Contains("18位"));
  CHECK_THAT(ValidateCreditCode("91350100M000100I43").message(), Catch::Contains("第16位"));
  CHECK_THAT(ValidateCreditCode("91350100M000100Y44").message(), Catch::Contains("应为'3'"));
  CHECK_THAT(ValidateCreditCode("91350100m000100Y43").message(), Catch::Contains("第9位"));
  CHECK(ValidateCreditCode("x", "enterprise.credit_code").field() == "enterprise.credit_code");
  CHECK(CreditCodeCheckChar("9135010OM000100Y4") == '\0');
}

TEST_CASE("GB 11643 identity numbers") {
  CHECK(ValidateIdNumber("11010519491231002X").ok());
  CHECK(ValidateIdNumber("11010519491231002x").ok());
  CHECK(ValidateIdNumber("110105194912310021").message().find("校验位") != std::string::npos);
  CHECK(ValidateIdNumber("110105194902300020").message().find("出生日期") != std::string::npos);
  CHECK(ValidateIdNumber("1101051949123100").message().find("18位") != std::string::npos);
  CHECK(ValidateIdNumber("1101051949A231002X").message().find("数字") != std::string::npos);
  CHECK(IdNumberCheckChar("11010519491231002") == 'X');
}

TEST_CASE("registration codes and mobiles") {
  CHECK(ValidateHazchemRegistrationCode("130912345").ok());
  CHECK_FALSE(ValidateHazchemRegistrationCode("13091234").ok());
  CHECK_FALSE(ValidateHazchemRegistrationCode("13091234A").ok());
  CHECK(ValidateMobile("13800138000").ok());
  CHECK(ValidateMobile("19912345678").ok());
  CHECK_FALSE(ValidateMobile("12800138000").ok());
  CHECK_FALSE(ValidateMobile("1380013800").ok());
  CHECK_FALSE(ValidateMobile("2380013800a").ok());
}
