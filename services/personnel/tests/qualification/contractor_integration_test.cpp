// Contractors and the qualification check through the real gRPC server: company review and re-review,
// teams, staff review, violations with photo and signature, blacklists with history, "is P qualified"
// (single and batch), and tenant isolation.
#include <functional>

#include "qualification_test_support.hpp"

using namespace safeloop;
using namespace safeloop::personnel;
using namespace safeloop::personnel::testing;
using CStub = v1::ContractorService::Stub;
using QStub = v1::QualificationService::Stub;
using CertStub = v1::CertificateService::Stub;

namespace {

const std::string kJpeg = std::string("\xff\xd8\xff\xe0", 4) + "JFIF-test-bytes";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "signature-bytes";

struct Fixture {
  PersonnelHarness h;
  TestTenant t = h.NewTenant();
  std::string admin = h.TokenFor(t, {"admin"});
  std::unique_ptr<CStub> contractors = v1::ContractorService::NewStub(h.channel());
  std::unique_ptr<QStub> qualification = v1::QualificationService::NewStub(h.channel());
  std::unique_ptr<CertStub> certificates = v1::CertificateService::NewStub(h.channel());

  v1::ContractorCompany Company(const std::string& name, const std::string& doc_expiry = "2099-12-31") {
    v1::CreateCompanyRequest req;
    req.set_name(name);
    req.set_credit_code(RandomCreditCode());
    req.set_contact_name("赵经理");
    req.set_contact_mobile("13800138000");
    auto* doc = req.add_documents();
    doc->set_kind("安全生产许可证");
    doc->set_number("(冀)JZ安许证字[2024]000123");
    doc->set_grade("");
    doc->set_issued_on("2024-01-01");
    doc->set_expires_on(doc_expiry);
    v1::ContractorCompany out;
    auto s = Invoke(*contractors, &CStub::CreateCompany, admin, req, out);
    INFO(s.ToString());
    REQUIRE(s.ok());
    return out;
  }

  v1::ContractorCompany Review(const std::string& company_id, const std::string& decision, const std::string& comment = "") {
    v1::ReviewCompanyRequest req;
    req.set_company_id(company_id);
    req.set_decision(decision);
    req.set_comment(comment);
    v1::ContractorCompany out;
    REQUIRE(Invoke(*contractors, &CStub::ReviewCompany, admin, req, out).ok());
    return out;
  }

  v1::ContractorStaff Staff(const std::string& company_id, const std::string& name, const std::string& team_id = "") {
    v1::CreateStaffRequest req;
    req.set_company_id(company_id);
    req.set_team_id(team_id);
    req.set_name(name);
    req.set_gender("male");
    req.set_work_type("焊工");
    v1::ContractorStaff out;
    auto s = Invoke(*contractors, &CStub::CreateStaff, admin, req, out);
    INFO(s.ToString());
    REQUIRE(s.ok());
    return out;
  }

  void ApproveStaff(const std::string& person_id) {
    v1::ReviewStaffRequest req;
    req.set_person_id(person_id);
    req.set_decision("approve");
    v1::ContractorStaff out;
    REQUIRE(Invoke(*contractors, &CStub::ReviewStaff, admin, req, out).ok());
  }

  v1::BlacklistEntry Blacklist(const std::string& kind, const std::string& id) {
    v1::AddToBlacklistRequest req;
    req.set_subject_kind(kind);
    req.set_subject_id(id);
    req.set_reason("严重违章");
    v1::BlacklistEntry out;
    REQUIRE(Invoke(*contractors, &CStub::AddToBlacklist, admin, req, out).ok());
    return out;
  }

  std::string Certificate(const std::string& person_id, const std::string& type, pd::Date issued,
                          const std::string& expires_on = "") {
    v1::CreateCertificateRequest req;
    req.set_person_id(person_id);
    req.set_type_code(type);
    req.set_number("N-" + NewUuidV7().substr(24));
    req.set_issued_on(DateText(issued));
    req.set_expires_on(expires_on);
    v1::Certificate out;
    auto s = Invoke(*certificates, &CertStub::CreateCertificate, admin, req, out);
    INFO(s.ToString());
    REQUIRE(s.ok());
    return out.certificate_id();
  }

