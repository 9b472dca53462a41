#include "ip_blocklist.hpp"

#include "rate_limiter.hpp"
#include "rfc3339.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/transaction.hpp"

namespace safeloop::gateway {
namespace {

constexpr const char* kColumns =
    "id::text, network::text, reason, created_by, coalesce(created_by_enterprise::text, ''), "
    "(extract(epoch from created_at) * 1000)::bigint, (extract(epoch from expires_at) * 1000)::bigint";

BlocklistEntry EntryFromRow(const pqxx::row& row, int first = 0) {
  BlocklistEntry e;
  e.id = row[first].as<std::string>();
  e.network = row[first + 1].as<std::string>();
  e.reason = row[first + 2].as<std::string>();
  e.created_by = row[first + 3].as<std::string>();
  e.created_by_enterprise = row[first + 4].as<std::string>();
  e.created_at = FromUnixMillis(row[first + 5].as<std::int64_t>());
  if (!row[first + 6].is_null()) e.expires_at = FromUnixMillis(row[first + 6].as<std::int64_t>());
  return e;
}

// KEYS: the mirror hash, its version key. ARGV: version, then field/value pairs.
constexpr const char* kWriteMirrorLua = R"LUA(
local current = tonumber(redis.call('GET', KEYS[2]) or '-1')
if tonumber(ARGV[1]) < current then return 0 end
redis.call('DEL', KEYS[1])
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('SET', KEYS[2], ARGV[1])
return 1
)LUA";

}  // namespace

nlohmann::json BlocklistEntryJson(const BlocklistEntry& e, TimePoint now) {
  return {{"id", e.id},
          {"cidr", e.network},
          {"reason", e.reason},
          {"created_by", e.created_by},
          {"created_at", FormatRfc3339(e.created_at)},
          {"expires_at", e.expires_at ? nlohmann::json(FormatRfc3339(*e.expires_at)) : nlohmann::json(nullptr)},
          {"active", e.ActiveAt(now)}};
}

Result<NewBlocklistEntry> ParseNewBlocklistEntry(const nlohmann::json& body, TimePoint now) {
  NewBlocklistEntry out;
  if (!body.contains("cidr") || !body["cidr"].is_string()) {
    return InvalidArgument("cidr is required: an IP address or a CIDR network, e.g. 203.0.113.0/24", "cidr");
  }
  auto network = Cidr::Parse(body["cidr"].get<std::string>());
  if (!network) return InvalidArgument("cidr must be an IP address or a CIDR network, e.g. 203.0.113.0/24", "cidr");
  out.network = *network;
  if (!body.contains("reason") || !body["reason"].is_string() || body["reason"].get<std::string>().empty()) {
    return InvalidArgument("reason is required (why the address is blocked)", "reason");
  }
  out.reason = body["reason"].get<std::string>();
  if (out.reason.size() > 500) return InvalidArgument("reason is longer than 500 bytes", "reason");
  if (body.contains("expires_at") && !body["expires_at"].is_null()) {
    auto expires = body["expires_at"].is_string() ? ParseRfc3339(body["expires_at"].get<std::string>()) : std::nullopt;
    if (!expires) return InvalidArgument("expires_at must be an RFC 3339 date-time", "expires_at");
    if (*expires <= now) return InvalidArgument("expires_at must lie in the future", "expires_at");
    out.expires_at = expires;
  }
  return out;
}

Result<std::vector<BlocklistEntry>> BlocklistStore::List() {
  return db::InTransaction<Result<std::vector<BlocklistEntry>>>(
      *pool_, [&](pqxx::work& tx) -> Result<std::vector<BlocklistEntry>> {
        std::vector<BlocklistEntry> out;
        for (const auto& row :
             tx.exec(std::string("SELECT ") + kColumns + " FROM gateway.ip_blocklist ORDER BY created_at DESC, id")) {
          out.push_back(EntryFromRow(row));
        }
        return out;
      });
}

