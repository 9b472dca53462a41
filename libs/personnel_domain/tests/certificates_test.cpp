#include <catch2/catch.hpp>

#include <set>

#include "safeloop/personnel_domain/certificates.hpp"

using namespace safeloop;
using namespace safeloop::personnel_domain;
using std::chrono::days;

namespace {
Date D(const char* text) {
  auto d = ParseDate(text);
  REQUIRE(d.has_value());
  return *d;
}

CertificateDates SpecialOp(const char* issued, std::optional<const char*> last_review = std::nullopt,
                           bool extended = false) {
  CertificateDates c;
  c.kind = CertificateKind::kSpecialOperation;
  c.review_interval_years = 3;
  c.issued_on = D(issued);
  c.expires_on = AddYears(c.issued_on, 6);
  if (last_review) c.last_review_on = D(*last_review);
  c.review_extended = extended;
  return c;
}
}  // namespace

TEST_CASE("dates: strict YYYY-MM-DD, real calendar days, China local day of an instant") {
  CHECK(FormatDate(D("2024-02-29")) == "2024-02-29");
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "2024/01/01", "", "20240101",
                          "1899-12-31", "2024-01-32", "2024-01-0a", "2024-04-31"}) {
    INFO(bad);
    CHECK_FALSE(ParseDate(bad).has_value());
  }
  // 2026-03-01T15:59:59Z is 23:59:59 in Beijing; one second later it is the next day there.
  auto t = *ParseRfc3339("2026-03-01T15:59:59Z");
  CHECK(FormatDate(ChinaDateOf(t)) == "2026-03-01");
  CHECK(FormatDate(ChinaDateOf(t + std::chrono::seconds(1))) == "2026-03-02");
  CHECK(FormatDate(ChinaDateOf(*ParseRfc3339("2026-03-02T00:00:00+08:00"))) == "2026-03-02");
  CHECK(FormatDate(ChinaDateOf(*ParseRfc3339("2026-03-01T23:59:59.999+08:00"))) == "2026-03-01");
}

TEST_CASE("RFC 3339 parsing: offsets, fractions, and what is refused") {
  CHECK(UnixMillis(*ParseRfc3339("1970-01-01T00:00:00Z")) == 0);
  CHECK(UnixMillis(*ParseRfc3339("1970-01-01T08:00:00+08:00")) == 0);
  CHECK(UnixMillis(*ParseRfc3339("1970-01-01T00:00:00.250Z")) == 250);
  CHECK(UnixMillis(*ParseRfc3339("1969-12-31T19:00:01-05:00")) == 1000);
  CHECK(FormatRfc3339(*ParseRfc3339(FormatRfc3339(FromUnixMillis(1767225600123)))) ==
        FormatRfc3339(FromUnixMillis(1767225600123)));
  for (const char* bad : {"2026-03-01", "2026-03-01T08:00:00", "2026-03-01 08:00:00Z", "2026-03-01T24:00:00Z",
                          "2026-03-01T08:60:00Z", "2026-03-01T08:00:00.Z", "2026-03-01T08:00:00+0800",
                          "2026-02-30T08:00:00Z", "2026-03-01T08:00:00+24:00", "2026-03-01T08:00:00.1234567890Z"}) {
    INFO(bad);
    CHECK_FALSE(ParseRfc3339(bad).has_value());
  }
}

TEST_CASE("AddYears keeps the day, 29 February falls back to 28 February") {
  struct Row { const char* from; int years; const char* to; };
  for (const auto& r : std::vector<Row>{{"2020-02-29", 3, "2023-02-28"}, {"2020-02-29", 4, "2024-02-29"},
                                        {"2021-03-01", 3, "2024-03-01"}, {"2024-12-31", 6, "2030-12-31"},
                                        {"2025-01-15", 0, "2025-01-15"}}) {
    INFO(r.from << " + " << r.years);
    CHECK(FormatDate(AddYears(D(r.from), r.years)) == r.to);
  }
}

TEST_CASE("catalogue: 11 special-operation categories, 16 危险化学品 items, the other kinds, unique codes") {
  std::set<std::string> codes;
  int categories = 0, hazchem_items = 0;
  for (const auto& t : CertificateCatalog()) {
    INFO(t.code);
    CHECK(codes.insert(t.code).second);
    CHECK_FALSE(t.name_zh.empty());
    if (t.kind == CertificateKind::kSpecialOperation) {
      CHECK(t.validity_years == 6);
      CHECK(t.review_interval_years == 3);
      if (t.parent_code.empty()) ++categories;
      if (t.parent_code == "special_op.hazchem") ++hazchem_items;
    }
    if (!t.parent_code.empty()) CHECK(FindCertificateType(t.parent_code) != nullptr);
  }
  CHECK(categories == 11);
  CHECK(hazchem_items == 16);
  CHECK(FindCertificateType("special_op.hazchem.instrumentation")->name_zh == "化工自动化控制仪表作业");
  CHECK(FindCertificateType("safety_training.principal")->validity_years == 3);
  CHECK(FindCertificateType("safety_training.safety_manager")->review_interval_years == 0);
  CHECK(FindCertificateType("special_equipment.crane")->review_interval_years == 4);
  CHECK(FindCertificateType("special_training.guardian")->kind == CertificateKind::kSpecialTraining);
  CHECK(FindCertificateType("special_op.nope") == nullptr);
  for (auto k : {CertificateKind::kSpecialOperation, CertificateKind::kSafetyTraining,
                 CertificateKind::kSpecialEquipment, CertificateKind::kSpecialTraining}) {
    CHECK(ParseCertificateKind(CertificateKindCode(k)) == k);
  }
  CHECK_FALSE(ParseCertificateKind("x").has_value());
}

