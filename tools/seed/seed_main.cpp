// safeloop-seed: seeds the demo plant through the risk service's gRPC API (the same validation and
// events as any client). Idempotent: existing maps, areas and points (matched by name) are kept, and a
// point is assessed only when it has no assessment yet.
//   env: SAFELOOP_RISK_ADDR, SAFELOOP_TOKEN or SAFELOOP_TOKEN_FILE (a token of the demo enterprise)
#include <grpcpp/grpcpp.h>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "demo_plant.hpp"
#include "safeloop/core/config.hpp"
#include "safeloop/risk/v1/risk.grpc.pb.h"

namespace v1 = safeloop::risk::v1;

namespace {

class Seeder {
 public:
  Seeder(std::shared_ptr<grpc::Channel> channel, std::string token)
      : stub_(v1::RiskService::NewStub(std::move(channel))), token_(std::move(token)) {}

  template <typename Req, typename Resp, typename Method>
  Resp Call(Method method, const Req& req, const char* what) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token_);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    Resp resp;
    grpc::Status s = ((*stub_).*method)(&ctx, req, &resp);
    if (!s.ok()) throw std::runtime_error(std::string(what) + ": " + s.error_message());
    return resp;
  }

  void Run() {
    namespace seed = safeloop::seed;
    auto maps = Call<v1::ListPlantMapsRequest, v1::ListPlantMapsResponse>(&v1::RiskService::Stub::ListPlantMaps, {},
                                                                         "list maps");
    std::string map_id;
    for (const auto& m : maps.maps()) {
      if (m.name() == seed::kDemoMapName) map_id = m.id();
    }
    if (map_id.empty()) {
      v1::CreatePlantMapRequest req;
      req.set_name(seed::kDemoMapName);
      req.set_image_url(seed::kDemoMapImage);
      req.set_width(seed::kDemoMapWidth);
      req.set_height(seed::kDemoMapHeight);
      map_id = Call<v1::CreatePlantMapRequest, v1::PlantMap>(&v1::RiskService::Stub::CreatePlantMap, req, "create map").id();
      ++created_;
    }
    v1::ListAreasRequest list_areas;
    list_areas.set_map_id(map_id);
    std::map<std::string, std::string> area_ids;
    const auto areas =
        Call<v1::ListAreasRequest, v1::ListAreasResponse>(&v1::RiskService::Stub::ListAreas, list_areas, "list areas");
    for (const auto& a : areas.areas()) {
      area_ids[a.name()] = a.id();
    }
    for (const auto& area : seed::DemoAreas()) {
      if (!area_ids.count(area.name)) {
        v1::CreateAreaRequest req;
        req.set_map_id(map_id);
        req.set_name(area.name);
        for (auto [x, y] : {std::pair{area.x0, area.y0}, {area.x1, area.y0}, {area.x1, area.y1}, {area.x0, area.y1}}) {
          auto* p = req.add_polygon();
          p->set_x(x);
          p->set_y(y);
        }
        area_ids[area.name] = Call<v1::CreateAreaRequest, v1::Area>(&v1::RiskService::Stub::CreateArea, req, "create area").id();
        ++created_;
      }
      SeedPoints(area_ids[area.name], area.points);
    }
    std::cout << "demo plant seeded: map " << map_id << ", " << created_ << " records created, " << assessed_
              << " assessments recorded" << (created_ == 0 && assessed_ == 0 ? " (already complete, nothing changed)" : "")
              << '\n';
  }

 private:
  void SeedPoints(const std::string& area_id, const std::vector<safeloop::seed::DemoPoint>& points) {
    v1::ListRiskPointsRequest list;
    list.set_area_id(area_id);
    std::map<std::string, v1::RiskPoint> existing;
    const auto listed = Call<v1::ListRiskPointsRequest, v1::ListRiskPointsResponse>(
        &v1::RiskService::Stub::ListRiskPoints, list, "list risk points");
    for (const auto& p : listed.risk_points()) {
      existing[p.name()] = p;
    }
    for (const auto& point : points) {
      v1::RiskPoint rp;
      if (auto it = existing.find(point.name); it != existing.end()) {
        rp = it->second;
      } else {
        v1::CreateRiskPointRequest req;
        req.set_area_id(area_id);
        req.set_name(point.name);
        req.set_description(point.description);
        rp = Call<v1::CreateRiskPointRequest, v1::RiskPoint>(&v1::RiskService::Stub::CreateRiskPoint, req, "create point");
        ++created_;
      }
      if (rp.has_latest_assessment()) continue;
      v1::AssessLecRequest req;
      req.set_risk_point_id(rp.id());
      req.set_l(point.l);
      req.set_e(point.e);
      req.set_c(point.c);
      req.set_note(point.note);
      Call<v1::AssessLecRequest, v1::LecAssessment>(&v1::RiskService::Stub::AssessLec, req, "assess");
      ++assessed_;
    }
  }

  std::unique_ptr<v1::RiskService::Stub> stub_;
  std::string token_;
  int created_ = 0;
  int assessed_ = 0;
};

std::string ReadToken(safeloop::EnvReader& env) {
  std::string token = env.String("SAFELOOP_TOKEN", std::string());
  if (!token.empty()) return token;
  std::string file = env.String("SAFELOOP_TOKEN_FILE");
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read SAFELOOP_TOKEN_FILE " + file);
  std::getline(in, token);
  return token;
}

}  // namespace

int main() {
  try {
    safeloop::EnvReader env;
    auto address = env.Address("SAFELOOP_RISK_ADDR", std::string("127.0.0.1:50051"));
    std::string token = ReadToken(env);
    env.Finish();
    auto channel = grpc::CreateChannel(address.ToString(), grpc::InsecureChannelCredentials());
    if (!channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(30))) {
      std::cerr << "safeloop-seed: risk service at " << address.ToString() << " is not reachable\n";
      return 1;
    }
    Seeder(channel, token).Run();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "safeloop-seed: " << e.what() << '\n';
    return 1;
  }
}
