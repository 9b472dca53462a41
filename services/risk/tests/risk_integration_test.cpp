// Real PostgreSQL, Kafka and Redis (the test profile started by tools/test). The relay and the map projector
// run in this process exactly as in the service; the test drives them through the store.
#include <catch2/catch.hpp>

#include <prometheus/text_serializer.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "map_projector.hpp"
#include "pg_risk_store.hpp"
#include "risk_map_cache.hpp"
#include "safeloop/bus/consumer.hpp"
#include "safeloop/bus/topics.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/db/migrations.hpp"
#include "safeloop/db/outbox.hpp"
#include "safeloop/events/envelope.hpp"
#include "safeloop/events/v1/area_factor_events.pb.h"
#include "safeloop/events/v1/risk_events.pb.h"
#include "safeloop/obs/metrics.hpp"

namespace safeloop::risk {
std::vector<db::Migration> EmbeddedMigrations();
}

using namespace safeloop;
using namespace safeloop::risk;
using namespace std::chrono_literals;

namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr) FAIL(std::string(name) + " is not set: run through ./tools/test");
  return v;
}

template <typename Pred>
bool WaitFor(Pred pred, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return pred();
}

// The suite's components, wired as in risk_app.cpp.
struct Harness {
  SystemClock clock;
  obs::MetricsServer metrics;
  db::ConnectionPool pool{Env("SAFELOOP_PG_URL"), 4};
  PgRiskStore store{pool, clock};
  cache::RedisClient redis{{*ParseHostPort(Env("SAFELOOP_REDIS_ADDR"))}};
  RedisRiskMapCache cache{redis};
  db::OutboxRelay relay{{Env("SAFELOOP_PG_URL"), kSchema, {Env("SAFELOOP_KAFKA_BROKERS"), "risk-it-relay"}},
                        metrics.registry()};
  MapProjector projector{store, cache, metrics.registry()};

  Harness() {
    pqxx::connection conn(Env("SAFELOOP_PG_URL"));
    auto applied = db::ApplyMigrations(conn, kSchema, EmbeddedMigrations());
    REQUIRE(applied.ok());
    // As risk_app.cpp does at start: a consumer subscribed to a topic that does not exist yet would only see
    // it at its next metadata refresh (minutes), long after a test has published to it.
    REQUIRE(bus::EnsureTopics(Env("SAFELOOP_KAFKA_BROKERS"), {{kAssessmentTopic, 3, 1, {}}, {kAreaFactorTopic, 3, 1, {}}},
                              std::chrono::milliseconds(10000))
                .ok());
    relay.Start();
    // A group of its own per harness: joining the shared group would wait for stale members of earlier
    // runs. The inbox consumer name stays kProjectorConsumer, so de-duplication is what the service does.
    projector.Start({Env("SAFELOOP_KAFKA_BROKERS"), "risk-it-projector-" + NewUuidV7(),
                     {kAssessmentTopic, kAreaFactorTopic}, "risk-it-projector"});
  }

  double Metric(const std::string& needle) {
    auto text = prometheus::TextSerializer().Serialize(metrics.registry().Collect());
    auto pos = text.find(needle);
    if (pos == std::string::npos) return 0;
    return std::stod(text.substr(pos + needle.size()));
  }
};

struct Plant {
  Actor actor;
  std::string map_id, area_id, point_id;
};

Plant MakePlant(PgRiskStore& store) {
  Plant p;
  p.actor = {NewUuidV7(), NewUuidV7(), "it-tester", NewUuidV7()};
  auto map = store.CreateMap(p.actor, {"", "厂区平面图", "/images/demo-plant.svg", 1200, 800, {}});
  REQUIRE(map.ok());
  auto area = store.CreateArea(p.actor, map->id, "罐区", {{60, 60}, {460, 60}, {460, 360}, {60, 360}});
  REQUIRE(area.ok());
  auto point = store.CreateRiskPoint(p.actor, area->id, "1号储罐", "甲醇储罐");
  REQUIRE(point.ok());
  p.map_id = map->id;
  p.area_id = area->id;
  p.point_id = point->id;
  return p;
}

