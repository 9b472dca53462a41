#pragma once
// The audit log of writes through the API (gateway.audit_log): who, which tenant, what operation, the
// outcome, from where. Request threads only enqueue (never block, never touch the database); one writer
// thread COPYs batches every ~200 ms. The queue is bounded: while PostgreSQL is down the writer keeps
// retrying its batch, and records beyond the bound are dropped and counted
// (safeloop_gateway_audit_dropped_total) rather than stalling the API or growing without limit.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"

namespace safeloop::gateway {

struct AuditRecord {
  std::int64_t id = 0;  ///< set when read back
  TimePoint occurred_at;
  std::string enterprise_id;  ///< empty without a valid token
  std::string park_id;
  std::string account;  ///< claims.sub
  std::vector<std::string> roles;
  std::string username;  ///< the attempted login name (login attempts only; never the password)
  std::string operation_id;
  std::string method;
  std::string path;
  std::map<std::string, std::string> path_params;
  int http_status = 0;
  std::string code;            ///< StatusCode name
  std::string client_address;  ///< IP text, empty when unknown
  std::string user_agent;
  std::string request_id;
  double elapsed_ms = 0;
};

/// Writes are audited: POST, PUT, PATCH and DELETE under /api.
bool IsAuditedRequest(std::string_view method, std::string_view path);

/// {"id","occurred_at","account","roles","username"?,"operation_id","method","path","path_params",
///  "http_status","code","client_address","user_agent","request_id","elapsed_ms","enterprise_id","park_id"}
nlohmann::json AuditRecordJson(const AuditRecord& record);

class AuditWriter {
 public:
  struct Options {
    std::size_t capacity = 20000;  ///< records waiting at most; more are dropped
    std::size_t max_batch = 2000;
    std::chrono::milliseconds interval{200};
  };
  /// `pool` must outlive the writer.
  AuditWriter(db::ConnectionPool& pool, prometheus::Registry& registry, Options options);
  ~AuditWriter();

  void Start();
  /// Stops after writing what is queued, giving up after `drain`.
  void Stop(std::chrono::milliseconds drain = std::chrono::seconds(2));
  /// Enqueues; never blocks. False when the queue is full (the record is dropped and counted).
  bool Submit(AuditRecord record);
  /// Writes one batch in one transaction (COPY). Public for tests.
  Status Write(const std::vector<AuditRecord>& batch);

 private:
  void Run();

  db::ConnectionPool* pool_;
  Options options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<AuditRecord> queue_;
  bool stop_ = false;
  std::chrono::steady_clock::time_point drain_deadline_{};
  std::thread thread_;
  prometheus::Counter& written_;
  prometheus::Counter& dropped_;
  prometheus::Counter& failures_;
  prometheus::Gauge& queued_;
};

struct AuditQuery {
  std::optional<TimePoint> since;  ///< inclusive
  std::optional<TimePoint> until;  ///< exclusive
  std::string account;
  std::string operation;
  int limit = 50;
  /// Resume after this (occurred_at µs, id) — the last row of the previous page, newest first.
  std::optional<std::pair<std::int64_t, std::int64_t>> after;
};

/// ?since=&until= (RFC 3339), &account=, &operation=, &limit= (1..500, default 50), &cursor=.
/// INVALID_ARGUMENT naming the parameter.
Result<AuditQuery> ParseAuditQuery(const std::map<std::string, std::string>& query);
std::string AuditCursor(const AuditRecord& last);

struct AuditPage {
  std::vector<AuditRecord> items;
  std::string next_cursor;  ///< empty on the last page
};

/// Reads an enterprise's audit log under row-level security.
class AuditLogReader {
 public:
  explicit AuditLogReader(db::ConnectionPool& pool) : pool_(&pool) {}
  Result<AuditPage> List(const std::string& enterprise_id, const AuditQuery& query);

 private:
  db::ConnectionPool* pool_;
};

}  // namespace safeloop::gateway
