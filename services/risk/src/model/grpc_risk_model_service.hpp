#pragma once
// gRPC adapter of the risk model chain: validates input, checks permissions (risk.point.read / write),
// calls the stores. No SQL here.

#include "model/event_store.hpp"
#include "model/object_store.hpp"
#include "safeloop/risk/v1/risk_model.grpc.pb.h"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::risk::model {

class GrpcRiskModelService final : public v1::RiskModelService::Service {
 public:
  GrpcRiskModelService(ObjectStore& objects, EventStore& events, rpc::CallGuard guard, const Clock& clock)
      : objects_(objects), events_(events), guard_(guard), clock_(clock) {}

  grpc::Status CreateRiskObject(grpc::ServerContext*, const v1::CreateRiskObjectRequest*, v1::RiskObject*) override;
  grpc::Status UpdateRiskObject(grpc::ServerContext*, const v1::UpdateRiskObjectRequest*, v1::RiskObject*) override;
  grpc::Status DeleteRiskObject(grpc::ServerContext*, const v1::DeleteRiskObjectRequest*, v1::RiskObject*) override;
  grpc::Status ListRiskObjects(grpc::ServerContext*, const v1::ListRiskObjectsRequest*,
                               v1::ListRiskObjectsResponse*) override;
  grpc::Status CreateRiskUnit(grpc::ServerContext*, const v1::CreateRiskUnitRequest*, v1::RiskUnit*) override;
  grpc::Status UpdateRiskUnit(grpc::ServerContext*, const v1::UpdateRiskUnitRequest*, v1::RiskUnit*) override;
  grpc::Status DeleteRiskUnit(grpc::ServerContext*, const v1::DeleteRiskUnitRequest*, v1::RiskUnit*) override;
  grpc::Status ListRiskUnits(grpc::ServerContext*, const v1::ListRiskUnitsRequest*, v1::ListRiskUnitsResponse*) override;
  grpc::Status GetRiskPointProfile(grpc::ServerContext*, const v1::GetRiskPointProfileRequest*,
                                   v1::RiskPointProfile*) override;
  grpc::Status UpdateRiskPointProfile(grpc::ServerContext*, const v1::UpdateRiskPointProfileRequest*,
                                      v1::RiskPointProfile*) override;
  grpc::Status CreateRiskEvent(grpc::ServerContext*, const v1::CreateRiskEventRequest*, v1::RiskEvent*) override;
  grpc::Status UpdateRiskEvent(grpc::ServerContext*, const v1::UpdateRiskEventRequest*, v1::RiskEvent*) override;
  grpc::Status DeleteRiskEvent(grpc::ServerContext*, const v1::DeleteRiskEventRequest*, v1::RiskEvent*) override;
  grpc::Status ListRiskEvents(grpc::ServerContext*, const v1::ListRiskEventsRequest*,
                              v1::ListRiskEventsResponse*) override;
  grpc::Status ListAccidentTypes(grpc::ServerContext*, const v1::ListAccidentTypesRequest*,
                                 v1::ListAccidentTypesResponse*) override;

 private:
  /// The accident-type list in force today (China time).
  std::string CurrentAccidentTypeVersion() const;

  ObjectStore& objects_;
  EventStore& events_;
  rpc::CallGuard guard_;
  const Clock& clock_;
};

}  // namespace safeloop::risk::model
