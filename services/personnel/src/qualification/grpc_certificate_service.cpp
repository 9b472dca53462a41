#include "grpc_certificate_service.hpp"

#include "qualification_input.hpp"

namespace safeloop::personnel::qualification {
namespace {

namespace perm = auth::permission;
namespace pd = personnel_domain;

// The fields create and update share.
template <typename Request>
Result<CertificateInput> InputOf(const Request& req) {
  SAFELOOP_RETURN_IF_ERROR(RequireText(req.number(), "number", 64));
  SAFELOOP_RETURN_IF_ERROR(OptionalText(req.issuing_authority(), "issuing_authority", 100));
  auto issued = RequireDate(req.issued_on(), "issued_on");
  if (!issued.ok()) return issued.status();
  auto expires = OptionalDate(req.expires_on(), "expires_on");
  if (!expires.ok()) return expires.status();
  auto reviewed = OptionalDate(req.last_review_on(), "last_review_on");
  if (!reviewed.ok()) return reviewed.status();
  CertificateInput input;
  input.number = req.number();
  input.issuing_authority = req.issuing_authority();
  input.issued_on = *issued;
  input.expires_on = *expires;
  input.last_review_on = *reviewed;
  input.review_extended = req.review_extended();
  return input;
}

}  // namespace

Actor ActorOf(const rpc::CallContext& call) {
  const auto& c = call.caller;
  return {c.ent, c.park, c.sub, call.request_id, tenancy::DataScope::FromClaims(c)};
}

grpc::Status GrpcCertificateService::ListCertificateTypes(grpc::ServerContext* ctx,
                                                          const v1::ListCertificateTypesRequest* req,
                                                          v1::ListCertificateTypesResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kCertificateRead, [&](const rpc::CallContext& call) -> Status {
    if (!req->kind().empty() && !pd::ParseCertificateKind(req->kind())) {
      return InvalidArgument("kind 必须是 special_operation、safety_training、special_equipment 或 special_training", "kind");
    }
    auto types = store_.ListTypes(ActorOf(call), req->kind());
    if (!types.ok()) return types.status();
    for (auto& t : *types) *resp->add_types() = std::move(t);
    return Status::Ok();
  });
}

grpc::Status GrpcCertificateService::ListCertificates(grpc::ServerContext* ctx, const v1::ListCertificatesRequest* req,
                                                      v1::ListCertificatesResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kCertificateRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->person_id(), "person_id"));
    SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req->page().page_token(), "page.page_token"));
    CertificateFilter filter;
    filter.person_id = req->person_id();
    filter.type_code = req->type_code();
    if (!req->status().empty()) {
      filter.status = pd::ParseCertificateStatus(req->status());
      if (!filter.status) return InvalidArgument("未知的证书状态 " + req->status(), "status");
    }
    if (req->due_within_days() < 0 || req->due_within_days() > 3650) {
      return InvalidArgument("due_within_days 必须在 0..3650 之间", "due_within_days");
    }
    filter.due_within_days = req->due_within_days();
    filter.page_token = req->page().page_token();
    filter.page_size = PageSize(req->page().page_size());
    auto list = store_.List(ActorOf(call), filter);
    if (!list.ok()) return list.status();
    *resp = std::move(*list);
    return Status::Ok();
  });
}

grpc::Status GrpcCertificateService::GetCertificate(grpc::ServerContext* ctx, const v1::GetCertificateRequest* req,
                                                    v1::Certificate* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kCertificateRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->certificate_id(), "certificate_id"));
    auto c = store_.Get(ActorOf(call), req->certificate_id());
    if (!c.ok()) return c.status();
    *resp = std::move(*c);
    return Status::Ok();
  });
}

grpc::Status GrpcCertificateService::CreateCertificate(grpc::ServerContext* ctx,
                                                       const v1::CreateCertificateRequest* req, v1::Certificate* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kCertificateWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->person_id(), "person_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireText(req->type_code(), "type_code", 64));
    auto input = InputOf(*req);
    if (!input.ok()) return input.status();
    input->person_id = req->person_id();
    input->type_code = req->type_code();
    auto c = store_.Create(ActorOf(call), *input);
    if (!c.ok()) return c.status();
    *resp = std::move(*c);
    return Status::Ok();
  });
}

grpc::Status GrpcCertificateService::UpdateCertificate(grpc::ServerContext* ctx,
                                                       const v1::UpdateCertificateRequest* req, v1::Certificate* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kCertificateWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->certificate_id(), "certificate_id"));
    if (req->version() <= 0) return InvalidArgument("version 必须是读取到的版本号", "version");
    auto input = InputOf(*req);
    if (!input.ok()) return input.status();
    auto c = store_.Update(ActorOf(call), req->certificate_id(), req->version(), *input);
    if (!c.ok()) return c.status();
    *resp = std::move(*c);
    return Status::Ok();
  });
}

grpc::Status GrpcCertificateService::RecordReview(grpc::ServerContext* ctx, const v1::RecordReviewRequest* req,
                                                  v1::Certificate* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kCertificateWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->certificate_id(), "certificate_id"));
    auto on = RequireDate(req->reviewed_on(), "reviewed_on");
    if (!on.ok()) return on.status();
    if (req->result() != "pass" && req->result() != "fail") return InvalidArgument("result 必须是 pass 或 fail", "result");
    SAFELOOP_RETURN_IF_ERROR(OptionalText(req->note(), "note", 500));
    auto c = store_.RecordReview(ActorOf(call), req->certificate_id(), *on, req->result() == "pass", req->note());
    if (!c.ok()) return c.status();
    *resp = std::move(*c);
    return Status::Ok();
  });
}

grpc::Status GrpcCertificateService::RevokeCertificate(grpc::ServerContext* ctx,
                                                       const v1::RevokeCertificateRequest* req, v1::Certificate* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kCertificateWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->certificate_id(), "certificate_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireText(req->reason(), "reason", 500));
    auto c = store_.Revoke(ActorOf(call), req->certificate_id(), req->reason());
    if (!c.ok()) return c.status();
    *resp = std::move(*c);
    return Status::Ok();
  });
}

grpc::Status GrpcCertificateService::ListReminders(grpc::ServerContext* ctx, const v1::ListRemindersRequest*,
                                                   v1::ListRemindersResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kCertificateRead, [&](const rpc::CallContext& call) -> Status {
    auto list = store_.Reminders(ActorOf(call));
    if (!list.ok()) return list.status();
    *resp = std::move(*list);
    return Status::Ok();
  });
}

}  // namespace safeloop::personnel::qualification
