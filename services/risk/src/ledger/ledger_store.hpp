#pragma once
// Reads of the graded-control ledger: risk points with their unit path, responsible unit and person (names
// from the personnel directory), level, tier, and their live risk events with the existing measures.

#include <string>
#include <vector>

#include "risk_actor.hpp"
#include "safeloop/db/pool.hpp"
#include "safeloop/risk/v1/risk_ledger.pb.h"
#include "safeloop/risk/v1/risk_model.pb.h"

namespace safeloop::risk::ledger {

/// What the unit partition table (B.1) needs.
struct UnitPartition {
  std::vector<v1::RiskObject> objects;
  std::vector<v1::RiskUnit> units;      ///< live, in B.1 order
  std::vector<v1::LedgerRow> points;    ///< every point with a unit, in ledger order
};

class LedgerStore {
 public:
  explicit LedgerStore(db::ConnectionPool& pool) : pool_(pool) {}

  /// One page (keyset on the point id). INVALID_ARGUMENT for a malformed page token.
  Result<v1::ListControlLedgerResponse> List(const Actor& actor, const v1::LedgerFilter& filter, int page_size,
                                             const std::string& page_token);
  /// Every row of the filter for a document, in ledger order (unit path, code, name); RESOURCE_EXHAUSTED
  /// past `max_rows` points.
  Result<std::vector<v1::LedgerRow>> All(const Actor& actor, const v1::LedgerFilter& filter, std::size_t max_rows);
  Result<UnitPartition> Partition(const Actor& actor);
  /// The enterprise's name (its company unit in the directory), "" when unknown.
  Result<std::string> EnterpriseName(const Actor& actor);

 private:
  db::ConnectionPool& pool_;
};

}  // namespace safeloop::risk::ledger
