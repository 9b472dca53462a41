#pragma once
// Helpers of the qualification integration tests: people inserted as the schema owner (the tenancy module
// that owns people is built in parallel), calls through the real gRPC stubs with the error field read
// back from the trailers, and dates relative to today in Beijing.

#include "../personnel_harness.hpp"
#include "safeloop/personnel/v1/qualification.grpc.pb.h"
#include "safeloop/personnel_domain/certificates.hpp"
#include "safeloop/rpc/status.hpp"

namespace safeloop::personnel::testing {

namespace v1 = safeloop::personnel::v1;
namespace pd = safeloop::personnel_domain;

/// A person of `t` (person_type employee|intern|outsourced|visitor, status active|left).
inline std::string AddPerson(PersonnelHarness& h, const TestTenant& t, const std::string& name,
                             const std::string& person_type = "employee", const std::string& status = "active") {
  const std::string id = NewUuidV7();
  pqxx::connection conn(h.config().pg_url);
  pqxx::work tx(conn);
  tx.exec_params("INSERT INTO personnel.person (id, enterprise_id, unit_id, employee_no, name, gender, person_type, "
                 "status, left_on) VALUES ($1, $2, $3, $4, $5, 'male', $6, $7, "
                 "CASE WHEN $7 = 'left' THEN current_date END)",
                 id, t.enterprise_id, t.root_unit_id, "E-" + id.substr(24), name, person_type, status);
  tx.commit();
  return id;
}

/// One unary call with `token`; the Status carries the error field from the trailers.
template <typename Stub, typename Req, typename Resp>
Status Invoke(Stub& stub, grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
              const std::string& token, const Req& req, Resp& resp) {
  grpc::ClientContext ctx;
  PersonnelHarness::Authorize(ctx, token);
  grpc::Status s = (stub.*method)(&ctx, req, &resp);
  return rpc::FromGrpcStatus(s, &ctx);
}

inline pd::Date Today() { return pd::ChinaDateOf(std::chrono::system_clock::now()); }
inline std::string DateText(pd::Date d) { return pd::FormatDate(d); }
inline pd::Date DaysFromToday(int n) { return Today() + std::chrono::days(n); }

/// Runs `sql` as the owner and returns the first column of the first row as a number.
inline long OwnerCount(PersonnelHarness& h, const std::string& sql, const std::string& param) {
  pqxx::connection conn(h.config().pg_url);
  pqxx::work tx(conn);
  return tx.exec_params1(sql, param)[0].as<long>();
}

}  // namespace safeloop::personnel::testing
