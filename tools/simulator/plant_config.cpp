#include "plant_config.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace safeloop::simulator {
namespace {

using nlohmann::json;

std::string Join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

// Unknown keys are refused: a typo ("hh " or "adress") must not silently drop a setting.
Status OnlyKeys(const json& o, const std::string& path, std::initializer_list<const char*> allowed) {
  for (const auto& [key, value] : o.items()) {
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) return InvalidArgument("unknown key '" + key + "'", Join(path, key));
  }
  return Status::Ok();
}

Status Number(const json& o, const char* key, const std::string& path, double& out, bool required) {
  if (!o.contains(key)) {
    return required ? InvalidArgument("missing number", Join(path, key)) : Status::Ok();
  }
  const json& v = o.at(key);
  if (!v.is_number()) return InvalidArgument("must be a number", Join(path, key));
  out = v.get<double>();
  if (!std::isfinite(out)) return InvalidArgument("must be finite", Join(path, key));
  return Status::Ok();
}

Status OptNumber(const json& o, const char* key, const std::string& path, std::optional<double>& out) {
  if (!o.contains(key) || o.at(key).is_null()) return Status::Ok();
  double v = 0;
  SAFELOOP_RETURN_IF_ERROR(Number(o, key, path, v, true));
  out = v;
  return Status::Ok();
}

Status Text(const json& o, const char* key, const std::string& path, std::string& out, bool required) {
  if (!o.contains(key)) return required ? InvalidArgument("missing text", Join(path, key)) : Status::Ok();
  const json& v = o.at(key);
  if (!v.is_string()) return InvalidArgument("must be a string", Join(path, key));
  out = v.get<std::string>();
  if (required && out.empty()) return InvalidArgument("must not be empty", Join(path, key));
  return Status::Ok();
}

Status ParseModbus(const json& m, const std::string& path, ModbusSource& out) {
  if (!m.is_object()) return InvalidArgument("must be an object", path);
  SAFELOOP_RETURN_IF_ERROR(OnlyKeys(m, path, {"table", "address", "type", "word_order", "scale", "offset"}));
  std::string table, type, order = "ABCD";
  SAFELOOP_RETURN_IF_ERROR(Text(m, "table", path, table, true));
  SAFELOOP_RETURN_IF_ERROR(Text(m, "type", path, type, true));
  SAFELOOP_RETURN_IF_ERROR(Text(m, "word_order", path, order, false));
  auto t = iot::ParseRegisterTable(table);
  if (!t) return InvalidArgument("one of holding, input, coil, discrete_input", Join(path, "table"));
  auto dt = iot::ParseDataType(type);
  if (!dt) return InvalidArgument("one of bool, int16, uint16, int32, uint32, float32", Join(path, "type"));
  auto wo = iot::ParseWordOrder(order);
  if (!wo) return InvalidArgument("one of ABCD, CDAB, BADC, DCBA", Join(path, "word_order"));
  double address = 0;
  SAFELOOP_RETURN_IF_ERROR(Number(m, "address", path, address, true));
  if (address != std::floor(address) || address < 0 || address > 65535) {
    return InvalidArgument("an integer 0..65535", Join(path, "address"));
  }
  out.table = *t;
  out.type = *dt;
  out.word_order = *wo;
  out.address = static_cast<int>(address);
  SAFELOOP_RETURN_IF_ERROR(Number(m, "scale", path, out.scale, false));
  SAFELOOP_RETURN_IF_ERROR(Number(m, "offset", path, out.offset, false));
  return Status::Ok();
}

