#include "personnel_seed.hpp"

#include <chrono>
#include <ctime>
#include <map>
#include <stdexcept>

#include "safeloop/auth/permissions.hpp"
#include "safeloop/personnel/v1/identity.grpc.pb.h"
#include "safeloop/personnel/v1/org.grpc.pb.h"
#include "safeloop/personnel/v1/people.grpc.pb.h"
#include "safeloop/personnel/v1/qualification.grpc.pb.h"

namespace safeloop::seed {
namespace {
namespace pv1 = safeloop::personnel::v1;

template <typename Stub, typename Req, typename Resp>
Resp Call(Stub& stub, grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*), const Req& req,
          const std::string& token, const std::string& what) {
  grpc::ClientContext ctx;
  if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(15));
  Resp resp;
  grpc::Status s = (stub.*method)(&ctx, req, &resp);
  if (!s.ok()) throw std::runtime_error(what + ": " + s.error_message());
  return resp;
}

std::string DaysAgo(int days) {
  std::time_t t = std::time(nullptr) - static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

void Index(const pv1::OrgTreeNode& node, const std::string& path, std::map<std::string, std::string>& out) {
  out[path] = node.unit().id();
  for (const auto& child : node.children()) {
    Index(child, path.empty() ? child.unit().name() : path + "/" + child.unit().name(), out);
  }
}
}  // namespace

std::string Login(const std::shared_ptr<grpc::Channel>& personnel, const std::string& username,
                  const std::string& password) {
  auto stub = pv1::AuthService::NewStub(personnel);
  pv1::LoginRequest req;
  req.set_username(username);
  req.set_password(password);
  return Call(*stub, &pv1::AuthService::Stub::Login, req, "", "login " + username).access_token();
}

struct PersonnelSeeder::Impl {
  std::unique_ptr<pv1::AuthService::Stub> auth;
  std::unique_ptr<pv1::OrgService::Stub> org;
  std::unique_ptr<pv1::PeopleService::Stub> people;
  std::unique_ptr<pv1::AccountService::Stub> accounts;
  std::unique_ptr<pv1::CertificateService::Stub> certificates;
  std::unique_ptr<pv1::ContractorService::Stub> contractors;
  std::string token;
  std::string password;
};

PersonnelSeeder::PersonnelSeeder(std::shared_ptr<grpc::Channel> personnel, std::string admin_token,
                                 std::string password)
    : impl_(std::make_shared<Impl>(Impl{pv1::AuthService::NewStub(personnel), pv1::OrgService::NewStub(personnel),
                                        pv1::PeopleService::NewStub(personnel),
                                        pv1::AccountService::NewStub(personnel),
                                        pv1::CertificateService::NewStub(personnel),
                                        pv1::ContractorService::NewStub(personnel), std::move(admin_token),
                                        std::move(password)})) {}

