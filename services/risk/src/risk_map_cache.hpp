#pragma once
// The live four-colour map in Redis (keys in docs/CONVENTIONS.md). Redis holds only rebuildable state:
// the database is the truth, and Sync() can always rewrite an enterprise's map from it.

#include <string>
#include <vector>

#include "risk_model.hpp"
#include "safeloop/cache/redis.hpp"

namespace safeloop::risk {

class RiskMapCache {
 public:
  virtual ~RiskMapCache() = default;
  /// Stores one area's new state and publishes it — only if `state.version` is newer than what Redis has,
  /// so replays and out-of-order writers never move the map backwards.
  virtual Status PublishChange(const std::string& enterprise_id, const AreaLevelState& state) = 0;
  /// Rewrites the whole map of an enterprise (after a restart or a Redis outage); publishes nothing.
  virtual Status Sync(const std::string& enterprise_id, std::int64_t version, const std::vector<AreaLevelState>& areas) = 0;
};

class RedisRiskMapCache final : public RiskMapCache {
 public:
  explicit RedisRiskMapCache(cache::RedisClient& redis) : redis_(redis) {}
  Status PublishChange(const std::string& enterprise_id, const AreaLevelState& state) override;
  Status Sync(const std::string& enterprise_id, std::int64_t version, const std::vector<AreaLevelState>& areas) override;

  static std::string HashKey(const std::string& enterprise_id);
  static std::string VersionKey(const std::string& enterprise_id);
  static std::string Channel(const std::string& enterprise_id);
  static std::string StateJson(const AreaLevelState& state);

 private:
  cache::RedisClient& redis_;
};

}  // namespace safeloop::risk
