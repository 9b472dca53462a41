#include "model/grpc_risk_model_service.hpp"

#include "model/model_validation.hpp"
#include "risk_validation.hpp"
#include "safeloop/core/china_date.hpp"
#include "safeloop/auth/permissions.hpp"
#include "safeloop/risk_domain/accident_types.hpp"

namespace safeloop::risk::model {
namespace {

namespace perm = auth::permission;

// Moves a store's answer into the response message, or passes its error on.
template <typename T>
Status Fill(Result<T> result, T& out) {
  if (!result.ok()) return result.status();
  out = std::move(*result);
  return Status::Ok();
}

template <typename T, typename Items>
Status FillList(Result<std::vector<T>> result, Items& out) {
  if (!result.ok()) return result.status();
  for (auto& item : *result) *out.Add() = std::move(item);
  return Status::Ok();
}

}  // namespace

std::string GrpcRiskModelService::CurrentAccidentTypeVersion() const {
  return std::string(AccidentTypeVersionOn(std::chrono::year_month_day(ChinaDateOf(clock_.Now()))));
}

grpc::Status GrpcRiskModelService::CreateRiskObject(grpc::ServerContext* ctx, const v1::CreateRiskObjectRequest* req,
                                                    v1::RiskObject* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(ValidateObject(req->name(), req->hazard_code(), req->department_id(),
                                            req->liable_person_id(), req->description()));
    return Fill(objects_.CreateObject(ActorOf(call), *req), *resp);
  });
}

grpc::Status GrpcRiskModelService::UpdateRiskObject(grpc::ServerContext* ctx, const v1::UpdateRiskObjectRequest* req,
                                                    v1::RiskObject* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->object_id(), "object_id"));
    SAFELOOP_RETURN_IF_ERROR(ValidateObject(req->name(), req->hazard_code(), req->department_id(),
                                            req->liable_person_id(), req->description()));
    return Fill(objects_.UpdateObject(ActorOf(call), *req), *resp);
  });
}

grpc::Status GrpcRiskModelService::DeleteRiskObject(grpc::ServerContext* ctx, const v1::DeleteRiskObjectRequest* req,
                                                    v1::RiskObject* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->object_id(), "object_id"));
    return Fill(objects_.DeleteObject(ActorOf(call), req->object_id(), req->version()), *resp);
  });
}

grpc::Status GrpcRiskModelService::ListRiskObjects(grpc::ServerContext* ctx, const v1::ListRiskObjectsRequest* req,
                                                   v1::ListRiskObjectsResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointRead, [&](const rpc::CallContext& call) -> Status {
    return FillList(objects_.ListObjects(ActorOf(call), req->include_deleted()), *resp->mutable_items());
  });
}

grpc::Status GrpcRiskModelService::CreateRiskUnit(grpc::ServerContext* ctx, const v1::CreateRiskUnitRequest* req,
                                                  v1::RiskUnit* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    if (req->parent_id().empty()) {
      SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->object_id(), "object_id"));
    } else {
      SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->parent_id(), "parent_id"));
      if (!req->object_id().empty()) SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->object_id(), "object_id"));
    }
    SAFELOOP_RETURN_IF_ERROR(ValidateUnit(req->name(), req->seq(), req->department_id(), req->liable_person_id()));
    return Fill(objects_.CreateUnit(ActorOf(call), *req), *resp);
  });
}

grpc::Status GrpcRiskModelService::UpdateRiskUnit(grpc::ServerContext* ctx, const v1::UpdateRiskUnitRequest* req,
                                                  v1::RiskUnit* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->unit_id(), "unit_id"));
    SAFELOOP_RETURN_IF_ERROR(ValidateUnit(req->name(), req->seq(), req->department_id(), req->liable_person_id()));
    return Fill(objects_.UpdateUnit(ActorOf(call), *req), *resp);
  });
}

grpc::Status GrpcRiskModelService::DeleteRiskUnit(grpc::ServerContext* ctx, const v1::DeleteRiskUnitRequest* req,
                                                  v1::RiskUnit* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->unit_id(), "unit_id"));
    return Fill(objects_.DeleteUnit(ActorOf(call), req->unit_id(), req->version()), *resp);
  });
}

