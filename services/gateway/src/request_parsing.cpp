#include "request_parsing.hpp"

#include <cmath>
#include <limits>
#include <optional>

#include "safeloop/core/uuid.hpp"

namespace safeloop::gateway {
namespace {
using nlohmann::json;

// Field readers: nullopt = absent (and not required); errors name the field.
Result<std::optional<std::string>> OptString(const json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return InvalidArgument(name + " must be a string", name);
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::string> ReqString(const json& body, const std::string& name) {
  auto v = OptString(body, name);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return InvalidArgument(name + " is required", name);
  return std::move(**v);
}

Result<double> ReqNumber(const json& body, const std::string& name, const std::string& field) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return InvalidArgument(field + " is required", field);
  if (!it->is_number()) return InvalidArgument(field + " must be a number", field);
  return it->get<double>();
}

Result<std::int32_t> ReqInt32(const json& body, const std::string& name) {
  auto number = ReqNumber(body, name, name);
  if (!number.ok()) return number.status();
  double d = *number;
  if (d != std::floor(d) || d < std::numeric_limits<std::int32_t>::min() ||
      d > std::numeric_limits<std::int32_t>::max()) {
    return InvalidArgument(name + " must be an integer", name);
  }
  return static_cast<std::int32_t>(d);
}

Status RequireObject(const json& body) {
  if (!body.is_object()) return InvalidArgument("request body must be a JSON object", "body");
  return Status::Ok();
}
}  // namespace

Result<nlohmann::json> ParseJsonBody(std::string_view text) {
  if (text.size() > kMaxBodyBytes) return InvalidArgument("request body is larger than 1 MiB", "body");
  auto body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return InvalidArgument("request body is not valid JSON", "body");
  SAFELOOP_RETURN_IF_ERROR(RequireObject(body));
  return body;
}

Status RequireUuid(std::string_view name, std::string_view value) {
  if (IsUuid(value)) return Status::Ok();
  return InvalidArgument(std::string(name) + " must be a UUID", std::string(name));
}

Result<riskpb::CreatePlantMapRequest> ToCreatePlantMap(const json& body) {
  SAFELOOP_RETURN_IF_ERROR(RequireObject(body));
  riskpb::CreatePlantMapRequest req;
  auto name = ReqString(body, "name");
  if (!name.ok()) return name.status();
  auto image_url = OptString(body, "image_url");
  if (!image_url.ok()) return image_url.status();
  auto width = ReqInt32(body, "width");
  if (!width.ok()) return width.status();
  auto height = ReqInt32(body, "height");
  if (!height.ok()) return height.status();
  req.set_name(*name);
  req.set_image_url(image_url->value_or(""));
  req.set_width(*width);
  req.set_height(*height);
  return req;
}

Result<riskpb::CreateAreaRequest> ToCreateArea(const json& body, const std::string& map_id) {
  SAFELOOP_RETURN_IF_ERROR(RequireObject(body));
  SAFELOOP_RETURN_IF_ERROR(RequireUuid("map_id", map_id));
  riskpb::CreateAreaRequest req;
  req.set_map_id(map_id);
  auto name = ReqString(body, "name");
  if (!name.ok()) return name.status();
  req.set_name(*name);
  auto polygon = body.find("polygon");
  if (polygon == body.end() || polygon->is_null()) return InvalidArgument("polygon is required", "polygon");
  if (!polygon->is_array()) return InvalidArgument("polygon must be an array of {\"x\",\"y\"} points", "polygon");
  for (std::size_t i = 0; i < polygon->size(); ++i) {
    const json& vertex = (*polygon)[i];
    std::string at = "polygon[" + std::to_string(i) + "]";
    if (!vertex.is_object()) return InvalidArgument(at + " must be an object {\"x\",\"y\"}", "polygon");
    auto x = ReqNumber(vertex, "x", at + ".x");
    if (!x.ok()) return InvalidArgument(x.status().message(), "polygon");
    auto y = ReqNumber(vertex, "y", at + ".y");
    if (!y.ok()) return InvalidArgument(y.status().message(), "polygon");
    auto* point = req.add_polygon();
    point->set_x(*x);
    point->set_y(*y);
  }
  return req;
}

Result<riskpb::CreateRiskPointRequest> ToCreateRiskPoint(const json& body, const std::string& area_id) {
  SAFELOOP_RETURN_IF_ERROR(RequireObject(body));
  SAFELOOP_RETURN_IF_ERROR(RequireUuid("area_id", area_id));
  riskpb::CreateRiskPointRequest req;
  req.set_area_id(area_id);
  auto name = ReqString(body, "name");
  if (!name.ok()) return name.status();
  auto description = OptString(body, "description");
  if (!description.ok()) return description.status();
  req.set_name(*name);
  req.set_description(description->value_or(""));
  return req;
}

Result<riskpb::AssessLecRequest> ToAssessLec(const json& body, const std::string& point_id) {
  SAFELOOP_RETURN_IF_ERROR(RequireObject(body));
  SAFELOOP_RETURN_IF_ERROR(RequireUuid("point_id", point_id));
  auto method = OptString(body, "method");
  if (!method.ok()) return method.status();
  if (method->has_value() && **method != "LEC") {
    return InvalidArgument("method '" + **method + "' is not supported; use LEC", "method");
  }
  riskpb::AssessLecRequest req;
  req.set_risk_point_id(point_id);
  for (const char* factor : {"l", "e", "c"}) {
    auto value = ReqNumber(body, factor, factor);
    if (!value.ok()) return value.status();
    if (factor[0] == 'l') req.set_l(*value);
    if (factor[0] == 'e') req.set_e(*value);
    if (factor[0] == 'c') req.set_c(*value);
  }
  auto note = OptString(body, "note");
  if (!note.ok()) return note.status();
  req.set_note(note->value_or(""));
  return req;
}

Result<riskpb::UpdateScoringSettingsRequest> ToUpdateScoringSettings(const json& body) {
  SAFELOOP_RETURN_IF_ERROR(RequireObject(body));
  auto variant = ReqString(body, "lec_band_variant");
  if (!variant.ok()) return variant.status();
  riskpb::UpdateScoringSettingsRequest req;
  if (*variant == "V1") {
    req.set_lec_band_variant(riskpb::LEC_BAND_VARIANT_V1);
  } else if (*variant == "V2") {
    req.set_lec_band_variant(riskpb::LEC_BAND_VARIANT_V2);
  } else {
    return InvalidArgument("lec_band_variant must be \"V1\" or \"V2\"", "lec_band_variant");
  }
  return req;
}

}  // namespace safeloop::gateway
