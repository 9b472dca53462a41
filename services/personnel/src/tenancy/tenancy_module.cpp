// Wiring of the tenancy module: parks and enterprises, the org tree, people (+ .xlsx import/export).
#include "personnel_module.hpp"
#include "tenancy/grpc_tenancy_services.hpp"

namespace safeloop::personnel {
namespace {

class TenancyModule final : public PersonnelModule {
 public:
  explicit TenancyModule(PersonnelContext& context)
      : enterprises_(context.pool, context.clock),
        org_(context.pool, context.clock),
        people_(context.pool, context.clock),
        tenancy_service_(enterprises_, context.guard),
        org_service_(org_, context.guard),
        people_service_(people_, context.guard, context.clock) {}

  std::vector<grpc::Service*> Services() override { return {&tenancy_service_, &org_service_, &people_service_}; }
  std::vector<std::string> HealthNames() const override {
    return {"safeloop.personnel.v1.TenancyService", "safeloop.personnel.v1.OrgService",
            "safeloop.personnel.v1.PeopleService"};
  }

 private:
  tenancy::EnterpriseStore enterprises_;
  tenancy::OrgStore org_;
  tenancy::PeopleStore people_;
  tenancy::GrpcTenancyService tenancy_service_;
  tenancy::GrpcOrgService org_service_;
  tenancy::GrpcPeopleService people_service_;
};

}  // namespace

std::unique_ptr<PersonnelModule> MakeTenancyModule(PersonnelContext& context) {
  return std::make_unique<TenancyModule>(context);
}

}  // namespace safeloop::personnel
