#include "audit_log.hpp"

#include <charconv>
#include <tuple>

#include "rfc3339.hpp"
#include "safeloop/core/log.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/transaction.hpp"

namespace safeloop::gateway {
namespace {

const std::vector<std::string> kColumns = {
    "occurred_at", "enterprise_id", "park_id", "account",        "roles",          "username",
    "operation_id", "method",       "path",    "path_params",    "http_status",    "code",
    "client_address", "user_agent", "request_id", "elapsed_ms"};

bool ParseI64(std::string_view s, std::int64_t& out) {
  auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && error == std::errc() && end == s.data() + s.size();
}

std::int64_t UnixMicros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

}  // namespace

bool IsAuditedRequest(std::string_view method, std::string_view path) {
  bool write = method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
  return write && (path == "/api" || path.starts_with("/api/"));
}

nlohmann::json AuditRecordJson(const AuditRecord& r) {
  nlohmann::json j = {{"id", std::to_string(r.id)},
                      {"occurred_at", FormatRfc3339(r.occurred_at)},
                      {"enterprise_id", r.enterprise_id},
                      {"park_id", r.park_id},
                      {"account", r.account},
                      {"roles", r.roles},
                      {"operation_id", r.operation_id},
                      {"method", r.method},
                      {"path", r.path},
                      {"path_params", r.path_params},
                      {"http_status", r.http_status},
                      {"code", r.code},
                      {"client_address", r.client_address},
                      {"user_agent", r.user_agent},
                      {"request_id", r.request_id},
                      {"elapsed_ms", r.elapsed_ms}};
  if (!r.username.empty()) j["username"] = r.username;
  return j;
}

AuditWriter::AuditWriter(db::ConnectionPool& pool, prometheus::Registry& registry, Options options)
    : pool_(&pool),
      options_(options),
      written_(prometheus::BuildCounter()
                   .Name("safeloop_gateway_audit_written_total")
                   .Help("Audit log records written to PostgreSQL")
                   .Register(registry)
                   .Add({})),
      dropped_(prometheus::BuildCounter()
                   .Name("safeloop_gateway_audit_dropped_total")
                   .Help("Audit log records dropped because the queue was full (PostgreSQL down or too slow)")
                   .Register(registry)
                   .Add({})),
      failures_(prometheus::BuildCounter()
                    .Name("safeloop_gateway_audit_write_failures_total")
                    .Help("Audit log batch writes that failed and are retried")
                    .Register(registry)
                    .Add({})),
      queued_(prometheus::BuildGauge()
                  .Name("safeloop_gateway_audit_queue_depth")
                  .Help("Audit log records waiting to be written")
                  .Register(registry)
                  .Add({})) {}

AuditWriter::~AuditWriter() { Stop(std::chrono::milliseconds(0)); }

void AuditWriter::Start() {
  {
    std::lock_guard lock(mutex_);
    stop_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void AuditWriter::Stop(std::chrono::milliseconds drain) {
  {
    std::lock_guard lock(mutex_);
    if (stop_ && !thread_.joinable()) return;
    stop_ = true;
    drain_deadline_ = std::chrono::steady_clock::now() + drain;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool AuditWriter::Submit(AuditRecord record) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= options_.capacity) {
      dropped_.Increment();
      return false;
    }
    queue_.push_back(std::move(record));
    queued_.Set(static_cast<double>(queue_.size()));
    if (queue_.size() < options_.max_batch) return true;
  }
  wake_.notify_one();  // a full batch: no need to wait for the interval
  return true;
}

Status AuditWriter::Write(const std::vector<AuditRecord>& batch) {
  if (batch.empty()) return Status::Ok();
  return db::InTransaction<Status>(*pool_, [&](pqxx::work& tx) -> Status {
    pqxx::stream_to copy(tx, "gateway.audit_log", kColumns);
    std::vector<std::string> text(kColumns.size());
    std::vector<const char*> row(kColumns.size());
    for (const auto& r : batch) {
      text[0] = FormatRfc3339(r.occurred_at);
      text[1] = r.enterprise_id;
      text[2] = r.park_id;
      text[3] = r.account;
      text[4] = nlohmann::json(r.roles).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      text[5] = r.username;
      text[6] = r.operation_id;
      text[7] = r.method;
      text[8] = r.path;
      text[9] = nlohmann::json(r.path_params).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      text[10] = std::to_string(r.http_status);
      text[11] = r.code;
      text[12] = r.client_address;
      text[13] = r.user_agent;
      text[14] = r.request_id;
      text[15] = std::to_string(r.elapsed_ms);
      for (std::size_t i = 0; i < text.size(); ++i) row[i] = text[i].c_str();
      // NULL (a null const char*) where the value is unknown and the column is typed.
      if (!IsUuid(r.enterprise_id)) row[1] = nullptr;
      if (!IsUuid(r.park_id)) row[2] = nullptr;
      if (r.username.empty()) row[5] = nullptr;
      if (r.client_address.empty()) row[12] = nullptr;
      // stream_to in libpqxx 6 takes tuples only.
      copy << std::make_tuple(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9],
                              row[10], row[11], row[12], row[13], row[14], row[15]);
    }
    copy.complete();
    return Status::Ok();
  });
}

void AuditWriter::Run() {
  std::vector<AuditRecord> batch;  // survives a failed write: retried before anything newer
  auto backoff = options_.interval;
  while (true) {
    bool stopping = false;
    {
      std::unique_lock lock(mutex_);
      // While a failed batch waits for its retry, a full queue must not cut the back-off short.
      wake_.wait_for(lock, batch.empty() ? options_.interval : backoff,
                     [&] { return stop_ || (batch.empty() && queue_.size() >= options_.max_batch); });
      stopping = stop_;
      if (stopping && std::chrono::steady_clock::now() >= drain_deadline_) {
        if (!batch.empty() || !queue_.empty()) {
          LogWarn("edge", "audit log records not written at shutdown",
                  {{"records", batch.size() + queue_.size()}});
        }
        return;
      }
      while (batch.size() < options_.max_batch && !queue_.empty()) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      queued_.Set(static_cast<double>(queue_.size()));
    }
    if (batch.empty()) {
      if (stopping) return;
      continue;
    }
    Status status = Write(batch);
    if (status.ok()) {
      written_.Increment(static_cast<double>(batch.size()));
      batch.clear();
      backoff = options_.interval;
      continue;
    }
    failures_.Increment();
    if (backoff == options_.interval) {
      LogWarn("edge", "audit log write failed; keeping the batch and retrying",
              {{"error", status.ToString()}, {"records", batch.size()}});
    }
    backoff = std::min<std::chrono::milliseconds>(backoff * 2, std::chrono::seconds(5));
  }
}

Result<AuditQuery> ParseAuditQuery(const std::map<std::string, std::string>& query) {
  AuditQuery q;
  auto get = [&](const char* name) -> std::string {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  };
  for (const char* name : {"since", "until"}) {
    std::string text = get(name);
    if (text.empty()) continue;
    auto t = ParseRfc3339(text);
    if (!t) return InvalidArgument(std::string(name) + " must be an RFC 3339 date-time, e.g. 2026-11-23T08:00:00Z", name);
    (std::string_view(name) == "since" ? q.since : q.until) = t;
  }
  q.account = get("account");
  q.operation = get("operation");
  if (std::string limit = get("limit"); !limit.empty()) {
    std::int64_t n = 0;
    if (!ParseI64(limit, n) || n < 1 || n > 500) return InvalidArgument("limit must be 1..500", "limit");
    q.limit = static_cast<int>(n);
  }
  if (std::string cursor = get("cursor"); !cursor.empty()) {
    auto sep = cursor.find('_');
    std::int64_t micros = 0, id = 0;
    if (sep == std::string::npos || !ParseI64(std::string_view(cursor).substr(0, sep), micros) ||
        !ParseI64(std::string_view(cursor).substr(sep + 1), id)) {
      return InvalidArgument("cursor is not one this API returned (next_cursor)", "cursor");
    }
    q.after = std::make_pair(micros, id);
  }
  return q;
}

std::string AuditCursor(const AuditRecord& last) {
  return std::to_string(UnixMicros(last.occurred_at)) + "_" + std::to_string(last.id);
}

Result<AuditPage> AuditLogReader::List(const std::string& enterprise_id, const AuditQuery& q) {
  if (!IsUuid(enterprise_id)) return FailedPrecondition("the token names no enterprise: choose one first");
  auto micros = [](const std::optional<TimePoint>& t) -> std::optional<std::string> {
    if (!t) return std::nullopt;
    return std::to_string(UnixMicros(*t));
  };
  auto since = micros(q.since), until = micros(q.until);
  std::string after_micros = q.after ? std::to_string(q.after->first) : "";
  std::string after_id = q.after ? std::to_string(q.after->second) : "";
  auto c = [](const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; };
  return db::InTenantTransaction<Result<AuditPage>>(*pool_, enterprise_id, [&](pqxx::work& tx) -> Result<AuditPage> {
    // Timestamps travel as µs since the epoch so the cursor round-trips exactly.
    auto rows = tx.exec_params(
        R"SQL(SELECT id, (extract(epoch from occurred_at) * 1000000)::bigint, coalesce(park_id::text, ''),
                     account, roles::text, coalesce(username, ''), operation_id, method, path, path_params::text,
                     http_status, code, coalesce(host(client_address), ''), user_agent, request_id, elapsed_ms
              FROM gateway.audit_log
              WHERE enterprise_id = $1::uuid
                AND ($2::bigint IS NULL OR occurred_at >= 'epoch'::timestamptz + $2::bigint * interval '1 microsecond')
                AND ($3::bigint IS NULL OR occurred_at < 'epoch'::timestamptz + $3::bigint * interval '1 microsecond')
                AND ($4 = '' OR account = $4)
                AND ($5 = '' OR operation_id = $5)
                AND ($6::bigint IS NULL OR (occurred_at, id) <
                     ('epoch'::timestamptz + $6::bigint * interval '1 microsecond', $7::bigint))
              ORDER BY occurred_at DESC, id DESC
              LIMIT $8)SQL",
        enterprise_id, c(since), c(until), q.account, q.operation, q.after ? after_micros.c_str() : nullptr,
        q.after ? after_id.c_str() : nullptr, q.limit + 1);
    AuditPage page;
    for (const auto& row : rows) {
      if (static_cast<int>(page.items.size()) == q.limit) break;  // the extra row only says "there is more"
      AuditRecord r;
      r.id = row[0].as<std::int64_t>();
      r.occurred_at = TimePoint(std::chrono::duration_cast<TimePoint::duration>(
          std::chrono::microseconds(row[1].as<std::int64_t>())));
      r.enterprise_id = enterprise_id;
      r.park_id = row[2].as<std::string>();
      r.account = row[3].as<std::string>();
      r.roles = nlohmann::json::parse(row[4].as<std::string>(), nullptr, false).get<std::vector<std::string>>();
      r.username = row[5].as<std::string>();
      r.operation_id = row[6].as<std::string>();
      r.method = row[7].as<std::string>();
      r.path = row[8].as<std::string>();
      r.path_params =
          nlohmann::json::parse(row[9].as<std::string>(), nullptr, false).get<std::map<std::string, std::string>>();
      r.http_status = row[10].as<int>();
      r.code = row[11].as<std::string>();
      r.client_address = row[12].as<std::string>();
      r.user_agent = row[13].as<std::string>();
      r.request_id = row[14].as<std::string>();
      r.elapsed_ms = row[15].as<double>();
      page.items.push_back(std::move(r));
    }
    if (static_cast<int>(rows.size()) > q.limit && !page.items.empty()) page.next_cursor = AuditCursor(page.items.back());
    return page;
  });
}

}  // namespace safeloop::gateway
