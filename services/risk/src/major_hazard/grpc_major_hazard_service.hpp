#pragma once
// gRPC adapter of major hazard installations (risk.point.read / risk.point.write).

#include "major_hazard/major_hazard_store.hpp"
#include "safeloop/risk/v1/risk_major_hazard.grpc.pb.h"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::risk::major_hazard_module {

class GrpcMajorHazardService final : public v1::MajorHazardService::Service {
 public:
  GrpcMajorHazardService(MajorHazardStore& store, rpc::CallGuard guard) : store_(store), guard_(guard) {}

  grpc::Status SaveMajorHazardInstallation(grpc::ServerContext*, const v1::SaveMajorHazardInstallationRequest*,
                                           v1::MajorHazardInstallation*) override;
  grpc::Status DeleteMajorHazardInstallation(grpc::ServerContext*, const v1::DeleteMajorHazardInstallationRequest*,
                                             v1::MajorHazardInstallation*) override;
  grpc::Status ListMajorHazardInstallations(grpc::ServerContext*, const v1::ListMajorHazardInstallationsRequest*,
                                            v1::ListMajorHazardInstallationsResponse*) override;

 private:
  MajorHazardStore& store_;
  rpc::CallGuard guard_;
};

}  // namespace safeloop::risk::major_hazard_module
