// Placeholder wiring of the identity module: replaced by the module's real services.
#include "personnel_module.hpp"

namespace safeloop::personnel {
namespace {
class IdentityModule final : public PersonnelModule {
 public:
  std::vector<grpc::Service*> Services() override { return {}; }
  std::vector<std::string> HealthNames() const override { return {}; }
};
}  // namespace

std::unique_ptr<PersonnelModule> MakeIdentityModule(PersonnelContext&) { return std::make_unique<IdentityModule>(); }

}  // namespace safeloop::personnel
