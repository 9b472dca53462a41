#pragma once
// Seeds one enterprise's organisation, people, accounts, certificates and contractor through the
// personnel gRPC API, logged in as that enterprise's administrator (created by
// `safeloop-personnel bootstrap-account`). Idempotent: units by path, people by 工号, accounts by
// username, certificates by (person, type), the contractor by name are kept when present.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "demo_people.hpp"

namespace safeloop::seed {

/// One line of var/<profile>/demo/accounts.json.
struct DemoAccount {
  std::string username;
  std::string password;
  std::string role;
  std::string role_name;
  std::string enterprise;
  std::string enterprise_id;
};

/// Username + password → access token (throws with the service's message on failure).
std::string Login(const std::shared_ptr<grpc::Channel>& personnel, const std::string& username,
                  const std::string& password);

class PersonnelSeeder {
 public:
  PersonnelSeeder(std::shared_ptr<grpc::Channel> personnel, std::string admin_token, std::string password);

  /// Units, then people with their accounts, then certificates and (with_contractor) the contractor.
  /// Returns the enterprise's accounts, the administrator's included.
  std::vector<DemoAccount> Run(const std::vector<DemoUnit>& units, const std::vector<DemoPerson>& people,
                               const std::vector<DemoCertificate>& certificates, bool with_contractor);
  int created() const { return created_; }

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
  int created_ = 0;
};

}  // namespace safeloop::seed
