#include "ledger/grpc_risk_ledger_service.hpp"

#include "ledger/ledger_documents.hpp"
#include "safeloop/auth/permissions.hpp"
#include "safeloop/core/china_date.hpp"
#include "safeloop/documents/pdf_renderer.hpp"
#include "safeloop/documents/xlsx_renderer.hpp"
#include "safeloop/risk_domain/risk_level.hpp"

namespace safeloop::risk::ledger {
namespace {
namespace perm = auth::permission;

std::string ScopeText(const v1::LedgerFilter& f) {
  std::string scope;
  if (f.level() != v1::RISK_LEVEL_UNSPECIFIED) scope += std::string(LevelNameZh(static_cast<RiskLevel>(f.level())));
  if (!f.control_tier().empty()) scope += (scope.empty() ? "" : "，") + std::string("管控层级 ") + f.control_tier();
  if (!f.unit_id().empty()) scope += (scope.empty() ? "" : "，") + std::string("所选风险单元");
  if (!f.liable_person_id().empty()) scope += (scope.empty() ? "" : "，") + std::string("所选责任人");
  return scope.empty() ? "全部" : scope;
}

}  // namespace

grpc::Status GrpcRiskLedgerService::ListControlLedger(grpc::ServerContext* ctx, const v1::ListControlLedgerRequest* req,
                                                      v1::ListControlLedgerResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointRead, [&](const rpc::CallContext& call) -> Status {
    auto page = store_.List(ActorOf(call), req->filter(), req->page_size(), req->page_token());
    if (!page.ok()) return page.status();
    *resp = std::move(*page);
    return Status::Ok();
  });
}

grpc::Status GrpcRiskLedgerService::ExportRiskDocument(grpc::ServerContext* ctx,
                                                       const v1::ExportRiskDocumentRequest* req,
                                                       v1::ExportRiskDocumentResponse* resp) {
  return rpc::HandleCall(ctx, guard_, perm::kRiskPointRead, [&](const rpc::CallContext& call) -> Status {
    const std::string format = req->format().empty() ? "xlsx" : req->format();
    if (format != "xlsx" && format != "pdf") return InvalidArgument("format must be xlsx or pdf", "format");
    const std::string& kind = req->kind();
    if (kind != "B1" && kind != "C1" && kind != "E1" && kind != "F1" && kind != "G1") {
      return InvalidArgument("kind must be B1 (风险单元划分表), C1 (风险点清单), E1 (风险点分级管控台账), F1 "
                             "(重大风险管控台账) or G1 (重大安全风险公告栏)",
                             "kind");
    }
    Actor actor = ActorOf(call);
    auto name = store_.EnterpriseName(actor);
    if (!name.ok()) return name.status();
    const auto today = ChinaDateOf(clock_.Now());
    const std::string iso = FormatDate(today), compact = FormatCompactDate(today);
    DocumentHeader header{*name, iso, ScopeText(req->filter())};
    documents::Document doc;
    if (kind == "B1") {
      auto partition = store_.Partition(actor);
      if (!partition.ok()) return partition.status();
      doc = BuildUnitPartition(*partition, header);
    } else {
      v1::LedgerFilter filter = req->filter();
      if (kind == "F1" || kind == "G1") filter.set_level(v1::RISK_LEVEL_MAJOR);
      auto rows = store_.All(actor, filter, kMaxDocumentPoints);
      if (!rows.ok()) return rows.status();
      doc = kind == "C1"   ? BuildPointList(*rows, header)
            : kind == "G1" ? BuildMajorRiskBoard(*rows, header)
                           : BuildControlLedger(*rows, header, kind == "F1");
    }
    auto bytes = format == "pdf" ? documents::RenderPdf(doc) : documents::RenderXlsx(doc);
    if (!bytes.ok()) return bytes.status();
    resp->set_data(std::move(*bytes));
    resp->set_file_name(doc.sheet_name + "-" + compact + "." + format);
    resp->set_content_type(format == "pdf" ? "application/pdf"
                                           : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return Status::Ok();
  });
}

}  // namespace safeloop::risk::ledger
