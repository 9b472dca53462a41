#include "grpc_risk_service.hpp"

#include "proto_mapping.hpp"
#include "risk_validation.hpp"

namespace safeloop::risk {
namespace {

namespace perm = auth::permission;

std::vector<Vertex> VerticesOf(const google::protobuf::RepeatedPtrField<v1::Point2D>& points) {
  std::vector<Vertex> out;
  for (const auto& p : points) out.push_back({p.x(), p.y()});
  return out;
}

}  // namespace

grpc::Status GrpcRiskService::CreatePlantMap(grpc::ServerContext* ctx, const v1::CreatePlantMapRequest* req,
                                             v1::PlantMap* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskMapWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(ValidateMapInput(req->name(), req->image_url(), req->width(), req->height()));
    PlantMapRecord input{"", req->name(), req->image_url(), req->width(), req->height(), {}};
    auto map = store_.CreateMap(ActorOf(call), input);
    if (!map.ok()) return map.status();
    ToProto(*map, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcRiskService::ListPlantMaps(grpc::ServerContext* ctx, const v1::ListPlantMapsRequest*,
                                            v1::ListPlantMapsResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskMapRead, [&](const rpc::CallContext& call) -> Status {
    auto maps = store_.ListMaps(ActorOf(call));
    if (!maps.ok()) return maps.status();
    for (const auto& m : *maps) ToProto(m, *resp->add_maps());
    return Status::Ok();
  });
}

grpc::Status GrpcRiskService::CreateArea(grpc::ServerContext* ctx, const v1::CreateAreaRequest* req, v1::Area* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskMapWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->map_id(), "map_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireName(req->name(), "name", 100));
    auto area = store_.CreateArea(ActorOf(call), req->map_id(), req->name(), VerticesOf(req->polygon()));
    if (!area.ok()) return area.status();
    ToProto(*area, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcRiskService::ListAreas(grpc::ServerContext* ctx, const v1::ListAreasRequest* req,
                                        v1::ListAreasResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskMapRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->map_id(), "map_id"));
    auto areas = store_.ListAreas(ActorOf(call), req->map_id());
    if (!areas.ok()) return areas.status();
    for (const auto& a : *areas) ToProto(a, *resp->add_areas());
    return Status::Ok();
  });
}

grpc::Status GrpcRiskService::CreateRiskPoint(grpc::ServerContext* ctx, const v1::CreateRiskPointRequest* req,
                                              v1::RiskPoint* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->area_id(), "area_id"));
    SAFELOOP_RETURN_IF_ERROR(RequireName(req->name(), "name", 200));
    if (Utf8Length(req->description()) < 0) return InvalidArgument("description is not valid UTF-8", "description");
    if (Utf8Length(req->description()) > 2000) return InvalidArgument("description is longer than 2000 characters", "description");
    auto point = store_.CreateRiskPoint(ActorOf(call), req->area_id(), req->name(), req->description());
    if (!point.ok()) return point.status();
    ToProto(*point, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcRiskService::GetRiskPoint(grpc::ServerContext* ctx, const v1::GetRiskPointRequest* req,
                                           v1::RiskPoint* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->risk_point_id(), "risk_point_id"));
    auto point = store_.GetRiskPoint(ActorOf(call), req->risk_point_id());
    if (!point.ok()) return point.status();
    ToProto(*point, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcRiskService::ListRiskPoints(grpc::ServerContext* ctx, const v1::ListRiskPointsRequest* req,
                                             v1::ListRiskPointsResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->area_id(), "area_id"));
    auto points = store_.ListRiskPoints(ActorOf(call), req->area_id());
    if (!points.ok()) return points.status();
    for (const auto& p : *points) ToProto(p, *resp->add_risk_points());
    return Status::Ok();
  });
}

