#include "map_change.hpp"

#include <nlohmann/json.hpp>

#include "safeloop/core/uuid.hpp"

namespace safeloop::gateway {

std::optional<std::string> EnterpriseOfChannel(std::string_view channel) {
  constexpr std::string_view kPrefix = "safeloop:";
  constexpr std::string_view kSuffix = ":riskmap:changes";
  if (!channel.starts_with(kPrefix) || !channel.ends_with(kSuffix)) return std::nullopt;
  std::string_view id = channel.substr(kPrefix.size(), channel.size() - kPrefix.size() - kSuffix.size());
  if (!IsUuid(id)) return std::nullopt;
  return std::string(id);
}

Result<AreaChange> ParseAreaChange(std::string_view payload) {
  auto json = nlohmann::json::parse(payload, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return InvalidArgument("risk map change is not a JSON object");
  AreaChange change;
  auto area = json.find("area_id");
  auto map = json.find("map_id");
  auto level = json.find("level");
  auto version = json.find("version");
  if (area == json.end() || !area->is_string()) return InvalidArgument("risk map change has no area_id", "area_id");
  if (map == json.end() || !map->is_string()) return InvalidArgument("risk map change has no map_id", "map_id");
  if (level == json.end() || !level->is_number_integer()) {
    return InvalidArgument("risk map change has no integer level", "level");
  }
  if (version == json.end() || !version->is_number_integer()) {
    return InvalidArgument("risk map change has no integer version", "version");
  }
  change.area_id = area->get<std::string>();
  change.map_id = map->get<std::string>();
  change.level = level->get<int>();
  change.version = version->get<std::int64_t>();
  if (change.level < 0 || change.level > 4) return InvalidArgument("risk map change level out of range", "level");
  return change;
}

}  // namespace safeloop::gateway
