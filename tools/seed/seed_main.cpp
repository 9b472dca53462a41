// safeloop-seed: seeds the demo park through the services' gRPC APIs (the same validation and events as
// any client), logged in with the accounts `safeloop-personnel bootstrap-account` created:
//   personnel: both enterprises' organisation, people in every default role with their accounts,
//              certificates (some due soon) and a contractor; writes the demo accounts as JSON;
//   risk:      the demo plant map, areas and LEC-assessed risk points of the first enterprise.
// Idempotent: what exists (matched by name, 工号, username) is kept; a point is assessed only once.
//   env: SAFELOOP_PERSONNEL_ADDR, SAFELOOP_RISK_ADDR, SAFELOOP_DEMO_PASSWORD (every demo account's),
//        SAFELOOP_DEMO_ACCOUNTS_FILE (where the accounts JSON goes)
#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <iostream>
#include <map>
#include <sstream>

#include "demo_plant.hpp"
#include "personnel_seed.hpp"
#include "risk_model_seed.hpp"
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

  /// Returns the demo map's id.
  std::string Run() {
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
    return map_id;
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

std::shared_ptr<grpc::Channel> Connect(const safeloop::HostPort& address, const char* what) {
  auto channel = grpc::CreateChannel(address.ToString(), grpc::InsecureChannelCredentials());
  if (!channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(30))) {
    throw std::runtime_error(std::string(what) + " at " + address.ToString() + " is not reachable");
  }
  return channel;
}

void WriteAccounts(const std::string& path, const std::vector<safeloop::seed::DemoAccount>& accounts) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : accounts) {
    out.push_back({{"username", a.username},
                   {"password", a.password},
                   {"role", a.role},
                   {"role_name", a.role_name},
                   {"enterprise", a.enterprise},
                   {"enterprise_id", a.enterprise_id}});
  }
  std::string tmp = path + ".tmp";
  {
    std::ofstream file(tmp, std::ios::trunc);
    file << out.dump(2) << "\n";
    if (!file) throw std::runtime_error("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot write " + path);
}

}  // namespace

int main() {
  try {
    namespace seed = safeloop::seed;
    safeloop::EnvReader env;
    auto personnel_addr = env.Address("SAFELOOP_PERSONNEL_ADDR", std::string("127.0.0.1:50052"));
    auto risk_addr = env.Address("SAFELOOP_RISK_ADDR", std::string("127.0.0.1:50051"));
    std::string password = env.String("SAFELOOP_DEMO_PASSWORD");
    std::string accounts_file = env.String("SAFELOOP_DEMO_ACCOUNTS_FILE");
    env.Finish();
    auto personnel = Connect(personnel_addr, "personnel service");
    auto risk = Connect(risk_addr, "risk service");

    std::string admin = seed::Login(personnel, seed::kDemoAdmin, password);
    seed::PersonnelSeeder first(personnel, admin, password);
    auto accounts = first.Run(seed::kDemoUnits, seed::kDemoPeople, seed::kDemoCertificates, true);
    seed::PersonnelSeeder second(personnel, seed::Login(personnel, seed::kSecondAdmin, password), password);
    for (auto& a : second.Run(seed::kSecondUnits, seed::kSecondPeople, {}, false)) accounts.push_back(std::move(a));
    seed::Login(personnel, seed::kParkSupervisor, password);  // proves the regulator account works
    accounts.push_back({seed::kParkSupervisor, password, "park_supervisor", "园区监管员", seed::kParkName, ""});
    WriteAccounts(accounts_file, accounts);
    std::cout << "personnel: " << first.created() + second.created() << " records created, " << accounts.size()
              << " demo accounts in " << accounts_file << "\n";

    std::string map_id = Seeder(risk, admin).Run();
    seed::RiskModelSeeder model(risk, personnel, admin);
    model.Run(map_id);
    std::cout << "risk model: " << model.created() << " records created (objects, units, profiles, events, "
              << "JHA/SCL assessments)\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "safeloop-seed: " << e.what() << '\n';
    return 1;
  }
}