Status ParsePoint(const json& p, const std::string& path, PlantPoint& out) {
  if (!p.is_object()) return InvalidArgument("must be an object", path);
  SAFELOOP_RETURN_IF_ERROR(OnlyKeys(p, path,
                                    {"tag", "name", "type", "unit", "area", "range", "normal", "noise", "drift",
                                     "drift_period_s", "flip_every_s", "limits", "excursion", "modbus", "mqtt"}));
  SAFELOOP_RETURN_IF_ERROR(Text(p, "tag", path, out.tag, true));
  SAFELOOP_RETURN_IF_ERROR(Text(p, "name", path, out.name, false));
  SAFELOOP_RETURN_IF_ERROR(Text(p, "type", path, out.type, true));
  SAFELOOP_RETURN_IF_ERROR(Text(p, "unit", path, out.unit, false));
  SAFELOOP_RETURN_IF_ERROR(Text(p, "area", path, out.area, false));
  if (p.contains("range")) {
    const json& r = p.at("range");
    if (!r.is_array() || r.size() != 2 || !r[0].is_number() || !r[1].is_number()) {
      return InvalidArgument("must be [low, high]", Join(path, "range"));
    }
    out.range_low = r[0].get<double>();
    out.range_high = r[1].get<double>();
  } else if (out.type == "switch") {
    out.range_low = 0;
    out.range_high = 1;
  } else {
    return InvalidArgument("missing [low, high]", Join(path, "range"));
  }
  SAFELOOP_RETURN_IF_ERROR(Number(p, "normal", path, out.normal, true));
  SAFELOOP_RETURN_IF_ERROR(Number(p, "noise", path, out.noise, false));
  SAFELOOP_RETURN_IF_ERROR(Number(p, "drift", path, out.drift, false));
  SAFELOOP_RETURN_IF_ERROR(Number(p, "drift_period_s", path, out.drift_period_s, false));
  SAFELOOP_RETURN_IF_ERROR(Number(p, "flip_every_s", path, out.flip_every_s, false));
  if (p.contains("limits")) {
    const json& l = p.at("limits");
    const std::string lp = Join(path, "limits");
    if (!l.is_object()) return InvalidArgument("must be an object", lp);
    SAFELOOP_RETURN_IF_ERROR(OnlyKeys(l, lp, {"ll", "l", "h", "hh"}));
    SAFELOOP_RETURN_IF_ERROR(OptNumber(l, "ll", lp, out.limits.ll));
    SAFELOOP_RETURN_IF_ERROR(OptNumber(l, "l", lp, out.limits.l));
    SAFELOOP_RETURN_IF_ERROR(OptNumber(l, "h", lp, out.limits.h));
    SAFELOOP_RETURN_IF_ERROR(OptNumber(l, "hh", lp, out.limits.hh));
  }
  const bool high = out.limits.h || out.limits.hh;
  const bool low = out.limits.l || out.limits.ll;
  out.excursion = high ? ExcursionSide::kHigh : low ? ExcursionSide::kLow : ExcursionSide::kNone;
  if (p.contains("excursion")) {
    std::string side;
    SAFELOOP_RETURN_IF_ERROR(Text(p, "excursion", path, side, true));
    if (side == "high") {
      out.excursion = ExcursionSide::kHigh;
    } else if (side == "low") {
      out.excursion = ExcursionSide::kLow;
    } else if (side == "none") {
      out.excursion = ExcursionSide::kNone;
    } else {
      return InvalidArgument("one of high, low, none", Join(path, "excursion"));
    }
  }
  if (p.contains("modbus")) {
    ModbusSource m;
    SAFELOOP_RETURN_IF_ERROR(ParseModbus(p.at("modbus"), Join(path, "modbus"), m));
    out.modbus = m;
  }
  if (p.contains("mqtt")) {
    const json& m = p.at("mqtt");
    const std::string mp = Join(path, "mqtt");
    if (!m.is_object()) return InvalidArgument("must be an object", mp);
    SAFELOOP_RETURN_IF_ERROR(OnlyKeys(m, mp, {"topic"}));
    SAFELOOP_RETURN_IF_ERROR(Text(m, "topic", mp, out.mqtt_topic, true));
    SAFELOOP_RETURN_IF_ERROR(iot::ValidateTopicName(out.mqtt_topic, Join(mp, "topic")));
  }
  return Status::Ok();
}