  v1::QualificationResult Check(const std::string& person_id, const std::string& requirement,
                                const std::string& at = "") {
    v1::CheckQualificationRequest req;
    req.set_person_id(person_id);
    req.set_requirement(requirement);
    req.set_at(at);
    v1::QualificationResult out;
    auto s = Invoke(*qualification, &QStub::CheckQualification, admin, req, out);
    INFO(s.ToString());
    REQUIRE(s.ok());
    return out;
  }
};

std::vector<std::string> Codes(const v1::QualificationResult& r) {
  std::vector<std::string> out;
  for (const auto& reason : r.reasons()) out.push_back(reason.code());
  return out;
}

using Codes_ = std::vector<std::string>;

}  // namespace

TEST_CASE("contractor company: validation, review, re-review when documents change") {
  Fixture f;
  v1::CreateCompanyRequest bad;
  bad.set_name("某建设公司");
  bad.set_credit_code("91350100M000100Y44");  // wrong check character
  v1::ContractorCompany company;
  auto s = Invoke(*f.contractors, &CStub::CreateCompany, f.admin, bad, company);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.field() == "credit_code");
  bad.set_credit_code(RandomCreditCode());
  bad.add_documents()->set_expires_on("2024-13-01");
  s = Invoke(*f.contractors, &CStub::CreateCompany, f.admin, bad, company);
  CHECK(s.field() == "documents[0].kind");

  company = f.Company("沧州安装工程有限公司");
  CHECK(company.review_status() == "pending");
  CHECK_FALSE(company.usable());
  REQUIRE(company.documents_size() == 1);
  CHECK(company.documents(0).expires_on() == "2099-12-31");

  v1::CreateCompanyRequest dup;
  dup.set_name("重复");
  dup.set_credit_code(company.credit_code());
  CHECK(Invoke(*f.contractors, &CStub::CreateCompany, f.admin, dup, company).code() == StatusCode::kAlreadyExists);

  v1::ReviewCompanyRequest reject;
  reject.set_company_id(company.company_id());
  reject.set_decision("reject");
  CHECK(Invoke(*f.contractors, &CStub::ReviewCompany, f.admin, reject, company).field() == "comment");
  CHECK(Invoke(*f.contractors, &CStub::ReviewCompany, f.h.TokenFor(f.t, {"inspector"}), reject, company).code() ==
        StatusCode::kPermissionDenied);

  auto approved = f.Review(company.company_id(), "approve", "资质齐全");
  CHECK(approved.review_status() == "approved");
  CHECK_FALSE(approved.reviewed_by().empty());
  CHECK_FALSE(approved.reviewed_at().empty());
  CHECK(approved.usable());

  v1::UpdateCompanyRequest up;
  up.set_company_id(approved.company_id());
  up.set_version(approved.version());
  up.set_name(approved.name());
  up.set_contact_name("钱经理");
  *up.mutable_documents() = approved.documents();
  v1::ContractorCompany updated;
  REQUIRE(Invoke(*f.contractors, &CStub::UpdateCompany, f.admin, up, updated).ok());
  CHECK(updated.review_status() == "approved");  // same documents: no new review
  CHECK(updated.contact_name() == "钱经理");
  CHECK(Invoke(*f.contractors, &CStub::UpdateCompany, f.admin, up, updated).code() == StatusCode::kAborted);
  up.set_version(updated.version());
  up.mutable_documents(0)->set_expires_on("2030-06-30");
  REQUIRE(Invoke(*f.contractors, &CStub::UpdateCompany, f.admin, up, updated).ok());
  CHECK(updated.review_status() == "pending");  // changed qualification documents are reviewed again
  CHECK_FALSE(updated.usable());

  v1::ListCompaniesRequest list;
  list.set_usable_only(true);
  v1::ListCompaniesResponse companies;
  REQUIRE(Invoke(*f.contractors, &CStub::ListCompanies, f.admin, list, companies).ok());
  CHECK(companies.companies_size() == 0);
  list.set_usable_only(false);
  list.set_name_contains("安装");
  REQUIRE(Invoke(*f.contractors, &CStub::ListCompanies, f.admin, list, companies).ok());
  CHECK(companies.companies_size() == 1);
}

