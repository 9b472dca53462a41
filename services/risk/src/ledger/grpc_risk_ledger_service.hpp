#pragma once
// gRPC adapter of the ledger and the appendix documents (risk.point.read).

#include "ledger/ledger_store.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/risk/v1/risk_ledger.grpc.pb.h"
#include "safeloop/rpc/call_context.hpp"

namespace safeloop::risk::ledger {

/// A document covers at most this many risk points (a ~60 000-row workbook; the plant has 50 000).
inline constexpr std::size_t kMaxDocumentPoints = 60000;

class GrpcRiskLedgerService final : public v1::RiskLedgerService::Service {
 public:
  GrpcRiskLedgerService(LedgerStore& store, rpc::CallGuard guard, const Clock& clock)
      : store_(store), guard_(guard), clock_(clock) {}

  grpc::Status ListControlLedger(grpc::ServerContext*, const v1::ListControlLedgerRequest*,
                                 v1::ListControlLedgerResponse*) override;
  grpc::Status ExportRiskDocument(grpc::ServerContext*, const v1::ExportRiskDocumentRequest*,
                                  v1::ExportRiskDocumentResponse*) override;

 private:
  LedgerStore& store_;
  rpc::CallGuard guard_;
  const Clock& clock_;
};

}  // namespace safeloop::risk::ledger
