#pragma once
// gRPC adapter of contractors: authenticate and authorise (rpc::HandleCall), validate, call the store.

#include "pg_contractor_store.hpp"
#include "safeloop/personnel/v1/qualification.grpc.pb.h"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::personnel::qualification {

class GrpcContractorService final : public v1::ContractorService::Service {
 public:
  GrpcContractorService(PgContractorStore& store, rpc::CallGuard guard, const Clock& clock)
      : store_(store), guard_(guard), clock_(clock) {}

  grpc::Status CreateCompany(grpc::ServerContext*, const v1::CreateCompanyRequest*, v1::ContractorCompany*) override;
  grpc::Status GetCompany(grpc::ServerContext*, const v1::GetCompanyRequest*, v1::ContractorCompany*) override;
  grpc::Status ListCompanies(grpc::ServerContext*, const v1::ListCompaniesRequest*, v1::ListCompaniesResponse*) override;
  grpc::Status UpdateCompany(grpc::ServerContext*, const v1::UpdateCompanyRequest*, v1::ContractorCompany*) override;
  grpc::Status ReviewCompany(grpc::ServerContext*, const v1::ReviewCompanyRequest*, v1::ContractorCompany*) override;
  grpc::Status CreateTeam(grpc::ServerContext*, const v1::CreateTeamRequest*, v1::ContractorTeam*) override;
  grpc::Status ListTeams(grpc::ServerContext*, const v1::ListTeamsRequest*, v1::ListTeamsResponse*) override;
  grpc::Status CreateStaff(grpc::ServerContext*, const v1::CreateStaffRequest*, v1::ContractorStaff*) override;
  grpc::Status GetStaff(grpc::ServerContext*, const v1::GetStaffRequest*, v1::ContractorStaff*) override;
  grpc::Status ListStaff(grpc::ServerContext*, const v1::ListStaffRequest*, v1::ListStaffResponse*) override;
  grpc::Status SetStaffTeam(grpc::ServerContext*, const v1::SetStaffTeamRequest*, v1::ContractorStaff*) override;
  grpc::Status ReviewStaff(grpc::ServerContext*, const v1::ReviewStaffRequest*, v1::ContractorStaff*) override;
  grpc::Status RecordViolation(grpc::ServerContext*, const v1::RecordViolationRequest*, v1::Violation*) override;
  grpc::Status ListViolations(grpc::ServerContext*, const v1::ListViolationsRequest*,
                              v1::ListViolationsResponse*) override;
  grpc::Status GetViolationImage(grpc::ServerContext*, const v1::GetViolationImageRequest*, v1::ViolationImage*) override;
  grpc::Status AddToBlacklist(grpc::ServerContext*, const v1::AddToBlacklistRequest*, v1::BlacklistEntry*) override;
  grpc::Status LiftBlacklist(grpc::ServerContext*, const v1::LiftBlacklistRequest*, v1::BlacklistEntry*) override;
  grpc::Status ListBlacklist(grpc::ServerContext*, const v1::ListBlacklistRequest*, v1::ListBlacklistResponse*) override;

 private:
  PgContractorStore& store_;
  rpc::CallGuard guard_;
  const Clock& clock_;
};

}  // namespace safeloop::personnel::qualification