std::vector<DemoAccount> PersonnelSeeder::Run(const std::vector<DemoUnit>& units,
                                              const std::vector<DemoPerson>& people,
                                              const std::vector<DemoCertificate>& certificates,
                                              bool with_contractor) {
  Impl& s = *impl_;
  const std::string& t = s.token;
  auto me = Call(*s.auth, &pv1::AuthService::Stub::Me, pv1::MeRequest{}, t, "me");
  std::vector<DemoAccount> out;
  for (const auto& role : me.roles()) {
    out.push_back({me.username(), s.password, role.code(), role.name(), me.enterprise_name(), me.enterprise_id()});
  }

  // Units, parents first (the table lists them in that order).
  std::map<std::string, std::string> unit_ids;
  auto reload_tree = [&] {
    unit_ids.clear();
    auto tree = Call(*s.org, &pv1::OrgService::Stub::GetOrgTree, pv1::GetOrgTreeRequest{}, t, "org tree");
    Index(tree.root(), "", unit_ids);
  };
  reload_tree();
  for (const auto& u : units) {
    std::string path = std::string(u.parent).empty() ? u.name : std::string(u.parent) + "/" + u.name;
    if (unit_ids.count(path)) continue;
    pv1::CreateUnitRequest req;
    req.set_parent_id(unit_ids.at(u.parent));
    req.set_kind(u.kind);
    req.set_name(u.name);
    unit_ids[path] = Call(*s.org, &pv1::OrgService::Stub::CreateUnit, req, t, "create unit " + path).id();
    ++created_;
  }

  // People by 工号.
  std::map<std::string, std::string> person_ids;
  pv1::ListPeopleRequest list;
  list.set_page_size(500);
  list.set_status("all");
  const auto listed = Call(*s.people, &pv1::PeopleService::Stub::ListPeople, list, t, "list people");
  for (const auto& p : listed.people()) {
    person_ids[p.employee_no()] = p.id();
  }
  for (const auto& p : people) {
    if (!person_ids.count(p.employee_no)) {
      pv1::CreatePersonRequest req;
      auto* in = req.mutable_person();
      in->set_unit_id(unit_ids.at(p.unit));
      if (!std::string(p.post).empty()) in->set_post_id(unit_ids.at(p.post));
      in->set_employee_no(p.employee_no);
      in->set_name(p.name);
      in->set_gender(p.gender);
      in->set_title(p.title);
      in->set_work_type(p.work_type);
      in->set_person_type("employee");
      in->set_special_operation(p.special_operation);
      in->set_mobile(p.mobile);
      person_ids[p.employee_no] =
          Call(*s.people, &pv1::PeopleService::Stub::CreatePerson, req, t, std::string("create person ") + p.name).id();
      ++created_;
    }
    if (std::string(p.username).empty()) continue;
    pv1::ListAccountsRequest find;
    find.set_query(p.username);
    bool exists = false;
    const auto matches = Call(*s.accounts, &pv1::AccountService::Stub::ListAccounts, find, t, "list accounts");
    for (const auto& a : matches.accounts()) {
      exists = exists || a.username() == p.username;
    }
    if (!exists) {
      pv1::CreateAccountRequest req;
      req.set_person_id(person_ids.at(p.employee_no));
      req.set_username(p.username);
      req.set_password(s.password);
      req.set_mobile(p.mobile);
      req.add_role_codes(p.role);
      Call(*s.accounts, &pv1::AccountService::Stub::CreateAccount, req, t, std::string("create account ") + p.username);
      ++created_;
    }
    const auth::RoleDefinition* role = auth::FindDefaultRole(p.role);
    out.push_back({p.username, s.password, p.role, role ? role->display_name : p.role, me.enterprise_name(),
                   me.enterprise_id()});
  }

  // Certificates by (person, type).
  for (const auto& c : certificates) {
    pv1::ListCertificatesRequest q;
    q.set_person_id(person_ids.at(c.employee_no));
    bool exists = false;
    const auto held = Call(*s.certificates, &pv1::CertificateService::Stub::ListCertificates, q, t, "list certificates");
    for (const auto& have : held.certificates()) {
      exists = exists || have.type_code() == c.type_code;
    }
    if (exists) continue;
    pv1::CreateCertificateRequest req;
    req.set_person_id(person_ids.at(c.employee_no));
    req.set_type_code(c.type_code);
    req.set_number(c.number);
    req.set_issuing_authority("沧州市应急管理局");
    req.set_issued_on(DaysAgo(c.issued_days_ago));
    if (c.reviewed_days_ago >= 0) req.set_last_review_on(DaysAgo(c.reviewed_days_ago));
    Call(*s.certificates, &pv1::CertificateService::Stub::CreateCertificate, req, t,
         std::string("create certificate ") + c.number);
    ++created_;
  }

  if (!with_contractor) return out;
  // The contractor: approved company, one team, one approved welder with a valid certificate.
  pv1::ListCompaniesRequest find;
  find.set_name_contains(kDemoContractor);
  auto found = Call(*s.contractors, &pv1::ContractorService::Stub::ListCompanies, find, t, "list contractors");
  if (found.companies_size() > 0) return out;
  pv1::CreateCompanyRequest company;
  company.set_name(kDemoContractor);
  company.set_credit_code(kDemoContractorCreditCode);
  company.set_contact_name("钱伟");
  company.set_contact_mobile("13903170001");
  company.set_address("河北省沧州市渤海新区");
  auto* doc = company.add_documents();
  doc->set_kind("安全生产许可证");
  doc->set_number("(冀)JZ安许证字[2024]000123");
  doc->set_issued_on(DaysAgo(300));
  doc->set_expires_on(DaysAgo(-3 * 365 + 300));
  std::string company_id =
      Call(*s.contractors, &pv1::ContractorService::Stub::CreateCompany, company, t, "create contractor").company_id();
  pv1::ReviewCompanyRequest review;
  review.set_company_id(company_id);
  review.set_decision("approve");
  review.set_comment("资质齐全，审核通过");
  Call(*s.contractors, &pv1::ContractorService::Stub::ReviewCompany, review, t, "review contractor");
  pv1::CreateTeamRequest team;
  team.set_company_id(company_id);
  team.set_name(kDemoContractorTeam);
  std::string team_id =
      Call(*s.contractors, &pv1::ContractorService::Stub::CreateTeam, team, t, "create team").team_id();
  pv1::CreateStaffRequest staff;
  staff.set_company_id(company_id);
  staff.set_team_id(team_id);
  staff.set_name(kDemoContractorStaff);
  staff.set_gender("male");
  staff.set_work_type("焊工");
  std::string staff_id =
      Call(*s.contractors, &pv1::ContractorService::Stub::CreateStaff, staff, t, "create staff").person_id();
  pv1::ReviewStaffRequest staff_review;
  staff_review.set_person_id(staff_id);
  staff_review.set_decision("approve");
  Call(*s.contractors, &pv1::ContractorService::Stub::ReviewStaff, staff_review, t, "review staff");
  pv1::CreateCertificateRequest cert;
  cert.set_person_id(staff_id);
  cert.set_type_code("special_op.welding");
  cert.set_number("T130903199108090055");
  cert.set_issuing_authority("沧州市应急管理局");
  cert.set_issued_on(DaysAgo(500));
  Call(*s.certificates, &pv1::CertificateService::Stub::CreateCertificate, cert, t, "contractor certificate");
  created_ += 5;
  return out;
}

}  // namespace safeloop::seed
