#include "grpc_contractor_service.hpp"

#include "grpc_certificate_service.hpp"
#include "qualification_input.hpp"
#include "safeloop/personnel_domain/identifiers.hpp"

namespace safeloop::personnel::qualification {
namespace {

namespace perm = auth::permission;
namespace pd = personnel_domain;

template <typename Request>
Status ValidateCompanyFields(const Request& req) {
  SAFELOOP_RETURN_IF_ERROR(RequireText(req.name(), "name", 200));
  SAFELOOP_RETURN_IF_ERROR(OptionalText(req.contact_name(), "contact_name", 50));
  if (!req.contact_mobile().empty()) SAFELOOP_RETURN_IF_ERROR(pd::ValidateMobile(req.contact_mobile(), "contact_mobile"));
  SAFELOOP_RETURN_IF_ERROR(OptionalText(req.address(), "address", 200));
  if (req.documents_size() > 50) return InvalidArgument("资质证书不能超过50个", "documents");
  for (int i = 0; i < req.documents_size(); ++i) {
    const auto& d = req.documents(i);
    const std::string prefix = "documents[" + std::to_string(i) + "].";
    SAFELOOP_RETURN_IF_ERROR(RequireText(d.kind(), (prefix + "kind").c_str(), 50));
    SAFELOOP_RETURN_IF_ERROR(OptionalText(d.number(), (prefix + "number").c_str(), 64));
    SAFELOOP_RETURN_IF_ERROR(OptionalText(d.grade(), (prefix + "grade").c_str(), 50));
    SAFELOOP_RETURN_IF_ERROR(OptionalText(d.file_url(), (prefix + "file_url").c_str(), 1000));
    auto issued = OptionalDate(d.issued_on(), (prefix + "issued_on").c_str());
    if (!issued.ok()) return issued.status();
    auto expires = OptionalDate(d.expires_on(), (prefix + "expires_on").c_str());
    if (!expires.ok()) return expires.status();
    if (*issued && *expires && **expires <= **issued) {
      return InvalidArgument("资质有效期必须晚于发证日期", prefix + "expires_on");
    }
  }
  return Status::Ok();
}

// Rejections must say why; approvals may be silent.
Result<std::string> Decision(const std::string& decision, const std::string& comment) {
  auto d = ReviewDecision(decision, "decision");
  if (!d.ok()) return d.status();
  if (*d == "rejected") SAFELOOP_RETURN_IF_ERROR(RequireText(comment, "comment", 500));
  SAFELOOP_RETURN_IF_ERROR(OptionalText(comment, "comment", 500));
  return d;
}

}  // namespace

grpc::Status GrpcContractorService::CreateCompany(grpc::ServerContext* ctx, const v1::CreateCompanyRequest* req,
                                                  v1::ContractorCompany* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(ValidateCompanyFields(*req));
    SAFELOOP_RETURN_IF_ERROR(pd::ValidateCreditCode(req->credit_code(), "credit_code"));
    v1::ContractorCompany input;
    input.set_name(req->name());
    input.set_credit_code(req->credit_code());
    input.set_contact_name(req->contact_name());
    input.set_contact_mobile(req->contact_mobile());
    input.set_address(req->address());
    *input.mutable_documents() = req->documents();
    auto c = store_.CreateCompany(ActorOf(call), input);
    if (!c.ok()) return c.status();
    *resp = std::move(*c);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::GetCompany(grpc::ServerContext* ctx, const v1::GetCompanyRequest* req,
                                               v1::ContractorCompany* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->company_id(), "company_id"));
    auto c = store_.GetCompany(ActorOf(call), req->company_id());
    if (!c.ok()) return c.status();
    *resp = std::move(*c);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::ListCompanies(grpc::ServerContext* ctx, const v1::ListCompaniesRequest* req,
                                                  v1::ListCompaniesResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorRead, [&](const rpc::CallContext& call) -> Status {
    const auto& s = req->review_status();
    if (!s.empty() && s != "pending" && s != "approved" && s != "rejected") {
      return InvalidArgument("review_status 必须是 pending、approved 或 rejected", "review_status");
    }
    SAFELOOP_RETURN_IF_ERROR(OptionalText(req->name_contains(), "name_contains", 100));
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->page().page_token(), "page.page_token"));
    auto list = store_.ListCompanies(ActorOf(call), {s, req->name_contains(), req->usable_only(),
                                                     req->page().page_token(), PageSize(req->page().page_size())});
    if (!list.ok()) return list.status();
    *resp = std::move(*list);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::UpdateCompany(grpc::ServerContext* ctx, const v1::UpdateCompanyRequest* req,
                                                  v1::ContractorCompany* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->company_id(), "company_id"));
    if (req->version() <= 0) return InvalidArgument("version 必须是读取到的版本号", "version");
    SAFELOOP_RETURN_IF_ERROR(ValidateCompanyFields(*req));
    v1::ContractorCompany input;
    input.set_company_id(req->company_id());
    input.set_name(req->name());
    input.set_contact_name(req->contact_name());
    input.set_contact_mobile(req->contact_mobile());
    input.set_address(req->address());
    *input.mutable_documents() = req->documents();
    auto c = store_.UpdateCompany(ActorOf(call), input, req->version());
    if (!c.ok()) return c.status();
    *resp = std::move(*c);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::ReviewCompany(grpc::ServerContext* ctx, const v1::ReviewCompanyRequest* req,
                                                  v1::ContractorCompany* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorReview, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->company_id(), "company_id"));
    auto decision = Decision(req->decision(), req->comment());
    if (!decision.ok()) return decision.status();
    auto c = store_.ReviewCompany(ActorOf(call), req->company_id(), *decision, req->comment());
    if (!c.ok()) return c.status();
    *resp = std::move(*c);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::CreateTeam(grpc::ServerContext* ctx, const v1::CreateTeamRequest* req,
                                               v1::ContractorTeam* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->company_id(), "company_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireText(req->name(), "name", 100));
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->leader_person_id(), "leader_person_id"));
    auto t = store_.CreateTeam(ActorOf(call), req->company_id(), req->name(), req->leader_person_id());
    if (!t.ok()) return t.status();
    *resp = std::move(*t);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::ListTeams(grpc::ServerContext* ctx, const v1::ListTeamsRequest* req,
                                              v1::ListTeamsResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->company_id(), "company_id"));
    auto list = store_.ListTeams(ActorOf(call), req->company_id());
    if (!list.ok()) return list.status();
    *resp = std::move(*list);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::CreateStaff(grpc::ServerContext* ctx, const v1::CreateStaffRequest* req,
                                                v1::ContractorStaff* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->company_id(), "company_id"));
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->team_id(), "team_id"));
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->unit_id(), "unit_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireText(req->name(), "name", 50));
    if (req->gender() != "male" && req->gender() != "female") {
      return InvalidArgument("gender 必须是 male 或 female", "gender");
    }
    if (!req->mobile().empty()) SAFELOOP_RETURN_IF_ERROR(pd::ValidateMobile(req->mobile(), "mobile"));
    if (!req->id_number().empty()) SAFELOOP_RETURN_IF_ERROR(pd::ValidateIdNumber(req->id_number(), "id_number"));
    SAFELOOP_RETURN_IF_ERROR(OptionalText(req->work_type(), "work_type", 50));
    SAFELOOP_RETURN_IF_ERROR(OptionalText(req->employee_no(), "employee_no", 50));
    auto s = store_.CreateStaff(ActorOf(call), *req);
    if (!s.ok()) return s.status();
    *resp = std::move(*s);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::GetStaff(grpc::ServerContext* ctx, const v1::GetStaffRequest* req,
                                             v1::ContractorStaff* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->person_id(), "person_id"));
    auto s = store_.GetStaff(ActorOf(call), req->person_id());
    if (!s.ok()) return s.status();
    *resp = std::move(*s);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::ListStaff(grpc::ServerContext* ctx, const v1::ListStaffRequest* req,
                                              v1::ListStaffResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->company_id(), "company_id"));
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->team_id(), "team_id"));
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->page().page_token(), "page.page_token"));
    const auto& s = req->review_status();
    if (!s.empty() && s != "pending" && s != "approved" && s != "rejected") {
      return InvalidArgument("review_status 必须是 pending、approved 或 rejected", "review_status");
    }
    auto list = store_.ListStaff(ActorOf(call), {req->company_id(), req->team_id(), s, req->page().page_token(),
                                                 PageSize(req->page().page_size())});
    if (!list.ok()) return list.status();
    *resp = std::move(*list);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::SetStaffTeam(grpc::ServerContext* ctx, const v1::SetStaffTeamRequest* req,
                                                 v1::ContractorStaff* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->person_id(), "person_id"));
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->team_id(), "team_id"));
    auto s = store_.SetStaffTeam(ActorOf(call), req->person_id(), req->team_id());
    if (!s.ok()) return s.status();
    *resp = std::move(*s);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::ReviewStaff(grpc::ServerContext* ctx, const v1::ReviewStaffRequest* req,
                                                v1::ContractorStaff* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorReview, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->person_id(), "person_id"));
    auto decision = Decision(req->decision(), req->comment());
    if (!decision.ok()) return decision.status();
    auto s = store_.ReviewStaff(ActorOf(call), req->person_id(), *decision, req->comment());
    if (!s.ok()) return s.status();
    *resp = std::move(*s);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::RecordViolation(grpc::ServerContext* ctx, const v1::RecordViolationRequest* req,
                                                    v1::Violation* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kViolationWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->person_id(), "person_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireText(req->place(), "place", 200));
    SAFELOOP_RETURN_IF_ERROR(RequireText(req->description(), "description", 2000));
    auto at = OptionalInstant(req->occurred_at(), "occurred_at");
    if (!at.ok()) return at.status();
    const auto now = clock_.Now();
    if (*at && **at > now + std::chrono::minutes(5)) return InvalidArgument("违章时间不能晚于现在", "occurred_at");
    ViolationInput input{req->person_id(), at->value_or(now), req->place(), req->description(), {}, {}, {}};
    if (!req->photo().empty()) {
      auto type = ImageContentType(req->photo(), "photo", false);
      if (!type.ok()) return type.status();
      input.photo = req->photo();
      input.photo_type = *type;
    }
    if (!req->signature_png().empty()) {
      auto type = ImageContentType(req->signature_png(), "signature_png", true);
      if (!type.ok()) return type.status();
      input.signature_png = req->signature_png();
    }
    auto v = store_.RecordViolation(ActorOf(call), input);
    if (!v.ok()) return v.status();
    *resp = std::move(*v);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::ListViolations(grpc::ServerContext* ctx, const v1::ListViolationsRequest* req,
                                                   v1::ListViolationsResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->person_id(), "person_id"));
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->company_id(), "company_id"));
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->page().page_token(), "page.page_token"));
    auto list = store_.ListViolations(ActorOf(call), req->person_id(), req->company_id(), req->page().page_token(),
                                      PageSize(req->page().page_size()));
    if (!list.ok()) return list.status();
    *resp = std::move(*list);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::GetViolationImage(grpc::ServerContext* ctx, const v1::GetViolationImageRequest* req,
                                                      v1::ViolationImage* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->violation_id(), "violation_id"));
    if (req->role() != "photo" && req->role() != "signature") {
      return InvalidArgument("role 必须是 photo 或 signature", "role");
    }
    auto image = store_.GetViolationImage(ActorOf(call), req->violation_id(), req->role());
    if (!image.ok()) return image.status();
    *resp = std::move(*image);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::AddToBlacklist(grpc::ServerContext* ctx, const v1::AddToBlacklistRequest* req,
                                                   v1::BlacklistEntry* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kBlacklistWrite, [&](const rpc::CallContext& call) -> Status {
    if (req->subject_kind() != "company" && req->subject_kind() != "person") {
      return InvalidArgument("subject_kind 必须是 company 或 person", "subject_kind");
    }
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->subject_id(), "subject_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireText(req->reason(), "reason", 500));
    auto from = OptionalInstant(req->from(), "from");
    if (!from.ok()) return from.status();
    auto until = OptionalInstant(req->until(), "until");
    if (!until.ok()) return until.status();
    const TimePoint start = from->value_or(clock_.Now());
    if (*until && **until <= start) return InvalidArgument("截止时间必须晚于开始时间", "until");
    auto entry = store_.AddToBlacklist(ActorOf(call), {req->subject_kind(), req->subject_id(), req->reason(), start, *until});
    if (!entry.ok()) return entry.status();
    *resp = std::move(*entry);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::LiftBlacklist(grpc::ServerContext* ctx, const v1::LiftBlacklistRequest* req,
                                                  v1::BlacklistEntry* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kBlacklistWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->entry_id(), "entry_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireText(req->reason(), "reason", 500));
    auto entry = store_.LiftBlacklist(ActorOf(call), req->entry_id(), req->reason());
    if (!entry.ok()) return entry.status();
    *resp = std::move(*entry);
    return Status::Ok();
  });
}

grpc::Status GrpcContractorService::ListBlacklist(grpc::ServerContext* ctx, const v1::ListBlacklistRequest* req,
                                                  v1::ListBlacklistResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kContractorRead, [&](const rpc::CallContext& call) -> Status {
    const auto& kind = req->subject_kind();
    if (!kind.empty() && kind != "company" && kind != "person") {
      return InvalidArgument("subject_kind 必须是 company 或 person", "subject_kind");
    }
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->subject_id(), "subject_id"));
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->page().page_token(), "page.page_token"));
    auto list = store_.ListBlacklist(ActorOf(call), kind, req->subject_id(), req->active_only(),
                                     req->page().page_token(), PageSize(req->page().page_size()));
    if (!list.ok()) return list.status();
    *resp = std::move(*list);
    return Status::Ok();
  });
}

}  // namespace safeloop::personnel::qualification
