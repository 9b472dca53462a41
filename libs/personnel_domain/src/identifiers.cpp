#include "safeloop/personnel_domain/identifiers.hpp"

#include <array>

namespace safeloop::personnel_domain {
namespace {
// GB 32100: 31 characters, the letters I, O, S, V, Z left out (they look like digits or each other).
constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kCreditWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr std::array<int, 17> kIdWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdCheckChars = "10X98765432";

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsRealDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int days = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= days;
}
}  // namespace

char CreditCodeCheckChar(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    auto pos = kCreditAlphabet.find(first17[i]);
    if (pos == std::string_view::npos) return '\0';
    sum += static_cast<int>(pos) * kCreditWeights[i];
  }
  int check = (31 - sum % 31) % 31;
  return kCreditAlphabet[static_cast<std::size_t>(check)];
}

Status ValidateCreditCode(std::string_view code, const std::string& field) {
  if (code.size() != 18) {
    return InvalidArgument("统一社会信用代码应为18位，实际为" + std::to_string(code.size()) + "位", field);
  }
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (kCreditAlphabet.find(code[i]) == std::string_view::npos) {
      return InvalidArgument("统一社会信用代码第" + std::to_string(i + 1) + "位字符'" + std::string(1, code[i]) +
                                 "'不合法（只允许数字和除I、O、S、V、Z外的大写字母）",
                             field);
    }
  }
  char expected = CreditCodeCheckChar(code.substr(0, 17));
  if (code[17] != expected) {
    return InvalidArgument("统一社会信用代码校验位错误：应为'" + std::string(1, expected) + "'，实际为'" +
                               std::string(1, code[17]) + "'",
                           field);
  }
  return Status::Ok();
}

char IdNumberCheckChar(std::string_view first17) {
  if (first17.size() != 17 || !AllDigits(first17)) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kIdWeights[i];
  return kIdCheckChars[static_cast<std::size_t>(sum % 11)];
}

Status ValidateIdNumber(std::string_view id_number, const std::string& field) {
  if (id_number.size() != 18) {
    return InvalidArgument("身份证号应为18位，实际为" + std::to_string(id_number.size()) + "位", field);
  }
  if (!AllDigits(id_number.substr(0, 17))) return InvalidArgument("身份证号前17位应为数字", field);
  int y = std::stoi(std::string(id_number.substr(6, 4)));
  int m = std::stoi(std::string(id_number.substr(10, 2)));
  int d = std::stoi(std::string(id_number.substr(12, 2)));
  if (!IsRealDate(y, m, d)) return InvalidArgument("身份证号中的出生日期不存在", field);
  char last = id_number[17] == 'x' ? 'X' : id_number[17];
  char expected = IdNumberCheckChar(id_number.substr(0, 17));
  if (last != expected) {
    return InvalidArgument("身份证号校验位错误：应为'" + std::string(1, expected) + "'", field);
  }
  return Status::Ok();
}

Status ValidateHazchemRegistrationCode(std::string_view code, const std::string& field) {
  if (code.size() != 9 || !AllDigits(code)) return InvalidArgument("危化品登记企业编码应为9位数字", field);
  return Status::Ok();
}

Status ValidateMobile(std::string_view mobile, const std::string& field) {
  if (mobile.size() != 11 || !AllDigits(mobile) || mobile[0] != '1' || mobile[1] < '3') {
    return InvalidArgument("手机号应为以1开头的11位数字（第二位为3-9）", field);
  }
  return Status::Ok();
}

}  // namespace safeloop::personnel_domain
