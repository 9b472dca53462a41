// Certificates through the real gRPC server: types as data, CRUD with validation, status at today,
// 复审 and revocation, optimistic concurrency, reminders and the idempotent reminder sweep.
#include <functional>

#include "qualification/pg_certificate_store.hpp"
#include "qualification_test_support.hpp"

using namespace safeloop;
using namespace safeloop::personnel;
using namespace safeloop::personnel::testing;
using Stub = v1::CertificateService::Stub;

namespace {

v1::CreateCertificateRequest Welding(const std::string& person_id, const std::string& number, pd::Date issued) {
  v1::CreateCertificateRequest req;
  req.set_person_id(person_id);
  req.set_type_code("special_op.welding");
  req.set_number(number);
  req.set_issuing_authority("沧州市应急管理局");
  req.set_issued_on(DateText(issued));
  return req;
}

}  // namespace

TEST_CASE("certificate types served from the table equal the domain catalogue") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto stub = v1::CertificateService::NewStub(h.channel());
  v1::ListCertificateTypesResponse resp;
  REQUIRE(Invoke(*stub, &Stub::ListCertificateTypes, h.TokenFor(t, {"admin"}), {}, resp).ok());
  const auto& catalog = pd::CertificateCatalog();
  REQUIRE(resp.types_size() == static_cast<int>(catalog.size()));
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    const auto& got = resp.types(static_cast<int>(i));
    INFO(catalog[i].code);
    CHECK(got.code() == catalog[i].code);
    CHECK(got.name() == catalog[i].name_zh);
    CHECK(got.kind() == pd::CertificateKindCode(catalog[i].kind));
    CHECK(got.parent_code() == catalog[i].parent_code);
    CHECK(got.validity_years() == catalog[i].validity_years);
    CHECK(got.review_interval_years() == catalog[i].review_interval_years);
  }
  v1::ListCertificateTypesRequest by_kind;
  by_kind.set_kind("special_equipment");
  REQUIRE(Invoke(*stub, &Stub::ListCertificateTypes, h.TokenFor(t, {"admin"}), by_kind, resp).ok());
  CHECK(resp.types_size() == 5);
}

