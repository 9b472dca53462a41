#include <catch2/catch.hpp>

#include <functional>

#include "safeloop/personnel_domain/qualification.hpp"

using namespace safeloop;
using namespace safeloop::personnel_domain;
using namespace std::chrono_literals;

namespace {

TimePoint T(const char* rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  REQUIRE(t.has_value());
  return *t;
}

Date D(const char* text) { return *ParseDate(text); }

HeldCertificate Welding(const char* id, const char* issued, std::optional<const char*> reviewed = std::nullopt) {
  HeldCertificate c{id, "special_op.welding", "", std::string("W-") + id, {}};
  c.dates.kind = CertificateKind::kSpecialOperation;
  c.dates.review_interval_years = 3;
  c.dates.issued_on = D(issued);
  c.dates.expires_on = AddYears(c.dates.issued_on, 6);
  if (reviewed) c.dates.last_review_on = D(*reviewed);
  return c;
}

PersonFacts Employee() { return {"p1", "active", "employee", {}, std::nullopt, std::nullopt, {}}; }

PersonFacts ApprovedContractorStaff() {
  PersonFacts p{"p2", "active", "outsourced", {}, std::string("approved"), ContractorFacts{}, {}};
  p.contractor->company_id = "c1";
  p.contractor->review_status = "approved";
  p.contractor->document_expiries = {D("2027-12-31"), std::nullopt};
  return p;
}

std::vector<std::string> Codes(const QualificationDecision& d) {
  std::vector<std::string> out;
  for (const auto& r : d.reasons) out.push_back(r.code);
  return out;
}

const TimePoint kNow = ParseRfc3339("2024-06-01T10:00:00+08:00").value();

}  // namespace

TEST_CASE("blacklist periods: from inclusive, until and lift exclusive, permanent without until") {
  const auto from = T("2024-01-01T00:00:00Z");
  const auto until = T("2024-02-01T00:00:00Z");
  const auto lifted = T("2024-01-15T00:00:00Z");
  struct Row { BlacklistPeriod e; TimePoint at; bool want; };
  for (const auto& r : std::vector<Row>{
           {{from, until, {}}, from - 1ms, false}, {{from, until, {}}, from, true},
           {{from, until, {}}, until - 1ms, true}, {{from, until, {}}, until, false},
           {{from, {}, {}}, T("2099-01-01T00:00:00Z"), true}, {{from, {}, lifted}, lifted - 1ms, true},
           {{from, {}, lifted}, lifted, false}, {{from, until, lifted}, T("2024-01-20T00:00:00Z"), false}}) {
    INFO(FormatRfc3339(r.at));
    CHECK(BlacklistedAt({r.e}, r.at) == r.want);
  }
  CHECK_FALSE(BlacklistedAt({}, from));
}