// Reads the assessment topic from the start with a fresh group and returns the records of one risk point.
std::vector<bus::ConsumedRecord> RecordsOf(const std::string& point_id, std::chrono::milliseconds read_for,
                                          std::size_t stop_after = 0) {
  auto consumer = bus::MakeKafkaConsumer({Env("SAFELOOP_KAFKA_BROKERS"), "risk-it-" + NewUuidV7(), {kAssessmentTopic}});
  REQUIRE(consumer.ok());
  std::vector<bus::ConsumedRecord> found;
  auto deadline = std::chrono::steady_clock::now() + read_for;
  while (std::chrono::steady_clock::now() < deadline) {
    auto batch = (*consumer)->PollBatch(500, 200ms);
    REQUIRE(batch.ok());
    for (auto& r : *batch) {
      if (r.key == point_id) found.push_back(r);
    }
    if (stop_after > 0 && found.size() >= stop_after) break;
  }
  (*consumer)->Close();
  return found;
}

std::optional<nlohmann::json> RedisArea(cache::RedisClient& redis, const Plant& p) {
  auto all = redis.HGetAll(RedisRiskMapCache::HashKey(p.actor.enterprise_id));
  if (!all.ok()) return std::nullopt;
  auto it = all->find(p.area_id);
  if (it == all->end()) return std::nullopt;
  return nlohmann::json::parse(it->second);
}

void RunInfra(const std::string& args) {
  std::string cmd = Env("SAFELOOP_ROOT") + "/tools/infra " + args + " --profile test >/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
}

}  // namespace

TEST_CASE("an assessment's event reaches Kafka exactly once and the live map in Redis", "[kafka][redis]") {
  Harness h;
  auto plant = MakePlant(h.store);
  auto assessed = h.store.AssessLec(plant.actor, plant.point_id, {6, 6, 15}, "未设置液位报警");  // D=540 → 重大
  REQUIRE(assessed.ok());
  CHECK(assessed->score.level == RiskLevel::kMajor);

  // Exactly once: wait until it is there, then keep reading a while for a duplicate.
  auto first = RecordsOf(plant.point_id, 20s, 1);
  REQUIRE(first.size() == 1);
  auto all = RecordsOf(plant.point_id, 3s);
  CHECK(all.size() == 1);
  auto env = events::ParseEnvelope(all.at(0).value);
  REQUIRE(env.ok());
  CHECK(env->type() == kAssessmentTopic);
  CHECK(env->enterprise_id() == plant.actor.enterprise_id);
  events::v1::RiskAssessmentRecorded payload;
  REQUIRE(events::UnpackPayload(*env, payload).ok());
  CHECK(payload.assessment().d() == 540);
  CHECK(payload.area_id() == plant.area_id);

  // The projector applied it: Redis holds the new level and the version the database gave it.
  REQUIRE(WaitFor([&] { return RedisArea(h.redis, plant).has_value(); }, 30s));
  auto state = *RedisArea(h.redis, plant);
  CHECK(state["level"] == 1);
  auto version = h.store.MapVersion(plant.actor);
  REQUIRE(version.ok());
  CHECK(state["version"] == *version);
  auto redis_version = h.redis.Get(RedisRiskMapCache::VersionKey(plant.actor.enterprise_id));
  REQUIRE(redis_version.ok());
  CHECK(**redis_version == std::to_string(*version));
}

TEST_CASE("Kafka down: the assessment succeeds and its event arrives once the broker is back", "[kafka][outage]") {
  Harness h;
  auto plant = MakePlant(h.store);
  RunInfra("stop --only kafka");
  auto assessed = h.store.AssessLec(plant.actor, plant.point_id, {3, 6, 7}, "");  // D=126 → 一般
  RunInfra("start --only kafka");  // restart before any REQUIRE can leave the broker down
  INFO(assessed.status().ToString());
  REQUIRE(assessed.ok());
  auto found = RecordsOf(plant.point_id, 90s, 1);
  REQUIRE(found.size() == 1);
  REQUIRE(WaitFor([&] {
    auto s = RedisArea(h.redis, plant);
    return s && (*s)["level"] == 3;
  }, 30s));
}