Result<BlocklistSnapshot> BlocklistStore::Snapshot() {
  return db::InTransaction<Result<BlocklistSnapshot>>(*pool_, [&](pqxx::work& tx) -> Result<BlocklistSnapshot> {
    // One statement, one snapshot: the version and the entries belong together.
    BlocklistSnapshot snapshot;
    auto rows = tx.exec(std::string("SELECT s.version, ") + kColumns +
                        " FROM gateway.blocklist_state s LEFT JOIN gateway.ip_blocklist b"
                        " ON b.expires_at IS NULL OR b.expires_at > now()");
    for (const auto& row : rows) {
      snapshot.version = row[0].as<std::int64_t>();
      if (!row[1].is_null()) snapshot.active.push_back(EntryFromRow(row, 1));
    }
    return snapshot;
  });
}

Result<BlocklistEntry> BlocklistStore::Add(const NewBlocklistEntry& entry, const std::string& created_by,
                                           const std::string& created_by_enterprise) {
  std::string network = entry.network.ToString();
  std::string id = NewUuidV7(*clock_);
  return db::InTransaction<Result<BlocklistEntry>>(*pool_, [&](pqxx::work& tx) -> Result<BlocklistEntry> {
    tx.exec_params("DELETE FROM gateway.ip_blocklist WHERE network = $1::cidr AND expires_at <= now()", network);
    auto existing = tx.exec_params("SELECT id::text FROM gateway.ip_blocklist WHERE network = $1::cidr", network);
    if (!existing.empty()) {
      return AlreadyExists(network + " is already blocked (entry " + existing[0][0].as<std::string>() + ")", "cidr");
    }
    const char* enterprise = created_by_enterprise.empty() ? nullptr : created_by_enterprise.c_str();
    std::string expires_ms = entry.expires_at ? std::to_string(UnixMillis(*entry.expires_at)) : "";
    const char* expires = entry.expires_at ? expires_ms.c_str() : nullptr;
    auto row = tx.exec_params1(
        std::string("INSERT INTO gateway.ip_blocklist (id, network, reason, created_by, created_by_enterprise, "
                    "expires_at) VALUES ($1::uuid, $2::cidr, $3, $4, $5::uuid, "
                    "to_timestamp($6::bigint / 1000.0)) RETURNING ") +
            kColumns,
        id, network, entry.reason, created_by, enterprise, expires);
    tx.exec("UPDATE gateway.blocklist_state SET version = version + 1");
    return EntryFromRow(row);
  });
}

Result<BlocklistEntry> BlocklistStore::Remove(const std::string& id) {
  return db::InTransaction<Result<BlocklistEntry>>(*pool_, [&](pqxx::work& tx) -> Result<BlocklistEntry> {
    auto rows = tx.exec_params(
        std::string("DELETE FROM gateway.ip_blocklist WHERE id = $1::uuid RETURNING ") + kColumns, id);
    if (rows.empty()) return NotFound("no IP blocklist entry " + id, "entry_id");
    tx.exec("UPDATE gateway.blocklist_state SET version = version + 1");
    return EntryFromRow(rows[0]);
  });
}

std::map<std::string, std::string> MirrorFields(const std::vector<BlocklistEntry>& active) {
  std::map<std::string, std::string> fields;
  for (const auto& e : active) {
    std::string expiry = e.expires_at ? std::to_string(UnixMillis(*e.expires_at)) : "0";
    auto [it, inserted] = fields.emplace(e.network, expiry);
    // One entry per network in the table; should two ever meet here, the longer block wins.
    if (!inserted && it->second != "0" && (expiry == "0" || std::stoll(expiry) > std::stoll(it->second))) {
      it->second = expiry;
    }
  }
  return fields;
}

Status WriteMirror(cache::RedisClient& redis, const BlocklistSnapshot& snapshot) {
  std::vector<std::string> argv = {"EVAL", kWriteMirrorLua, "2", kBlocklistKey,
                                   std::string(kBlocklistKey) + ":version", std::to_string(snapshot.version)};
  for (const auto& [network, expiry] : MirrorFields(snapshot.active)) {
    argv.push_back(network);
    argv.push_back(expiry);
  }
  auto reply = redis.Command(argv);
  if (!reply.ok()) reply = redis.Command(argv);  // a connection gone stale (Redis restarted) reconnects once
  if (!reply.ok()) return reply.status();
  if (reply->type == cache::RedisReply::Type::kError) return Internal("redis: blocklist mirror: " + reply->str);
  return Status::Ok();
}

}  // namespace safeloop::gateway