TEST_CASE("certificate create, validation, status, update with version, review, revoke") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto other = h.NewTenant();
  auto stub = v1::CertificateService::NewStub(h.channel());
  const auto admin = h.TokenFor(t, {"admin"});
  const auto person = AddPerson(h, t, "张焊工");
  const auto foreigner = AddPerson(h, other, "别家人员");
  const pd::Date issued = DaysFromToday(-100);

  v1::Certificate cert;
  REQUIRE(Invoke(*stub, &Stub::CreateCertificate, admin, Welding(person, "T-001", issued), cert).ok());
  CHECK(cert.person_name() == "张焊工");
  CHECK(cert.type_name() == "焊接与热切割作业");
  CHECK(cert.expires_on() == DateText(pd::AddYears(issued, 6)));  // default from the type
  CHECK(cert.next_review_on() == DateText(pd::AddYears(issued, 3)));
  CHECK(cert.status() == "valid");
  CHECK(cert.version() == 1);

  SECTION("bad input names the field; another tenant's person is not found; duplicates conflict") {
    struct Bad { std::function<void(v1::CreateCertificateRequest&)> change; StatusCode code; const char* field; };
    const std::vector<Bad> cases{
        {[](auto& r) { r.set_type_code("special_op.nope"); }, StatusCode::kInvalidArgument, "type_code"},
        {[](auto& r) { r.set_issued_on("2024-02-30"); }, StatusCode::kInvalidArgument, "issued_on"},
        {[](auto& r) { r.set_issued_on(DateText(DaysFromToday(1))); }, StatusCode::kInvalidArgument, "issued_on"},
        {[&](auto& r) { r.set_expires_on(DateText(issued)); }, StatusCode::kInvalidArgument, "expires_on"},
        {[](auto& r) { r.set_number(" "); }, StatusCode::kInvalidArgument, "number"},
        {[](auto& r) { r.set_person_id("nope"); }, StatusCode::kInvalidArgument, "person_id"},
        {[&](auto& r) { r.set_person_id(foreigner); }, StatusCode::kNotFound, "person_id"},
        {[](auto& r) { r.set_type_code("safety_training.principal"); r.set_review_extended(true); },
         StatusCode::kInvalidArgument, "review_extended"},
        {[](auto&) {}, StatusCode::kAlreadyExists, "number"},  // T-001 again
    };
    for (const auto& c : cases) {
      auto req = Welding(person, "T-001", issued);
      c.change(req);
      v1::Certificate out;
      auto s = Invoke(*stub, &Stub::CreateCertificate, admin, req, out);
      INFO(s.ToString());
      CHECK(s.code() == c.code);
      CHECK(s.field() == c.field);
    }
  }

  SECTION("a worker may not write certificates") {
    v1::Certificate out;
    auto s = Invoke(*stub, &Stub::CreateCertificate, h.TokenFor(t, {"worker"}), Welding(person, "T-002", issued), out);
    CHECK(s.code() == StatusCode::kPermissionDenied);
  }

  SECTION("update needs the current version; the stale one is ABORTED") {
    v1::UpdateCertificateRequest up;
    up.set_certificate_id(cert.certificate_id());
    up.set_version(1);
    up.set_number("T-001A");
    up.set_issued_on(DateText(issued));
    up.set_review_extended(true);
    v1::Certificate updated;
    REQUIRE(Invoke(*stub, &Stub::UpdateCertificate, admin, up, updated).ok());
    CHECK(updated.number() == "T-001A");
    CHECK(updated.version() == 2);
    CHECK(updated.next_review_on().empty());  // extended to 6 years = the expiry: no separate review
    auto stale = Invoke(*stub, &Stub::UpdateCertificate, admin, up, updated);
    CHECK(stale.code() == StatusCode::kAborted);
    CHECK(stale.field() == "version");
  }

  SECTION("review pass moves the next review; fail makes it unqualified; revoke ends it") {
    v1::RecordReviewRequest review;
    review.set_certificate_id(cert.certificate_id());
    review.set_reviewed_on(DateText(DaysFromToday(-1)));
    review.set_result("pass");
    v1::Certificate after;
    REQUIRE(Invoke(*stub, &Stub::RecordReview, admin, review, after).ok());
    CHECK(after.last_review_on() == DateText(DaysFromToday(-1)));
    CHECK(after.next_review_on() == DateText(pd::AddYears(DaysFromToday(-1), 3)));
    review.set_result("maybe");
    CHECK(Invoke(*stub, &Stub::RecordReview, admin, review, after).field() == "result");
    review.set_result("fail");
    review.set_reviewed_on(DateText(DaysFromToday(1)));
    CHECK(Invoke(*stub, &Stub::RecordReview, admin, review, after).field() == "reviewed_on");
    review.set_reviewed_on(DateText(Today()));
    REQUIRE(Invoke(*stub, &Stub::RecordReview, admin, review, after).ok());
    CHECK(after.status() == "review_failed");

    v1::GetCertificateRequest get;
    get.set_certificate_id(cert.certificate_id());
    REQUIRE(Invoke(*stub, &Stub::GetCertificate, admin, get, after).ok());
    REQUIRE(after.reviews_size() == 2);
    CHECK(after.reviews(0).result() == "pass");
    CHECK(after.reviews(1).result() == "fail");
    CHECK_FALSE(after.reviews(1).recorded_by().empty());

    v1::RevokeCertificateRequest revoke;
    revoke.set_certificate_id(cert.certificate_id());
    revoke.set_reason("违章作业造成事故");
    REQUIRE(Invoke(*stub, &Stub::RevokeCertificate, admin, revoke, after).ok());
    CHECK(after.status() == "revoked");
    CHECK_FALSE(after.revoked_at().empty());
    CHECK(Invoke(*stub, &Stub::RevokeCertificate, admin, revoke, after).code() == StatusCode::kFailedPrecondition);
  }

  SECTION("list filters by person, type category and status today") {
    const auto other_person = AddPerson(h, t, "李电工");
    v1::Certificate overdue;
    auto req = Welding(other_person, "T-100", pd::AddYears(DaysFromToday(-10), -3));  // review due 10 days ago
    REQUIRE(Invoke(*stub, &Stub::CreateCertificate, admin, req, overdue).ok());
    CHECK(overdue.status() == "review_overdue");
    v1::Certificate item;
    req = Welding(other_person, "H-1", issued);
    req.set_type_code("special_op.hazchem.nitration");
    REQUIRE(Invoke(*stub, &Stub::CreateCertificate, admin, req, item).ok());

    v1::ListCertificatesRequest list;
    v1::ListCertificatesResponse resp;
    list.set_status("review_overdue");
    REQUIRE(Invoke(*stub, &Stub::ListCertificates, admin, list, resp).ok());
    REQUIRE(resp.certificates_size() == 1);
    CHECK(resp.certificates(0).certificate_id() == overdue.certificate_id());
    list.Clear();
    list.set_person_id(person);
    REQUIRE(Invoke(*stub, &Stub::ListCertificates, admin, list, resp).ok());
    CHECK(resp.certificates_size() == 1);
    list.Clear();
    list.set_type_code("special_op.hazchem");
    REQUIRE(Invoke(*stub, &Stub::ListCertificates, admin, list, resp).ok());
    REQUIRE(resp.certificates_size() == 1);
    CHECK(resp.certificates(0).certificate_id() == item.certificate_id());
    list.Clear();
    list.mutable_page()->set_page_size(2);
    REQUIRE(Invoke(*stub, &Stub::ListCertificates, admin, list, resp).ok());
    CHECK(resp.certificates_size() == 2);
    REQUIRE_FALSE(resp.page().next_page_token().empty());
    list.mutable_page()->set_page_token(resp.page().next_page_token());
    REQUIRE(Invoke(*stub, &Stub::ListCertificates, admin, list, resp).ok());
    CHECK(resp.certificates_size() == 1);
    CHECK(resp.page().next_page_token().empty());
    list.Clear();
    list.set_status("fine");
    CHECK(Invoke(*stub, &Stub::ListCertificates, admin, list, resp).field() == "status");
  }

  SECTION("another enterprise sees none of it") {
    const auto outsider = h.TokenFor(other, {"admin"});
    v1::GetCertificateRequest get;
    get.set_certificate_id(cert.certificate_id());
    v1::Certificate out;
    CHECK(Invoke(*stub, &Stub::GetCertificate, outsider, get, out).code() == StatusCode::kNotFound);
    v1::RevokeCertificateRequest revoke;
    revoke.set_certificate_id(cert.certificate_id());
    revoke.set_reason("x");
    CHECK(Invoke(*stub, &Stub::RevokeCertificate, outsider, revoke, out).code() == StatusCode::kNotFound);
    v1::RecordReviewRequest review;
    review.set_certificate_id(cert.certificate_id());
    review.set_reviewed_on(DateText(Today()));
    review.set_result("pass");
    CHECK(Invoke(*stub, &Stub::RecordReview, outsider, review, out).code() == StatusCode::kNotFound);
    v1::ListCertificatesResponse resp;
    REQUIRE(Invoke(*stub, &Stub::ListCertificates, outsider, {}, resp).ok());
    CHECK(resp.certificates_size() == 0);
  }
}

