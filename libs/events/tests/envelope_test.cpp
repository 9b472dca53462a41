#include <catch2/catch.hpp>

#include "safeloop/core/uuid.hpp"
#include "safeloop/events/envelope.hpp"
#include "safeloop/events/v1/risk_events.pb.h"

using namespace safeloop;

TEST_CASE("an envelope round-trips with its payload and complete metadata") {
  ManualClock clock(FromUnixMillis(1'763'900'000'250));
  safeloop::events::v1::RiskAssessmentRecorded payload;
  payload.set_area_id("a-1");
  payload.mutable_assessment()->set_d(252);
  events::EventMeta meta{"safeloop.risk.assessment.v1", "ent", "park", "risk_point", "rp-1", 3, "risk", "req-9"};
  auto env = events::MakeEnvelope(meta, payload, clock);
  CHECK(UuidVersion(env.event_id()) == 7);
  CHECK(env.occurred_at().seconds() == 1'763'900'000);
  CHECK(env.occurred_at().nanos() == 250'000'000);

  auto parsed = events::ParseEnvelope(env.SerializeAsString());
  REQUIRE(parsed.ok());
  CHECK(parsed->type() == "safeloop.risk.assessment.v1");
  CHECK(parsed->aggregate_version() == 3);
  safeloop::events::v1::RiskAssessmentRecorded out;
  REQUIRE(events::UnpackPayload(*parsed, out).ok());
  CHECK(out.area_id() == "a-1");
  CHECK(out.assessment().d() == 252);

  safeloop::events::v1::AreaLevelChanged wrong;
  CHECK(events::UnpackPayload(*parsed, wrong).code() == StatusCode::kInvalidArgument);
  auto headers = events::EnvelopeHeaders(*parsed);
  CHECK(headers[0] == std::make_pair(std::string("event_id"), env.event_id()));
}

TEST_CASE("garbage is not an envelope") {
  CHECK_FALSE(events::ParseEnvelope("\xff\xff\xff garbage").ok());
  CHECK_FALSE(events::ParseEnvelope("").ok());  // no event id
}
