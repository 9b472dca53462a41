// Wiring of the identity module: accounts, login and sessions, roles and permissions.
#include "auth_flows.hpp"
#include "grpc_account_service.hpp"
#include "grpc_auth_service.hpp"
#include "grpc_role_service.hpp"
#include "personnel_module.hpp"
#include "visitor_sweep.hpp"

namespace safeloop::personnel {
namespace {

class IdentityModule final : public PersonnelModule {
 public:
  explicit IdentityModule(PersonnelContext& c)
      : store_(c.pool, c.clock),
        issuer_(c.signer, c.config.access_ttl),
        revocations_(c.redis, c.config.access_ttl),
        flows_(store_, c.config, c.clock, issuer_, revocations_),
        auth_(flows_, c.guard),
        accounts_(store_, revocations_, c.clock, c.guard),
        roles_(store_, c.guard),
        sweep_(store_, revocations_, c.metrics) {}

  std::vector<grpc::Service*> Services() override { return {&auth_, &accounts_, &roles_}; }
  std::vector<std::string> HealthNames() const override {
    return {"safeloop.personnel.v1.AuthService", "safeloop.personnel.v1.AccountService",
            "safeloop.personnel.v1.RoleService"};
  }
  void Start() override { sweep_.Start(); }
  void Stop() override { sweep_.Stop(); }

 private:
  identity::PgIdentityStore store_;
  identity::TokenIssuer issuer_;
  identity::SessionRevocations revocations_;
  identity::AuthFlows flows_;
  identity::GrpcAuthService auth_;
  identity::GrpcAccountService accounts_;
  identity::GrpcRoleService roles_;
  identity::VisitorSweep sweep_;
};

}  // namespace

std::unique_ptr<PersonnelModule> MakeIdentityModule(PersonnelContext& context) {
  return std::make_unique<IdentityModule>(context);
}

}  // namespace safeloop::personnel
