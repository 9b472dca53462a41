#pragma once
// The appendix documents built from ledger data (pure: data in, documents::Document out; the renderers of
// libs/documents turn them into .xlsx or PDF). Columns follow the appendices of the provincial standard
// (seed 003): B.1 风险单元划分表, C.1 风险点清单, E.1 风险点分级管控台账, F.1 重大风险管控台账 (E.1's columns,
// 重大 only), G.1 重大安全风险公告栏. One body row per existing control measure; the point's columns span its rows.
//
// The 检查频次 columns of E.1/F.1 (岗位/班组/车间/部门/公司) come from the inspection plans of the hazard
// service, which does not exist yet: they show "√" for the tiers that control the point (its tier and every
// tier below) and the frequency is to be written in; that is said in the document's note line.

#include <string>
#include <vector>

#include "ledger/ledger_store.hpp"
#include "safeloop/documents/document.hpp"

namespace safeloop::risk::ledger {

struct DocumentHeader {
  std::string enterprise_name;  ///< "" → "XXXX企业（单位）"
  std::string date;             ///< 编制日期, YYYY-MM-DD (China)
  std::string scope;            ///< 所在风险单元名称 / the filter in words, e.g. "全部"
};

documents::Document BuildUnitPartition(const UnitPartition& partition, const DocumentHeader& header);  // B.1
documents::Document BuildPointList(const std::vector<v1::LedgerRow>& rows, const DocumentHeader& header);  // C.1
/// G.1 重大安全风险公告栏: one row per 重大 point — 风险点位置, 主要风险因素, 可能导致的事故类型, 主要管控措施
/// (existing measures but emergency and PPE ones), 主要应急措施 (应急处置 and 个体防护 measures).
documents::Document BuildMajorRiskBoard(const std::vector<v1::LedgerRow>& rows, const DocumentHeader& header);
/// E.1, or F.1 when `major_only` (rows not 重大 are left out).
documents::Document BuildControlLedger(const std::vector<v1::LedgerRow>& rows, const DocumentHeader& header,
                                       bool major_only);

}  // namespace safeloop::risk::ledger
