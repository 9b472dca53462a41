#include "risk_map_cache.hpp"

#include <nlohmann/json.hpp>

namespace safeloop::risk {
namespace {

// Atomic compare-and-publish: the hash field, the version and the message change together, and only forward.
constexpr const char* kPublishScript = R"LUA(
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
local incoming = tonumber(ARGV[2])
if incoming <= current then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('PUBLISH', KEYS[3], ARGV[3])
return 1
)LUA";

Status ReplyStatus(const Result<cache::RedisReply>& reply) {
  if (!reply.ok()) return reply.status();
  if (reply->type == cache::RedisReply::Type::kError) return Internal("redis: " + reply->str);
  return Status::Ok();
}

}  // namespace

std::string RedisRiskMapCache::HashKey(const std::string& e) { return "safeloop:" + e + ":riskmap"; }
std::string RedisRiskMapCache::VersionKey(const std::string& e) { return "safeloop:" + e + ":riskmap:version"; }
std::string RedisRiskMapCache::Channel(const std::string& e) { return "safeloop:" + e + ":riskmap:changes"; }

std::string RedisRiskMapCache::StateJson(const AreaLevelState& s) {
  return nlohmann::json{{"area_id", s.area_id}, {"map_id", s.map_id}, {"level", static_cast<int>(s.level)},
                        {"version", s.version}}
      .dump();
}

Status RedisRiskMapCache::PublishChange(const std::string& enterprise_id, const AreaLevelState& state) {
  return ReplyStatus(redis_.Command({"EVAL", kPublishScript, "3", HashKey(enterprise_id), VersionKey(enterprise_id),
                                     Channel(enterprise_id), state.area_id, std::to_string(state.version),
                                     StateJson(state)}));
}

Status RedisRiskMapCache::Sync(const std::string& enterprise_id, std::int64_t version,
                               const std::vector<AreaLevelState>& areas) {
  std::vector<std::vector<std::string>> commands;
  commands.push_back({"MULTI"});
  commands.push_back({"DEL", HashKey(enterprise_id)});
  if (!areas.empty()) {
    std::vector<std::string> hset = {"HSET", HashKey(enterprise_id)};
    for (const auto& a : areas) {
      hset.push_back(a.area_id);
      hset.push_back(StateJson(a));
    }
    commands.push_back(std::move(hset));
  }
  commands.push_back({"SET", VersionKey(enterprise_id), std::to_string(version)});
  commands.push_back({"EXEC"});
  auto replies = redis_.Pipeline(commands);
  if (!replies.ok()) return replies.status();
  for (const auto& r : *replies) {
    if (r.type == cache::RedisReply::Type::kError) return Internal("redis: " + r.str);
  }
  return Status::Ok();
}

}  // namespace safeloop::risk
