#pragma once
// All SQL of contractors: companies with qualification documents and reviews, teams, staff (rows of
// personnel.person with person_type 'outsourced', linked by contractor_staff), violations with their
// images, and blacklists. Tenant transactions only; every change appends its event to the outbox.

#include <string>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"
#include "safeloop/personnel/v1/qualification.pb.h"
#include "store_support.hpp"

namespace safeloop::personnel::qualification {

struct CompanyFilter {
  std::string review_status;
  std::string name_contains;
  bool usable_only = false;
  std::string page_token;
  int page_size = 50;
};

struct StaffFilter {
  std::string company_id;
  std::string team_id;
  std::string review_status;
  std::string page_token;
  int page_size = 50;
};

struct ViolationInput {
  std::string person_id;
  TimePoint occurred_at;
  std::string place;
  std::string description;
  std::string photo;
  std::string photo_type;
  std::string signature_png;
};

struct BlacklistInput {
  std::string subject_kind;
  std::string subject_id;
  std::string reason;
  TimePoint from;
  std::optional<TimePoint> until;
};

class PgContractorStore {
 public:
  PgContractorStore(db::ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  /// `input` carries the request's fields (ids and review fields ignored).
  Result<v1::ContractorCompany> CreateCompany(const Actor& actor, const v1::ContractorCompany& input);
  Result<v1::ContractorCompany> GetCompany(const Actor& actor, const std::string& company_id);
  Result<v1::ListCompaniesResponse> ListCompanies(const Actor& actor, const CompanyFilter& filter);
  /// Replaces fields and documents; changed documents send the company back to review. ABORTED on a stale version.
  Result<v1::ContractorCompany> UpdateCompany(const Actor& actor, const v1::ContractorCompany& input, int version);
  /// `decision` is "approved" or "rejected".
  Result<v1::ContractorCompany> ReviewCompany(const Actor& actor, const std::string& company_id,
                                              const std::string& decision, const std::string& comment);

  Result<v1::ContractorTeam> CreateTeam(const Actor& actor, const std::string& company_id, const std::string& name,
                                        const std::string& leader_person_id);
  Result<v1::ListTeamsResponse> ListTeams(const Actor& actor, const std::string& company_id);

  Result<v1::ContractorStaff> CreateStaff(const Actor& actor, const v1::CreateStaffRequest& input);
  Result<v1::ContractorStaff> GetStaff(const Actor& actor, const std::string& person_id);
  Result<v1::ListStaffResponse> ListStaff(const Actor& actor, const StaffFilter& filter);
  Result<v1::ContractorStaff> SetStaffTeam(const Actor& actor, const std::string& person_id, const std::string& team_id);
  Result<v1::ContractorStaff> ReviewStaff(const Actor& actor, const std::string& person_id, const std::string& decision,
                                          const std::string& comment);

  Result<v1::Violation> RecordViolation(const Actor& actor, const ViolationInput& input);
  Result<v1::ListViolationsResponse> ListViolations(const Actor& actor, const std::string& person_id,
                                                    const std::string& company_id, const std::string& page_token,
                                                    int page_size);
  Result<v1::ViolationImage> GetViolationImage(const Actor& actor, const std::string& violation_id,
                                               const std::string& role);

  Result<v1::BlacklistEntry> AddToBlacklist(const Actor& actor, const BlacklistInput& input);
  Result<v1::BlacklistEntry> LiftBlacklist(const Actor& actor, const std::string& entry_id, const std::string& reason);
  Result<v1::ListBlacklistResponse> ListBlacklist(const Actor& actor, const std::string& subject_kind,
                                                  const std::string& subject_id, bool active_only,
                                                  const std::string& page_token, int page_size);

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace safeloop::personnel::qualification