Status CheckPoint(const PlantPoint& p, const std::string& path) {
  if (!(p.range_low < p.range_high)) return InvalidArgument("range high must be above range low", Join(path, "range"));
  if (p.noise < 0) return InvalidArgument("must be ≥ 0", Join(path, "noise"));
  if (p.drift < 0) return InvalidArgument("must be ≥ 0", Join(path, "drift"));
  if (!(p.drift_period_s > 0)) return InvalidArgument("must be > 0", Join(path, "drift_period_s"));
  if (p.flip_every_s < 0) return InvalidArgument("must be ≥ 0", Join(path, "flip_every_s"));
  if (p.normal < p.range_low || p.normal > p.range_high) {
    return InvalidArgument("the normal value must be inside the range", Join(path, "normal"));
  }
  if (p.is_switch()) {
    if (p.normal != 0 && p.normal != 1) return InvalidArgument("a switch is 0 or 1", Join(path, "normal"));
    if (p.limits.ll || p.limits.l || p.limits.h || p.limits.hh) {
      return InvalidArgument("a switch has no limits", Join(path, "limits"));
    }
    return Status::Ok();
  }
  // Ordered limits, strictly inside the range.
  const std::pair<const char*, std::optional<double>> ordered[] = {
      {"ll", p.limits.ll}, {"l", p.limits.l}, {"h", p.limits.h}, {"hh", p.limits.hh}};
  std::optional<double> previous;
  for (const auto& [key, value] : ordered) {
    if (!value) continue;
    const std::string field = Join(Join(path, "limits"), key);
    if (!(*value > p.range_low && *value < p.range_high)) {
      return InvalidArgument("limits must lie strictly inside the range", field);
    }
    if (previous && !(*value > *previous)) return InvalidArgument("limits must be ordered LL < L < H < HH", field);
    previous = value;
  }
  // Normal operation stays clear of the first limits: the plant only alarms during excursions.
  const double band = p.drift + 3 * p.noise;
  const std::optional<double> first_high = p.limits.h ? p.limits.h : p.limits.hh;
  const std::optional<double> first_low = p.limits.l ? p.limits.l : p.limits.ll;
  if (first_high && !(p.normal + band < *first_high)) {
    return InvalidArgument("normal + drift + 3 × noise must stay below the first high limit", Join(path, "normal"));
  }
  if (first_low && !(p.normal - band > *first_low)) {
    return InvalidArgument("normal − drift − 3 × noise must stay above the first low limit", Join(path, "normal"));
  }
  for (bool through : {false, true}) {
    if (p.excursion == ExcursionSide::kNone) break;
    const std::optional<double> peak = ExcursionPeak(p, p.excursion, through);
    if (peak && (*peak > p.range_high || *peak < p.range_low)) {
      return InvalidArgument("the range leaves no room for an excursion peak at " + std::to_string(*peak) +
                                 " beyond the limits",
                             Join(path, "range"));
    }
  }
  if (p.excursion != ExcursionSide::kNone && !ExcursionPeak(p, p.excursion, false) &&
      !ExcursionPeak(p, p.excursion, true)) {
    return InvalidArgument("an excursion needs a limit on its side", Join(path, "excursion"));
  }
  return Status::Ok();
}

}  // namespace

std::optional<std::size_t> PlantConfig::Find(std::string_view tag) const {
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (points[i].tag == tag) return i;
  }
  return std::nullopt;
}

std::optional<double> ExcursionPeak(const PlantPoint& p, ExcursionSide side, bool through_second_level) {
  if (side == ExcursionSide::kNone) return std::nullopt;
  // Mirror the low side onto the high side: distances above a limit become distances below it.
  const double sign = side == ExcursionSide::kHigh ? 1.0 : -1.0;
  const std::optional<double> first = side == ExcursionSide::kHigh ? p.limits.h : p.limits.l;
  const std::optional<double> second = side == ExcursionSide::kHigh ? p.limits.hh : p.limits.ll;
  // Beyond a limit by at least 3.5σ, so the clipped noise (±3σ) cannot pull the held peak back over it.
  const double margin = 3.5 * p.noise;
  if (through_second_level) {
    if (!second) return std::nullopt;
    const double below = first ? *first : p.normal;
    return *second + sign * std::max(0.25 * std::abs(*second - below), margin);
  }
  if (!first) return std::nullopt;
  if (second) return *first + 0.5 * (*second - *first);
  return *first + sign * std::max(0.25 * std::abs(*first - p.normal), margin);
}

