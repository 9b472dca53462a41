#pragma once
// Calls to the risk service with gRPC's callback API: nothing here blocks the calling (cpprestsdk) thread.
// Each call forwards the caller's token and request id as metadata and carries a deadline; `done` runs on a
// gRPC thread with the response or the mapped Status (field from the trailing metadata).

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "safeloop/core/status.hpp"
#include "safeloop/risk/v1/risk.grpc.pb.h"

namespace safeloop::gateway {

namespace riskpb = ::safeloop::risk::v1;

/// Who is calling: forwarded as `authorization: Bearer <token>` and `x-request-id`.
struct CallMeta {
  std::string token;
  std::string request_id;
};

template <typename T>
using Done = std::function<void(Result<T>)>;

/// A channel to a backend service (risk, personnel, …) that reconnects quickly (≤ 1 s back-off) and never
/// idles out, so /healthz and the first call after a quiet period do not pay for a reconnect.
std::shared_ptr<grpc::Channel> MakeBackendChannel(const std::string& address);

class RiskClient {
 public:
  /// Uses `channel` for the RiskService stub and the health check.
  RiskClient(std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds deadline);
  /// Tests: any stub (fake); no health check channel.
  RiskClient(std::unique_ptr<riskpb::RiskService::StubInterface> stub, std::chrono::milliseconds deadline);
  ~RiskClient();

  void CreatePlantMap(const CallMeta& meta, riskpb::CreatePlantMapRequest request, Done<riskpb::PlantMap> done);
  void ListPlantMaps(const CallMeta& meta, riskpb::ListPlantMapsRequest request,
                     Done<riskpb::ListPlantMapsResponse> done);
  void CreateArea(const CallMeta& meta, riskpb::CreateAreaRequest request, Done<riskpb::Area> done);
  void ListAreas(const CallMeta& meta, riskpb::ListAreasRequest request, Done<riskpb::ListAreasResponse> done);
  void CreateRiskPoint(const CallMeta& meta, riskpb::CreateRiskPointRequest request, Done<riskpb::RiskPoint> done);
  void GetRiskPoint(const CallMeta& meta, riskpb::GetRiskPointRequest request, Done<riskpb::RiskPoint> done);
  void ListRiskPoints(const CallMeta& meta, riskpb::ListRiskPointsRequest request,
                      Done<riskpb::ListRiskPointsResponse> done);
  void AssessLec(const CallMeta& meta, riskpb::AssessLecRequest request, Done<riskpb::LecAssessment> done);
  void ListAssessments(const CallMeta& meta, riskpb::ListAssessmentsRequest request,
                       Done<riskpb::ListAssessmentsResponse> done);
  void GetScoringSettings(const CallMeta& meta, riskpb::GetScoringSettingsRequest request,
                          Done<riskpb::ScoringSettings> done);
  void UpdateScoringSettings(const CallMeta& meta, riskpb::UpdateScoringSettingsRequest request,
                             Done<riskpb::ScoringSettings> done);
  void GetRiskMap(const CallMeta& meta, riskpb::GetRiskMapRequest request, Done<riskpb::RiskMapView> done);

  /// grpc.health.v1.Health/Check of the risk service (1 s deadline): OK when SERVING, or when the server
  /// answers but has no health service (UNIMPLEMENTED: it is up); UNAVAILABLE with the reason otherwise.
  void CheckHealth(std::function<void(Status)> done);

 private:
  template <typename Request, typename Response, typename Invoke>
  void Call(const CallMeta& meta, Request request, Done<Response> done, Invoke invoke);

  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<riskpb::RiskService::StubInterface> stub_;
  std::unique_ptr<grpc::GenericStub> generic_;
  std::chrono::milliseconds deadline_;
};

}  // namespace safeloop::gateway
