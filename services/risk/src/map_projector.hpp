#pragma once
// Keeps the live four-colour map: consumes safeloop.risk.assessment.v1 and safeloop.risk.area-factor.v1
// (at-least-once, manual commits), applies each event once (inbox), recomputes the area's inherent and shown
// (dynamic) level, and publishes a change to Redis.
// A Redis failure never loses a change: the enterprise is marked dirty and its whole map is re-synced from
// the database until Redis takes it.

#include <memory>
#include <mutex>
#include <set>
#include <string>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "pg_risk_store.hpp"
#include "risk_map_cache.hpp"
#include "safeloop/bus/consumer_loop.hpp"

namespace safeloop::risk {

inline constexpr const char* kProjectorConsumer = "risk-map-projector";

class MapProjector {
 public:
  MapProjector(PgRiskStore& store, RiskMapCache& cache, prometheus::Registry& registry);
  ~MapProjector();

  /// Applies one consumed record of the assessment or the area-factor topic. UNAVAILABLE (database down)
  /// means: retry the same record later. A record that is not a valid event (or names an area the
  /// enterprise does not have) is counted, logged and skipped (OK).
  Status Handle(const bus::ConsumedRecord& record);
  /// Rewrites every enterprise's map in Redis from the database.
  Status SyncAll();

  /// Consumes on its own thread until Stop().
  void Start(bus::ConsumerConfig config);
  void Stop();

 private:
  void ResyncDirty();
  Status Reject(const bus::ConsumedRecord& record, const Status& why);

  PgRiskStore& store_;
  RiskMapCache& cache_;
  std::mutex dirty_mutex_;
  std::set<std::string> dirty_;  // enterprises whose Redis map may be behind
  bool all_dirty_ = true;        // until the first full sync succeeds
  std::unique_ptr<bus::ConsumerLoop> loop_;

  prometheus::Counter& applied_;
  prometheus::Counter& duplicates_;
  prometheus::Counter& rejected_;
  prometheus::Gauge& lag_;
};

}  // namespace safeloop::risk
