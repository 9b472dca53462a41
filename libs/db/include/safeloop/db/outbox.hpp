#pragma once
/// @file outbox.hpp
/// Transactional outbox: a service appends an event in the SAME transaction as the state change, so an
/// acknowledged write always has its event, and Kafka being down loses nothing. OutboxRelay publishes
/// the rows in id order with the idempotent producer and marks them when Kafka acknowledges them.

#include <pqxx/pqxx>

#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "safeloop/bus/producer.hpp"
#include "safeloop/events/v1/envelope.pb.h"

namespace safeloop::db {

/// Appends `envelope` to <schema>.outbox for topic envelope.type(), keyed by the aggregate id.
void AppendToOutbox(pqxx::work& tx, const std::string& schema, const safeloop::events::v1::EventEnvelope& envelope);

struct RelayOptions {
  std::string pg_url;
  std::string schema;
  bus::ProducerConfig producer;
  int batch_size = 500;
  /// Longest wait for a NOTIFY before looking at the table again (covers a missed notification).
  std::chrono::milliseconds idle_wait{500};
};

/// Publishes one schema's outbox. Only one relay per schema publishes at a time (session advisory lock),
/// so several replicas of a service never double-publish. Runs on its own thread until Stop().
class OutboxRelay {
 public:
  OutboxRelay(RelayOptions options, prometheus::Registry& registry);
  ~OutboxRelay();
  void Start();
  /// Stops after flushing what Kafka can take within 5 s; unacknowledged rows stay for the next start.
  void Stop();

 private:
  void Run();
  bool Step(pqxx::connection& conn);  // returns true when it did work
  void ApplyReports(pqxx::connection& conn);
  void UpdateLag(pqxx::connection& conn);

  RelayOptions options_;
  std::unique_ptr<bus::Producer> producer_;
  std::set<std::uint64_t> in_flight_;
  std::vector<std::uint64_t> delivered_;
  std::vector<std::pair<std::uint64_t, std::string>> failed_;
  std::chrono::steady_clock::time_point last_lag_update_{};
  std::atomic<bool> stop_{false};
  std::thread thread_;

  prometheus::Counter& published_;
  prometheus::Counter& failures_;
  prometheus::Gauge& pending_;
  prometheus::Gauge& oldest_pending_seconds_;
  prometheus::Gauge& leader_;
};

}  // namespace safeloop::db
