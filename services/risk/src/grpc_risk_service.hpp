#pragma once
// gRPC adapter of the risk service: authenticate and authorise (rpc::HandleCall), validate the request,
// call the store, map the answer. No SQL here, no protos below here.

#include "pg_risk_store.hpp"
#include "safeloop/risk/v1/risk.grpc.pb.h"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::risk {

class GrpcRiskService final : public v1::RiskService::Service {
 public:
  GrpcRiskService(PgRiskStore& store, rpc::CallGuard guard) : store_(store), guard_(guard) {}

  grpc::Status CreatePlantMap(grpc::ServerContext*, const v1::CreatePlantMapRequest*, v1::PlantMap*) override;
  grpc::Status ListPlantMaps(grpc::ServerContext*, const v1::ListPlantMapsRequest*, v1::ListPlantMapsResponse*) override;
  grpc::Status CreateArea(grpc::ServerContext*, const v1::CreateAreaRequest*, v1::Area*) override;
  grpc::Status ListAreas(grpc::ServerContext*, const v1::ListAreasRequest*, v1::ListAreasResponse*) override;
  grpc::Status CreateRiskPoint(grpc::ServerContext*, const v1::CreateRiskPointRequest*, v1::RiskPoint*) override;
  grpc::Status GetRiskPoint(grpc::ServerContext*, const v1::GetRiskPointRequest*, v1::RiskPoint*) override;
  grpc::Status ListRiskPoints(grpc::ServerContext*, const v1::ListRiskPointsRequest*, v1::ListRiskPointsResponse*) override;
  grpc::Status AssessLec(grpc::ServerContext*, const v1::AssessLecRequest*, v1::LecAssessment*) override;
  grpc::Status ListAssessments(grpc::ServerContext*, const v1::ListAssessmentsRequest*, v1::ListAssessmentsResponse*) override;
  grpc::Status GetScoringSettings(grpc::ServerContext*, const v1::GetScoringSettingsRequest*, v1::ScoringSettings*) override;
  grpc::Status UpdateScoringSettings(grpc::ServerContext*, const v1::UpdateScoringSettingsRequest*, v1::ScoringSettings*) override;
  grpc::Status GetRiskMap(grpc::ServerContext*, const v1::GetRiskMapRequest*, v1::RiskMapView*) override;

 private:
  PgRiskStore& store_;
  rpc::CallGuard guard_;
};

}  // namespace safeloop::risk
