#include "tenancy/tenancy_common.hpp"

#include <chrono>
#include <cstdio>

#include "safeloop/core/uuid.hpp"
#include "safeloop/personnel_domain/people_rules.hpp"

namespace safeloop::personnel::tenancy {

Actor ActorOf(const rpc::CallContext& call) {
  return {call.caller.ent, call.caller.park, call.caller.sub, call.request_id};
}

Status RequireUuid(std::string_view value, const std::string& field) {
  if (value.empty()) return InvalidArgument(field + " is required", field);
  if (!IsUuid(value)) return InvalidArgument(field + " is not a UUID: " + std::string(value), field);
  return Status::Ok();
}

Status ValidateOptionalDate(std::string_view value, const std::string& field) {
  if (value.empty()) return Status::Ok();
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (value.size() != 10 || std::sscanf(std::string(value).c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      value[4] != '-' || value[7] != '-') {
    return InvalidArgument("日期格式应为 YYYY-MM-DD", field);
  }
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || y < 1900 || y > 2200) return InvalidArgument("日期不存在: " + std::string(value), field);
  return Status::Ok();
}

Status RequireText(std::string_view value, const std::string& field, std::string_view label, long max_chars) {
  if (personnel_domain::TrimText(value).empty()) return InvalidArgument(std::string(label) + "不能为空", field);
  return OptionalText(value, field, label, max_chars);
}

Status OptionalText(std::string_view value, const std::string& field, std::string_view label, long max_chars) {
  long n = personnel_domain::Utf8Length(value);
  if (n < 0) return InvalidArgument(std::string(label) + "不是有效的UTF-8文本", field);
  if (n > max_chars) return InvalidArgument(std::string(label) + "最多" + std::to_string(max_chars) + "个字", field);
  return Status::Ok();
}

std::string TodayInChina(const Clock& clock) {
  auto days = std::chrono::floor<std::chrono::days>(clock.Now() + std::chrono::hours(8));
  std::chrono::year_month_day ymd{days};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}


}  // namespace safeloop::personnel::tenancy
