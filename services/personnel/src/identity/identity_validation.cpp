#include "identity_validation.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <set>

#include "safeloop/auth/permissions.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/personnel_domain/identifiers.hpp"

namespace safeloop::personnel::identity {
namespace {

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace


Status RequireUuid(std::string_view value, const char* field) {
  if (value.empty()) return InvalidArgument(std::string(field) + " is required", field);
  if (!IsUuid(value)) return InvalidArgument(std::string(field) + " must be a UUID", field);
  return Status::Ok();
}

Status ValidateUsername(std::string_view username, const char* field) {
  bool ok = username.size() >= 3 && username.size() <= 64 &&
            std::all_of(username.begin(), username.end(), [](unsigned char c) {
              return std::isalnum(c) || c == '_' || c == '.' || c == '@' || c == '-';
            });
  if (!ok) return InvalidArgument("用户名须为3-64位字母、数字或 _ . @ -", field);
  return Status::Ok();
}

Status OptionalText(std::string_view value, const char* field, std::size_t max_chars, const char* label_zh) {
  long n = Utf8Length(value);
  if (n < 0) return InvalidArgument(std::string(label_zh) + "包含无效字符", field);
  if (static_cast<std::size_t>(n) > max_chars) {
    return InvalidArgument(std::string(label_zh) + "不能超过" + std::to_string(max_chars) + "个字符", field);
  }
  return Status::Ok();
}

Status RequireText(std::string_view value, const char* field, std::size_t max_chars, const char* label_zh) {
  if (IsBlank(value)) return InvalidArgument(std::string(label_zh) + "不能为空", field);
  return OptionalText(value, field, max_chars, label_zh);
}

Status ValidateOptionalMobile(std::string_view mobile, const char* field) {
  if (mobile.empty()) return Status::Ok();
  return personnel_domain::ValidateMobile(mobile, field);
}

Status ValidateAccountStatus(std::string_view status, const char* field) {
  if (status != "active" && status != "disabled") return InvalidArgument("status must be active or disabled", field);
  return Status::Ok();
}

Status ValidateRoleCode(std::string_view code, const char* field) {
  bool ok = code.size() >= 2 && code.size() <= 40 && std::all_of(code.begin(), code.end(), [](unsigned char c) {
              return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            });
  if (!ok) return InvalidArgument("角色编码须为2-40位小写字母、数字或下划线: '" + std::string(code) + "'", field);
  return Status::Ok();
}

Result<std::vector<std::string>> NormalizeRoleCodes(const std::vector<std::string>& codes, const char* field) {
  std::set<std::string> out;
  for (const auto& c : codes) {
    SAFELOOP_RETURN_IF_ERROR(ValidateRoleCode(c, field));
    out.insert(c);
  }
  return std::vector<std::string>(out.begin(), out.end());
}

Status ValidateRoleScope(std::string_view scope, bool builtin, const char* field) {
  auto parsed = auth::ParseDataScope(scope);
  if (!parsed) return InvalidArgument("data_scope must be one of own, unit, subtree, enterprise", field);
  if (*parsed == auth::DataScope::kPark && !builtin) {
    return InvalidArgument("data_scope park is reserved for the park supervisor role; use own, unit, subtree or "
                           "enterprise",
                           field);
  }
  return Status::Ok();
}

Result<std::vector<std::string>> NormalizeGrants(const std::vector<std::string>& grants, const char* field) {
  static const std::vector<auth::PermissionInfo> catalog = auth::TenantPermissionCatalog();
  std::set<std::string> out;
  for (const auto& g : grants) {
    if (g.empty() || g.size() > 100) return InvalidArgument("a grant must have 1 to 100 characters", field);
    bool matches = std::any_of(catalog.begin(), catalog.end(),
                               [&](const auth::PermissionInfo& p) { return auth::GrantMatches(g, p.code); });
    if (!matches) return InvalidArgument("权限 '" + g + "' 不匹配任何可授予企业角色的权限编码", field);
    out.insert(g);
  }
  return std::vector<std::string>(out.begin(), out.end());
}

std::optional<TimePoint> ParseRfc3339(std::string_view s) {
  int year, month, day, hour, minute, second;
  if (!Digits(s, 0, 4, year) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2, month) || s[7] != '-' ||
      !Digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !Digits(s, 11, 2, hour) ||
      s[13] != ':' || !Digits(s, 14, 2, minute) || s[16] != ':' || !Digits(s, 17, 2, second)) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  int millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    std::size_t start = ++pos, digits = 0;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      if (digits < 3) millis = millis * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (pos == start) return std::nullopt;
    for (; digits < 3; ++digits) millis *= 10;
  }
  int offset_minutes = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !Digits(s, pos + 4, 2, om) ||
        oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] || (month == 2 && day == 29 && !leap) ||
      hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = std::min(second, 59);
  std::int64_t epoch = timegm(&tm) - std::int64_t{offset_minutes} * 60;
  return FromUnixMillis(epoch * 1000 + millis);
}

Result<TimePoint> ValidateVisitorExpiry(std::string_view text, TimePoint now, const char* field) {
  auto at = ParseRfc3339(text);
  if (!at) return InvalidArgument("expires_at must be an RFC 3339 time, e.g. 2026-11-23T18:00:00+08:00", field);
  if (*at <= now) return InvalidArgument("访客账号的到期时间须晚于当前时间", field);
  if (*at > now + kMaxVisitorLifetime) return InvalidArgument("访客账号的有效期不能超过30天", field);
  return *at;
}

}  // namespace safeloop::personnel::identity
