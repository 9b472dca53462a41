#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "safeloop/iot_domain/validation.hpp"

using namespace safeloop;
using namespace safeloop::iot;
using namespace std::chrono_literals;

namespace {

const TimePoint kNow = FromUnixMillis(1'764'000'000'000);
const PointRange kRange{0, 100, true};

Reading R(double value, TimePoint ts = kNow, Quality q = Quality::kGood) {
  return Reading{"GT-201", value, q, q == Quality::kGood ? QualityReason::kNone : QualityReason::kSourceReported, ts};
}

}  // namespace

TEST_CASE("reading validation: every outcome is a typed value") {
  const double inf = std::numeric_limits<double>::infinity();
  struct Row {
    const char* what;
    Reading reading;
    const PointRange* point;
    Disposition disposition;
    ReadingIssue issue;
    Quality stored_quality;
    QualityReason stored_reason;
  };
  const PointRange unenforced{0, 100, false};
  const std::vector<Row> rows{
      {"in range", R(42), &kRange, Disposition::kAccept, ReadingIssue::kNone, Quality::kGood, QualityReason::kNone},
      {"on the low edge", R(0), &kRange, Disposition::kAccept, ReadingIssue::kNone, Quality::kGood,
       QualityReason::kNone},
      {"on the high edge", R(100), &kRange, Disposition::kAccept, ReadingIssue::kNone, Quality::kGood,
       QualityReason::kNone},
      {"source says bad: kept as sent", R(42, kNow, Quality::kBad), &kRange, Disposition::kAccept,
       ReadingIssue::kNone, Quality::kBad, QualityReason::kSourceReported},
      {"unknown point", R(42), nullptr, Disposition::kReject, ReadingIssue::kUnknownPoint, Quality::kGood,
       QualityReason::kNone},
      {"NaN", R(std::nan("")), &kRange, Disposition::kMarkBad, ReadingIssue::kNonFinite, Quality::kBad,
       QualityReason::kNonFinite},
      {"+inf", R(inf), &kRange, Disposition::kMarkBad, ReadingIssue::kNonFinite, Quality::kBad,
       QualityReason::kNonFinite},
      {"-inf on an unenforced range", R(-inf), &unenforced, Disposition::kMarkBad, ReadingIssue::kNonFinite,
       Quality::kBad, QualityReason::kNonFinite},
      {"above range", R(100.5), &kRange, Disposition::kMarkBad, ReadingIssue::kOutOfRange, Quality::kBad,
       QualityReason::kOutOfRange},
      {"below range", R(-0.1), &kRange, Disposition::kMarkBad, ReadingIssue::kOutOfRange, Quality::kBad,
       QualityReason::kOutOfRange},
      {"out of an unenforced range", R(1e9), &unenforced, Disposition::kAccept, ReadingIssue::kNone, Quality::kGood,
       QualityReason::kNone},
      {"5 s ahead: allowed", R(42, kNow + 5s), &kRange, Disposition::kAccept, ReadingIssue::kNone, Quality::kGood,
       QualityReason::kNone},
      {"5.001 s ahead", R(42, kNow + 5001ms), &kRange, Disposition::kReject, ReadingIssue::kFutureTimestamp,
       Quality::kGood, QualityReason::kNone},
      {"a year ahead", R(42, kNow + 24h * 365), &kRange, Disposition::kReject, ReadingIssue::kFutureTimestamp,
       Quality::kGood, QualityReason::kNone},
      {"7 days old: allowed", R(42, kNow - 24h * 7), &kRange, Disposition::kAccept, ReadingIssue::kNone,
       Quality::kGood, QualityReason::kNone},
      {"older than 7 days", R(42, kNow - 24h * 7 - 1ms), &kRange, Disposition::kReject,
       ReadingIssue::kStaleTimestamp, Quality::kGood, QualityReason::kNone},
      {"rejecting beats marking: future and NaN", R(std::nan(""), kNow + 1h), &kRange, Disposition::kReject,
       ReadingIssue::kFutureTimestamp, Quality::kGood, QualityReason::kNone},
      {"unknown beats everything", R(std::nan(""), kNow + 1h), nullptr, Disposition::kReject,
       ReadingIssue::kUnknownPoint, Quality::kGood, QualityReason::kNone},
  };
  for (const Row& r : rows) {
    INFO(r.what);
    const ReadingCheck c = CheckReading(r.reading, r.point, ValidationPolicy{}, kNow);
    CHECK(c.disposition == r.disposition);
    CHECK(c.issue == r.issue);
    CHECK(c.reading.quality == r.stored_quality);
    CHECK(c.reading.reason == r.stored_reason);
    CHECK(c.reading.point_id == "GT-201");
    CHECK(c.detail.empty() == (r.issue == ReadingIssue::kNone));
    // The value is never altered, whatever happens to the quality.
    if (std::isnan(r.reading.value)) {
      CHECK(std::isnan(c.reading.value));
    } else {
      CHECK(c.reading.value == r.reading.value);
    }
  }
}

