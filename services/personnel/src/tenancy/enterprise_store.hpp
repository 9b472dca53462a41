#pragma once
// SQL of parks and enterprise files. An enterprise reads and edits its own file in a tenant transaction; a
// park account reads its park's files in a park transaction (row-level security admits exactly those) and
// edits one only where the enterprise granted it (the policy enforces that too).

#include <optional>
#include <string>

#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"
#include "safeloop/personnel/v1/tenancy.pb.h"
#include "tenancy/tenancy_common.hpp"

namespace safeloop::personnel::tenancy {

class EnterpriseStore {
 public:
  EnterpriseStore(db::ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  Result<v1::Enterprise> GetOwn(const Actor& actor);
  /// Replaces the profile (validated by the caller); ABORTED when `version` is stale; writes EnterpriseChanged.
  Result<v1::Enterprise> UpdateOwn(const Actor& actor, const v1::EnterpriseProfile& profile, int version,
                                   std::optional<bool> park_write_granted);

  Result<v1::ListParkEnterprisesResponse> ListInPark(const Actor& actor, const std::string& name_contains);
  /// NOT_FOUND for an enterprise outside the caller's park.
  Result<v1::Enterprise> GetInPark(const Actor& actor, const std::string& enterprise_id);
  /// NOT_FOUND outside the park; PERMISSION_DENIED when the enterprise has not granted its park write access.
  Result<v1::Enterprise> UpdateInPark(const Actor& actor, const std::string& enterprise_id,
                                      const v1::EnterpriseProfile& profile, int version);

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
};

/// Validates every field of a profile; INVALID_ARGUMENT naming the first bad one as "profile.<field>".
Status ValidateEnterpriseProfile(const v1::EnterpriseProfile& profile);

}  // namespace safeloop::personnel::tenancy