TEST_CASE("a category requirement is met by its items; an item requirement only by that item") {
  const auto& nitration = *FindCertificateType("special_op.hazchem.nitration");
  const auto& hazchem = *FindCertificateType("special_op.hazchem");
  CHECK(CertificateMeets(nitration, "special_op.hazchem"));
  CHECK(CertificateMeets(nitration, "special_op.hazchem.nitration"));
  CHECK_FALSE(CertificateMeets(hazchem, "special_op.hazchem.nitration"));
  CHECK_FALSE(CertificateMeets(nitration, "special_op.hazchem.oxidation"));
  CHECK_FALSE(CertificateMeets(*FindCertificateType("special_op.welding"), "special_op.electrician"));
}

TEST_CASE("expiry defaults to issue + validity; no validity, no expiry") {
  CHECK(FormatDate(*DefaultExpiry(*FindCertificateType("special_op.welding"), D("2020-05-10"))) == "2026-05-10");
  CHECK(FormatDate(*DefaultExpiry(*FindCertificateType("safety_training.principal"), D("2024-02-29"))) ==
        "2027-02-28");
  CHECK_FALSE(DefaultExpiry(*FindCertificateType("special_equipment.crane"), D("2024-01-01")).has_value());
}

TEST_CASE("next review: last review (or issue) + interval; 6 years with the clean-record extension") {
  CHECK(FormatDate(*NextReviewDate(SpecialOp("2020-05-10"))) == "2023-05-10");
  CHECK(FormatDate(*NextReviewDate(SpecialOp("2020-05-10", "2023-04-01"))) == "2026-04-01");
  CHECK(FormatDate(*NextReviewDate(SpecialOp("2020-05-10", std::nullopt, true))) == "2026-05-10");
  CHECK(FormatDate(*NextReviewDate(SpecialOp("2020-05-10", "2021-01-02", true))) == "2027-01-02");
  CertificateDates crane{CertificateKind::kSpecialEquipment, 4, D("2020-02-29"), {}, {}, false, false, false};
  CHECK(FormatDate(*NextReviewDate(crane)) == "2024-02-29");
  crane.review_extended = true;  // the extension is a 30 号令 rule: special equipment keeps 4 years
  CHECK(FormatDate(*NextReviewDate(crane)) == "2024-02-29");
  CertificateDates principal{CertificateKind::kSafetyTraining, 0, D("2024-01-01"), D("2027-01-01"), {}, false, false, false};
  CHECK_FALSE(NextReviewDate(principal).has_value());
}

TEST_CASE("status of a special-operation certificate at the day before, of and after each boundary") {
  // Issued 2020-05-10: review due 2023-05-10 (window opens 2023-03-11), expiry 2026-05-10.
  const auto unreviewed = SpecialOp("2020-05-10");
  const auto reviewed = SpecialOp("2020-05-10", "2023-04-20");  // next review 2026-04-20, before expiry
  const auto extended = SpecialOp("2020-05-10", std::nullopt, true);  // review 2026-05-10 = expiry: moot
  struct Row { const CertificateDates* c; const char* today; CertificateStatus want; };
  using S = CertificateStatus;
  const std::vector<Row> rows{
      {&unreviewed, "2020-05-10", S::kValid},
      {&unreviewed, "2023-03-10", S::kValid},
      {&unreviewed, "2023-03-11", S::kReviewDueSoon},  // 60 days before the review date
      {&unreviewed, "2023-05-10", S::kReviewDueSoon},  // the review date is the last good day
      {&unreviewed, "2023-05-11", S::kReviewOverdue},
      {&unreviewed, "2026-05-10", S::kReviewOverdue},
      {&unreviewed, "2026-05-11", S::kExpired},  // expiry wins over the overdue review
      {&reviewed, "2023-05-11", S::kValid},
      {&reviewed, "2026-02-18", S::kValid},
      {&reviewed, "2026-02-19", S::kReviewDueSoon},
      {&reviewed, "2026-04-20", S::kReviewDueSoon},
      {&reviewed, "2026-04-21", S::kReviewOverdue},
      {&extended, "2023-05-11", S::kValid},
      {&extended, "2026-03-10", S::kValid},
      {&extended, "2026-03-11", S::kExpiringSoon},  // 60-day expiry warning; the review is moot
      {&extended, "2026-05-10", S::kExpiringSoon},
      {&extended, "2026-05-11", S::kExpired},
  };
  for (const auto& r : rows) {
    INFO(r.today << " want " << CertificateStatusCode(r.want));
    CHECK(StatusOn(*r.c, D(r.today), 60) == r.want);
  }
}