TEST_CASE("reading validation: the policy is configurable") {
  ValidationPolicy reject_all;
  reject_all.out_of_range = IssuePolicy::kReject;
  reject_all.non_finite = IssuePolicy::kReject;
  CHECK(CheckReading(R(101), &kRange, reject_all, kNow).disposition == Disposition::kReject);
  CHECK(CheckReading(R(std::nan("")), &kRange, reject_all, kNow).disposition == Disposition::kReject);

  ValidationPolicy keep_time;
  keep_time.future_timestamp = IssuePolicy::kMarkBad;
  keep_time.stale_timestamp = IssuePolicy::kMarkBad;
  keep_time.max_future_skew = 0ms;
  auto c = CheckReading(R(42, kNow + 1ms), &kRange, keep_time, kNow);
  CHECK(c.disposition == Disposition::kMarkBad);
  CHECK(c.issue == ReadingIssue::kFutureTimestamp);
  CHECK(c.reading.reason == QualityReason::kTimestamp);
  keep_time.max_age = 1h;
  c = CheckReading(R(42, kNow - 2h), &kRange, keep_time, kNow);
  CHECK(c.issue == ReadingIssue::kStaleTimestamp);
  CHECK(c.disposition == Disposition::kMarkBad);
  // Two marking issues: the first in the documented order decides.
  c = CheckReading(R(500, kNow - 2h), &kRange, keep_time, kNow);
  CHECK(c.issue == ReadingIssue::kStaleTimestamp);

  ValidationPolicy tolerant;
  tolerant.range_tolerance_percent = 2.5;  // 2.5 % of 0..100
  CHECK(CheckReading(R(102.5), &kRange, tolerant, kNow).disposition == Disposition::kAccept);
  CHECK(CheckReading(R(-2.5), &kRange, tolerant, kNow).disposition == Disposition::kAccept);
  CHECK(CheckReading(R(102.6), &kRange, tolerant, kNow).issue == ReadingIssue::kOutOfRange);
}

TEST_CASE("reading validation: details say what was wrong with the numbers") {
  auto c = CheckReading(R(150), &kRange, ValidationPolicy{}, kNow);
  CHECK(c.detail.find("150") != std::string::npos);
  CHECK(c.detail.find("0..100") != std::string::npos);
  c = CheckReading(R(1, kNow + 60s), &kRange, ValidationPolicy{}, kNow);
  CHECK(c.detail.find("60000 ms ahead") != std::string::npos);
  c = CheckReading(R(1), nullptr, ValidationPolicy{}, kNow);
  CHECK(c.detail.find("GT-201") != std::string::npos);
}

TEST_CASE("reading validation: policy checks name the field") {
  ValidationPolicy p;
  CHECK(ValidateValidationPolicy(p).ok());
  p.max_future_skew = -1ms;
  CHECK(ValidateValidationPolicy(p).field() == "max_future_skew");
  p = {};
  p.max_age = -1ms;
  CHECK(ValidateValidationPolicy(p).field() == "max_age");
  p = {};
  p.range_tolerance_percent = -1;
  CHECK(ValidateValidationPolicy(p).field() == "range_tolerance_percent");
  p.range_tolerance_percent = std::nan("");
  CHECK(ValidateValidationPolicy(p).field() == "range_tolerance_percent");
}

TEST_CASE("reading validation: the tally counts every outcome by issue and disposition") {
  ReadingTally tally;
  for (double v : {1.0, 2.0, 150.0, std::nan("")}) tally.Add(CheckReading(R(v), &kRange, {}, kNow));
  tally.Add(CheckReading(R(1), nullptr, {}, kNow));
  tally.Add(CheckReading(R(1, kNow + 1h), &kRange, {}, kNow));
  CHECK(tally.Total() == 6);
  CHECK(tally.Count(ReadingIssue::kNone) == 2);
  CHECK(tally.Count(ReadingIssue::kOutOfRange) == 1);
  CHECK(tally.Count(ReadingIssue::kNonFinite) == 1);
  CHECK(tally.Count(ReadingIssue::kUnknownPoint) == 1);
  CHECK(tally.Count(ReadingIssue::kFutureTimestamp) == 1);
  CHECK(tally.Count(Disposition::kAccept) == 2);
  CHECK(tally.Count(Disposition::kMarkBad) == 2);
  CHECK(tally.Count(Disposition::kReject) == 2);
  for (ReadingIssue i : kAllReadingIssues) CHECK_FALSE(ReadingIssueCode(i).empty());
  CHECK(DispositionCode(Disposition::kMarkBad) == "mark_bad");
}

TEST_CASE("reading: quality codes parse back") {
  for (Quality q : {Quality::kGood, Quality::kUncertain, Quality::kBad}) CHECK(ParseQuality(QualityCode(q)) == q);
  CHECK_FALSE(ParseQuality("GOOD").has_value());
  CHECK(QualityReasonCode(QualityReason::kDeviceException) == "device_exception");
}
