#include "risk_handlers.hpp"

#include "json_mapping.hpp"
#include "request_parsing.hpp"

namespace safeloop::gateway {
namespace {
using Ctx = std::shared_ptr<RequestContext>;

// The completion of a backend call: error → JSON error; success → `status` with mapper(response).
template <typename Response, typename Mapper>
Done<Response> Respond(const Ctx& ctx, web::http::status_code status, Mapper mapper) {
  return [ctx, status, mapper](Result<Response> result) {
    LogScope scope(ctx->log_context());
    if (!result.ok()) {
      ctx->ReplyError(result.status());
      return;
    }
    ctx->ReplyJson(status, mapper(*result));
  };
}

constexpr web::http::status_code kOk = web::http::status_codes::OK;
constexpr web::http::status_code kCreated = web::http::status_codes::Created;
}  // namespace

void AddRiskHandlers(RiskClient& client, HandlerMap& handlers) {
  RiskClient* risk = &client;

  handlers["createPlantMap"] = [risk](const Ctx& ctx) {
    auto request = ToCreatePlantMap(ctx->body);
    if (!request.ok()) return ctx->ReplyError(request.status());
    risk->CreatePlantMap(ctx->call_meta(), std::move(*request), Respond<riskpb::PlantMap>(ctx, kCreated, PlantMapJson));
  };

  handlers["listPlantMaps"] = [risk](const Ctx& ctx) {
    risk->ListPlantMaps(ctx->call_meta(), {}, Respond<riskpb::ListPlantMapsResponse>(ctx, kOk, [](const auto& r) {
                          return ItemsJson(r.maps(), PlantMapJson);
                        }));
  };

  handlers["createArea"] = [risk](const Ctx& ctx) {
    auto request = ToCreateArea(ctx->body, ctx->Param("map_id"));
    if (!request.ok()) return ctx->ReplyError(request.status());
    risk->CreateArea(ctx->call_meta(), std::move(*request), Respond<riskpb::Area>(ctx, kCreated, AreaJson));
  };

  handlers["listAreas"] = [risk](const Ctx& ctx) {
    std::string map_id = ctx->Param("map_id");
    if (Status s = RequireUuid("map_id", map_id); !s.ok()) return ctx->ReplyError(s);
    riskpb::ListAreasRequest request;
    request.set_map_id(map_id);
    risk->ListAreas(ctx->call_meta(), std::move(request),
                    Respond<riskpb::ListAreasResponse>(ctx, kOk, [](const auto& r) {
                      return ItemsJson(r.areas(), AreaJson);
                    }));
  };

  handlers["createRiskPoint"] = [risk](const Ctx& ctx) {
    auto request = ToCreateRiskPoint(ctx->body, ctx->Param("area_id"));
    if (!request.ok()) return ctx->ReplyError(request.status());
    risk->CreateRiskPoint(ctx->call_meta(), std::move(*request),
                          Respond<riskpb::RiskPoint>(ctx, kCreated, RiskPointJson));
  };

  handlers["listRiskPoints"] = [risk](const Ctx& ctx) {
    std::string area_id = ctx->Param("area_id");
    if (Status s = RequireUuid("area_id", area_id); !s.ok()) return ctx->ReplyError(s);
    riskpb::ListRiskPointsRequest request;
    request.set_area_id(area_id);
    risk->ListRiskPoints(ctx->call_meta(), std::move(request),
                         Respond<riskpb::ListRiskPointsResponse>(ctx, kOk, [](const auto& r) {
                           return ItemsJson(r.risk_points(), RiskPointJson);
                         }));
  };

  handlers["getRiskPoint"] = [risk](const Ctx& ctx) {
    std::string point_id = ctx->Param("point_id");
    if (Status s = RequireUuid("point_id", point_id); !s.ok()) return ctx->ReplyError(s);
    riskpb::GetRiskPointRequest request;
    request.set_risk_point_id(point_id);
    risk->GetRiskPoint(ctx->call_meta(), std::move(request), Respond<riskpb::RiskPoint>(ctx, kOk, RiskPointJson));
  };

  handlers["assessRiskPoint"] = [risk](const Ctx& ctx) {
    auto request = ToAssessLec(ctx->body, ctx->Param("point_id"));
    if (!request.ok()) return ctx->ReplyError(request.status());
    risk->AssessLec(ctx->call_meta(), std::move(*request),
                    Respond<riskpb::LecAssessment>(ctx, kCreated, LecAssessmentJson));
  };

  handlers["listAssessments"] = [risk](const Ctx& ctx) {
    std::string point_id = ctx->Param("point_id");
    if (Status s = RequireUuid("point_id", point_id); !s.ok()) return ctx->ReplyError(s);
    riskpb::ListAssessmentsRequest request;
    request.set_risk_point_id(point_id);
    risk->ListAssessments(ctx->call_meta(), std::move(request),
                          Respond<riskpb::ListAssessmentsResponse>(ctx, kOk, [](const auto& r) {
                            return ItemsJson(r.assessments(), LecAssessmentJson);
                          }));
  };

  handlers["getScoringSettings"] = [risk](const Ctx& ctx) {
    risk->GetScoringSettings(ctx->call_meta(), {},
                             Respond<riskpb::ScoringSettings>(ctx, kOk, ScoringSettingsJson));
  };

  handlers["updateScoringSettings"] = [risk](const Ctx& ctx) {
    auto request = ToUpdateScoringSettings(ctx->body);
    if (!request.ok()) return ctx->ReplyError(request.status());
    risk->UpdateScoringSettings(ctx->call_meta(), std::move(*request),
                                Respond<riskpb::ScoringSettings>(ctx, kOk, ScoringSettingsJson));
  };

  handlers["getRiskMap"] = [risk](const Ctx& ctx) {
    std::string map_id = ctx->Query("map_id");
    if (!map_id.empty()) {
      if (Status s = RequireUuid("map_id", map_id); !s.ok()) return ctx->ReplyError(s);
    }
    riskpb::GetRiskMapRequest request;
    request.set_map_id(map_id);
    risk->GetRiskMap(ctx->call_meta(), std::move(request), Respond<riskpb::RiskMapView>(ctx, kOk, RiskMapJson));
  };
}

}  // namespace safeloop::gateway
