#include "safeloop/personnel_domain/qualification.hpp"

#include <algorithm>

namespace safeloop::personnel_domain {
namespace {

void Add(std::vector<QualificationReason>& out, std::string code, std::string message) {
  for (const auto& r : out) {
    if (r.code == code) return;  // one reason per code: several expired certificates say it once
  }
  out.push_back({std::move(code), std::move(message)});
}

// Comparable "how long does it stay good": no expiry ranks highest.
Date GoodUntil(const CertificateDates& d) {
  Date until = d.expires_on.value_or(Date::max());
  if (auto review = NextReviewDate(d)) until = std::min(until, *review);
  return until;
}

void ContractorReasons(const PersonFacts& person, TimePoint at, std::vector<QualificationReason>& reasons) {
  const bool outsourced = person.person_type == "outsourced";
  if (!person.staff_review_status) {
    if (outsourced) Add(reasons, "staff_unapproved", "外包人员未登记为承包商人员，不能使用");
    return;
  }
  if (*person.staff_review_status != "approved") Add(reasons, "staff_unapproved", "承包商人员未审核通过");
  if (!person.contractor) {
    Add(reasons, "contractor_unapproved", "承包商单位不存在");
    return;
  }
  const auto& company = *person.contractor;
  if (company.review_status != "approved") Add(reasons, "contractor_unapproved", "承包商单位资质未审核通过");
  if (BlacklistedAt(company.blacklist, at)) Add(reasons, "contractor_blacklisted", "承包商单位在黑名单中");
  const Date today = ChinaDateOf(at);
  for (const auto& expiry : company.document_expiries) {
    if (expiry && today > *expiry) {
      Add(reasons, "contractor_qualification_expired", "承包商单位资质证书已过期");
    }
  }
}

void CertificateReasons(CertificateStatus status, std::vector<QualificationReason>& reasons) {
  switch (status) {
    case CertificateStatus::kExpired: Add(reasons, "certificate_expired", "证书已过期"); break;
    case CertificateStatus::kReviewOverdue: Add(reasons, "review_overdue", "证书逾期未复审"); break;
    case CertificateStatus::kReviewFailed: Add(reasons, "review_failed", "证书复审不合格"); break;
    case CertificateStatus::kRevoked: Add(reasons, "certificate_revoked", "证书已撤销"); break;
    case CertificateStatus::kValid:
    case CertificateStatus::kExpiringSoon:
    case CertificateStatus::kReviewDueSoon: break;
  }
}

}  // namespace

bool BlacklistedAt(const std::vector<BlacklistPeriod>& entries, TimePoint at) {
  return std::any_of(entries.begin(), entries.end(), [&](const BlacklistPeriod& e) {
    if (at < e.from) return false;
    if (e.until && at >= *e.until) return false;
    if (e.lifted_at && at >= *e.lifted_at) return false;
    return true;
  });
}

QualificationDecision DecideQualification(const PersonFacts& person, std::string_view requirement, TimePoint at,
                                          int expiry_warning_days) {
  QualificationDecision d;
  if (person.status != "active") Add(d.reasons, "person_left", "人员已离职");
  if (BlacklistedAt(person.blacklist, at)) Add(d.reasons, "person_blacklisted", "人员在黑名单中");
  ContractorReasons(person, at, d.reasons);

  if (requirement != kOnSiteRequirement) {
    const Date today = ChinaDateOf(at);
    const HeldCertificate* best = nullptr;
    CertificateStatus best_status = CertificateStatus::kValid;
    bool any = false;
    std::vector<QualificationReason> certificate_reasons;
    for (const auto& c : person.certificates) {
      if (c.type_code != requirement && c.parent_code != requirement) continue;
      any = true;
      auto status = StatusOn(c.dates, today, expiry_warning_days);
      if (!StatusQualifies(status)) {
        CertificateReasons(status, certificate_reasons);
        continue;
      }
      if (best == nullptr || GoodUntil(c.dates) > GoodUntil(best->dates)) {
        best = &c;
        best_status = status;
      }
    }
    if (!any) {
      Add(d.reasons, "certificate_missing", "未持有所需证书");
    } else if (best == nullptr) {
      for (auto& r : certificate_reasons) Add(d.reasons, std::move(r.code), std::move(r.message));
    } else {
      d.certificate = *best;
      d.certificate_status = best_status;
    }
  }
  d.qualified = d.reasons.empty();
  if (!d.qualified) {
    d.certificate.reset();
    d.certificate_status.reset();
  }
  return d;
}

}  // namespace safeloop::personnel_domain
