#include "risk_validation.hpp"

#include <cmath>
#include <set>

#include "safeloop/core/uuid.hpp"

namespace safeloop::risk {


Status RequireUuid(std::string_view value, const char* field) {
  if (value.empty()) return InvalidArgument(std::string(field) + " is required", field);
  if (!IsUuid(value)) return InvalidArgument(std::string(field) + " must be a UUID", field);
  return Status::Ok();
}

Status RequireName(std::string_view value, const char* field, std::size_t max_chars) {
  auto first = value.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return InvalidArgument(std::string(field) + " is required", field);
  return OptionalText(value, field, max_chars);
}

Status OptionalText(std::string_view value, const char* field, std::size_t max_chars) {
  long len = Utf8Length(value);
  if (len < 0) return InvalidArgument(std::string(field) + " is not valid UTF-8", field);
  if (static_cast<std::size_t>(len) > max_chars) {
    return InvalidArgument(std::string(field) + " is longer than " + std::to_string(max_chars) + " characters", field);
  }
  return Status::Ok();
}

Status ValidateMapInput(std::string_view name, std::string_view image_url, int width, int height) {
  SAFELOOP_RETURN_IF_ERROR(RequireName(name, "name", 100));
  SAFELOOP_RETURN_IF_ERROR(RequireName(image_url, "image_url", 1000));
  if (width < 1 || width > 20000) return InvalidArgument("width must be 1..20000 pixels", "width");
  if (height < 1 || height > 20000) return InvalidArgument("height must be 1..20000 pixels", "height");
  return Status::Ok();
}

Status ValidatePolygon(const std::vector<Vertex>& polygon, int map_width, int map_height) {
  if (polygon.size() < 3) return InvalidArgument("polygon needs at least 3 vertices", "polygon");
  if (polygon.size() > 500) return InvalidArgument("polygon has more than 500 vertices", "polygon");
  std::set<std::pair<double, double>> distinct;
  for (const auto& v : polygon) {
    if (!std::isfinite(v.x) || !std::isfinite(v.y)) return InvalidArgument("polygon has a non-finite vertex", "polygon");
    if (v.x < 0 || v.y < 0 || v.x > map_width || v.y > map_height) {
      return InvalidArgument("polygon vertex (" + std::to_string(v.x) + ", " + std::to_string(v.y) +
                                 ") lies outside the map (" + std::to_string(map_width) + "×" +
                                 std::to_string(map_height) + ")",
                             "polygon");
    }
    distinct.insert({v.x, v.y});
  }
  if (distinct.size() < 3) return InvalidArgument("polygon needs at least 3 distinct vertices", "polygon");
  return Status::Ok();
}

}  // namespace safeloop::risk
