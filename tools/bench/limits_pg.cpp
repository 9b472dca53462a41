// PostgreSQL COPY throughput through libpqxx 6.4's stream_to.

#include <cstdio>
#include <pqxx/pqxx>
#include <tuple>
#include <vector>

#include "limits.hpp"

namespace safeloop::bench {

Result<Rate> MeasurePgCopy(const std::string& url, std::int64_t max_rows, std::chrono::seconds max_time) {
  using SteadyClock = std::chrono::steady_clock;
  try {
    pqxx::connection connection(url);
    pqxx::work txn(connection);
    txn.exec0("CREATE TEMP TABLE safeloop_bench_copy (id bigint, ts timestamptz, v double precision) ON COMMIT DROP");
    // Timestamps are pre-rendered: we measure the server's COPY path, not client date formatting.
    std::vector<std::string> stamps;
    for (int i = 0; i < 1000; ++i) {
      char text[40];
      std::snprintf(text, sizeof(text), "2026-11-23 08:%02d:%02d.%03d+00", (i / 60) % 60, i % 60, i);
      stamps.emplace_back(text);
    }
    std::int64_t rows = 0;
    const auto start = SteadyClock::now();
    const auto stop_at = start + max_time;
    {
      pqxx::stream_to stream(txn, "safeloop_bench_copy", std::vector<std::string>{"id", "ts", "v"});
      while (rows < max_rows && (rows % 10000 != 0 || SteadyClock::now() < stop_at)) {
        stream << std::make_tuple(rows, stamps[static_cast<std::size_t>(rows % 1000)], static_cast<double>(rows) * 0.5);
        ++rows;
      }
      stream.complete();  // without it the COPY is never finished
    }
    Rate rate{rows, std::chrono::duration<double>(SteadyClock::now() - start).count()};
    auto counted = txn.exec1("SELECT count(*) FROM safeloop_bench_copy")[0].as<std::int64_t>();
    txn.commit();
    std::printf("postgres: COPY %lld rows in %.2f s (table holds %lld rows)\n", static_cast<long long>(rows),
                rate.seconds, static_cast<long long>(counted));
    if (counted != rows) return Internal("postgres bench: wrote " + std::to_string(rows) + " rows, table has " +
                                         std::to_string(counted));
    return rate;
  } catch (const std::exception& e) {
    return Unavailable(std::string("postgres bench (") + url + "): " + e.what());
  }
}

}  // namespace safeloop::bench
