#include "grpc_qualification_service.hpp"

#include "grpc_certificate_service.hpp"
#include "qualification_input.hpp"

namespace safeloop::personnel::qualification {
namespace {

namespace pd = personnel_domain;

void ToProto(const pd::QualificationDecision& d, v1::QualificationResult& out) {
  out.set_qualified(d.qualified);
  for (const auto& r : d.reasons) {
    auto* reason = out.add_reasons();
    reason->set_code(r.code);
    reason->set_message(r.message);
  }
  if (d.certificate) {
    auto* c = out.mutable_certificate();
    c->set_certificate_id(d.certificate->id);
    c->set_type_code(d.certificate->type_code);
    c->set_number(d.certificate->number);
    if (d.certificate->dates.expires_on) c->set_expires_on(pd::FormatDate(*d.certificate->dates.expires_on));
    for (const auto& due : pd::DueDates(d.certificate->dates)) {
      if (due.kind == pd::DueDate::Kind::kReview) c->set_next_review_on(pd::FormatDate(due.on));
    }
    if (d.certificate_status) c->set_status(std::string(pd::CertificateStatusCode(*d.certificate_status)));
  }
}

}  // namespace

Status GrpcQualificationService::Check(const rpc::CallContext& call, const std::vector<std::string>& person_ids,
                                       const std::string& field, const std::string& requirement, const std::string& at,
                                       google::protobuf::RepeatedPtrField<v1::QualificationResult>& out) {
  // Requirements are the catalogue's codes; an unknown code is a caller's bug, not "unqualified".
  if (requirement.empty()) return InvalidArgument("requirement 不能为空", "requirement");
  if (requirement != pd::kOnSiteRequirement && pd::FindCertificateType(requirement) == nullptr) {
    return InvalidArgument("未知的资格要求 " + requirement + "（证书类型代码或 on_site）", "requirement");
  }
  auto when = OptionalInstant(at, "at");
  if (!when.ok()) return when.status();
  const TimePoint instant = when->value_or(clock_.Now());
  auto facts = facts_.Load(ActorOf(call), person_ids, field, field == "person_ids");
  if (!facts.ok()) return facts.status();
  for (const auto& person : *facts) {
    auto* result = out.Add();
    result->set_person_id(person.person_id);
    result->set_requirement(requirement);
    result->set_at(FormatRfc3339(instant));
    ToProto(pd::DecideQualification(person, requirement, instant, warning_days_), *result);
  }
  return Status::Ok();
}

grpc::Status GrpcQualificationService::CheckQualification(grpc::ServerContext* ctx,
                                                          const v1::CheckQualificationRequest* req,
                                                          v1::QualificationResult* resp) {
  return rpc::HandleCall(ctx, guard_, auth::permission::kQualificationRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->person_id(), "person_id"));
    google::protobuf::RepeatedPtrField<v1::QualificationResult> results;
    SAFELOOP_RETURN_IF_ERROR(Check(call, {req->person_id()}, "person_id", req->requirement(), req->at(), results));
    *resp = std::move(results[0]);
    return Status::Ok();
  });
}

grpc::Status GrpcQualificationService::CheckQualifications(grpc::ServerContext* ctx,
                                                           const v1::CheckQualificationsRequest* req,
                                                           v1::CheckQualificationsResponse* resp) {
  return rpc::HandleCall(ctx, guard_, auth::permission::kQualificationRead, [&](const rpc::CallContext& call) -> Status {
    if (req->person_ids_size() == 0) return InvalidArgument("person_ids 不能为空", "person_ids");
    if (req->person_ids_size() > kMaxBatch) {
      return InvalidArgument("person_ids 最多 " + std::to_string(kMaxBatch) + " 人", "person_ids");
    }
    std::vector<std::string> ids;
    for (int i = 0; i < req->person_ids_size(); ++i) {
      SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->person_ids(i), ("person_ids[" + std::to_string(i) + "]").c_str()));
      ids.push_back(req->person_ids(i));
    }
    return Check(call, ids, "person_ids", req->requirement(), req->at(), *resp->mutable_results());
  });
}

}  // namespace safeloop::personnel::qualification
