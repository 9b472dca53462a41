#pragma once
// gRPC adapters of the tenancy module: authenticate and authorise (rpc::HandleCall), validate the request,
// call the store. No SQL here.

#include "safeloop/personnel/v1/org.grpc.pb.h"
#include "safeloop/personnel/v1/people.grpc.pb.h"
#include "safeloop/personnel/v1/tenancy.grpc.pb.h"
#include "safeloop/rpc/call_context.hpp"
#include "tenancy/enterprise_store.hpp"
#include "tenancy/org_store.hpp"
#include "tenancy/people_store.hpp"

namespace safeloop::personnel::tenancy {

class GrpcTenancyService final : public v1::TenancyService::Service {
 public:
  GrpcTenancyService(EnterpriseStore& store, rpc::CallGuard guard) : store_(store), guard_(guard) {}

  grpc::Status GetMyEnterprise(grpc::ServerContext*, const v1::GetMyEnterpriseRequest*, v1::Enterprise*) override;
  grpc::Status UpdateMyEnterprise(grpc::ServerContext*, const v1::UpdateMyEnterpriseRequest*, v1::Enterprise*) override;
  grpc::Status ListParkEnterprises(grpc::ServerContext*, const v1::ListParkEnterprisesRequest*,
                                   v1::ListParkEnterprisesResponse*) override;
  grpc::Status GetParkEnterprise(grpc::ServerContext*, const v1::GetParkEnterpriseRequest*, v1::Enterprise*) override;
  grpc::Status UpdateParkEnterprise(grpc::ServerContext*, const v1::UpdateParkEnterpriseRequest*,
                                    v1::Enterprise*) override;

 private:
  EnterpriseStore& store_;
  rpc::CallGuard guard_;
};

class GrpcOrgService final : public v1::OrgService::Service {
 public:
  GrpcOrgService(OrgStore& store, rpc::CallGuard guard) : store_(store), guard_(guard) {}

  grpc::Status GetOrgTree(grpc::ServerContext*, const v1::GetOrgTreeRequest*, v1::OrgTree*) override;
  grpc::Status CreateUnit(grpc::ServerContext*, const v1::CreateUnitRequest*, v1::OrgUnit*) override;
  grpc::Status UpdateUnit(grpc::ServerContext*, const v1::UpdateUnitRequest*, v1::OrgUnit*) override;
  grpc::Status MoveUnit(grpc::ServerContext*, const v1::MoveUnitRequest*, v1::OrgUnit*) override;
  grpc::Status CloseUnit(grpc::ServerContext*, const v1::CloseUnitRequest*, v1::OrgUnit*) override;
  grpc::Status ReopenUnit(grpc::ServerContext*, const v1::ReopenUnitRequest*, v1::OrgUnit*) override;
  grpc::Status ListUnitHistory(grpc::ServerContext*, const v1::ListUnitHistoryRequest*,
                               v1::ListUnitHistoryResponse*) override;

 private:
  OrgStore& store_;
  rpc::CallGuard guard_;
};

class GrpcPeopleService final : public v1::PeopleService::Service {
 public:
  GrpcPeopleService(PeopleStore& store, rpc::CallGuard guard, const Clock& clock)
      : store_(store), guard_(guard), clock_(clock) {}

  grpc::Status ListPeople(grpc::ServerContext*, const v1::ListPeopleRequest*, v1::ListPeopleResponse*) override;
  grpc::Status GetPerson(grpc::ServerContext*, const v1::GetPersonRequest*, v1::Person*) override;
  grpc::Status CreatePerson(grpc::ServerContext*, const v1::CreatePersonRequest*, v1::Person*) override;
  grpc::Status UpdatePerson(grpc::ServerContext*, const v1::UpdatePersonRequest*, v1::Person*) override;
  grpc::Status MarkPersonLeft(grpc::ServerContext*, const v1::MarkPersonLeftRequest*, v1::Person*) override;
  grpc::Status DownloadPeopleTemplate(grpc::ServerContext*, const v1::DownloadPeopleTemplateRequest*,
                                      v1::XlsxFile*) override;
  grpc::Status ImportPeople(grpc::ServerContext*, const v1::ImportPeopleRequest*, v1::ImportPeopleResponse*) override;
  grpc::Status ExportPeople(grpc::ServerContext*, const v1::ExportPeopleRequest*, v1::XlsxFile*) override;

 private:
  PeopleStore& store_;
  rpc::CallGuard guard_;
  const Clock& clock_;
};

}  // namespace safeloop::personnel::tenancy