TEST_CASE("teams and staff: several teams per company, staff are outsourced people and need review") {
  Fixture f;
  auto company = f.Company("渤海检修有限公司");
  v1::CreateTeamRequest team_req;
  team_req.set_company_id(company.company_id());
  team_req.set_name("一队");
  v1::ContractorTeam team1, team2;
  REQUIRE(Invoke(*f.contractors, &CStub::CreateTeam, f.admin, team_req, team1).ok());
  team_req.set_name("二队");
  REQUIRE(Invoke(*f.contractors, &CStub::CreateTeam, f.admin, team_req, team2).ok());
  CHECK(Invoke(*f.contractors, &CStub::CreateTeam, f.admin, team_req, team2).code() == StatusCode::kAlreadyExists);

  auto staff = f.Staff(company.company_id(), "孙师傅", team1.team_id());
  CHECK(staff.review_status() == "pending");
  CHECK(staff.team_id() == team1.team_id());
  CHECK(OwnerCount(f.h, "SELECT count(*) FROM personnel.person WHERE id = $1 AND person_type = 'outsourced'",
                   staff.person_id()) == 1);

  v1::CreateStaffRequest bad;
  bad.set_company_id(company.company_id());
  bad.set_name("x");
  bad.set_gender("m");
  v1::ContractorStaff out;
  CHECK(Invoke(*f.contractors, &CStub::CreateStaff, f.admin, bad, out).field() == "gender");
  bad.set_gender("female");
  bad.set_id_number("110105194912310021");
  CHECK(Invoke(*f.contractors, &CStub::CreateStaff, f.admin, bad, out).field() == "id_number");
  bad.set_id_number("");
  bad.set_team_id(NewUuidV7());
  CHECK(Invoke(*f.contractors, &CStub::CreateStaff, f.admin, bad, out).field() == "team_id");

  v1::SetStaffTeamRequest move;
  move.set_person_id(staff.person_id());
  move.set_team_id(team2.team_id());
  REQUIRE(Invoke(*f.contractors, &CStub::SetStaffTeam, f.admin, move, out).ok());
  v1::ListTeamsRequest list_teams;
  list_teams.set_company_id(company.company_id());
  v1::ListTeamsResponse teams;
  REQUIRE(Invoke(*f.contractors, &CStub::ListTeams, f.admin, list_teams, teams).ok());
  REQUIRE(teams.teams_size() == 2);
  for (const auto& t : teams.teams()) {
    CHECK(t.member_person_ids_size() == (t.team_id() == team2.team_id() ? 1 : 0));
  }

  v1::ReviewStaffRequest review;
  review.set_person_id(staff.person_id());
  review.set_decision("reject");
  review.set_comment("无特种作业证");
  REQUIRE(Invoke(*f.contractors, &CStub::ReviewStaff, f.admin, review, out).ok());
  CHECK(out.review_status() == "rejected");
  CHECK(out.review_comment() == "无特种作业证");
  f.ApproveStaff(staff.person_id());
  v1::ListStaffRequest list;
  list.set_company_id(company.company_id());
  list.set_review_status("approved");
  v1::ListStaffResponse listed;
  REQUIRE(Invoke(*f.contractors, &CStub::ListStaff, f.admin, list, listed).ok());
  REQUIRE(listed.staff_size() == 1);
  CHECK(listed.staff(0).person_id() == staff.person_id());
  CHECK(OwnerCount(f.h, "SELECT count(*) FROM personnel.contractor_review WHERE subject_id = $1", staff.person_id()) == 2);
}

