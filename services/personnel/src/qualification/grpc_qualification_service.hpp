#pragma once
// gRPC adapter of "is person P qualified for requirement R at time T": loads the facts, asks
// personnel_domain::DecideQualification, maps the decision.

#include "pg_qualification_facts.hpp"
#include "safeloop/personnel/v1/qualification.grpc.pb.h"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::personnel::qualification {

inline constexpr int kMaxBatch = 200;

class GrpcQualificationService final : public v1::QualificationService::Service {
 public:
  GrpcQualificationService(PgQualificationFacts& facts, rpc::CallGuard guard, const Clock& clock, int warning_days)
      : facts_(facts), guard_(guard), clock_(clock), warning_days_(warning_days) {}

  grpc::Status CheckQualification(grpc::ServerContext*, const v1::CheckQualificationRequest*,
                                  v1::QualificationResult*) override;
  grpc::Status CheckQualifications(grpc::ServerContext*, const v1::CheckQualificationsRequest*,
                                   v1::CheckQualificationsResponse*) override;

 private:
  /// Validates requirement and at, loads and decides for every person in order.
  Status Check(const rpc::CallContext& call, const std::vector<std::string>& person_ids, const std::string& field,
               const std::string& requirement, const std::string& at,
               google::protobuf::RepeatedPtrField<v1::QualificationResult>& out);

  PgQualificationFacts& facts_;
  rpc::CallGuard guard_;
  const Clock& clock_;
  int warning_days_;
};

}  // namespace safeloop::personnel::qualification
