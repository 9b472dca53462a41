#include "map_projector.hpp"

#include "safeloop/core/log.hpp"
#include "safeloop/events/envelope.hpp"
#include "safeloop/events/v1/risk_events.pb.h"

namespace safeloop::risk {

MapProjector::MapProjector(PgRiskStore& store, RiskMapCache& cache, prometheus::Registry& registry)
    : store_(store),
      cache_(cache),
      applied_(prometheus::BuildCounter()
                   .Name("safeloop_risk_map_changes_total")
                   .Help("Area level changes applied to the live map")
                   .Register(registry)
                   .Add({})),
      duplicates_(prometheus::BuildCounter()
                      .Name("safeloop_consumer_duplicates_total")
                      .Help("Redelivered events ignored by the inbox")
                      .Register(registry)
                      .Add({{"consumer", kProjectorConsumer}})),
      rejected_(prometheus::BuildCounter()
                    .Name("safeloop_consumer_rejected_total")
                    .Help("Records that were not valid events and were skipped")
                    .Register(registry)
                    .Add({{"consumer", kProjectorConsumer}})),
      lag_(prometheus::BuildGauge()
               .Name("safeloop_consumer_lag_records")
               .Help("Records behind the end of the assigned partitions")
               .Register(registry)
               .Add({{"consumer", kProjectorConsumer}})) {}

MapProjector::~MapProjector() { Stop(); }

Status MapProjector::Handle(const bus::ConsumedRecord& record) {
  auto envelope = events::ParseEnvelope(record.value);
  events::v1::RiskAssessmentRecorded payload;
  Status parsed = envelope.ok() ? events::UnpackPayload(*envelope, payload) : envelope.status();
  if (!parsed.ok()) {
    rejected_.Increment();
    LogWarn("risk.projector", "skipping a record that is not an assessment event",
            {{"topic", record.topic}, {"partition", record.partition}, {"offset", record.offset},
             {"error", parsed.ToString()}});
    return Status::Ok();
  }
  LogScope scope({envelope->request_id(), envelope->enterprise_id(), envelope->park_id()});
  auto change = store_.ProjectAssessment(kProjectorConsumer, envelope->event_id(), envelope->enterprise_id(),
                                         envelope->park_id(), payload.area_id(), envelope->request_id());
  if (!change.ok()) return change.status();
  if (change->duplicate) {
    duplicates_.Increment();
    return Status::Ok();
  }
  if (!change->change) return Status::Ok();
  applied_.Increment();
  const auto& state = *change->change;
  if (Status s = cache_.PublishChange(envelope->enterprise_id(), state); !s.ok()) {
    LogWarn("risk.projector", "redis update failed; will re-sync the map", {{"error", s.ToString()}});
    std::lock_guard lock(dirty_mutex_);
    dirty_.insert(envelope->enterprise_id());
  }
  LogInfo("risk.projector", "area level changed",
          {{"area_id", state.area_id}, {"level", static_cast<int>(state.level)}, {"version", state.version}});
  return Status::Ok();
}

Status MapProjector::SyncAll() {
  auto maps = store_.LoadAllMapStates();
  if (!maps.ok()) return maps.status();
  for (const auto& m : *maps) SAFELOOP_RETURN_IF_ERROR(cache_.Sync(m.enterprise_id, m.version, m.areas));
  std::lock_guard lock(dirty_mutex_);
  dirty_.clear();
  all_dirty_ = false;
  LogInfo("risk.projector", "live map synced to redis", {{"enterprises", maps->size()}});
  return Status::Ok();
}

void MapProjector::ResyncDirty() {
  bool all;
  std::set<std::string> dirty;
  {
    std::lock_guard lock(dirty_mutex_);
    all = all_dirty_;
    dirty.swap(dirty_);
  }
  if (all || !dirty.empty()) {
    if (!SyncAll().ok()) {
      std::lock_guard lock(dirty_mutex_);
      dirty_.insert(dirty.begin(), dirty.end());
      all_dirty_ = all_dirty_ || all;
    }
  }
}

void MapProjector::Start(bus::ConsumerConfig config) {
  thread_ = std::thread([this, config = std::move(config)] { Run(config); });
}

void MapProjector::Stop() {
  if (stop_.exchange(true)) return;
  if (thread_.joinable()) thread_.join();
}

void MapProjector::Run(bus::ConsumerConfig config) {
  std::unique_ptr<bus::Consumer> consumer;
  auto last_resync = std::chrono::steady_clock::time_point{};
  auto last_lag = std::chrono::steady_clock::time_point{};
  while (!stop_) {
    if (std::chrono::steady_clock::now() - last_resync > std::chrono::seconds(2)) {
      ResyncDirty();
      last_resync = std::chrono::steady_clock::now();
    }
    if (!consumer) {
      auto made = bus::MakeKafkaConsumer(config);
      if (!made.ok()) {
        LogWarn("risk.projector", "cannot create consumer", {{"error", made.status().ToString()}});
        std::this_thread::sleep_for(std::chrono::seconds(1));
        continue;
      }
      consumer = std::move(made).value();
    }
    auto batch = consumer->PollBatch(200, std::chrono::milliseconds(200));
    if (!batch.ok()) {
      LogWarn("risk.projector", "consumer failed; recreating it", {{"error", batch.status().ToString()}});
      consumer.reset();
      continue;
    }
    if (batch->empty()) continue;
    for (const auto& record : *batch) {
      // Keep order within a partition: retry the same record until the database takes it.
      auto backoff = std::chrono::milliseconds(100);
      while (!stop_) {
        Status s = Handle(record);
        if (s.ok()) break;
        LogWarn("risk.projector", "cannot apply event, retrying", {{"error", s.ToString()}, {"backoff_ms", backoff.count()}});
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
      }
    }
    if (stop_) break;
    if (Status s = consumer->Commit(*batch); !s.ok()) {
      LogWarn("risk.projector", "offset commit failed; events may be redelivered (inbox makes that harmless)",
              {{"error", s.ToString()}});
    }
    if (std::chrono::steady_clock::now() - last_lag > std::chrono::seconds(1)) {
      lag_.Set(static_cast<double>(consumer->Lag()));
      last_lag = std::chrono::steady_clock::now();
    }
  }
  if (consumer) consumer->Close();
}

}  // namespace safeloop::risk
