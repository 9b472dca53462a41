// safeloop-bench-map-latency: how far the live four-colour map trails an assessment (DESIGN §4: at most 1 s).
// Against a running risk service (tools/stack start or tools/up), for a fresh enterprise: N assessments that
// flip one area between 重大 and 低; for each, the time from the AssessLec call to the Redis pub/sub message
// carrying the new level, split into the RPC, the outbox relay (row created → acknowledged by Kafka) and
// the rest (Kafka → projector → Redis). Bounded: N ≤ 1000, 5 s per sample at most.
//   env: SAFELOOP_RISK_ADDR, SAFELOOP_REDIS_ADDR, SAFELOOP_PG_URL, SAFELOOP_JWT_* (signing key)
//   args: [samples=200]
#include <grpcpp/grpcpp.h>
#include <pqxx/pqxx>

#include <algorithm>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "safeloop/auth/jwt.hpp"
#include "safeloop/cache/redis.hpp"
#include "safeloop/core/uuid.hpp"
#include "safeloop/risk/v1/risk.grpc.pb.h"

namespace v1 = safeloop::risk::v1;
using Clock = std::chrono::steady_clock;

namespace {

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto index = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(index, v.size() - 1)];
}

void Report(const char* name, const std::vector<double>& ms) {
  std::printf("%-28s p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  max %7.1f ms\n", name, Percentile(ms, 0.5),
              Percentile(ms, 0.95), Percentile(ms, 0.99), Percentile(ms, 1.0));
}

template <typename Req, typename Resp, typename Method>
Resp Call(v1::RiskService::Stub& stub, Method method, const Req& req, const std::string& token) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + token);
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  Resp resp;
  auto s = (stub.*method)(&ctx, req, &resp);
  if (!s.ok()) throw std::runtime_error(s.error_message());
  return resp;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    int samples = argc > 1 ? std::clamp(std::atoi(argv[1]), 1, 1000) : 200;
    safeloop::EnvReader env;
    auto risk_addr = env.Address("SAFELOOP_RISK_ADDR");
    auto redis_addr = env.Address("SAFELOOP_REDIS_ADDR");
    auto pg_url = env.String("SAFELOOP_PG_URL");
    auto jwt = safeloop::auth::JwtConfig::FromEnv(env, safeloop::auth::JwtKeyUse::kSign);
    env.Finish();

    safeloop::SystemClock clock;
    auto signer = safeloop::auth::JwtSigner::Create(jwt, clock);
    if (!signer.ok()) throw std::runtime_error(signer.status().ToString());
    const std::string enterprise = safeloop::NewUuidV7();
    auto token = signer->Issue({.subject = "bench",
                                .enterprise_id = enterprise,
                                .park_id = safeloop::NewUuidV7(),
                                .roles = {"admin"},
                                .perms = {"*"},
                                .ttl = std::chrono::hours(1)});
    if (!token.ok()) throw std::runtime_error(token.status().ToString());

    auto stub = v1::RiskService::NewStub(grpc::CreateChannel(risk_addr.ToString(), grpc::InsecureChannelCredentials()));
    v1::CreatePlantMapRequest map_req;
    map_req.set_name("延迟测试");
    map_req.set_image_url("/images/demo-plant.svg");
    map_req.set_width(1200);
    map_req.set_height(800);
    auto map = Call<v1::CreatePlantMapRequest, v1::PlantMap>(*stub, &v1::RiskService::Stub::CreatePlantMap, map_req, *token);
    v1::CreateAreaRequest area_req;
    area_req.set_map_id(map.id());
    area_req.set_name("测试区");
    for (auto [x, y] : {std::pair{10.0, 10.0}, {100.0, 10.0}, {100.0, 100.0}}) {
      auto* p = area_req.add_polygon();
      p->set_x(x);
      p->set_y(y);
    }
    auto area = Call<v1::CreateAreaRequest, v1::Area>(*stub, &v1::RiskService::Stub::CreateArea, area_req, *token);
    v1::CreateRiskPointRequest point_req;
    point_req.set_area_id(area.id());
    point_req.set_name("测试点");
    auto point = Call<v1::CreateRiskPointRequest, v1::RiskPoint>(*stub, &v1::RiskService::Stub::CreateRiskPoint, point_req, *token);

    std::mutex mutex;
    std::condition_variable changed;
    int last_level = 0;
    Clock::time_point last_change;
    safeloop::cache::RedisSubscriber subscriber(
        {redis_addr}, {"safeloop:" + enterprise + ":riskmap:changes"},
        [&](const std::string&, const std::string& payload) {
          auto now = Clock::now();
          std::lock_guard lock(mutex);
          last_level = nlohmann::json::parse(payload)["level"].get<int>();
          last_change = now;
          changed.notify_all();
        });
    auto subscribe_deadline = Clock::now() + std::chrono::seconds(5);
    while (!subscriber.subscribed() && Clock::now() < subscribe_deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));

    std::vector<double> total_ms, rpc_ms, relay_ms, rest_ms;
    pqxx::connection pg(pg_url);
    int missed = 0;
    for (int i = 0; i < samples; ++i) {
      bool major = i % 2 == 0;
      v1::AssessLecRequest req;
      req.set_risk_point_id(point.id());
      req.set_l(major ? 10 : 0.5);
      req.set_e(major ? 6 : 1);
      req.set_c(major ? 40 : 1);
      int expected = major ? 1 : 4;
      auto start = Clock::now();
      Call<v1::AssessLecRequest, v1::LecAssessment>(*stub, &v1::RiskService::Stub::AssessLec, req, *token);
      auto rpc_done = Clock::now();
      std::unique_lock lock(mutex);
      if (!changed.wait_for(lock, std::chrono::seconds(5), [&] { return last_level == expected; })) {
        ++missed;
        continue;
      }
      auto seen = last_change;
      lock.unlock();
      pqxx::work tx(pg);
      auto row = tx.exec_params1(
          "SELECT EXTRACT(EPOCH FROM published_at - created_at) * 1000 FROM risk.outbox "
          "WHERE record_key = $1 AND topic = 'safeloop.risk.assessment.v1' ORDER BY id DESC LIMIT 1",
          point.id());
      double relay = row[0].is_null() ? 0 : row[0].as<double>();
      double total = std::chrono::duration<double, std::milli>(seen - start).count();
      double rpc = std::chrono::duration<double, std::milli>(rpc_done - start).count();
      total_ms.push_back(total);
      rpc_ms.push_back(rpc);
      relay_ms.push_back(relay);
      rest_ms.push_back(std::max(0.0, total - rpc - relay));
    }
    std::printf("map latency over %d assessments (%d missed the 5 s bound)\n", samples, missed);
    Report("AssessLec RPC", rpc_ms);
    Report("outbox relay (to Kafka ack)", relay_ms);
    Report("Kafka → projector → Redis", rest_ms);
    Report("assessment → map change", total_ms);
    std::printf("map_latency p50_ms=%.1f p99_ms=%.1f max_ms=%.1f missed=%d\n", Percentile(total_ms, 0.5),
                Percentile(total_ms, 0.99), Percentile(total_ms, 1.0), missed);
    return missed == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "safeloop-bench-map-latency: " << e.what() << '\n';
    return 1;
  }
}