TEST_CASE("a redelivered event is not applied twice (inbox)", "[kafka][inbox]") {
  Harness h;
  auto plant = MakePlant(h.store);
  REQUIRE(h.store.AssessLec(plant.actor, plant.point_id, {1, 6, 7}, "").ok());  // D=42 → 低
  auto records = RecordsOf(plant.point_id, 20s, 1);
  REQUIRE(records.size() == 1);
  REQUIRE(WaitFor([&] { return RedisArea(h.redis, plant).has_value(); }, 30s));
  auto version_before = *h.store.MapVersion(plant.actor);

  // Change the point behind the projection's back: re-applying the old event WOULD now move the map.
  {
    pqxx::connection conn(Env("SAFELOOP_PG_URL"));
    pqxx::work tx(conn);
    tx.exec_params("UPDATE risk.risk_point SET level = 1 WHERE id = $1", plant.point_id);
    tx.commit();
  }
  // Redelivery through the projector's own handling path …
  auto outcome = h.projector.Handle(records[0]);
  REQUIRE(outcome.ok());
  CHECK(*h.store.MapVersion(plant.actor) == version_before);
  // … and a second copy of the record on Kafka, as after a consumer crash before its commit.
  auto duplicates_before = h.Metric("safeloop_consumer_duplicates_total{consumer=\"risk-map-projector\"} ");
  {
    std::atomic<int> acked{0};
    auto producer = bus::MakeKafkaProducer({Env("SAFELOOP_KAFKA_BROKERS")}, [&](const bus::DeliveryReport& r) {
      if (r.status.ok()) ++acked;
    });
    REQUIRE(producer.ok());
    REQUIRE((*producer)->Produce({kAssessmentTopic, records[0].key, records[0].value, records[0].headers, 1}).ok());
    REQUIRE((*producer)->Flush(10s).ok());
    REQUIRE(acked == 1);
  }
  REQUIRE(WaitFor([&] {
    return h.Metric("safeloop_consumer_duplicates_total{consumer=\"risk-map-projector\"} ") > duplicates_before;
  }, 20s));
  CHECK(*h.store.MapVersion(plant.actor) == version_before);
  auto state = RedisArea(h.redis, plant);
  REQUIRE(state);
  CHECK((*state)["level"] == 4);
}

