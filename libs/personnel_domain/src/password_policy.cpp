#include "safeloop/personnel_domain/password_policy.hpp"

#include "safeloop/personnel_domain/people_rules.hpp"

#include <algorithm>
#include <cctype>

namespace safeloop::personnel_domain {
namespace {


std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

Status ValidatePassword(std::string_view password, std::string_view username, std::string_view old_password,
                        const std::string& field) {
  long chars = Utf8Length(password);
  if (chars < 0) return InvalidArgument("密码包含无效字符", field);
  if (static_cast<std::size_t>(chars) < kPasswordMinChars) {
    return InvalidArgument("密码长度不能少于" + std::to_string(kPasswordMinChars) + "位", field);
  }
  if (static_cast<std::size_t>(chars) > kPasswordMaxChars) {
    return InvalidArgument("密码长度不能超过" + std::to_string(kPasswordMaxChars) + "位", field);
  }
  bool lower = false, upper = false, digit = false, symbol = false;
  for (char ch : password) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isspace(c)) return InvalidArgument("密码不能包含空格等空白字符", field);
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else symbol = true;
  }
  if (int{lower} + int{upper} + int{digit} + int{symbol} < 3) {
    return InvalidArgument("密码须包含小写字母、大写字母、数字、符号中的至少三类", field);
  }
  if (!username.empty() && Lower(password).find(Lower(username)) != std::string::npos) {
    return InvalidArgument("密码不能包含用户名", field);
  }
  if (!old_password.empty() && password == old_password) {
    return InvalidArgument("新密码不能与原密码相同", field);
  }
  return Status::Ok();
}

}  // namespace safeloop::personnel_domain
