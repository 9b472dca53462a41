#include "qualification_input.hpp"

#include "safeloop/core/text.hpp"
#include "safeloop/core/uuid.hpp"

namespace safeloop::personnel::qualification {

Status RequireUuid(std::string_view value, const char* field) {
  if (value.empty()) return InvalidArgument(std::string(field) + " 不能为空", field);
  if (!IsUuid(value)) return InvalidArgument(std::string(field) + " 必须是UUID", field);
  return Status::Ok();
}

Status OptionalUuid(std::string_view value, const char* field) {
  return value.empty() ? Status::Ok() : RequireUuid(value, field);
}

Status OptionalText(std::string_view value, const char* field, std::size_t max_chars) {
  long len = Utf8Length(value);
  if (len < 0) return InvalidArgument(std::string(field) + " 不是有效的UTF-8文本", field);
  if (static_cast<std::size_t>(len) > max_chars) {
    return InvalidArgument(std::string(field) + " 不能超过" + std::to_string(max_chars) + "个字符", field);
  }
  return Status::Ok();
}

Status RequireText(std::string_view value, const char* field, std::size_t max_chars) {
  if (value.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidArgument(std::string(field) + " 不能为空", field);
  }
  return OptionalText(value, field, max_chars);
}

Result<personnel_domain::Date> RequireDate(std::string_view value, const char* field) {
  if (value.empty()) return InvalidArgument(std::string(field) + " 不能为空", field);
  auto d = personnel_domain::ParseDate(value);
  if (!d) return InvalidArgument(std::string(field) + " 必须是有效日期 YYYY-MM-DD", field);
  return *d;
}

Result<std::optional<personnel_domain::Date>> OptionalDate(std::string_view value, const char* field) {
  if (value.empty()) return std::optional<personnel_domain::Date>();
  auto d = RequireDate(value, field);
  if (!d.ok()) return d.status();
  return std::optional<personnel_domain::Date>(*d);
}

Result<std::optional<TimePoint>> OptionalInstant(std::string_view value, const char* field) {
  if (value.empty()) return std::optional<TimePoint>();
  auto t = personnel_domain::ParseRfc3339(value);
  if (!t) return InvalidArgument(std::string(field) + " 必须是RFC 3339时间，如 2026-03-01T08:00:00+08:00", field);
  return std::optional<TimePoint>(*t);
}

Result<std::string> ReviewDecision(std::string_view value, const char* field) {
  if (value == "approve") return std::string("approved");
  if (value == "reject") return std::string("rejected");
  return InvalidArgument(std::string(field) + " 必须是 approve 或 reject", field);
}

Result<std::string> ImageContentType(std::string_view bytes, const char* field, bool png_only) {
  if (bytes.size() > kMaxImageBytes) return InvalidArgument("图片不能超过5MB", field);
  static constexpr std::string_view kPng("\x89PNG\r\n\x1a\n", 8);
  static constexpr std::string_view kJpeg("\xff\xd8\xff", 3);
  if (bytes.substr(0, kPng.size()) == kPng) return std::string("image/png");
  if (!png_only && bytes.substr(0, kJpeg.size()) == kJpeg) return std::string("image/jpeg");
  return InvalidArgument(png_only ? "签名必须是PNG图片" : "照片必须是JPEG或PNG图片", field);
}

}  // namespace safeloop::personnel::qualification