TEST_CASE("data scope: a unit-scoped reader sees only certificates of people in its unit") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto stub = v1::CertificateService::NewStub(h.channel());
  const auto admin = h.TokenFor(t, {"admin"});
  const auto mine = AddPerson(h, t, "本单位");
  v1::Certificate cert;
  REQUIRE(Invoke(*stub, &Stub::CreateCertificate, admin, Welding(mine, "S-1", DaysFromToday(-5)), cert).ok());
  // dept_head reads with scope "subtree"; a unit that is not the person's reaches nothing.
  const std::string elsewhere = NewUuidV7();
  {
    pqxx::connection conn(h.config().pg_url);
    pqxx::work tx(conn);
    tx.exec_params("INSERT INTO personnel.org_unit (id, enterprise_id, parent_id, kind, name) "
                   "VALUES ($1, $2, $3, 'department', '别的部门')",
                   elsewhere, t.enterprise_id, t.root_unit_id);
    tx.commit();
  }
  v1::ListCertificatesResponse resp;
  REQUIRE(Invoke(*stub, &Stub::ListCertificates, h.TokenFor(t, {"dept_head"}, elsewhere), {}, resp).ok());
  CHECK(resp.certificates_size() == 0);
  REQUIRE(Invoke(*stub, &Stub::ListCertificates, h.TokenFor(t, {"dept_head"}, t.root_unit_id), {}, resp).ok());
  CHECK(resp.certificates_size() == 1);
  v1::GetCertificateRequest get;
  get.set_certificate_id(cert.certificate_id());
  CHECK(Invoke(*stub, &Stub::GetCertificate, h.TokenFor(t, {"dept_head"}, elsewhere), get, cert).code() ==
        StatusCode::kNotFound);
}

