#pragma once
// Major hazard installations of the enterprise's analysis objects: computed on save (installation_evaluation),
// stored with their inputs, versioned, soft-deleted; MajorHazardGradeOfPoint tells an assessment the grade
// of the installation its point belongs to.

#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "risk_actor.hpp"
#include "safeloop/db/pool.hpp"
#include "safeloop/risk/v1/risk_major_hazard.pb.h"

namespace safeloop::risk::major_hazard_module {

/// The most severe grade (1 = 一级) of the live installations of the point's analysis object (through its
/// unit); 0 when the point has no unit or the object has no graded installation.
int MajorHazardGradeOfPoint(pqxx::work& tx, const std::string& point_id);

class MajorHazardStore {
 public:
  explicit MajorHazardStore(db::ConnectionPool& pool) : pool_(pool) {}

  /// Creates (no id) or updates (id + version) after evaluating the inputs.
  Result<v1::MajorHazardInstallation> Save(const Actor& actor, const v1::SaveMajorHazardInstallationRequest& req);
  Result<v1::MajorHazardInstallation> Delete(const Actor& actor, const std::string& id, int version);
  Result<std::vector<v1::MajorHazardInstallation>> List(const Actor& actor, const std::string& object_id);

 private:
  db::ConnectionPool& pool_;
};

}  // namespace safeloop::risk::major_hazard_module
