#include <nlohmann/json.hpp>

#include <functional>

#include "safeloop/core/log.hpp"
#include "safeloop/db/migrations.hpp"
#include "safeloop/db/outbox.hpp"

namespace safeloop::db {
namespace {

// LISTEN on the schema's channel; the payload does not matter, a notification only wakes the loop.
class WakeOnNotify final : public pqxx::notification_receiver {
 public:
  using pqxx::notification_receiver::notification_receiver;
  void operator()(const std::string&, int) override {}
};

std::string IdArray(const std::set<std::uint64_t>& ids) {
  std::string out = "{";
  for (auto id : ids) {
    if (out.size() > 1) out += ',';
    out += std::to_string(id);
  }
  return out + "}";
}

std::int64_t RelayLockKey(const std::string& schema) {
  // Stable across processes (std::hash is not guaranteed to be).
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : "outbox-relay:" + schema) h = (h ^ c) * 1099511628211ULL;
  return static_cast<std::int64_t>(h >> 1);
}

}  // namespace

OutboxRelay::OutboxRelay(RelayOptions options, prometheus::Registry& registry)
    : options_(std::move(options)),
      published_(prometheus::BuildCounter()
                     .Name("safeloop_outbox_published_total")
                     .Help("Outbox events acknowledged by Kafka")
                     .Register(registry)
                     .Add({{"schema", options_.schema}})),
      failures_(prometheus::BuildCounter()
                    .Name("safeloop_outbox_delivery_failures_total")
                    .Help("Outbox deliveries that failed and will be retried")
                    .Register(registry)
                    .Add({{"schema", options_.schema}})),
      pending_(prometheus::BuildGauge()
                   .Name("safeloop_outbox_pending_events")
                   .Help("Outbox rows not yet acknowledged by Kafka (outbox lag in events)")
                   .Register(registry)
                   .Add({{"schema", options_.schema}})),
      oldest_pending_seconds_(prometheus::BuildGauge()
                                  .Name("safeloop_outbox_lag_seconds")
                                  .Help("Age of the oldest unpublished outbox row")
                                  .Register(registry)
                                  .Add({{"schema", options_.schema}})),
      leader_(prometheus::BuildGauge()
                  .Name("safeloop_outbox_relay_leader")
                  .Help("1 when this process holds the relay lock of the schema")
                  .Register(registry)
                  .Add({{"schema", options_.schema}})) {}

OutboxRelay::~OutboxRelay() { Stop(); }

void OutboxRelay::Start() {
  auto producer = bus::MakeKafkaProducer(options_.producer, [this](const bus::DeliveryReport& report) {
    // Called on the relay thread from Poll()/Flush().
    if (report.status.ok()) {
      delivered_.push_back(report.correlation_id);
    } else {
      failed_.emplace_back(report.correlation_id, report.status.ToString());
    }
  });
  if (!producer.ok()) throw std::runtime_error("outbox relay: " + producer.status().ToString());
  producer_ = std::move(producer).value();
  thread_ = std::thread([this] { Run(); });
}

void OutboxRelay::Stop() {
  if (stop_.exchange(true)) return;
  if (thread_.joinable()) thread_.join();
}