TEST_CASE("violations: photo and signature stored and served; bad type and oversize refused") {
  Fixture f;
  auto company = f.Company("违章测试单位");
  auto staff = f.Staff(company.company_id(), "周某");
  v1::RecordViolationRequest req;
  req.set_person_id(staff.person_id());
  req.set_place("罐区T-101");
  req.set_description("动火作业未佩戴防护面罩");
  req.set_photo(kJpeg);
  req.set_signature_png(kPng);
  v1::Violation v;
  REQUIRE(Invoke(*f.contractors, &CStub::RecordViolation, f.h.TokenFor(f.t, {"inspector"}), req, v).ok());
  CHECK(v.company_id() == company.company_id());
  CHECK(v.has_photo());
  CHECK(v.has_signature());
  CHECK_FALSE(v.recorded_by().empty());
  CHECK_FALSE(v.recorded_at().empty());
  CHECK(v.occurred_at() <= v.recorded_at());

  v1::GetViolationImageRequest get;
  get.set_violation_id(v.violation_id());
  get.set_role("photo");
  v1::ViolationImage image;
  REQUIRE(Invoke(*f.contractors, &CStub::GetViolationImage, f.admin, get, image).ok());
  CHECK(image.content_type() == "image/jpeg");
  CHECK(image.data() == kJpeg);
  get.set_role("signature");
  REQUIRE(Invoke(*f.contractors, &CStub::GetViolationImage, f.admin, get, image).ok());
  CHECK(image.content_type() == "image/png");
  CHECK(image.data() == kPng);

  auto refused = [&](const std::function<void(v1::RecordViolationRequest&)>& change) {
    auto r = req;
    change(r);
    return Invoke(*f.contractors, &CStub::RecordViolation, f.admin, r, v);
  };
  CHECK(refused([](auto& r) { r.set_photo("GIF89a-not-allowed"); }).field() == "photo");
  CHECK(refused([](auto& r) { r.set_signature_png(kJpeg); }).field() == "signature_png");
  CHECK(refused([](auto& r) { r.set_place(""); }).field() == "place");
  CHECK(refused([](auto& r) { r.set_occurred_at("yesterday"); }).field() == "occurred_at");
  CHECK(refused([](auto& r) { r.set_person_id(NewUuidV7()); }).code() == StatusCode::kNotFound);
  CHECK(refused([&](auto& r) { r.set_occurred_at(FormatRfc3339(std::chrono::system_clock::now() + std::chrono::hours(2))); })
            .field() == "occurred_at");
  // Over 5 MiB: refused before anything is stored. (Until the server's receive limit is raised above
  // gRPC's 4 MiB default, gRPC itself refuses with RESOURCE_EXHAUSTED; the handler's check says
  // INVALID_ARGUMENT "photo" — see qualification_input_test for that check on its own.)
  auto big = refused([](auto& r) { r.set_photo(kJpeg + std::string(5 * 1024 * 1024, 'x')); });
  CHECK((big.code() == StatusCode::kInvalidArgument || big.code() == StatusCode::kResourceExhausted));
  v1::ListViolationsRequest list;
  list.set_person_id(staff.person_id());
  v1::ListViolationsResponse listed;
  REQUIRE(Invoke(*f.contractors, &CStub::ListViolations, f.admin, list, listed).ok());
  CHECK(listed.violations_size() == 1);
}

TEST_CASE("blacklists: add, list active, lift with reason, history kept") {
  Fixture f;
  auto company = f.Company("黑名单单位");
  const auto person = AddPerson(f.h, f.t, "吴某");
  auto entry = f.Blacklist("person", person);
  CHECK(entry.active());
  CHECK(entry.until().empty());  // permanent

  v1::AddToBlacklistRequest bad;
  bad.set_subject_kind("person");
  bad.set_subject_id(person);
  bad.set_reason("x");
  bad.set_from("2026-01-02T00:00:00Z");
  bad.set_until("2026-01-01T00:00:00Z");
  v1::BlacklistEntry out;
  CHECK(Invoke(*f.contractors, &CStub::AddToBlacklist, f.admin, bad, out).field() == "until");
  bad.set_until("");
  bad.set_subject_kind("team");
  CHECK(Invoke(*f.contractors, &CStub::AddToBlacklist, f.admin, bad, out).field() == "subject_kind");
  bad.set_subject_kind("company");  // a person's id is not a company
  CHECK(Invoke(*f.contractors, &CStub::AddToBlacklist, f.admin, bad, out).code() == StatusCode::kNotFound);
  CHECK(Invoke(*f.contractors, &CStub::AddToBlacklist, f.h.TokenFor(f.t, {"inspector"}), bad, out).code() ==
        StatusCode::kPermissionDenied);

  auto company_entry = f.Blacklist("company", company.company_id());
  v1::GetCompanyRequest get;
  get.set_company_id(company.company_id());
  v1::ContractorCompany got;
  REQUIRE(Invoke(*f.contractors, &CStub::GetCompany, f.admin, get, got).ok());
  CHECK(got.blacklisted());
  CHECK_FALSE(got.usable());

  v1::ListBlacklistRequest list;
  list.set_active_only(true);
  v1::ListBlacklistResponse entries;
  REQUIRE(Invoke(*f.contractors, &CStub::ListBlacklist, f.admin, list, entries).ok());
  CHECK(entries.entries_size() == 2);

  v1::LiftBlacklistRequest lift;
  lift.set_entry_id(entry.entry_id());
  CHECK(Invoke(*f.contractors, &CStub::LiftBlacklist, f.admin, lift, out).field() == "reason");
  lift.set_reason("整改完成，经安全部门同意");
  REQUIRE(Invoke(*f.contractors, &CStub::LiftBlacklist, f.admin, lift, out).ok());
  CHECK_FALSE(out.active());
  CHECK_FALSE(out.lifted_at().empty());
  CHECK_FALSE(out.lifted_by().empty());
  CHECK(Invoke(*f.contractors, &CStub::LiftBlacklist, f.admin, lift, out).code() == StatusCode::kFailedPrecondition);

  REQUIRE(Invoke(*f.contractors, &CStub::ListBlacklist, f.admin, list, entries).ok());
  REQUIRE(entries.entries_size() == 1);
  CHECK(entries.entries(0).entry_id() == company_entry.entry_id());
  list.set_active_only(false);
  list.set_subject_id(person);
  REQUIRE(Invoke(*f.contractors, &CStub::ListBlacklist, f.admin, list, entries).ok());
  REQUIRE(entries.entries_size() == 1);  // history: the lifted entry stays
  CHECK(entries.entries(0).lift_reason() == "整改完成，经安全部门同意");
}

