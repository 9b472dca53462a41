#pragma once
// Risk analysis objects and their three-level unit partition (appendix B). The API messages double as the
// records: one row → message mapping per entity, here.

#include <string>
#include <vector>

#include "risk_actor.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"
#include "safeloop/risk/v1/risk_model.pb.h"

namespace safeloop::risk::model {

class ObjectStore {
 public:
  ObjectStore(db::ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  Result<v1::RiskObject> CreateObject(const Actor& actor, const v1::CreateRiskObjectRequest& req);
  Result<v1::RiskObject> UpdateObject(const Actor& actor, const v1::UpdateRiskObjectRequest& req);
  /// FAILED_PRECONDITION while the object has live units.
  Result<v1::RiskObject> DeleteObject(const Actor& actor, const std::string& object_id, int version);
  Result<std::vector<v1::RiskObject>> ListObjects(const Actor& actor, bool include_deleted);

  /// A unit under a parent is one level deeper (at most 三级子单元) and belongs to the parent's object.
  Result<v1::RiskUnit> CreateUnit(const Actor& actor, const v1::CreateRiskUnitRequest& req);
  Result<v1::RiskUnit> UpdateUnit(const Actor& actor, const v1::UpdateRiskUnitRequest& req);
  /// FAILED_PRECONDITION while the unit has live sub-units or risk points.
  Result<v1::RiskUnit> DeleteUnit(const Actor& actor, const std::string& unit_id, int version);
  /// B.1 order: depth-first by seq.
  Result<std::vector<v1::RiskUnit>> ListUnits(const Actor& actor, const std::string& object_id, bool include_deleted);

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace safeloop::risk::model
