#include "map_projector.hpp"

#include "safeloop/core/log.hpp"
#include "safeloop/events/envelope.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/events/v1/area_factor_events.pb.h"
#include "safeloop/events/v1/risk_events.pb.h"
#include "safeloop/risk_domain/dynamic_level.hpp"

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
  if (!envelope.ok()) return Reject(record, envelope.status());
  LogScope scope({envelope->request_id(), envelope->enterprise_id(), envelope->park_id()});
  Result<PgRiskStore::ProjectionOutcome> outcome = PgRiskStore::ProjectionOutcome{};
  if (record.topic == kAreaFactorTopic) {
    events::v1::AreaFactorChanged payload;
    if (Status s = events::UnpackPayload(*envelope, payload); !s.ok()) return Reject(record, s);
    auto kind = AreaFactorFromCode(static_cast<int>(payload.kind()));
    if (!kind.ok()) return Reject(record, kind.status());
    if (payload.source_id().empty() || payload.source_id().size() > 200 || !IsUuid(payload.area_id())) {
      return Reject(record, InvalidArgument("area factor needs an area id (UUID) and a source id of 1..200 bytes"));
    }
    PgRiskStore::AreaFactorReport report{payload.area_id(), *kind, payload.source_id(), payload.detail(),
                                         envelope->producer(), payload.active(), payload.source_version()};
    outcome = store_.ProjectAreaFactor(kProjectorConsumer, envelope->event_id(), envelope->enterprise_id(),
                                       envelope->park_id(), report, envelope->request_id());
  } else {
    events::v1::RiskAssessmentRecorded payload;
    if (Status s = events::UnpackPayload(*envelope, payload); !s.ok()) return Reject(record, s);
    outcome = store_.ProjectAssessment(kProjectorConsumer, envelope->event_id(), envelope->enterprise_id(),
                                       envelope->park_id(), payload.area_id(), envelope->request_id());
  }
  if (!outcome.ok()) return outcome.status();
  if (outcome->duplicate) {
    duplicates_.Increment();
    return Status::Ok();
  }
  if (outcome->unknown_area) return Reject(record, NotFound("no such area in the event's enterprise"));
  if (!outcome->change) return Status::Ok();
  applied_.Increment();
  const auto& state = *outcome->change;
  if (Status s = cache_.PublishChange(envelope->enterprise_id(), state); !s.ok()) {
    LogWarn("risk.projector", "redis update failed; will re-sync the map", {{"error", s.ToString()}});
    std::lock_guard lock(dirty_mutex_);
    dirty_.insert(envelope->enterprise_id());
  }
  LogInfo("risk.projector", "area level changed",
          {{"area_id", state.area_id}, {"level", static_cast<int>(state.level)}, {"version", state.version}});
  return Status::Ok();
}

Status MapProjector::Reject(const bus::ConsumedRecord& record, const Status& why) {
  rejected_.Increment();
  LogWarn("risk.projector", "skipping a record that is not a valid assessment or area-factor event",
          {{"topic", record.topic}, {"partition", record.partition}, {"offset", record.offset},
           {"error", why.ToString()}});
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
  auto last_resync = std::make_shared<std::chrono::steady_clock::time_point>();
  bus::ConsumerLoop::Options options;
  options.log_component = "risk.projector";
  options.idle = [this, last_resync] {
    if (std::chrono::steady_clock::now() - *last_resync < std::chrono::seconds(2)) return;
    ResyncDirty();
    *last_resync = std::chrono::steady_clock::now();
  };
  options.on_lag = [this](std::int64_t lag) { lag_.Set(static_cast<double>(lag)); };
  loop_ = std::make_unique<bus::ConsumerLoop>(
      std::move(config), [this](const bus::ConsumedRecord& record) { return Handle(record); }, std::move(options));
  loop_->Start();
}

void MapProjector::Stop() {
  if (loop_) loop_->Stop();
}

}  // namespace safeloop::risk