grpc::Status GrpcRiskModelService::ListRiskUnits(grpc::ServerContext* ctx, const v1::ListRiskUnitsRequest* req,
                                                 v1::ListRiskUnitsResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointRead, [&](const rpc::CallContext& call) -> Status {
    if (!req->object_id().empty()) SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->object_id(), "object_id"));
    return FillList(objects_.ListUnits(ActorOf(call), req->object_id(), req->include_deleted()),
                    *resp->mutable_items());
  });
}

grpc::Status GrpcRiskModelService::GetRiskPointProfile(grpc::ServerContext* ctx,
                                                       const v1::GetRiskPointProfileRequest* req,
                                                       v1::RiskPointProfile* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->risk_point_id(), "risk_point_id"));
    return Fill(events_.GetProfile(ActorOf(call), req->risk_point_id()), *resp);
  });
}

grpc::Status GrpcRiskModelService::UpdateRiskPointProfile(grpc::ServerContext* ctx,
                                                          const v1::UpdateRiskPointProfileRequest* req,
                                                          v1::RiskPointProfile* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    v1::UpdateRiskPointProfileRequest resolved = *req;
    if (resolved.accident_type_version().empty()) resolved.set_accident_type_version(CurrentAccidentTypeVersion());
    SAFELOOP_RETURN_IF_ERROR(ValidateProfile(resolved));
    return Fill(events_.UpdateProfile(ActorOf(call), resolved), *resp);
  });
}

grpc::Status GrpcRiskModelService::CreateRiskEvent(grpc::ServerContext* ctx, const v1::CreateRiskEventRequest* req,
                                                   v1::RiskEvent* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->risk_point_id(), "risk_point_id"));
    SAFELOOP_RETURN_IF_ERROR(ValidateEvent(req->name(), req->seq(), req->step(), req->standard(), req->hazard(),
                                           req->consequence(), req->measures()));
    for (const auto& m : req->measures()) {
      if (!m.id().empty()) return InvalidArgument("a new risk event's measures have no id", "measures.id");
    }
    return Fill(events_.CreateEvent(ActorOf(call), *req, CurrentAccidentTypeVersion()), *resp);
  });
}

grpc::Status GrpcRiskModelService::UpdateRiskEvent(grpc::ServerContext* ctx, const v1::UpdateRiskEventRequest* req,
                                                   v1::RiskEvent* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->event_id(), "event_id"));
    SAFELOOP_RETURN_IF_ERROR(ValidateEvent(req->name(), req->seq(), req->step(), req->standard(), req->hazard(),
                                           req->consequence(), req->measures()));
    return Fill(events_.UpdateEvent(ActorOf(call), *req, CurrentAccidentTypeVersion()), *resp);
  });
}

grpc::Status GrpcRiskModelService::DeleteRiskEvent(grpc::ServerContext* ctx, const v1::DeleteRiskEventRequest* req,
                                                   v1::RiskEvent* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->event_id(), "event_id"));
    return Fill(events_.DeleteEvent(ActorOf(call), req->event_id(), req->version()), *resp);
  });
}

grpc::Status GrpcRiskModelService::ListRiskEvents(grpc::ServerContext* ctx, const v1::ListRiskEventsRequest* req,
                                                  v1::ListRiskEventsResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->risk_point_id(), "risk_point_id"));
    return FillList(events_.ListEvents(ActorOf(call), req->risk_point_id(), req->include_deleted()),
                    *resp->mutable_items());
  });
}

grpc::Status GrpcRiskModelService::ListAccidentTypes(grpc::ServerContext* ctx, const v1::ListAccidentTypesRequest*,
                                                     v1::ListAccidentTypesResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointRead, [&](const rpc::CallContext&) -> Status {
    for (const auto& list : AccidentTypeLists()) {
      auto* out = resp->add_lists();
      out->set_version(std::string(list.version));
      if (list.in_force_from) out->set_in_force_from(FormatDate(std::chrono::sys_days(*list.in_force_from)));
      for (const auto& t : list.types) out->add_names(std::string(t.name));
    }
    resp->set_current_version(CurrentAccidentTypeVersion());
    return Status::Ok();
  });
}

}  // namespace safeloop::risk::model
