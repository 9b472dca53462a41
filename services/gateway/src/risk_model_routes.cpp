// The risk model chain's REST routes: each one line, served by the generic transcoder.
#include "risk_model_routes.hpp"

#include "backend_rpc.hpp"
#include "safeloop/auth/permissions.hpp"

namespace safeloop::gateway {
namespace {
namespace perm = auth::permission;

RouteSpec Model(std::string method, std::string pattern, std::string operation_id, std::string summary,
                std::string_view permission, std::string rpc, int success_status = 200) {
  return BackendRpc("risk", std::move(method), "/api/v1/risk" + std::move(pattern), std::move(operation_id),
                    std::move(summary), "risk", permission, "safeloop.risk.v1.RiskModelService." + std::move(rpc),
                    success_status);
}
// A file answer: the bytes, name and type come from the response message.
RouteSpec Download(RouteSpec r) {
  r.raw_response_field = "data";
  r.file_name_field = "file_name";
  r.content_type_field = "content_type";
  r.content_type = "application/octet-stream";
  return r;
}
}  // namespace

std::vector<RouteSpec> RiskModelRoutes() {
  const auto r = perm::kRiskPointRead, w = perm::kRiskPointWrite;
  return {
      Model("GET", "/objects", "listRiskObjects", "Risk analysis objects (风险分析对象)", r, "ListRiskObjects"),
      Model("POST", "/objects", "createRiskObject", "Create a risk analysis object", w, "CreateRiskObject", 201),
      Model("PUT", "/objects/{object_id}", "updateRiskObject", "Update a risk analysis object (send its version)", w,
            "UpdateRiskObject"),
      Model("DELETE", "/objects/{object_id}", "deleteRiskObject",
            "Delete a risk analysis object without units (?version=; the row is kept, marked deleted)", w,
            "DeleteRiskObject"),
      Model("GET", "/units", "listRiskUnits",
            "Risk units (风险分析单元) in the order of the unit partition table B.1 (?object_id=)", r, "ListRiskUnits"),
      Model("POST", "/units", "createRiskUnit",
            "Create a 一级单元 (object_id) or a sub-unit (parent_id; at most three levels)", w, "CreateRiskUnit", 201),
      Model("PUT", "/units/{unit_id}", "updateRiskUnit", "Update a risk unit (send its version)", w, "UpdateRiskUnit"),
      Model("DELETE", "/units/{unit_id}", "deleteRiskUnit",
            "Delete a risk unit without sub-units or risk points (?version=)", w, "DeleteRiskUnit"),
      Model("GET", "/points/{risk_point_id}/profile", "getRiskPointProfile",
            "Where a risk point sits in the partition, whose it is, its accident types", r, "GetRiskPointProfile"),
      Model("PUT", "/points/{risk_point_id}/profile", "updateRiskPointProfile",
            "Set a risk point's unit, kind, code, location, responsible unit/person/post and accident types", w,
            "UpdateRiskPointProfile"),
      Model("GET", "/points/{risk_point_id}/events", "listRiskEvents",
            "A risk point's risk events (JHA steps / SCL items) with their control measures", r, "ListRiskEvents"),
      Model("POST", "/points/{risk_point_id}/events", "createRiskEvent",
            "Add a risk event with its control measures to a risk point", w, "CreateRiskEvent", 201),
      Model("PUT", "/events/{event_id}", "updateRiskEvent",
            "Update a risk event; its measures are the complete list (send the version)", w, "UpdateRiskEvent"),
      Model("DELETE", "/events/{event_id}", "deleteRiskEvent", "Delete a risk event and its measures (?version=)", w,
            "DeleteRiskEvent"),
      BackendRpc("risk", "POST", "/api/v1/risk/points/{risk_point_id}/assessment-records", "assessRiskPointRecord",
                 "Assess a risk point's JHA/SCL record (every live risk event scored with LEC or LS; judgement rules, "
                 "inherent and residual risk, graded control); a new version",
                 "risk", perm::kRiskAssessmentWrite, "safeloop.risk.v1.RiskAssessmentService.AssessRiskPoint", 201),
      BackendRpc("risk", "GET", "/api/v1/risk/points/{risk_point_id}/assessment-records", "listRiskPointRecords",
                 "A risk point's JHA/SCL assessment versions, newest first, each with the events as assessed", "risk",
                 perm::kRiskAssessmentRead, "safeloop.risk.v1.RiskAssessmentService.ListPointAssessments"),
      BackendRpc("risk", "GET", "/api/v1/risk/ledger", "listControlLedger",
                 "The graded-control ledger (E.1) as data: filter by unit (with sub-units), level, control tier, "
                 "liable person; paged", "risk", r, "safeloop.risk.v1.RiskLedgerService.ListControlLedger"),
      Download(BackendRpc("risk", "GET", "/api/v1/risk/documents/{kind}", "exportRiskDocument",
                          "Generated document: B1 风险单元划分表, C1 风险点清单, E1 风险点分级管控台账, F1 重大风险管控台账 "
                          "(?format=xlsx|pdf and the ledger filters)",
                          "risk", r, "safeloop.risk.v1.RiskLedgerService.ExportRiskDocument")),
      BackendRpc("risk", "GET", "/api/v1/risk/major-hazards", "listMajorHazards",
                 "Major hazard installations (重大危险源, GB 18218-2018) with S, R and grade (?object_id=)", "risk", r,
                 "safeloop.risk.v1.MajorHazardService.ListMajorHazardInstallations"),
      BackendRpc("risk", "POST", "/api/v1/risk/major-hazards", "createMajorHazard",
                 "Register an installation with its substances; identification and grading computed", "risk", w,
                 "safeloop.risk.v1.MajorHazardService.SaveMajorHazardInstallation", 201),
      BackendRpc("risk", "PUT", "/api/v1/risk/major-hazards/{installation_id}", "updateMajorHazard",
                 "Update an installation (send its version); recomputed", "risk", w,
                 "safeloop.risk.v1.MajorHazardService.SaveMajorHazardInstallation"),
      BackendRpc("risk", "DELETE", "/api/v1/risk/major-hazards/{installation_id}", "deleteMajorHazard",
                 "Delete an installation (?version=)", "risk", w,
                 "safeloop.risk.v1.MajorHazardService.DeleteMajorHazardInstallation"),
      Model("GET", "/accident-types", "listAccidentTypes",
            "The accident-type lists (GB/T 6441-1986, GB 6441-2025) and the one in force today", r,
            "ListAccidentTypes"),
  };
}

}  // namespace safeloop::gateway