TEST_CASE("decision matrix: each fact alone gives its reason, and the valid case qualifies") {
  struct Case {
    const char* name;
    std::function<PersonFacts()> facts;
    const char* requirement;
    std::vector<std::string> reasons;  // empty = qualified
  };
  const std::vector<Case> cases{
      {"employee on site", [] { return Employee(); }, "on_site", {}},
      {"employee with a valid welding certificate",
       [] { auto p = Employee(); p.certificates = {Welding("a", "2022-01-01")}; return p; }, "special_op.welding", {}},
      {"no certificate", [] { return Employee(); }, "special_op.welding", {"certificate_missing"}},
      {"another type only", [] { auto p = Employee(); p.certificates = {Welding("a", "2022-01-01")}; return p; },
       "special_op.electrician", {"certificate_missing"}},
      {"unreviewed past the review date",
       [] { auto p = Employee(); p.certificates = {Welding("a", "2021-05-31")}; return p; }, "special_op.welding",
       {"review_overdue"}},
      {"reviewed in time", [] { auto p = Employee(); p.certificates = {Welding("a", "2021-05-31", "2024-05-01")}; return p; },
       "special_op.welding", {}},
      {"expired", [] { auto p = Employee(); p.certificates = {Welding("a", "2018-05-31", "2021-05-01")}; return p; },
       "special_op.welding", {"certificate_expired"}},
      {"revoked", [] {
         auto p = Employee(); p.certificates = {Welding("a", "2022-01-01")}; p.certificates[0].dates.revoked = true; return p; },
       "special_op.welding", {"certificate_revoked"}},
      {"review failed", [] {
         auto p = Employee(); p.certificates = {Welding("a", "2022-01-01")}; p.certificates[0].dates.review_failed = true; return p; },
       "special_op.welding", {"review_failed"}},
      {"left", [] { auto p = Employee(); p.status = "left"; return p; }, "on_site", {"person_left"}},
      {"person blacklisted", [] { auto p = Employee(); p.blacklist = {{kNow - 24h, {}, {}}}; return p; }, "on_site",
       {"person_blacklisted"}},
      {"person blacklist ended", [] { auto p = Employee(); p.blacklist = {{kNow - 48h, kNow - 24h, {}}}; return p; },
       "on_site", {}},
      {"approved contractor staff", [] { return ApprovedContractorStaff(); }, "on_site", {}},
      {"outsourced but not registered as staff",
       [] { auto p = Employee(); p.person_type = "outsourced"; return p; }, "on_site", {"staff_unapproved"}},
      {"staff pending", [] { auto p = ApprovedContractorStaff(); p.staff_review_status = "pending"; return p; },
       "on_site", {"staff_unapproved"}},
      {"company pending", [] { auto p = ApprovedContractorStaff(); p.contractor->review_status = "pending"; return p; },
       "on_site", {"contractor_unapproved"}},
      {"company rejected", [] { auto p = ApprovedContractorStaff(); p.contractor->review_status = "rejected"; return p; },
       "on_site", {"contractor_unapproved"}},
      {"company blacklisted", [] { auto p = ApprovedContractorStaff(); p.contractor->blacklist = {{kNow, {}, {}}}; return p; },
       "on_site", {"contractor_blacklisted"}},
      {"company document expired yesterday",
       [] { auto p = ApprovedContractorStaff(); p.contractor->document_expiries.push_back(D("2024-05-31")); return p; },
       "on_site", {"contractor_qualification_expired"}},
      {"company document expires today",
       [] { auto p = ApprovedContractorStaff(); p.contractor->document_expiries.push_back(D("2024-06-01")); return p; },
       "on_site", {}},
      {"staff of an unapproved company with an expired certificate", [] {
         auto p = ApprovedContractorStaff();
         p.contractor->review_status = "pending";
         p.certificates = {Welding("a", "2016-01-01")};
         return p; },
       "special_op.welding", {"contractor_unapproved", "certificate_expired"}},
      {"everything wrong at once", [] {
         auto p = ApprovedContractorStaff();
         p.status = "left";
         p.blacklist = {{kNow - 1h, {}, {}}};
         p.staff_review_status = "rejected";
         p.contractor->review_status = "rejected";
         p.contractor->blacklist = {{kNow - 1h, {}, {}}};
         p.contractor->document_expiries = {D("2020-01-01")};
         return p; },
       "on_site",
       {"person_left", "person_blacklisted", "staff_unapproved", "contractor_unapproved", "contractor_blacklisted",
        "contractor_qualification_expired"}},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    auto d = DecideQualification(c.facts(), c.requirement, kNow, 60);
    CHECK(Codes(d) == c.reasons);
    CHECK(d.qualified == c.reasons.empty());
    for (const auto& r : d.reasons) CHECK_FALSE(r.message.empty());
    if (!d.qualified) CHECK_FALSE(d.certificate.has_value());
  }
}

TEST_CASE("the certificate used is the qualifying one that stays good longest; bad ones do not count against it") {
  auto p = Employee();
  p.certificates = {Welding("old-expired", "2016-01-01"), Welding("short", "2022-01-01"),
                    Welding("long", "2023-01-01")};
  auto d = DecideQualification(p, "special_op.welding", kNow, 60);
  REQUIRE(d.qualified);
  CHECK(d.certificate->id == "long");
  CHECK(d.certificate_status == CertificateStatus::kValid);
}

TEST_CASE("a certificate in its review window still qualifies and says so") {
  auto p = Employee();
  p.certificates = {Welding("a", "2021-06-15")};  // review due 2024-06-15, window open on 2024-06-01
  auto d = DecideQualification(p, "special_op.welding", kNow, 60);
  REQUIRE(d.qualified);
  CHECK(d.certificate_status == CertificateStatus::kReviewDueSoon);
}

TEST_CASE("the review date boundary in Beijing time: last good day, then overdue at local midnight") {
  auto p = Employee();
  p.certificates = {Welding("a", "2021-06-01")};  // review due 2024-06-01
  CHECK(DecideQualification(p, "special_op.welding", T("2024-06-01T23:59:59+08:00"), 60).qualified);
  auto next_day = DecideQualification(p, "special_op.welding", T("2024-06-01T16:00:00Z"), 60);
  CHECK(Codes(next_day) == std::vector<std::string>{"review_overdue"});
}

TEST_CASE("a category requirement is met by an item certificate of that category") {
  auto p = Employee();
  HeldCertificate item{"n", "special_op.hazchem.nitration", "special_op.hazchem", "N-1", {}};
  item.dates = Welding("x", "2023-01-01").dates;
  p.certificates = {item};
  CHECK(DecideQualification(p, "special_op.hazchem", kNow, 60).qualified);
  CHECK(DecideQualification(p, "special_op.hazchem.nitration", kNow, 60).qualified);
  CHECK(Codes(DecideQualification(p, "special_op.hazchem.oxidation", kNow, 60)) ==
        std::vector<std::string>{"certificate_missing"});
}
