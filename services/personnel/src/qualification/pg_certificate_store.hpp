#pragma once
// All SQL of certificates: types, CRUD with 复审 and revocation, reminders and the reminder sweep. Requests
// run in tenant transactions (RLS on); the sweep runs as the schema owner because it serves every tenant.
// Status and due dates are computed by personnel_domain/certificates, never in SQL.

#include <string>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"
#include "safeloop/personnel/v1/qualification.pb.h"
#include "store_support.hpp"

namespace safeloop::personnel::qualification {

struct CertificateInput {
  std::string person_id;  // create only
  std::string type_code;  // create only
  std::string number;
  std::string issuing_authority;
  personnel_domain::Date issued_on{};
  std::optional<personnel_domain::Date> expires_on;  // nullopt = default from the type
  std::optional<personnel_domain::Date> last_review_on;
  bool review_extended = false;
};

struct CertificateFilter {
  std::string person_id;
  std::string type_code;
  std::optional<personnel_domain::CertificateStatus> status;
  int due_within_days = 0;
  std::string page_token;
  int page_size = 50;
};

class PgCertificateStore {
 public:
  PgCertificateStore(db::ConnectionPool& pool, const Clock& clock, int reminder_days)
      : pool_(pool), clock_(clock), reminder_days_(reminder_days) {}

  Result<std::vector<v1::CertificateType>> ListTypes(const Actor& actor, const std::string& kind);
  Result<v1::ListCertificatesResponse> List(const Actor& actor, const CertificateFilter& filter);
  Result<v1::Certificate> Get(const Actor& actor, const std::string& certificate_id);
  Result<v1::Certificate> Create(const Actor& actor, const CertificateInput& input);
  /// ABORTED when `version` is not the stored one.
  Result<v1::Certificate> Update(const Actor& actor, const std::string& certificate_id, int version,
                                 const CertificateInput& input);
  /// A pass sets the last review date (and clears a failure); a fail makes the holder unqualified.
  Result<v1::Certificate> RecordReview(const Actor& actor, const std::string& certificate_id,
                                       personnel_domain::Date reviewed_on, bool passed, const std::string& note);
  Result<v1::Certificate> Revoke(const Actor& actor, const std::string& certificate_id, const std::string& reason);
  /// Due dates within the reminder window (0..reminder_days days from today), soonest first.
  Result<v1::ListRemindersResponse> Reminders(const Actor& actor);

  /// Background sweep over every tenant: one reminder event per certificate, due kind and due date whose
  /// date falls within the reminder window of `now`; the certificate_reminder table makes it idempotent.
  /// Returns how many reminders it emitted.
  Result<int> SweepReminders(TimePoint now);

 private:
  personnel_domain::Date Today() const;

  db::ConnectionPool& pool_;
  const Clock& clock_;
  int reminder_days_;
};

}  // namespace safeloop::personnel::qualification
