#include "tenancy/grpc_tenancy_services.hpp"

#include <algorithm>

#include "safeloop/personnel_domain/people_rules.hpp"
#include "tenancy/people_workbook.hpp"

namespace safeloop::personnel::tenancy {
namespace {

namespace perm = auth::permission;

Status ValidatePersonInput(const v1::PersonInput& in) {
  SAFELOOP_RETURN_IF_ERROR(RequireUuid(in.unit_id(), "person.unit_id"));
  if (!in.post_id().empty()) SAFELOOP_RETURN_IF_ERROR(RequireUuid(in.post_id(), "person.post_id"));
  personnel_domain::PersonFields f{in.employee_no(), in.name(),      in.gender(),
                                   in.title(),       in.professional_title(), in.work_type(),
                                   in.person_type(), in.special_operation(),  in.mobile(),
                                   in.id_number()};
  auto problems = personnel_domain::ValidatePersonFields(f);
  if (!problems.empty()) return InvalidArgument(problems.front().message, "person." + problems.front().field);
  return Status::Ok();
}

template <typename Request>
Result<PeopleFilter> FilterOf(const Request& req) {
  if (!req.unit_id().empty()) SAFELOOP_RETURN_IF_ERROR(RequireUuid(req.unit_id(), "unit_id"));
  if (!req.post_id().empty()) SAFELOOP_RETURN_IF_ERROR(RequireUuid(req.post_id(), "post_id"));
  if (!req.person_type().empty() && personnel_domain::LabelOf(personnel_domain::PersonTypes(), req.person_type()).empty()) {
    return InvalidArgument("person_type must be one of employee, intern, outsourced, visitor", "person_type");
  }
  if (!req.status().empty() && req.status() != "active" && req.status() != "left" && req.status() != "all") {
    return InvalidArgument("status must be active, left or all", "status");
  }
  SAFELOOP_RETURN_IF_ERROR(OptionalText(req.name_contains(), "name_contains", "姓名", 50));
  PeopleFilter f;
  f.unit_id = req.unit_id();
  f.include_subtree = req.include_subtree();
  f.name_contains = personnel_domain::TrimText(req.name_contains());
  f.person_type = req.person_type();
  if (req.has_special_operation()) f.special_operation = req.special_operation();
  f.status = req.status().empty() ? "active" : req.status();
  f.post_id = req.post_id();
  return f;
}

std::string ExportFilename(const Clock& clock) { return "人员导出-" + TodayInChina(clock) + ".xlsx"; }

}  // namespace

grpc::Status GrpcPeopleService::ListPeople(grpc::ServerContext* ctx, const v1::ListPeopleRequest* req,
                                           v1::ListPeopleResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kPersonRead, [&](const rpc::CallContext& call) -> Status {
    auto filter = FilterOf(*req);
    if (!filter.ok()) return filter.status();
    if (req->page_size() < 0) return InvalidArgument("page_size must not be negative", "page_size");
    int offset = 0;
    if (!req->page_token().empty()) {
      try {
        offset = std::stoi(req->page_token());
      } catch (const std::exception&) {
        offset = -1;
      }
      if (offset < 0) return InvalidArgument("page_token is not one this service issued", "page_token");
    }
    const int limit = req->page_size() == 0 ? 50 : std::min(req->page_size(), 500);
    return Fill(store_.List(ActorOf(call), DataScope::FromClaims(call.caller), *filter, offset, limit), *resp);
  });
}

grpc::Status GrpcPeopleService::GetPerson(grpc::ServerContext* ctx, const v1::GetPersonRequest* req, v1::Person* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kPersonRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->person_id(), "person_id"));
    return Fill(store_.Get(ActorOf(call), DataScope::FromClaims(call.caller), req->person_id()), *resp);
  });
}

grpc::Status GrpcPeopleService::CreatePerson(grpc::ServerContext* ctx, const v1::CreatePersonRequest* req,
                                             v1::Person* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kPersonWrite, [&](const rpc::CallContext& call) -> Status {
    if (!req->has_person()) return InvalidArgument("person is required", "person");
    SAFELOOP_RETURN_IF_ERROR(ValidatePersonInput(req->person()));
    return Fill(store_.Create(ActorOf(call), DataScope::FromClaims(call.caller), req->person()), *resp);
  });
}

grpc::Status GrpcPeopleService::UpdatePerson(grpc::ServerContext* ctx, const v1::UpdatePersonRequest* req,
                                             v1::Person* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kPersonWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->person_id(), "person_id"));
    if (!req->has_person()) return InvalidArgument("person is required", "person");
    SAFELOOP_RETURN_IF_ERROR(ValidatePersonInput(req->person()));
    if (req->version() <= 0) return InvalidArgument("version is required (the version you read)", "version");
    return Fill(store_.Update(ActorOf(call), DataScope::FromClaims(call.caller), req->person_id(), req->person(),
                              req->version()),
                *resp);
  });
}

grpc::Status GrpcPeopleService::MarkPersonLeft(grpc::ServerContext* ctx, const v1::MarkPersonLeftRequest* req,
                                               v1::Person* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kPersonWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->person_id(), "person_id"));
    SAFELOOP_RETURN_IF_ERROR(ValidateOptionalDate(req->left_on(), "left_on"));
    if (req->version() <= 0) return InvalidArgument("version is required (the version you read)", "version");
    return Fill(store_.MarkLeft(ActorOf(call), DataScope::FromClaims(call.caller), req->person_id(), req->left_on(),
                                req->version()),
                *resp);
  });
}

grpc::Status GrpcPeopleService::DownloadPeopleTemplate(grpc::ServerContext* ctx, const v1::DownloadPeopleTemplateRequest*,
                                                       v1::XlsxFile* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kPersonRead, [&](const rpc::CallContext& call) -> Status {
    auto bytes = store_.TemplateWorkbook(ActorOf(call));
    if (!bytes.ok()) return bytes.status();
    resp->set_filename("人员导入模板.xlsx");
    resp->set_xlsx(std::move(*bytes));
    return Status::Ok();
  });
}

grpc::Status GrpcPeopleService::ImportPeople(grpc::ServerContext* ctx, const v1::ImportPeopleRequest* req,
                                             v1::ImportPeopleResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kPersonWrite, [&](const rpc::CallContext& call) -> Status {
    if (req->xlsx().empty()) return InvalidArgument("xlsx is required (the .xlsx file's bytes)", "xlsx");
    auto sheet = ReadPeopleSheet(req->xlsx());
    if (!sheet.ok()) return sheet.status();
    return Fill(store_.Import(ActorOf(call), DataScope::FromClaims(call.caller), *sheet, req->dry_run()), *resp);
  });
}

grpc::Status GrpcPeopleService::ExportPeople(grpc::ServerContext* ctx, const v1::ExportPeopleRequest* req,
                                             v1::XlsxFile* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kPersonRead, [&](const rpc::CallContext& call) -> Status {
    auto filter = FilterOf(*req);
    if (!filter.ok()) return filter.status();
    auto bytes = store_.ExportWorkbook(ActorOf(call), DataScope::FromClaims(call.caller), *filter);
    if (!bytes.ok()) return bytes.status();
    resp->set_filename(ExportFilename(clock_));
    resp->set_xlsx(std::move(*bytes));
    return Status::Ok();
  });
}

}  // namespace safeloop::personnel::tenancy
