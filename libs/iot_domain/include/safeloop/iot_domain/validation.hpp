#pragma once
/// @file validation.hpp
/// The check every reading passes before it is stored or evaluated, whatever protocol brought it (issue 6:
/// malformed frames, unknown points, out-of-range values, timestamps far in the future are "counted, logged
/// with context, marked bad quality or rejected — never a crash, never a silent drop"). The outcome is a
/// value: the disposition (keep, keep as bad quality, reject), the issue that decided it, and a message
/// for the log. Time is passed in.

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "safeloop/core/clock.hpp"
#include "safeloop/core/status.hpp"
#include "safeloop/iot_domain/reading.hpp"

namespace safeloop::iot {

/// What the validation found; kNone when nothing.
enum class ReadingIssue {
  kNone,
  kUnknownPoint,     ///< no such point in the registry: always rejected (nothing to store it under)
  kNonFinite,        ///< NaN or ±inf
  kOutOfRange,       ///< outside the point's range (plus the tolerance)
  kFutureTimestamp,  ///< later than now + max_future_skew
  kStaleTimestamp,   ///< older than now − max_age
};
inline constexpr std::array<ReadingIssue, 6> kAllReadingIssues{
    ReadingIssue::kNone,       ReadingIssue::kUnknownPoint,    ReadingIssue::kNonFinite,
    ReadingIssue::kOutOfRange, ReadingIssue::kFutureTimestamp, ReadingIssue::kStaleTimestamp};
/// "none" | "unknown_point" | "non_finite" | "out_of_range" | "future_timestamp" | "stale_timestamp"
/// (stable: metric labels and log fields).
std::string_view ReadingIssueCode(ReadingIssue issue);

/// What happens to a reading.
enum class Disposition {
  kAccept,         ///< stored as it came (its own quality, possibly already bad from the source)
  kMarkBad,        ///< stored with quality bad and the reason set; the value is kept as sent
  kReject,         ///< not stored; counted and logged by the caller
};
/// "accept" | "mark_bad" | "reject"
std::string_view DispositionCode(Disposition disposition);

/// How to treat one kind of issue.
enum class IssuePolicy { kMarkBad, kReject };

/// The point facts a reading is checked against (from the points registry).
struct PointRange {
  double low = 0;   ///< measuring range of the instrument (e.g. 0–100 %LEL)
  double high = 100;
  bool enforce = true;  ///< false for points without a meaningful range (counters, switches checked elsewhere)

  friend bool operator==(const PointRange&, const PointRange&) = default;
};

/// The configurable part. Defaults: a value outside the range or not finite is kept as bad quality (the
/// operator sees a faulty instrument instead of a silent gap); timestamps 5 s ahead or 7 days behind are
/// rejected (a clock that far off would put the reading in the wrong place of every trend and roll-up).
struct ValidationPolicy {
  std::chrono::milliseconds max_future_skew{5000};
  std::chrono::milliseconds max_age{std::chrono::hours(24 * 7)};
  /// Extra room around the range in % of its span: instruments read a little past their range
  /// (4–20 mA transmitters go to about 20.5 mA) and that is not a fault.
  double range_tolerance_percent = 0;
  IssuePolicy non_finite = IssuePolicy::kMarkBad;
  IssuePolicy out_of_range = IssuePolicy::kMarkBad;
  IssuePolicy future_timestamp = IssuePolicy::kReject;
  IssuePolicy stale_timestamp = IssuePolicy::kReject;

  friend bool operator==(const ValidationPolicy&, const ValidationPolicy&) = default;
};

/// INVALID_ARGUMENT naming the field: skew and age ≥ 0, tolerance finite and ≥ 0.
Status ValidateValidationPolicy(const ValidationPolicy& policy);

/// The outcome for one reading.
struct ReadingCheck {
  Disposition disposition = Disposition::kAccept;
  ReadingIssue issue = ReadingIssue::kNone;  ///< the issue that decided the disposition
  Reading reading;                           ///< the reading to store (quality and reason set on kMarkBad)
  std::string detail;                        ///< for the log: what was wrong, with the numbers; "" when fine
};

/// Checks one reading. `point` is nullptr when the registry does not know the point. When several issues
/// apply, a rejecting one wins over a marking one; among equals the order is unknown point, future
/// timestamp, stale timestamp, non-finite, out of range.
ReadingCheck CheckReading(Reading reading, const PointRange* point, const ValidationPolicy& policy, TimePoint now);

/// Counts outcomes by issue and disposition (one per adapter or batch; not thread-safe).
class ReadingTally {
 public:
  void Add(const ReadingCheck& check);
  std::uint64_t Count(ReadingIssue issue) const;
  std::uint64_t Count(Disposition disposition) const;
  std::uint64_t Total() const;

 private:
  std::array<std::uint64_t, kAllReadingIssues.size()> by_issue_{};
  std::array<std::uint64_t, 3> by_disposition_{};
};

}  // namespace safeloop::iot
