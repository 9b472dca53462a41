#pragma once
/// @file certificates.hpp
/// Certificates as data and their rules (standards.md §6.4–6.6), no I/O:
///   - the catalogue of certificate types: the 11 special-operation categories of 安监总局令 30 号 with the
///     危险化学品安全作业 items, the 主要负责人/安全生产管理人员 assessment certificates, special-equipment
///     operator certificates and the 监护人 special training;
///   - calendar dates ("YYYY-MM-DD", China local date of an instant);
///   - expiry, next review (复审) date with the 10-years-clean extension to 6 years, and the status of a
///     certificate on a given day.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/clock.hpp"
#include "safeloop/core/china_date.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::personnel_domain {

/// A calendar day.
using Date = std::chrono::sys_days;

/// Strict "YYYY-MM-DD" of an existing calendar day (years 1900..2999); nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);
/// YYYY-MM-DD, and the calendar day of `t` in China (certificates are dated in local days): safeloop/core.
using ::safeloop::ChinaDateOf;
using ::safeloop::FormatDate;
/// The same day `years` later; 29 February falls back to 28 February in a common year.
Date AddYears(Date date, int years);
/// Strict RFC 3339 instant ("2026-03-01T08:00:00Z", "...+08:00", optional fraction); nullopt otherwise.
std::optional<TimePoint> ParseRfc3339(std::string_view text);

enum class CertificateKind {
  kSpecialOperation,  ///< 特种作业操作证 (30 号令)
  kSafetyTraining,    ///< 安全生产知识和管理能力考核合格证
  kSpecialEquipment,  ///< 特种设备作业人员证
  kSpecialTraining,   ///< 专项培训 (e.g. 监护人, GB 30871-2022 4.10)
};
/// "special_operation" | "safety_training" | "special_equipment" | "special_training"
std::string_view CertificateKindCode(CertificateKind kind);
std::optional<CertificateKind> ParseCertificateKind(std::string_view code);

struct CertificateType {
  std::string code;         ///< e.g. "special_op.welding", "special_op.hazchem.nitration"
  std::string name_zh;      ///< 焊接与热切割作业
  CertificateKind kind;
  std::string parent_code;  ///< the category of an operation item ("" for a category)
  int validity_years = 0;   ///< expiry = issue + validity (0 = no fixed validity)
  int review_interval_years = 0;  ///< 复审 every N years (0 = none)
};

/// Every built-in type in display order. Migration 004 seeds the same rows (a test compares them).
const std::vector<CertificateType>& CertificateCatalog();
const CertificateType* FindCertificateType(std::string_view code);
/// Whether a certificate of type `held` meets a requirement for `required`: the same type, or an item of
/// the required category (a 硝化工艺作业 certificate meets "special_op.hazchem").
bool CertificateMeets(const CertificateType& held, std::string_view required);

/// The 复审 application window: the 60 days before the review date (30 号令).
inline constexpr int kReviewWindowDays = 60;
/// A holder with ≥ 10 clean years may have the review interval extended to 6 years (30 号令).
inline constexpr int kExtendedReviewYears = 6;

/// What the rules need to know about one certificate.
struct CertificateDates {
  CertificateKind kind = CertificateKind::kSpecialOperation;
  int review_interval_years = 0;
  Date issued_on{};
  std::optional<Date> expires_on;      ///< nullopt = no expiry
  std::optional<Date> last_review_on;  ///< the last passed 复审
  bool review_extended = false;        ///< the ≥10-years-clean extension was granted
  bool review_failed = false;          ///< the latest 复审 failed
  bool revoked = false;
};

/// Default expiry of a new certificate of `type` issued on `issued_on` (nullopt when the type has none).
std::optional<Date> DefaultExpiry(const CertificateType& type, Date issued_on);
/// last review (or issue) + interval, the interval extended to 6 years when granted (special operations
/// only). nullopt when the type has no review.
std::optional<Date> NextReviewDate(const CertificateDates& c);
/// Whether the 10-years-clean extension exists for a kind (30 号令 covers special operations only).
bool ReviewExtensionAllowed(CertificateKind kind);

enum class CertificateStatus {
  kValid,
  kExpiringSoon,   ///< expiry within the reminder window
  kReviewDueSoon,  ///< within the 60-day 复审 window before the review date
  kReviewOverdue,  ///< the review date passed without a passed review: unqualified
  kReviewFailed,   ///< the latest review failed: unqualified
  kExpired,
  kRevoked,
};
/// "valid" | "expiring_soon" | "review_due_soon" | "review_overdue" | "review_failed" | "expired" | "revoked"
std::string_view CertificateStatusCode(CertificateStatus status);
std::optional<CertificateStatus> ParseCertificateStatus(std::string_view code);
/// Valid, expiring soon and review due soon still qualify the holder.
bool StatusQualifies(CertificateStatus status);

/// The status on `today`. Expiry and review dates are the last good day. Precedence: revoked, review
/// failed, expired, review overdue, review due soon, expiring soon (within `expiry_warning_days`), valid.
/// A review date on or after the expiry is moot: the certificate is renewed, not reviewed.
CertificateStatus StatusOn(const CertificateDates& c, Date today, int expiry_warning_days);

/// The next date that needs action and what it is, for reminders.
struct DueDate {
  enum class Kind { kExpiry, kReview } kind;
  Date on;
};
/// "expiry" | "review"
std::string_view DueKindCode(DueDate::Kind kind);
/// Every due date of a live certificate (not revoked, not failed): its expiry and, when not moot, its
/// review date.
std::vector<DueDate> DueDates(const CertificateDates& c);
/// Days from `today` to `date` (negative when past).
int DaysBetween(Date today, Date date);

/// Checks of the dates a user enters: issue not after today; expiry after issue; last review between
/// issue and today; the extension only for special operations. INVALID_ARGUMENT naming the field.
Status ValidateCertificateDates(const CertificateDates& c, Date today);

}  // namespace safeloop::personnel_domain
