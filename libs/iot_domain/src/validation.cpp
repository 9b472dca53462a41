#include "safeloop/iot_domain/validation.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

namespace safeloop::iot {
namespace {

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

Disposition FromPolicy(IssuePolicy p) { return p == IssuePolicy::kReject ? Disposition::kReject : Disposition::kMarkBad; }

QualityReason ReasonFor(ReadingIssue issue) {
  switch (issue) {
    case ReadingIssue::kNonFinite: return QualityReason::kNonFinite;
    case ReadingIssue::kOutOfRange: return QualityReason::kOutOfRange;
    case ReadingIssue::kFutureTimestamp:
    case ReadingIssue::kStaleTimestamp: return QualityReason::kTimestamp;
    default: return QualityReason::kNone;
  }
}

}  // namespace

std::string_view ReadingIssueCode(ReadingIssue issue) {
  switch (issue) {
    case ReadingIssue::kNone: return "none";
    case ReadingIssue::kUnknownPoint: return "unknown_point";
    case ReadingIssue::kNonFinite: return "non_finite";
    case ReadingIssue::kOutOfRange: return "out_of_range";
    case ReadingIssue::kFutureTimestamp: return "future_timestamp";
    case ReadingIssue::kStaleTimestamp: return "stale_timestamp";
  }
  return "";
}

std::string_view DispositionCode(Disposition disposition) {
  switch (disposition) {
    case Disposition::kAccept: return "accept";
    case Disposition::kMarkBad: return "mark_bad";
    case Disposition::kReject: return "reject";
  }
  return "";
}

Status ValidateValidationPolicy(const ValidationPolicy& policy) {
  if (policy.max_future_skew.count() < 0) return InvalidArgument("the skew must be ≥ 0", "max_future_skew");
  if (policy.max_age.count() < 0) return InvalidArgument("the maximum age must be ≥ 0", "max_age");
  if (!std::isfinite(policy.range_tolerance_percent) || policy.range_tolerance_percent < 0) {
    return InvalidArgument("the tolerance must be a number ≥ 0", "range_tolerance_percent");
  }
  return Status::Ok();
}

ReadingCheck CheckReading(Reading reading, const PointRange* point, const ValidationPolicy& policy, TimePoint now) {
  ReadingCheck out;
  if (point == nullptr) {
    out.disposition = Disposition::kReject;
    out.issue = ReadingIssue::kUnknownPoint;
    out.detail = "no point '" + reading.point_id + "' in the registry";
    out.reading = std::move(reading);
    return out;
  }

  // Collect in the documented order; the first rejecting issue wins, else the first marking one.
  struct Found {
    ReadingIssue issue;
    Disposition disposition;
    std::string detail;
  };
  std::vector<Found> found;
  const auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  if (reading.timestamp > now + policy.max_future_skew) {
    found.push_back({ReadingIssue::kFutureTimestamp, FromPolicy(policy.future_timestamp),
                     "the timestamp " + FormatRfc3339(reading.timestamp) + " is " +
                         std::to_string(ms(reading.timestamp - now)) + " ms ahead (allowed " +
                         std::to_string(policy.max_future_skew.count()) + ")"});
  }
  if (reading.timestamp < now - policy.max_age) {
    found.push_back({ReadingIssue::kStaleTimestamp, FromPolicy(policy.stale_timestamp),
                     "the timestamp " + FormatRfc3339(reading.timestamp) + " is " +
                         std::to_string(ms(now - reading.timestamp)) + " ms old (allowed " +
                         std::to_string(policy.max_age.count()) + ")"});
  }
  if (!std::isfinite(reading.value)) {
    found.push_back({ReadingIssue::kNonFinite, FromPolicy(policy.non_finite), "the value is " + Number(reading.value)});
  } else if (point->enforce) {
    const double margin = (point->high - point->low) * policy.range_tolerance_percent / 100.0;
    if (reading.value < point->low - margin || reading.value > point->high + margin) {
      found.push_back({ReadingIssue::kOutOfRange, FromPolicy(policy.out_of_range),
                       "the value " + Number(reading.value) + " is outside the range " + Number(point->low) + ".." +
                           Number(point->high)});
    }
  }

  const Found* decisive = nullptr;
  for (const Found& f : found) {
    if (f.disposition == Disposition::kReject) {
      decisive = &f;
      break;
    }
    if (decisive == nullptr) decisive = &f;
  }
  if (decisive != nullptr) {
    out.disposition = decisive->disposition;
    out.issue = decisive->issue;
    out.detail = decisive->detail;
    if (out.disposition == Disposition::kMarkBad) {
      reading.quality = Quality::kBad;
      reading.reason = ReasonFor(decisive->issue);
    }
  }
  out.reading = std::move(reading);
  return out;
}

void ReadingTally::Add(const ReadingCheck& check) {
  ++by_issue_[static_cast<std::size_t>(check.issue)];
  ++by_disposition_[static_cast<std::size_t>(check.disposition)];
}

std::uint64_t ReadingTally::Count(ReadingIssue issue) const { return by_issue_[static_cast<std::size_t>(issue)]; }

std::uint64_t ReadingTally::Count(Disposition disposition) const {
  return by_disposition_[static_cast<std::size_t>(disposition)];
}

std::uint64_t ReadingTally::Total() const {
  std::uint64_t n = 0;
  for (std::uint64_t c : by_disposition_) n += c;
  return n;
}

}  // namespace safeloop::iot