grpc::Status GrpcRiskService::AssessLec(grpc::ServerContext* ctx, const v1::AssessLecRequest* req,
                                        v1::LecAssessment* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskAssessmentWrite, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->risk_point_id(), "risk_point_id"));
    if (!req->has_l()) return InvalidArgument("l is required", "l");
    if (!req->has_e()) return InvalidArgument("e is required", "e");
    if (!req->has_c()) return InvalidArgument("c is required", "c");
    LecInput input{req->l(), req->e(), req->c()};
    SAFELOOP_RETURN_IF_ERROR(ValidateLec(input));
    if (Utf8Length(req->note()) < 0 || Utf8Length(req->note()) > 2000) {
      return InvalidArgument("note must be valid UTF-8 of at most 2000 characters", "note");
    }
    auto assessment = store_.AssessLec(ActorOf(call), req->risk_point_id(), input, req->note());
    if (!assessment.ok()) return assessment.status();
    ToProto(*assessment, *resp);
    return Status::Ok();
  });
}

grpc::Status GrpcRiskService::ListAssessments(grpc::ServerContext* ctx, const v1::ListAssessmentsRequest* req,
                                              v1::ListAssessmentsResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskAssessmentRead, [&](const rpc::CallContext& call) -> Status {
    SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->risk_point_id(), "risk_point_id"));
    auto list = store_.ListAssessments(ActorOf(call), req->risk_point_id());
    if (!list.ok()) return list.status();
    for (const auto& a : *list) ToProto(a, *resp->add_assessments());
    return Status::Ok();
  });
}

grpc::Status GrpcRiskService::GetScoringSettings(grpc::ServerContext* ctx, const v1::GetScoringSettingsRequest*,
                                                 v1::ScoringSettings* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskSettingsRead, [&](const rpc::CallContext& call) -> Status {
    auto variant = store_.GetBandVariant(ActorOf(call));
    if (!variant.ok()) return variant.status();
    resp->set_lec_band_variant(static_cast<v1::LecBandVariant>(*variant));
    return Status::Ok();
  });
}

grpc::Status GrpcRiskService::UpdateScoringSettings(grpc::ServerContext* ctx, const v1::UpdateScoringSettingsRequest* req,
                                                    v1::ScoringSettings* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskSettingsWrite, [&](const rpc::CallContext& call) -> Status {
    auto requested = req->lec_band_variant();
    if (requested != v1::LEC_BAND_VARIANT_V1 && requested != v1::LEC_BAND_VARIANT_V2) {
      return InvalidArgument("lec_band_variant must be V1 or V2", "lec_band_variant");
    }
    auto variant = store_.SetBandVariant(ActorOf(call), static_cast<LecBandVariant>(requested));
    if (!variant.ok()) return variant.status();
    resp->set_lec_band_variant(static_cast<v1::LecBandVariant>(*variant));
    return Status::Ok();
  });
}

grpc::Status GrpcRiskService::GetRiskMap(grpc::ServerContext* ctx, const v1::GetRiskMapRequest* req,
                                         v1::RiskMapView* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskMapRead, [&](const rpc::CallContext& call) -> Status {
    if (!req->map_id().empty()) SAFELOOP_RETURN_IF_ERROR(RequireUuid(req->map_id(), "map_id"));
    auto view = store_.LoadMapView(ActorOf(call), req->map_id());
    if (!view.ok()) return view.status();
    ToProto(view->map, *resp->mutable_map());
    resp->set_version(view->version);
    for (const auto& a : view->areas) {
      auto* s = resp->add_areas();
      s->set_area_id(a.id);
      s->set_name(a.name);
      for (const auto& v : a.polygon) {
        auto* p = s->add_polygon();
        p->set_x(v.x);
        p->set_y(v.y);
      }
      s->set_level(static_cast<v1::RiskLevel>(a.shown));
      s->set_version(a.level_version);
      s->set_inherent_level(static_cast<v1::RiskLevel>(a.level));
    }
    return Status::Ok();
  });
}

}  // namespace safeloop::risk
