#pragma once
// The IP blocklist: durable in PostgreSQL (gateway.ip_blocklist), mirrored to the Redis hash the admission
// script reads (safeloop:gateway:blocklist, field = canonical network, value = expiry in Unix ms, 0 = never).
// The mirror is rebuilt whole from PostgreSQL — at start, after every change, periodically and when Redis
// comes back — and carries the version it was built from so an older read never overwrites a newer one.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ip_address.hpp"
#include "safeloop/cache/redis.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"

namespace safeloop::gateway {

struct BlocklistEntry {
  std::string id;
  std::string network;  ///< canonical CIDR
  std::string reason;
  std::string created_by;             ///< account (claims.sub)
  std::string created_by_enterprise;  ///< may be empty
  TimePoint created_at;
  std::optional<TimePoint> expires_at;

  bool ActiveAt(TimePoint now) const { return !expires_at || *expires_at > now; }
};

/// {"id","cidr","reason","created_by","created_at","expires_at"|null,"active"}
nlohmann::json BlocklistEntryJson(const BlocklistEntry& entry, TimePoint now);

struct NewBlocklistEntry {
  Cidr network;
  std::string reason;
  std::optional<TimePoint> expires_at;
};

/// Body {"cidr": "203.0.113.7" | "203.0.113.0/24", "reason": "…", "expires_at"?: RFC 3339 in the future}.
/// INVALID_ARGUMENT naming the field.
Result<NewBlocklistEntry> ParseNewBlocklistEntry(const nlohmann::json& body, TimePoint now);

/// The entries in force and the version they were read at.
struct BlocklistSnapshot {
  std::int64_t version = 0;
  std::vector<BlocklistEntry> active;
};

class BlocklistStore {
 public:
  /// Both must outlive the store.
  BlocklistStore(db::ConnectionPool& pool, const Clock& clock) : pool_(&pool), clock_(&clock) {}

  /// Every entry, expired ones included, newest first.
  Result<std::vector<BlocklistEntry>> List();
  /// One consistent read of the active entries and the version.
  Result<BlocklistSnapshot> Snapshot();
  /// ALREADY_EXISTS when the network already has an entry in force (an expired one is replaced).
  Result<BlocklistEntry> Add(const NewBlocklistEntry& entry, const std::string& created_by,
                             const std::string& created_by_enterprise);
  /// NOT_FOUND when there is no such entry.
  Result<BlocklistEntry> Remove(const std::string& id);

 private:
  db::ConnectionPool* pool_;
  const Clock* clock_;
};

/// Redis hash fields for the active entries: network → expiry in Unix ms ("0" = never).
std::map<std::string, std::string> MirrorFields(const std::vector<BlocklistEntry>& active);

/// Replaces the Redis mirror with `snapshot` unless Redis already holds a newer version. Atomic (a script).
Status WriteMirror(cache::RedisClient& redis, const BlocklistSnapshot& snapshot);

}  // namespace safeloop::gateway
