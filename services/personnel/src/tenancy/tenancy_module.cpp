// Placeholder wiring of the tenancy module: replaced by the module's real services.
#include "personnel_module.hpp"

namespace safeloop::personnel {
namespace {
class TenancyModule final : public PersonnelModule {
 public:
  std::vector<grpc::Service*> Services() override { return {}; }
  std::vector<std::string> HealthNames() const override { return {}; }
};
}  // namespace

std::unique_ptr<PersonnelModule> MakeTenancyModule(PersonnelContext&) { return std::make_unique<TenancyModule>(); }

}  // namespace safeloop::personnel