TEST_CASE("CheckQualification: unreviewed, expired, blacklisted, unapproved contractor, and valid cases") {
  Fixture f;
  // Employees.
  const auto valid = AddPerson(f.h, f.t, "有效证");
  f.Certificate(valid, "special_op.welding", DaysFromToday(-30));
  const auto unreviewed = AddPerson(f.h, f.t, "未复审");
  const auto unreviewed_cert = f.Certificate(unreviewed, "special_op.welding", pd::AddYears(DaysFromToday(-10), -3));
  const auto expired = AddPerson(f.h, f.t, "过期证");
  f.Certificate(expired, "special_training.guardian", DaysFromToday(-400), DateText(DaysFromToday(-1)));
  const auto blacklisted = AddPerson(f.h, f.t, "黑名单");
  f.Certificate(blacklisted, "special_op.welding", DaysFromToday(-30));
  f.Blacklist("person", blacklisted);
  const auto left = AddPerson(f.h, f.t, "已离职", "employee", "left");

  struct Row { std::string person; std::string requirement; Codes_ reasons; };
  std::vector<Row> rows{
      {valid, "special_op.welding", {}},
      {valid, "on_site", {}},
      {valid, "special_op.electrician", {"certificate_missing"}},
      {unreviewed, "special_op.welding", {"review_overdue"}},
      {expired, "special_training.guardian", {"certificate_expired"}},
      {blacklisted, "special_op.welding", {"person_blacklisted"}},
      {blacklisted, "on_site", {"person_blacklisted"}},
      {left, "on_site", {"person_left"}},
  };

  // Contractor staff: approved everything; pending staff; unapproved company; blacklisted company; expired
  // company documents.
  auto good_company = f.Company("合格承包商");
  f.Review(good_company.company_id(), "approve");
  auto good_staff = f.Staff(good_company.company_id(), "合格人员");
  f.ApproveStaff(good_staff.person_id());
  f.Certificate(good_staff.person_id(), "special_op.welding", DaysFromToday(-30));
  auto pending_staff = f.Staff(good_company.company_id(), "待审人员");
  auto pending_company = f.Company("待审承包商");
  auto staff_of_pending = f.Staff(pending_company.company_id(), "待审单位人员");
  f.ApproveStaff(staff_of_pending.person_id());
  auto black_company = f.Company("黑名单承包商");
  f.Review(black_company.company_id(), "approve");
  auto staff_of_black = f.Staff(black_company.company_id(), "黑名单单位人员");
  f.ApproveStaff(staff_of_black.person_id());
  f.Blacklist("company", black_company.company_id());
  auto stale_company = f.Company("资质过期承包商", DateText(DaysFromToday(-1)));
  f.Review(stale_company.company_id(), "approve");
  auto staff_of_stale = f.Staff(stale_company.company_id(), "资质过期单位人员");
  f.ApproveStaff(staff_of_stale.person_id());
  const auto unregistered = AddPerson(f.h, f.t, "未登记外包", "outsourced");

  rows.push_back({good_staff.person_id(), "on_site", {}});
  rows.push_back({good_staff.person_id(), "special_op.welding", {}});
  rows.push_back({pending_staff.person_id(), "on_site", {"staff_unapproved"}});
  rows.push_back({staff_of_pending.person_id(), "on_site", {"contractor_unapproved"}});
  rows.push_back({staff_of_black.person_id(), "on_site", {"contractor_blacklisted"}});
  rows.push_back({staff_of_stale.person_id(), "on_site", {"contractor_qualification_expired"}});
  rows.push_back({unregistered, "on_site", {"staff_unapproved"}});
  rows.push_back({pending_staff.person_id(), "special_op.welding", {"staff_unapproved", "certificate_missing"}});

  for (const auto& r : rows) {
    auto result = f.Check(r.person, r.requirement);
    INFO(r.person << " " << r.requirement);
    CHECK(Codes(result) == r.reasons);
    CHECK(result.qualified() == r.reasons.empty());
    CHECK(result.person_id() == r.person);
    for (const auto& reason : result.reasons()) CHECK_FALSE(reason.message().empty());
    CHECK(result.has_certificate() == (result.qualified() && r.requirement != "on_site"));
  }

  SECTION("the certificate used is reported; at a past instant the unreviewed one was still good") {
    auto ok = f.Check(unreviewed, "special_op.welding", FormatRfc3339(std::chrono::system_clock::now() -
                                                                        std::chrono::hours(24 * 30)));
    CHECK(ok.qualified());
    CHECK(ok.certificate().certificate_id() == unreviewed_cert);
    CHECK(ok.certificate().status() == "review_due_soon");
  }

  SECTION("lifting a blacklist entry makes the person usable again from then on") {
    v1::ListBlacklistRequest list;
    list.set_subject_id(blacklisted);
    v1::ListBlacklistResponse entries;
    REQUIRE(Invoke(*f.contractors, &CStub::ListBlacklist, f.admin, list, entries).ok());
    v1::LiftBlacklistRequest lift;
    lift.set_entry_id(entries.entries(0).entry_id());
    lift.set_reason("申诉通过");
    v1::BlacklistEntry out;
    REQUIRE(Invoke(*f.contractors, &CStub::LiftBlacklist, f.admin, lift, out).ok());
    CHECK(f.Check(blacklisted, "special_op.welding").qualified());
  }

  SECTION("batch: results in order; a person of another enterprise is NOT_FOUND by position") {
    v1::CheckQualificationsRequest batch;
    batch.add_person_ids(valid);
    batch.add_person_ids(unreviewed);
    batch.add_person_ids(good_staff.person_id());
    batch.set_requirement("special_op.welding");
    v1::CheckQualificationsResponse resp;
    REQUIRE(Invoke(*f.qualification, &QStub::CheckQualifications, f.admin, batch, resp).ok());
    REQUIRE(resp.results_size() == 3);
    CHECK(resp.results(0).qualified());
    CHECK_FALSE(resp.results(1).qualified());
    CHECK(resp.results(2).qualified());
    CHECK(resp.results(1).person_id() == unreviewed);

    auto other = f.h.NewTenant();
    batch.set_person_ids(1, AddPerson(f.h, other, "别家"));
    auto s = Invoke(*f.qualification, &QStub::CheckQualifications, f.admin, batch, resp);
    CHECK(s.code() == StatusCode::kNotFound);
    CHECK(s.field() == "person_ids[1]");
    batch.set_requirement("special_op.juggling");
    CHECK(Invoke(*f.qualification, &QStub::CheckQualifications, f.admin, batch, resp).field() == "requirement");
  }

  SECTION("bad requests and permissions") {
    v1::CheckQualificationRequest req;
    req.set_person_id(valid);
    req.set_requirement("special_op.welding");
    req.set_at("tomorrow");
    v1::QualificationResult out;
    CHECK(Invoke(*f.qualification, &QStub::CheckQualification, f.admin, req, out).field() == "at");
    req.set_at("");
    CHECK(Invoke(*f.qualification, &QStub::CheckQualification, f.h.TokenFor(f.t, {"worker"}), req, out).code() ==
          StatusCode::kPermissionDenied);
    CHECK(Invoke(*f.qualification, &QStub::CheckQualification, f.h.TokenFor(f.t, {"inspector"}), req, out).ok());
  }
}

