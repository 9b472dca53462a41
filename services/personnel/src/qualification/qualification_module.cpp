// Placeholder wiring of the qualification module: replaced by the module's real services.
#include "personnel_module.hpp"

namespace safeloop::personnel {
namespace {
class QualificationModule final : public PersonnelModule {
 public:
  std::vector<grpc::Service*> Services() override { return {}; }
  std::vector<std::string> HealthNames() const override { return {}; }
};
}  // namespace

std::unique_ptr<PersonnelModule> MakeQualificationModule(PersonnelContext&) { return std::make_unique<QualificationModule>(); }

}  // namespace safeloop::personnel