TEST_CASE("reminders list due dates in the window soonest first; the sweep emits each once") {
  PersonnelHarness h;
  auto t = h.NewTenant();
  auto stub = v1::CertificateService::NewStub(h.channel());
  const auto admin = h.TokenFor(t, {"admin"});
  const auto person = AddPerson(h, t, "王班长");

  // Principal certificate expiring in 20 days; welding certificate whose review is due in 45 days; one
  // far from any due date.
  v1::Certificate expiring, review_due, quiet;
  auto req = Welding(person, "P-1", pd::AddYears(DaysFromToday(20), -3));
  req.set_type_code("safety_training.principal");
  REQUIRE(Invoke(*stub, &Stub::CreateCertificate, admin, req, expiring).ok());
  REQUIRE(Invoke(*stub, &Stub::CreateCertificate, admin, Welding(person, "W-1", pd::AddYears(DaysFromToday(45), -3)),
                 review_due).ok());
  REQUIRE(Invoke(*stub, &Stub::CreateCertificate, admin, Welding(person, "W-2", DaysFromToday(-1)), quiet).ok());
  CHECK(expiring.status() == "expiring_soon");
  CHECK(review_due.status() == "review_due_soon");

  v1::ListRemindersResponse reminders;
  REQUIRE(Invoke(*stub, &Stub::ListReminders, admin, {}, reminders).ok());
  REQUIRE(reminders.reminders_size() == 2);
  CHECK(reminders.reminders(0).certificate().certificate_id() == expiring.certificate_id());
  CHECK(reminders.reminders(0).due_kind() == "expiry");
  CHECK(reminders.reminders(0).days_left() == 20);
  CHECK(reminders.reminders(1).certificate().certificate_id() == review_due.certificate_id());
  CHECK(reminders.reminders(1).due_kind() == "review");
  CHECK(reminders.reminders(1).days_left() == 45);

  // The sweep at a chosen instant: the quiet certificate's review falls due three years from now.
  // (The module's own hourly sweep runs at the real now, so it never reaches these dates.)
  SystemClock clock;
  qualification::PgCertificateStore store(h.pool(), clock, 60);
  auto at = [](pd::Date d) { return std::chrono::sys_days(d) + std::chrono::hours(4); };
  const std::string reminders_of = "SELECT count(*) FROM personnel.certificate_reminder WHERE certificate_id = $1";
  const std::string events_of = "SELECT count(*) FROM personnel.outbox WHERE record_key = $1";
  const long events_before = OwnerCount(h, events_of, quiet.certificate_id());
  const auto review_window = at(pd::AddYears(DaysFromToday(-1), 3) - std::chrono::days(30));
  REQUIRE(store.SweepReminders(review_window).ok());
  CHECK(OwnerCount(h, reminders_of, quiet.certificate_id()) == 1);
  CHECK(OwnerCount(h, events_of, quiet.certificate_id()) == events_before + 1);
  REQUIRE(store.SweepReminders(review_window + std::chrono::hours(1)).ok());  // again: nothing new
  REQUIRE(store.SweepReminders(review_window + std::chrono::hours(24 * 5)).ok());
  CHECK(OwnerCount(h, reminders_of, quiet.certificate_id()) == 1);
  CHECK(OwnerCount(h, events_of, quiet.certificate_id()) == events_before + 1);
  // The expiry is another due date and gets its own reminder.
  REQUIRE(store.SweepReminders(at(pd::AddYears(DaysFromToday(-1), 6) - std::chrono::days(10))).ok());
  CHECK(OwnerCount(h, reminders_of, quiet.certificate_id()) == 2);
  CHECK(OwnerCount(h, events_of, quiet.certificate_id()) == events_before + 2);
}
