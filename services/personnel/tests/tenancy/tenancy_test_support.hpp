#pragma once
// Helpers of the tenancy integration tests: call an RPC with a token and get a safeloop::Status back (field
// included), build units and people quickly, and look into personnel.outbox as the schema owner.

#include "../personnel_harness.hpp"
#include "safeloop/personnel/v1/org.grpc.pb.h"
#include "safeloop/personnel/v1/people.grpc.pb.h"
#include "safeloop/personnel/v1/tenancy.grpc.pb.h"
#include "safeloop/rpc/status.hpp"

namespace safeloop::personnel::testing {

/// Runs `fn(ctx)` (a stub call) with `token` and returns its outcome as a Status with the field trailer.
template <typename Fn>
Status Invoke(const std::string& token, Fn&& fn) {
  grpc::ClientContext ctx;
  PersonnelHarness::Authorize(ctx, token);
  grpc::Status s = fn(ctx);
  return rpc::FromGrpcStatus(s, &ctx);
}

struct TenancyClients {
  explicit TenancyClients(const std::shared_ptr<grpc::Channel>& channel)
      : tenancy(v1::TenancyService::NewStub(channel)),
        org(v1::OrgService::NewStub(channel)),
        people(v1::PeopleService::NewStub(channel)) {}

  v1::OrgUnit CreateUnit(const std::string& token, const std::string& parent, const std::string& kind,
                         const std::string& name) {
    v1::CreateUnitRequest req;
    req.set_parent_id(parent);
    req.set_kind(kind);
    req.set_name(name);
    v1::OrgUnit unit;
    Status s = Invoke(token, [&](grpc::ClientContext& ctx) { return org->CreateUnit(&ctx, req, &unit); });
    INFO(s.ToString());
    REQUIRE(s.ok());
    return unit;
  }

  v1::Person CreatePerson(const std::string& token, const std::string& unit, const std::string& employee_no,
                          const std::string& name) {
    v1::CreatePersonRequest req;
    auto* p = req.mutable_person();
    p->set_unit_id(unit);
    p->set_employee_no(employee_no);
    p->set_name(name);
    p->set_gender("male");
    p->set_person_type("employee");
    v1::Person person;
    Status s = Invoke(token, [&](grpc::ClientContext& ctx) { return people->CreatePerson(&ctx, req, &person); });
    INFO(s.ToString());
    REQUIRE(s.ok());
    return person;
  }

  std::unique_ptr<v1::TenancyService::Stub> tenancy;
  std::unique_ptr<v1::OrgService::Stub> org;
  std::unique_ptr<v1::PeopleService::Stub> people;
};

/// Outbox rows of one aggregate and topic, as the relay will see them.
inline long OutboxCount(PersonnelHarness& h, const std::string& enterprise_id, const std::string& topic,
                        const std::string& aggregate_id) {
  pqxx::connection conn(h.config().pg_url);
  pqxx::work tx(conn);
  return tx
      .exec_params1("SELECT count(*) FROM personnel.outbox WHERE enterprise_id = $1 AND topic = $2 AND record_key = $3",
                    enterprise_id, topic, aggregate_id)[0]
      .as<long>();
}

}  // namespace safeloop::personnel::testing
