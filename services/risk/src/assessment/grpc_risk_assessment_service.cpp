#include "assessment/grpc_risk_assessment_service.hpp"

#include "risk_validation.hpp"
#include "safeloop/core/china_date.hpp"
#include "safeloop/auth/permissions.hpp"
#include "safeloop/risk_domain/accident_types.hpp"

namespace safeloop::risk::assessment {
namespace perm = auth::permission;

grpc::Status GrpcRiskAssessmentService::AssessRiskPoint(grpc::ServerContext* ctx, const v1::AssessRiskPointRequest* req,
                                                        v1::PointAssessment* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskAssessmentWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->risk_point_id(), "risk_point_id"));
    SAFELOOP_RETURN_IF_ERROR(OptionalText(req->note(), "note", 1000));
    SAFELOOP_RETURN_IF_ERROR(OptionalText(req->record_no(), "record_no", 40));
    for (const auto* s : {&req->analyst(), &req->reviewer(), &req->approver()}) {
      SAFELOOP_RETURN_IF_ERROR(OptionalText(s->name(), "signature", 50));
    }
    auto today = std::chrono::year_month_day(ChinaDateOf(clock_.Now()));
    auto result = store_.Assess(ActorOf(call), *req, std::string(AccidentTypeVersionOn(today)));
    if (!result.ok()) return result.status();
    *resp = std::move(*result);
    return Status::Ok();
  });
}

grpc::Status GrpcRiskAssessmentService::ListPointAssessments(grpc::ServerContext* ctx,
                                                             const v1::ListPointAssessmentsRequest* req,
                                                             v1::ListPointAssessmentsResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskAssessmentRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->risk_point_id(), "risk_point_id"));
    auto result = store_.List(ActorOf(call), req->risk_point_id());
    if (!result.ok()) return result.status();
    for (auto& a : *result) *resp->add_items() = std::move(a);
    return Status::Ok();
  });
}

}  // namespace safeloop::risk::assessment
