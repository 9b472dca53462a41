#pragma once
// Input checks of the risk API that need no database: every failure names the field at fault.

#include <string>
#include <string_view>
#include <vector>

#include "risk_model.hpp"
#include "safeloop/core/status.hpp"
#include "safeloop/core/text.hpp"

namespace safeloop::risk {

Status RequireUuid(std::string_view value, const char* field);
/// Non-blank after trimming, at most `max_chars` Unicode characters, valid UTF-8.
Status RequireName(std::string_view value, const char* field, std::size_t max_chars);
/// Valid UTF-8 of at most `max_chars` characters; may be empty.
Status OptionalText(std::string_view value, const char* field, std::size_t max_chars);
Status ValidateMapInput(std::string_view name, std::string_view image_url, int width, int height);
/// ≥ 3 distinct vertices, finite, inside the map (0..width, 0..height), at most 500 vertices.
/// (Self-intersection is checked by PostGIS ST_IsValid in the store.)
Status ValidatePolygon(const std::vector<Vertex>& polygon, int map_width, int map_height);
using ::safeloop::Utf8Length;  // safeloop/core/text.hpp

}  // namespace safeloop::risk
