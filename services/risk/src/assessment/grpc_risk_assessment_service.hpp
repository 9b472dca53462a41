#pragma once
// gRPC adapter of full point assessments (risk.assessment.write / read).

#include "assessment/assessment_store.hpp"
#include "safeloop/risk/v1/risk_assessment.grpc.pb.h"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::risk::assessment {

class GrpcRiskAssessmentService final : public v1::RiskAssessmentService::Service {
 public:
  GrpcRiskAssessmentService(AssessmentStore& store, rpc::CallGuard guard, const Clock& clock)
      : store_(store), guard_(guard), clock_(clock) {}

  grpc::Status AssessRiskPoint(grpc::ServerContext*, const v1::AssessRiskPointRequest*, v1::PointAssessment*) override;
  grpc::Status ListPointAssessments(grpc::ServerContext*, const v1::ListPointAssessmentsRequest*,
                                    v1::ListPointAssessmentsResponse*) override;

 private:
  AssessmentStore& store_;
  rpc::CallGuard guard_;
  const Clock& clock_;
};

}  // namespace safeloop::risk::assessment