TEST_CASE("tenant isolation: another enterprise's contractor ids are NOT_FOUND everywhere") {
  Fixture f;
  auto company = f.Company("甲方承包商");
  auto staff = f.Staff(company.company_id(), "甲方人员");
  auto entry = f.Blacklist("person", staff.person_id());
  v1::RecordViolationRequest vreq;
  vreq.set_person_id(staff.person_id());
  vreq.set_place("装置区");
  vreq.set_description("未系安全带");
  vreq.set_photo(kJpeg);
  v1::Violation violation;
  REQUIRE(Invoke(*f.contractors, &CStub::RecordViolation, f.admin, vreq, violation).ok());

  auto b = f.h.NewTenantInPark(f.t, "乙企业");  // same park, still another tenant
  const auto outsider = f.h.TokenFor(b, {"admin"});
  v1::ContractorCompany c;
  v1::ContractorStaff s;
  v1::BlacklistEntry e;
  v1::ContractorTeam team;
  v1::Violation v;
  v1::ViolationImage image;
  v1::QualificationResult q;
  v1::GetCompanyRequest get_company;
  get_company.set_company_id(company.company_id());
  CHECK(Invoke(*f.contractors, &CStub::GetCompany, outsider, get_company, c).code() == StatusCode::kNotFound);
  v1::ReviewCompanyRequest review;
  review.set_company_id(company.company_id());
  review.set_decision("approve");
  CHECK(Invoke(*f.contractors, &CStub::ReviewCompany, outsider, review, c).code() == StatusCode::kNotFound);
  v1::UpdateCompanyRequest update;
  update.set_company_id(company.company_id());
  update.set_version(company.version());
  update.set_name("改名");
  CHECK(Invoke(*f.contractors, &CStub::UpdateCompany, outsider, update, c).code() == StatusCode::kNotFound);
  v1::CreateTeamRequest team_req;
  team_req.set_company_id(company.company_id());
  team_req.set_name("渗透队");
  CHECK(Invoke(*f.contractors, &CStub::CreateTeam, outsider, team_req, team).code() == StatusCode::kNotFound);
  v1::CreateStaffRequest staff_req;
  staff_req.set_company_id(company.company_id());
  staff_req.set_name("渗透人员");
  staff_req.set_gender("male");
  CHECK(Invoke(*f.contractors, &CStub::CreateStaff, outsider, staff_req, s).code() == StatusCode::kNotFound);
  v1::GetStaffRequest get_staff;
  get_staff.set_person_id(staff.person_id());
  CHECK(Invoke(*f.contractors, &CStub::GetStaff, outsider, get_staff, s).code() == StatusCode::kNotFound);
  v1::ReviewStaffRequest review_staff;
  review_staff.set_person_id(staff.person_id());
  review_staff.set_decision("approve");
  CHECK(Invoke(*f.contractors, &CStub::ReviewStaff, outsider, review_staff, s).code() == StatusCode::kNotFound);
  CHECK(Invoke(*f.contractors, &CStub::RecordViolation, outsider, vreq, v).code() == StatusCode::kNotFound);
  v1::GetViolationImageRequest get_image;
  get_image.set_violation_id(violation.violation_id());
  get_image.set_role("photo");
  CHECK(Invoke(*f.contractors, &CStub::GetViolationImage, outsider, get_image, image).code() == StatusCode::kNotFound);
  v1::AddToBlacklistRequest black;
  black.set_subject_kind("company");
  black.set_subject_id(company.company_id());
  black.set_reason("x");
  CHECK(Invoke(*f.contractors, &CStub::AddToBlacklist, outsider, black, e).code() == StatusCode::kNotFound);
  v1::LiftBlacklistRequest lift;
  lift.set_entry_id(entry.entry_id());
  lift.set_reason("x");
  CHECK(Invoke(*f.contractors, &CStub::LiftBlacklist, outsider, lift, e).code() == StatusCode::kNotFound);
  v1::CheckQualificationRequest check;
  check.set_person_id(staff.person_id());
  check.set_requirement("on_site");
  CHECK(Invoke(*f.qualification, &QStub::CheckQualification, outsider, check, q).code() == StatusCode::kNotFound);

  v1::ListCompaniesResponse companies;
  REQUIRE(Invoke(*f.contractors, &CStub::ListCompanies, outsider, {}, companies).ok());
  CHECK(companies.companies_size() == 0);
  v1::ListBlacklistResponse entries;
  REQUIRE(Invoke(*f.contractors, &CStub::ListBlacklist, outsider, {}, entries).ok());
  CHECK(entries.entries_size() == 0);
  v1::ListViolationsResponse violations;
  REQUIRE(Invoke(*f.contractors, &CStub::ListViolations, outsider, {}, violations).ok());
  CHECK(violations.violations_size() == 0);
  // And the owner still has everything.
  CHECK(Invoke(*f.contractors, &CStub::GetCompany, f.admin, get_company, c).ok());
}
