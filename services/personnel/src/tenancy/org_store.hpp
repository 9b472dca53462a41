#pragma once
// SQL of the organisation tree. Structural changes (create, move, close, reopen) lock the enterprise's root
// row first, so two concurrent moves cannot build a cycle between them and a close cannot miss a child
// created at the same moment. Every change writes org_unit_history and OrgUnitChanged in its transaction.

#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"
#include "safeloop/personnel/v1/org.pb.h"
#include "safeloop/personnel_domain/org_tree.hpp"
#include "tenancy/tenancy_common.hpp"

namespace safeloop::personnel::tenancy {

class OrgStore {
 public:
  OrgStore(db::ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  Result<v1::OrgTree> Tree(const Actor& actor, bool include_closed);
  /// INVALID_ARGUMENT for a parent the enterprise does not have; FAILED_PRECONDITION for a closed parent or
  /// a kind that may not sit there; ALREADY_EXISTS for an active sibling of the same name.
  Result<v1::OrgUnit> Create(const Actor& actor, const v1::CreateUnitRequest& request);
  Result<v1::OrgUnit> Update(const Actor& actor, const v1::UpdateUnitRequest& request);
  Result<v1::OrgUnit> Move(const Actor& actor, const v1::MoveUnitRequest& request);
  /// FAILED_PRECONDITION while the unit has active people (by unit or post) or active children.
  Result<v1::OrgUnit> Close(const Actor& actor, const std::string& unit_id, int version);
  Result<v1::OrgUnit> Reopen(const Actor& actor, const std::string& unit_id, int version);
  Result<v1::ListUnitHistoryResponse> History(const Actor& actor, const v1::ListUnitHistoryRequest& request);

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
};

/// Every unit of the transaction's enterprise, siblings by sort_order then pinyin name.
std::vector<v1::OrgUnit> LoadUnits(pqxx::work& tx);
/// The domain view of loaded units.
personnel_domain::OrgTree TreeOf(const std::vector<v1::OrgUnit>& units);

}  // namespace safeloop::personnel::tenancy
