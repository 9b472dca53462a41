#pragma once
// Shared pieces of safeloop-bench-risk (tools/bench/risk): a minimal blocking HTTP/1.1 client that can
// bind a chosen loopback source address (so 200 simulated clients are 200 addresses to the gateway's
// per-IP admission, as real browsers would be), an SSE reader on top of it, and the bulk loader that
// writes a bench enterprise's plant straight into PostgreSQL.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace safeloop::bench {

using SteadyClock = std::chrono::steady_clock;

/// The p-quantile (0..1) of `v` by nearest rank; 0 for an empty vector.
double Percentile(std::vector<double> v, double p);

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string Header(const std::string& lower_name) const;
};

/// One keep-alive connection to host:port, optionally from `source_ip` (any 127.0.0.0/8 address works on
/// Linux loopback without configuration). Not thread-safe: one owner thread. Throws std::runtime_error on
/// connection or protocol errors; the next request reconnects.
class HttpConnection {
 public:
  HttpConnection(std::string host, int port, std::string source_ip = "");
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  /// GET `target` ("/path?query") with extra header lines ("Name: value"); waits at most `timeout` for
  /// each read.
  HttpResponse Get(const std::string& target, const std::vector<std::string>& headers,
                   std::chrono::milliseconds timeout);

  /// GET an event stream: the callback receives each SSE event (name, data, arrival time) until it returns
  /// false, the server ends the stream or Shutdown() is called from another thread. Returns the HTTP status
  /// (the callback is only called for 200).
  int Stream(const std::string& target, const std::vector<std::string>& headers,
             const std::function<bool(const std::string& event, const std::string& data, SteadyClock::time_point)>& on_event);

  /// Unblocks a Stream() running on another thread.
  void Shutdown();

 private:
  void Connect(std::chrono::milliseconds timeout);
  void Close();
  void SendRequest(const std::string& target, const std::vector<std::string>& headers);
  HttpResponse ReadHead();
  std::string ReadLine();
  std::string ReadExactly(std::size_t n);
  bool Fill();  // false at EOF

  std::string host_;
  int port_;
  std::string source_ip_;
  int fd_ = -1;
  std::string buffer_;
  std::size_t pos_ = 0;
};

/// The bench enterprises' company name (risk.directory_unit): how a later run finds and removes them.
inline constexpr const char* kBenchCompanyName = "沧州基准化工有限公司（性能基准）";

/// Deletes every earlier bench enterprise's risk rows (found by kBenchCompanyName); {enterprises, rows}.
/// Their ids go to `removed` when given.
std::pair<int, std::int64_t> RemoveBenchEnterprises(const std::string& pg_url,
                                                    std::vector<std::string>* removed = nullptr);

/// What the loader made, for the measurements to aim at.
struct BenchPlant {
  std::string enterprise_id, park_id, map_id;
  std::vector<std::string> area_ids;
  std::vector<int> area_levels;           // inherent (= shown) level of each area, 1..4
  std::vector<std::string> top_unit_ids;  // 一级单元 (each covers its sub-units' points)
  std::vector<std::string> person_ids;    // liable persons
  std::int64_t points = 0, events = 0, measures = 0, rows = 0;
  double seconds = 0;
};

/// Writes a fresh enterprise's plant (directory, objects, three-level units, one map with `areas` square
/// PostGIS areas, `points` risk points with level/code/unit/tier/liable person, events and existing control
/// measures) with COPY in one transaction, as the owner role (row-level security does not apply; every
/// row carries the enterprise id, so the tenant's requests see exactly these rows).
BenchPlant LoadPlant(const std::string& pg_url, const std::string& enterprise_id, const std::string& park_id,
                     int areas, int points);

}  // namespace safeloop::bench