Result<PlantConfig> ParsePlantConfig(std::string_view json_text) {
  const json doc = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (doc.is_discarded()) return InvalidArgument("the plant configuration is not JSON", "");
  if (!doc.is_object()) return InvalidArgument("the plant configuration must be an object", "");
  SAFELOOP_RETURN_IF_ERROR(OnlyKeys(doc, "", {"name", "modbus", "excursion", "points", "mqtt_batches"}));
  PlantConfig c;
  SAFELOOP_RETURN_IF_ERROR(Text(doc, "name", "", c.name, false));
  if (doc.contains("modbus")) {
    const json& m = doc.at("modbus");
    if (!m.is_object()) return InvalidArgument("must be an object", "modbus");
    SAFELOOP_RETURN_IF_ERROR(OnlyKeys(m, "modbus", {"device_id", "unit_id"}));
    SAFELOOP_RETURN_IF_ERROR(Text(m, "device_id", "modbus", c.device_id, false));
    double unit = c.unit_id;
    SAFELOOP_RETURN_IF_ERROR(Number(m, "unit_id", "modbus", unit, false));
    c.unit_id = static_cast<int>(unit);
  }
  if (doc.contains("excursion")) {
    const json& e = doc.at("excursion");
    if (!e.is_object()) return InvalidArgument("must be an object", "excursion");
    SAFELOOP_RETURN_IF_ERROR(OnlyKeys(e, "excursion", {"duration_s", "ramp_fraction", "hold_fraction"}));
    double duration_s = 180;
    SAFELOOP_RETURN_IF_ERROR(Number(e, "duration_s", "excursion", duration_s, false));
    if (!(duration_s > 0)) return InvalidArgument("must be > 0", "excursion.duration_s");
    c.excursion_duration = std::chrono::milliseconds(static_cast<std::int64_t>(duration_s * 1000));
    SAFELOOP_RETURN_IF_ERROR(Number(e, "ramp_fraction", "excursion", c.ramp_fraction, false));
    SAFELOOP_RETURN_IF_ERROR(Number(e, "hold_fraction", "excursion", c.hold_fraction, false));
    if (!(c.ramp_fraction > 0) || !(c.hold_fraction >= 0) || !(c.ramp_fraction + c.hold_fraction < 1)) {
      return InvalidArgument("ramp > 0, hold ≥ 0 and ramp + hold < 1 (the rest is the fall)",
                             "excursion.ramp_fraction");
    }
  }
  if (!doc.contains("points") || !doc.at("points").is_array() || doc.at("points").empty()) {
    return InvalidArgument("a non-empty array of points is needed", "points");
  }
  std::set<std::string> tags;
  const json& points = doc.at("points");
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::string path = "points[" + std::to_string(i) + "]";
    PlantPoint p;
    SAFELOOP_RETURN_IF_ERROR(ParsePoint(points[i], path, p));
    SAFELOOP_RETURN_IF_ERROR(CheckPoint(p, path));
    if (!tags.insert(p.tag).second) return InvalidArgument("tag '" + p.tag + "' appears twice", Join(path, "tag"));
    c.points.push_back(std::move(p));
  }
  if (doc.contains("mqtt_batches")) {
    const json& batches = doc.at("mqtt_batches");
    if (!batches.is_array()) return InvalidArgument("must be an array", "mqtt_batches");
    for (std::size_t i = 0; i < batches.size(); ++i) {
      const std::string path = "mqtt_batches[" + std::to_string(i) + "]";
      const json& b = batches[i];
      if (!b.is_object()) return InvalidArgument("must be an object", path);
      SAFELOOP_RETURN_IF_ERROR(OnlyKeys(b, path, {"topic", "tags"}));
      MqttBatch batch;
      SAFELOOP_RETURN_IF_ERROR(Text(b, "topic", path, batch.topic, true));
      SAFELOOP_RETURN_IF_ERROR(iot::ValidateTopicName(batch.topic, Join(path, "topic")));
      if (!b.contains("tags") || !b.at("tags").is_array() || b.at("tags").empty()) {
        return InvalidArgument("a non-empty array of tags is needed", Join(path, "tags"));
      }
      for (const json& t : b.at("tags")) {
        if (!t.is_string() || !c.Find(t.get<std::string>())) {
          return InvalidArgument("every tag must name a point", Join(path, "tags"));
        }
        batch.tags.push_back(t.get<std::string>());
      }
      c.mqtt_batches.push_back(std::move(batch));
    }
  }
  // Every point is served somewhere.
  for (std::size_t i = 0; i < c.points.size(); ++i) {
    const PlantPoint& p = c.points[i];
    bool in_batch = false;
    for (const MqttBatch& b : c.mqtt_batches) {
      for (const std::string& t : b.tags) in_batch = in_batch || t == p.tag;
    }
    if (!p.modbus && p.mqtt_topic.empty() && !in_batch) {
      return InvalidArgument("the point is served neither over Modbus nor MQTT",
                             "points[" + std::to_string(i) + "]");
    }
  }
  // The register map must satisfy the protocol rules, and the range must fit the registers.
  const iot::RegisterMap map = RegisterMapFor(c);
  if (!map.points.empty()) {
    Status s = iot::ValidateRegisterMap(map);
    if (!s.ok()) {
      // Map indices are Modbus points only; name the plant point instead.
      std::string field = s.field();
      if (field.rfind("points[", 0) == 0) {
        const std::size_t close = field.find(']');
        const std::size_t index = std::stoul(field.substr(7, close - 7));
        const std::size_t plant_index = *c.Find(map.points[index].point_id);
        field = "points[" + std::to_string(plant_index) + "].modbus" + field.substr(close + 1);
      }
      return InvalidArgument(s.message(), field);
    }
    for (const iot::RegisterPoint& rp : map.points) {
      const PlantPoint& p = c.points[*c.Find(rp.point_id)];
      for (double v : {p.range_low, p.range_high}) {
        if (!iot::EncodeValue(v, rp).ok()) {
          return InvalidArgument("the range end " + std::to_string(v) + " does not fit a " +
                                     std::string(iot::DataTypeCode(rp.type)) + " with scale " +
                                     std::to_string(rp.scale),
                                 "points[" + std::to_string(*c.Find(rp.point_id)) + "].modbus.scale");
        }
      }
    }
  }
  return c;
}

Result<PlantConfig> LoadPlantConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot read the plant configuration " + path, "config");
  std::ostringstream text;
  text << in.rdbuf();
  return ParsePlantConfig(text.str());
}

iot::RegisterMap RegisterMapFor(const PlantConfig& config) {
  iot::RegisterMap map{config.device_id, config.unit_id, {}};
  for (const PlantPoint& p : config.points) {
    if (!p.modbus) continue;
    const ModbusSource& m = *p.modbus;
    map.points.push_back(iot::RegisterPoint{p.tag, m.table, m.address, m.type, m.word_order, m.scale, m.offset});
  }
  return map;
}

std::vector<iot::MqttBinding> MqttBindingsFor(const PlantConfig& config) {
  std::vector<iot::MqttBinding> out;
  for (const PlantPoint& p : config.points) {
    if (!p.mqtt_topic.empty()) out.push_back(iot::MqttBinding{p.mqtt_topic, p.tag, iot::PayloadFormat{}});
  }
  for (const MqttBatch& b : config.mqtt_batches) {
    iot::PayloadFormat f;
    f.point_pointer = "/tag";
    out.push_back(iot::MqttBinding{b.topic, "", f});
  }
  return out;
}

}  // namespace safeloop::simulator