void OutboxRelay::Run() {
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<WakeOnNotify> listener;
  bool leader = false;
  auto backoff = std::chrono::milliseconds(200);
  while (!stop_) {
    try {
      if (!conn || !conn->is_open()) {
        listener.reset();
        conn = std::make_unique<pqxx::connection>(options_.pg_url);
        listener = std::make_unique<WakeOnNotify>(*conn, OutboxChannel(options_.schema));
        leader = false;
        backoff = std::chrono::milliseconds(200);
      }
      if (!leader) {
        pqxx::nontransaction tx(*conn);
        leader = tx.exec_params1("SELECT pg_try_advisory_lock($1)", RelayLockKey(options_.schema))[0].as<bool>();
        leader_.Set(leader ? 1 : 0);
        if (!leader) {
          conn->await_notification(1, 0);
          continue;
        }
        LogInfo("outbox.relay", "publishing outbox", {{"schema", options_.schema}});
      }
      bool busy = Step(*conn);
      if (!busy) {
        if (in_flight_.empty()) {
          auto us = std::chrono::duration_cast<std::chrono::microseconds>(options_.idle_wait).count();
          conn->await_notification(us / 1'000'000, us % 1'000'000);
        } else {
          producer_->Poll(std::chrono::milliseconds(20));
        }
      }
    } catch (const std::exception& e) {
      LogWarn("outbox.relay", "relay loop error; reconnecting",
              {{"schema", options_.schema}, {"error", e.what()}, {"backoff_ms", backoff.count()}});
      listener.reset();
      conn.reset();
      leader_.Set(0);
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    }
  }
  // Give Kafka a moment to acknowledge what is in flight so the rows are not published twice next time.
  if (producer_) {
    producer_->Flush(std::chrono::milliseconds(5000));
    try {
      if (conn && conn->is_open()) ApplyReports(*conn);
    } catch (const std::exception& e) {
      LogWarn("outbox.relay", "could not record final deliveries", {{"error", e.what()}});
    }
  }
}

bool OutboxRelay::Step(pqxx::connection& conn) {
  producer_->Poll(std::chrono::milliseconds(0));
  ApplyReports(conn);
  UpdateLag(conn);

  pqxx::result rows;
  {
    pqxx::nontransaction tx(conn);
    rows = tx.exec_params("SELECT id, topic, record_key, payload, headers FROM " + options_.schema +
                              ".outbox WHERE published_at IS NULL AND id <> ALL($1::bigint[]) ORDER BY id LIMIT $2",
                          IdArray(in_flight_), options_.batch_size);
  }
  for (const auto& row : rows) {
    bus::OutgoingRecord record;
    record.correlation_id = row[0].as<std::uint64_t>();
    record.topic = row[1].as<std::string>();
    record.key = row[2].as<std::string>();
    record.value = pqxx::binarystring(row[3]).str();
    const auto headers = nlohmann::json::parse(row[4].as<std::string>());
    for (auto it = headers.begin(); it != headers.end(); ++it) {
      record.headers.emplace_back(it.key(), it.value().get<std::string>());
    }
    std::uint64_t id = record.correlation_id;
    Status s = producer_->Produce(std::move(record));
    if (!s.ok()) {
      // Local queue full for too long (Kafka down a long time): stop here, retry on the next step.
      LogWarn("outbox.relay", "cannot enqueue event", {{"schema", options_.schema}, {"error", s.ToString()}});
      break;
    }
    in_flight_.insert(id);
  }
  return !rows.empty();
}

void OutboxRelay::ApplyReports(pqxx::connection& conn) {
  if (delivered_.empty() && failed_.empty()) return;
  pqxx::work tx(conn);
  if (!delivered_.empty()) {
    std::set<std::uint64_t> ids(delivered_.begin(), delivered_.end());
    tx.exec_params("UPDATE " + options_.schema +
                       ".outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])",
                   IdArray(ids));
  }
  for (const auto& [id, error] : failed_) {
    tx.exec_params("UPDATE " + options_.schema + ".outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1",
                   id, error);
  }
  tx.commit();
  for (auto id : delivered_) in_flight_.erase(id);
  for (const auto& [id, error] : failed_) {
    in_flight_.erase(id);  // retried by a later Step
    LogWarn("outbox.relay", "delivery failed, will retry", {{"schema", options_.schema}, {"id", id}, {"error", error}});
  }
  published_.Increment(static_cast<double>(delivered_.size()));
  failures_.Increment(static_cast<double>(failed_.size()));
  delivered_.clear();
  failed_.clear();
}

void OutboxRelay::UpdateLag(pqxx::connection& conn) {
  auto now = std::chrono::steady_clock::now();
  if (now - last_lag_update_ < std::chrono::seconds(1)) return;
  last_lag_update_ = now;
  pqxx::nontransaction tx(conn);
  auto row = tx.exec1("SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM " +
                      options_.schema + ".outbox WHERE published_at IS NULL");
  pending_.Set(row[0].as<double>());
  oldest_pending_seconds_.Set(row[1].as<double>());
}

}  // namespace safeloop::db
