#pragma once
// The personnel service is three modules behind one gRPC server and one schema:
//   tenancy       parks, enterprises, the org tree, people (+ xlsx import/export)     src/tenancy/
//   identity      accounts, login, sessions, roles and permissions                    src/identity/
//   qualification certificates, contractors, blacklists, violations, "is P qualified"  src/qualification/
// Each module gets the shared infrastructure here and hands back its gRPC services and background jobs.

#include <grpcpp/grpcpp.h>
#include <prometheus/registry.h>

#include <memory>
#include <string>
#include <vector>

#include "personnel_config.hpp"
#include "safeloop/auth/jwt.hpp"
#include "safeloop/cache/redis.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::personnel {

/// What every module shares; everything outlives the modules.
struct PersonnelContext {
  const PersonnelConfig& config;
  const Clock& clock;
  db::ConnectionPool& pool;
  cache::RedisClient& redis;
  const auth::JwtSigner& signer;
  rpc::CallGuard guard;
  prometheus::Registry& metrics;
};

class PersonnelModule {
 public:
  virtual ~PersonnelModule() = default;
  /// gRPC services to register (owned by the module).
  virtual std::vector<grpc::Service*> Services() = 0;
  /// Full names for the health service, e.g. "safeloop.personnel.v1.OrgService".
  virtual std::vector<std::string> HealthNames() const = 0;
  /// Background jobs (reminders, expiry sweeps) start after the server is up and stop before it drains.
  virtual void Start() {}
  virtual void Stop() {}
};

std::unique_ptr<PersonnelModule> MakeTenancyModule(PersonnelContext& context);
std::unique_ptr<PersonnelModule> MakeIdentityModule(PersonnelContext& context);
std::unique_ptr<PersonnelModule> MakeQualificationModule(PersonnelContext& context);

}  // namespace safeloop::personnel