TEST_CASE("tenants never see each other's maps", "[tenancy]") {
  Harness h;
  auto a = MakePlant(h.store);
  auto b = MakePlant(h.store);
  auto maps = h.store.ListMaps(a.actor);
  REQUIRE(maps.ok());
  REQUIRE(maps->size() == 1);
  CHECK(maps->front().id == a.map_id);
  CHECK(h.store.GetRiskPoint(a.actor, b.point_id).status().code() == StatusCode::kNotFound);
  // Creating under another tenant's parent is refused exactly like an unknown parent.
  CHECK(h.store.AssessLec(a.actor, b.point_id, {6, 6, 15}, "").status().code() == StatusCode::kInvalidArgument);
  CHECK(h.store.CreateArea(a.actor, b.map_id, "x", {{0, 0}, {1, 0}, {1, 1}}).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(h.store.CreateRiskPoint(a.actor, b.area_id, "x", "").status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("the band variant of the enterprise decides D = 70, and history is kept", "[lec]") {
  Harness h;
  auto plant = MakePlant(h.store);
  auto v1 = h.store.AssessLec(plant.actor, plant.point_id, {1, 10, 7}, "");
  REQUIRE(v1.ok());
  CHECK(v1->score.level == RiskLevel::kLow);
  REQUIRE(h.store.SetBandVariant(plant.actor, LecBandVariant::kV2).ok());
  auto v2 = h.store.AssessLec(plant.actor, plant.point_id, {1, 10, 7}, "");
  REQUIRE(v2.ok());
  CHECK(v2->score.level == RiskLevel::kMedium);
  CHECK(v2->version == 2);
  auto history = h.store.ListAssessments(plant.actor, plant.point_id);
  REQUIRE(history.ok());
  REQUIRE(history->size() == 2);
  CHECK(history->at(0).version == 2);
  CHECK(history->at(1).score.level == RiskLevel::kLow);
  auto point = h.store.GetRiskPoint(plant.actor, plant.point_id);
  REQUIRE(point.ok());
  CHECK(point->level == RiskLevel::kMedium);
  REQUIRE(point->latest);
  CHECK(point->latest->score.d == 70);
}

TEST_CASE("Redis down: the change is kept in the database and the map is rebuilt when Redis is back",
          "[redis][outage]") {
  Harness h;
  auto plant = MakePlant(h.store);
  REQUIRE(WaitFor([&] { return h.redis.Command({"PING"}).ok(); }, 5s));
  RunInfra("stop --only redis");
  auto assessed = h.store.AssessLec(plant.actor, plant.point_id, {6, 6, 15}, "");  // D=540 → 重大
  // The projector still applies the event to the database while Redis is down …
  bool projected = WaitFor([&] {
    auto areas = h.store.ListAreas(plant.actor, plant.map_id);
    return areas.ok() && !areas->empty() && areas->front().level == RiskLevel::kMajor;
  }, 30s);
  RunInfra("start --only redis");  // (Redis keeps nothing on disk here: it comes back empty)
  REQUIRE(assessed.ok());
  REQUIRE(projected);
  // … and re-syncs the whole map from the database once Redis answers again.
  REQUIRE(WaitFor([&] {
    auto s = RedisArea(h.redis, plant);
    return s && (*s)["level"] == 1;
  }, 30s));
  auto version = h.redis.Get(RedisRiskMapCache::VersionKey(plant.actor.enterprise_id));
  REQUIRE(version.ok());
  CHECK(**version == std::to_string(*h.store.MapVersion(plant.actor)));
}

namespace {
// Publishes one report of the area-factor contract on the real topic, as the alarm/permit/hazard services will.
void PublishFactor(const Plant& p, const std::string& area_id, events::v1::AreaFactorKind kind,
                   const std::string& source, bool active, std::int64_t source_version, const std::string& event_id = "") {
  events::v1::AreaFactorChanged payload;
  payload.set_area_id(area_id);
  payload.set_kind(kind);
  payload.set_source_id(source);
  payload.set_active(active);
  payload.set_detail(active ? "60 分钟内报警 12 次" : "");
  payload.set_source_version(source_version);
  SystemClock clock;
  auto envelope = events::MakeEnvelope({kAreaFactorTopic, p.actor.enterprise_id, p.actor.park_id, "area", area_id,
                                        source_version, "alarm", NewUuidV7()},
                                       payload, clock);
  if (!event_id.empty()) envelope.set_event_id(event_id);
  auto producer = bus::MakeKafkaProducer({Env("SAFELOOP_KAFKA_BROKERS")}, [](const bus::DeliveryReport&) {});
  REQUIRE(producer.ok());
  REQUIRE((*producer)->Produce({kAreaFactorTopic, area_id, envelope.SerializeAsString(), events::EnvelopeHeaders(envelope), 1})
              .ok());
  REQUIRE((*producer)->Flush(10s).ok());
}

int ShownLevel(cache::RedisClient& redis, const Plant& p) {
  auto area = RedisArea(redis, p);
  return area ? (*area)["level"].get<int>() : -1;
}
}  // namespace

TEST_CASE("dynamic factors from the real topic raise an area's shown level and restore it when they clear",
          "[kafka][redis][dynamic]") {
  Harness h;
  auto plant = MakePlant(h.store);
  REQUIRE(h.store.AssessLec(plant.actor, plant.point_id, {1, 6, 3}, "").ok());  // D = 18 → 低风险
  REQUIRE(WaitFor([&] { return ShownLevel(h.redis, plant) == 4; }, 30s));

  // Frequent alarms: 低 → 一般 (the default rule raises one level).
  PublishFactor(plant, plant.area_id, events::v1::AREA_FACTOR_KIND_FREQUENT_ALARMS, "alarm-rule:area", true, 100);
  REQUIRE(WaitFor([&] { return ShownLevel(h.redis, plant) == 3; }, 20s));
  // Special work in the same area does not add up: still one level.
  PublishFactor(plant, plant.area_id, events::v1::AREA_FACTOR_KIND_SPECIAL_WORK, "permit:DH-2026-001", true, 1);
  // A stale report (older source_version) of the alarm source changes nothing.
  PublishFactor(plant, plant.area_id, events::v1::AREA_FACTOR_KIND_FREQUENT_ALARMS, "alarm-rule:area", false, 99);
  std::this_thread::sleep_for(1500ms);
  CHECK(ShownLevel(h.redis, plant) == 3);

  // The map's API view carries both levels.
  auto view = h.store.LoadMapView(plant.actor, plant.map_id);
  REQUIRE(view.ok());
  REQUIRE(view->areas.size() == 1);
  CHECK(view->areas[0].shown == RiskLevel::kMedium);
  CHECK(view->areas[0].level == RiskLevel::kLow);

  // Clearing one source keeps the area raised while the other holds; clearing the last restores it.
  PublishFactor(plant, plant.area_id, events::v1::AREA_FACTOR_KIND_FREQUENT_ALARMS, "alarm-rule:area", false, 101);
  std::this_thread::sleep_for(1500ms);
  CHECK(ShownLevel(h.redis, plant) == 3);
  std::string clear_id = NewUuidV7();
  PublishFactor(plant, plant.area_id, events::v1::AREA_FACTOR_KIND_SPECIAL_WORK, "permit:DH-2026-001", false, 2,
                clear_id);
  REQUIRE(WaitFor([&] { return ShownLevel(h.redis, plant) == 4; }, 20s));

  // Every change of the shown level is an AreaLevelChanged with the active kinds, in the outbox.
  pqxx::connection conn(Env("SAFELOOP_PG_URL"));
  pqxx::work tx(conn);
  auto rows = tx.exec_params("SELECT payload FROM risk.outbox WHERE topic = $1 AND record_key = $2 ORDER BY id",
                             std::string(kAreaLevelTopic), plant.area_id);
  REQUIRE(rows.size() == 3);  // 未评估→低, 低→一般, 一般→低
  pqxx::binarystring bytes(rows[1][0]);
  auto env = events::ParseEnvelope(bytes.str());
  REQUIRE(env.ok());
  events::v1::AreaLevelChanged raised;
  REQUIRE(events::UnpackPayload(*env, raised).ok());
  CHECK(raised.level() == risk::v1::RISK_LEVEL_MEDIUM);
  CHECK(raised.inherent_level() == risk::v1::RISK_LEVEL_LOW);
  REQUIRE(raised.active_factors_size() == 1);
  CHECK(raised.active_factors(0) == events::v1::AREA_FACTOR_KIND_FREQUENT_ALARMS);
  tx.commit();

  // A redelivered report (same event id) is applied once; a factor for another tenant's area is skipped.
  double rejected = h.Metric("safeloop_consumer_rejected_total{consumer=\"risk-map-projector\"} ");
  PublishFactor(plant, plant.area_id, events::v1::AREA_FACTOR_KIND_SPECIAL_WORK, "permit:DH-2026-001", false, 2,
                clear_id);
  auto other = MakePlant(h.store);
  PublishFactor(plant, other.area_id, events::v1::AREA_FACTOR_KIND_SPECIAL_WORK, "permit:X", true, 1);
  REQUIRE(WaitFor([&] {
    return h.Metric("safeloop_consumer_rejected_total{consumer=\"risk-map-projector\"} ") >= rejected + 1;
  }, 20s));
  CHECK(ShownLevel(h.redis, other) == -1);  // never assessed, never raised by a foreign report
}