TEST_CASE("status of certificates without review, and the warning window for expiry") {
  CertificateDates principal{CertificateKind::kSafetyTraining, 0, D("2024-01-01"), D("2027-01-01"), {}, false, false, false};
  using S = CertificateStatus;
  struct Row { const char* today; int warn; S want; };
  for (const auto& r : std::vector<Row>{{"2026-11-01", 61, S::kExpiringSoon}, {"2026-11-01", 60, S::kValid},
                                        {"2026-11-02", 60, S::kExpiringSoon}, {"2026-12-31", 30, S::kExpiringSoon},
                                        {"2026-12-01", 30, S::kValid}, {"2026-12-02", 30, S::kExpiringSoon},
                                        {"2027-01-01", 1, S::kExpiringSoon}, {"2027-01-02", 365, S::kExpired}}) {
    INFO(r.today << " warn " << r.warn);
    CHECK(StatusOn(principal, D(r.today), r.warn) == r.want);
  }
  CertificateDates guardian{CertificateKind::kSpecialTraining, 0, D("2024-01-01"), {}, {}, false, false, false};
  CHECK(StatusOn(guardian, D("2099-01-01"), 60) == S::kValid);  // no expiry, no review
}

TEST_CASE("revoked and failed reviews override every date") {
  auto c = SpecialOp("2020-05-10");
  c.review_failed = true;
  CHECK(StatusOn(c, D("2020-06-01"), 60) == CertificateStatus::kReviewFailed);
  CHECK(StatusOn(c, D("2030-06-01"), 60) == CertificateStatus::kReviewFailed);
  c.revoked = true;
  CHECK(StatusOn(c, D("2020-06-01"), 60) == CertificateStatus::kRevoked);
  CHECK(DueDates(c).empty());
}

TEST_CASE("status codes round-trip; only valid, expiring soon and review due soon qualify") {
  using S = CertificateStatus;
  for (auto s : {S::kValid, S::kExpiringSoon, S::kReviewDueSoon, S::kReviewOverdue, S::kReviewFailed, S::kExpired,
                 S::kRevoked}) {
    CHECK(ParseCertificateStatus(CertificateStatusCode(s)) == s);
    CHECK(StatusQualifies(s) == (s == S::kValid || s == S::kExpiringSoon || s == S::kReviewDueSoon));
  }
  CHECK_FALSE(ParseCertificateStatus("ok").has_value());
}

TEST_CASE("due dates: review (when before the expiry) and expiry; days between") {
  auto due = DueDates(SpecialOp("2020-05-10"));
  REQUIRE(due.size() == 2);
  CHECK(due[0].kind == DueDate::Kind::kReview);
  CHECK(FormatDate(due[0].on) == "2023-05-10");
  CHECK(DueKindCode(due[1].kind) == "expiry");
  CHECK(FormatDate(due[1].on) == "2026-05-10");
  CHECK(DueDates(SpecialOp("2020-05-10", std::nullopt, true)).size() == 1);  // review moot
  CHECK(DaysBetween(D("2026-05-01"), D("2026-05-10")) == 9);
  CHECK(DaysBetween(D("2026-05-11"), D("2026-05-10")) == -1);
  CHECK(DaysBetween(D("2024-02-28"), D("2024-03-01")) == 2);
}

TEST_CASE("validation of entered dates names the field") {
  const Date today = D("2026-01-10");
  struct Row { CertificateDates c; const char* field; };
  auto base = SpecialOp("2020-05-10");
  auto future_issue = base;
  future_issue.issued_on = D("2026-01-11");
  auto early_expiry = base;
  early_expiry.expires_on = base.issued_on;
  auto early_review = base;
  early_review.last_review_on = D("2020-05-09");
  auto future_review = base;
  future_review.last_review_on = D("2026-01-11");
  auto bad_extension = base;
  bad_extension.kind = CertificateKind::kSafetyTraining;
  bad_extension.review_extended = true;
  for (const auto& r : std::vector<Row>{{future_issue, "issued_on"}, {early_expiry, "expires_on"},
                                        {early_review, "last_review_on"}, {future_review, "last_review_on"},
                                        {bad_extension, "review_extended"}}) {
    auto s = ValidateCertificateDates(r.c, today);
    INFO(s.ToString());
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.field() == r.field);
  }
  auto edge = base;
  edge.issued_on = today;
  edge.last_review_on = today;
  edge.expires_on = today + days(1);
  CHECK(ValidateCertificateDates(edge, today).ok());
  CHECK(ValidateCertificateDates(SpecialOp("2020-05-10", "2023-05-01", true), today).ok());
}
