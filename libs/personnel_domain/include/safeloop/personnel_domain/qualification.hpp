#pragma once
/// @file qualification.hpp
/// "Is person P qualified for requirement R at time T, and if not, why" as a pure function of the facts the
/// service loads (person, certificates, contractor company and staff state, blacklists). The permit and
/// training services rely on it, so every rule is here and tested, none in SQL.
///
/// Rules (沧州 text （十二）承包商管理, standards.md §6.4/§6.6):
///   - a person who left the enterprise, or is blacklisted at T, is not qualified for anything;
///   - contractor staff are usable only when their company is approved, not blacklisted and its
///     qualification documents are in date, and they themselves are approved;
///   - requirement "on_site" asks only the above; a certificate type code additionally needs a held
///     certificate of that type (or an item of that category) whose status at T qualifies.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/personnel_domain/certificates.hpp"

namespace safeloop::personnel_domain {

inline constexpr std::string_view kOnSiteRequirement = "on_site";

/// A blacklist entry in force from `from` until `until` (exclusive; nullopt = permanent) unless lifted.
struct BlacklistPeriod {
  TimePoint from;
  std::optional<TimePoint> until;
  std::optional<TimePoint> lifted_at;
};
bool BlacklistedAt(const std::vector<BlacklistPeriod>& entries, TimePoint at);

struct HeldCertificate {
  std::string id;
  std::string type_code;
  std::string parent_code;  ///< the type's category ("" for a category)
  std::string number;
  CertificateDates dates;
};

/// 承包商单位 facts.
struct ContractorFacts {
  std::string company_id;
  std::string review_status;  ///< "pending" | "approved" | "rejected"
  std::vector<std::optional<Date>> document_expiries;  ///< one per qualification document (nullopt = no expiry)
  std::vector<BlacklistPeriod> blacklist;
};

struct PersonFacts {
  std::string person_id;
  std::string status;       ///< "active" | "left"
  std::string person_type;  ///< "employee" | "intern" | "outsourced" | "visitor"
  std::vector<BlacklistPeriod> blacklist;
  /// Set when the person is registered contractor staff.
  std::optional<std::string> staff_review_status;
  std::optional<ContractorFacts> contractor;
  std::vector<HeldCertificate> certificates;
};

struct QualificationReason {
  std::string code;     ///< e.g. "certificate_expired"
  std::string message;  ///< Chinese, for the person choosing a crew
};

struct QualificationDecision {
  bool qualified = false;
  std::vector<QualificationReason> reasons;  ///< empty when qualified
  /// The certificate that qualifies (certificate requirements only): the one valid the longest.
  std::optional<HeldCertificate> certificate;
  std::optional<CertificateStatus> certificate_status;
};

/// `expiry_warning_days` only colours the certificate's status (expiring soon still qualifies).
QualificationDecision DecideQualification(const PersonFacts& person, std::string_view requirement, TimePoint at,
                                          int expiry_warning_days);

}  // namespace safeloop::personnel_domain
