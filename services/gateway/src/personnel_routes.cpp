// The personnel service's REST routes: each one line, served by the generic transcoder (grpc_transcoder).
#include "personnel_routes.hpp"

#include "backend_rpc.hpp"

#include "safeloop/auth/permissions.hpp"

namespace safeloop::gateway {

RouteSpec PersonnelRpc(std::string method, std::string pattern, std::string operation_id, std::string summary,
                       std::string tag, std::string_view permission, std::string grpc_method, int success_status) {
  return BackendRpc("personnel", std::move(method), std::move(pattern), std::move(operation_id), std::move(summary),
                    std::move(tag), permission, "safeloop.personnel.v1." + std::move(grpc_method), success_status);
}

namespace {
namespace perm = auth::permission;
constexpr char kXlsx[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::size_t kMaxUploadBytes = 10u << 20;  // a people workbook of ~50 000 rows

RouteSpec Public(RouteSpec r) {
  r.auth = AuthMode::kPublic;
  r.permission.clear();
  return r;
}
RouteSpec Download(RouteSpec r, std::string bytes_field, std::string name_field, std::string content_type) {
  r.raw_response_field = std::move(bytes_field);
  r.file_name_field = std::move(name_field);
  r.content_type = std::move(content_type);
  return r;
}
}  // namespace

std::vector<RouteSpec> PersonnelRoutes() {
  const std::string kAuth = "auth", kP = "personnel";
  const std::string base = "/api/v1/personnel";
  RouteSpec import = PersonnelRpc("POST", base + "/people-import", "importPeople",
                                  "Import people from an .xlsx file (the template's columns); all or nothing: 422 with "
                                  "every row problem when any row is wrong",
                                  kP, perm::kPersonWrite, "PeopleService.ImportPeople");
  import.raw_request_field = "xlsx";
  import.accepted_field = "accepted";
  import.max_body_bytes = kMaxUploadBytes;
  RouteSpec violation_image = Download(
      PersonnelRpc("GET", base + "/violations/{violation_id}/image", "getViolationImage",
                   "A violation's photo or the violator's signature (?role=photo|signature)", kP, perm::kContractorRead,
                   "ContractorService.GetViolationImage"),
      "data", "", "application/octet-stream");
  violation_image.content_type_field = "content_type";

  return {
      // Sessions. Login and refresh carry no token; the others need only a valid one.
      Public(PersonnelRpc("POST", "/api/v1/auth/login", "login",
                          "Log in with username and password: access and refresh tokens", kAuth, "",
                          "AuthService.Login")),
      Public(PersonnelRpc("POST", "/api/v1/auth/refresh", "refreshToken",
                          "New token pair for a refresh token (the old refresh token stops working)", kAuth, "",
                          "AuthService.Refresh")),
      PersonnelRpc("POST", "/api/v1/auth/logout", "logout", "End this session (its tokens stop working)", kAuth, "",
                   "AuthService.Logout"),
      PersonnelRpc("GET", "/api/v1/auth/me", "me", "Who am I: account, roles, data scope and every permission",
                   kAuth, "", "AuthService.Me"),
      PersonnelRpc("POST", "/api/v1/auth/password", "changePassword",
                   "Change my password (ends my other sessions)", kAuth, "", "AuthService.ChangePassword"),
      PersonnelRpc("POST", "/api/v1/auth/enterprise-token", "issueEnterpriseToken",
                   "Park account: a token for one enterprise of the park (read-only)", kAuth, perm::kParkRead,
                   "AuthService.IssueEnterpriseToken"),
      // Tenancy.
      PersonnelRpc("GET", base + "/enterprise", "getMyEnterprise", "The enterprise file (企业基础信息)", kP,
                   perm::kEnterpriseRead, "TenancyService.GetMyEnterprise"),
      PersonnelRpc("PUT", base + "/enterprise", "updateMyEnterprise", "Update the enterprise file", kP,
                   perm::kEnterpriseWrite, "TenancyService.UpdateMyEnterprise"),
      PersonnelRpc("GET", base + "/park/enterprises", "listParkEnterprises", "Park account: the park's enterprises",
                   kP, perm::kParkRead, "TenancyService.ListParkEnterprises"),
      PersonnelRpc("GET", base + "/park/enterprises/{enterprise_id}", "getParkEnterprise",
                   "Park account: one enterprise's file", kP, perm::kParkRead, "TenancyService.GetParkEnterprise"),
      PersonnelRpc("PUT", base + "/park/enterprises/{enterprise_id}", "updateParkEnterprise",
                   "Park account: update an enterprise file where the enterprise granted it (and the role may write)",
                   kP, perm::kEnterpriseWrite,
                   "TenancyService.UpdateParkEnterprise"),
      // Organisation.
      PersonnelRpc("GET", base + "/org/tree", "getOrgTree", "The organisation tree with headcounts (org chart)", kP,
                   perm::kOrgRead, "OrgService.GetOrgTree"),
      PersonnelRpc("POST", base + "/org/units", "createUnit", "Create a unit (部门/车间/班组/岗位)", kP, perm::kOrgWrite,
                   "OrgService.CreateUnit", 201),
      PersonnelRpc("PUT", base + "/org/units/{unit_id}", "updateUnit", "Rename or re-code a unit", kP,
                   perm::kOrgWrite, "OrgService.UpdateUnit"),
      PersonnelRpc("POST", base + "/org/units/{unit_id}/move", "moveUnit", "Move a unit under another parent", kP,
                   perm::kOrgWrite, "OrgService.MoveUnit"),
      PersonnelRpc("POST", base + "/org/units/{unit_id}/close", "closeUnit",
                   "Close a unit (kept with its history; refused while it has active people or units)", kP,
                   perm::kOrgWrite, "OrgService.CloseUnit"),
      PersonnelRpc("POST", base + "/org/units/{unit_id}/reopen", "reopenUnit", "Reopen a closed unit", kP,
                   perm::kOrgWrite, "OrgService.ReopenUnit"),
      PersonnelRpc("GET", base + "/org/history", "listUnitHistory", "Changes of the organisation (?unit_id=)", kP,
                   perm::kOrgRead, "OrgService.ListUnitHistory"),
      // People.
      PersonnelRpc("GET", base + "/people", "listPeople", "People in the caller's data scope", kP, perm::kPersonRead,
                   "PeopleService.ListPeople"),
      PersonnelRpc("POST", base + "/people", "createPerson", "Add a person", kP, perm::kPersonWrite,
                   "PeopleService.CreatePerson", 201),
      PersonnelRpc("GET", base + "/people/{person_id}", "getPerson", "One person", kP, perm::kPersonRead,
                   "PeopleService.GetPerson"),
      PersonnelRpc("PUT", base + "/people/{person_id}", "updatePerson", "Update a person", kP, perm::kPersonWrite,
                   "PeopleService.UpdatePerson"),
      PersonnelRpc("POST", base + "/people/{person_id}/leave", "markPersonLeft", "Mark a person as left", kP,
                   perm::kPersonWrite, "PeopleService.MarkPersonLeft"),
      Download(PersonnelRpc("GET", base + "/people-template.xlsx", "downloadPeopleTemplate",
                            "The people import template (.xlsx with dropdowns and a 说明 sheet)", kP, perm::kPersonRead,
                            "PeopleService.DownloadPeopleTemplate"),
               "xlsx", "filename", kXlsx),
      import,
      Download(PersonnelRpc("GET", base + "/people-export.xlsx", "exportPeople",
                            "Export people (same filters as the list; re-importable)", kP, perm::kPersonRead,
                            "PeopleService.ExportPeople"),
               "xlsx", "filename", kXlsx),
      // Accounts.
      PersonnelRpc("GET", base + "/accounts", "listAccounts", "Accounts (search by username, name, mobile)", kP,
                   perm::kAccountRead, "AccountService.ListAccounts"),
      PersonnelRpc("POST", base + "/accounts", "createAccount", "Create the account of a person", kP,
                   perm::kAccountWrite, "AccountService.CreateAccount", 201),
      PersonnelRpc("GET", base + "/accounts/{account_id}", "getAccount", "One account", kP, perm::kAccountRead,
                   "AccountService.GetAccount"),
      PersonnelRpc("PUT", base + "/accounts/{account_id}", "updateAccount", "Update roles, name, mobile or status",
                   kP, perm::kAccountWrite, "AccountService.UpdateAccount"),
      PersonnelRpc("POST", base + "/accounts/{account_id}/reset-password", "resetPassword",
                   "Set a temporary password", kP, perm::kAccountWrite, "AccountService.ResetPassword"),
      PersonnelRpc("POST", base + "/accounts/{account_id}/unlock", "unlockAccount", "Unlock a locked account", kP,
                   perm::kAccountWrite, "AccountService.UnlockAccount"),
      PersonnelRpc("POST", base + "/visitors", "createVisitorAccount", "A temporary visitor account that expires", kP,
                   perm::kAccountWrite, "AccountService.CreateVisitorAccount", 201),
      // Roles and permissions.
      PersonnelRpc("GET", base + "/permissions", "listPermissionCatalog",
                   "Every function, operation and API permission", kP, perm::kRoleRead,
                   "RoleService.ListPermissionCatalog"),
      PersonnelRpc("GET", base + "/roles", "listRoles", "Roles of the enterprise", kP, perm::kRoleRead,
                   "RoleService.ListRoles"),
      PersonnelRpc("POST", base + "/roles", "createRole", "Create a custom role", kP, perm::kRoleWrite,
                   "RoleService.CreateRole", 201),
      PersonnelRpc("GET", base + "/roles/{role_id}", "getRole", "One role with its grants", kP, perm::kRoleRead,
                   "RoleService.GetRole"),
      PersonnelRpc("PUT", base + "/roles/{role_id}", "updateRole",
                   "Change a role (grants take effect at the holders' next token refresh)", kP, perm::kRoleWrite,
                   "RoleService.UpdateRole"),
      PersonnelRpc("DELETE", base + "/roles/{role_id}", "deleteRole", "Delete a custom role that nobody holds", kP,
                   perm::kRoleWrite, "RoleService.DeleteRole"),
      // Certificates.
      PersonnelRpc("GET", base + "/certificate-types", "listCertificateTypes", "Certificate types and their rules", kP,
                   perm::kCertificateRead, "CertificateService.ListCertificateTypes"),
      PersonnelRpc("GET", base + "/certificates", "listCertificates", "Certificates with their status", kP,
                   perm::kCertificateRead, "CertificateService.ListCertificates"),
      PersonnelRpc("POST", base + "/certificates", "createCertificate", "Record a certificate", kP,
                   perm::kCertificateWrite, "CertificateService.CreateCertificate", 201),
      PersonnelRpc("GET", base + "/certificates/{certificate_id}", "getCertificate", "One certificate", kP,
                   perm::kCertificateRead, "CertificateService.GetCertificate"),
      PersonnelRpc("PUT", base + "/certificates/{certificate_id}", "updateCertificate", "Update a certificate", kP,
                   perm::kCertificateWrite, "CertificateService.UpdateCertificate"),
      PersonnelRpc("POST", base + "/certificates/{certificate_id}/reviews", "recordCertificateReview",
                   "Record a review (复审)", kP, perm::kCertificateWrite, "CertificateService.RecordReview"),
      PersonnelRpc("POST", base + "/certificates/{certificate_id}/revoke", "revokeCertificate",
                   "Revoke a certificate", kP, perm::kCertificateWrite, "CertificateService.RevokeCertificate"),
      PersonnelRpc("GET", base + "/certificate-reminders", "listCertificateReminders",
                   "Certificates due for expiry or review soon, soonest first", kP, perm::kCertificateRead,
                   "CertificateService.ListReminders"),
      // Contractors.
      PersonnelRpc("GET", base + "/contractors", "listContractors", "Contractor companies", kP, perm::kContractorRead,
                   "ContractorService.ListCompanies"),
      PersonnelRpc("POST", base + "/contractors", "createContractor", "Register a contractor company", kP,
                   perm::kContractorWrite, "ContractorService.CreateCompany", 201),
      PersonnelRpc("GET", base + "/contractors/{company_id}", "getContractor", "One contractor company", kP,
                   perm::kContractorRead, "ContractorService.GetCompany"),
      PersonnelRpc("PUT", base + "/contractors/{company_id}", "updateContractor",
                   "Update a company (changed documents need a new review)", kP, perm::kContractorWrite,
                   "ContractorService.UpdateCompany"),
      PersonnelRpc("POST", base + "/contractors/{company_id}/review", "reviewContractor",
                   "Approve or reject a company's qualification", kP, perm::kContractorReview,
                   "ContractorService.ReviewCompany"),
      PersonnelRpc("GET", base + "/contractors/{company_id}/teams", "listContractorTeams", "A company's teams", kP,
                   perm::kContractorRead, "ContractorService.ListTeams"),
      PersonnelRpc("POST", base + "/contractors/{company_id}/teams", "createContractorTeam", "Add a team", kP,
                   perm::kContractorWrite, "ContractorService.CreateTeam", 201),
      PersonnelRpc("GET", base + "/contractor-staff", "listContractorStaff", "Contractor staff (?company_id=&team_id=)",
                   kP, perm::kContractorRead, "ContractorService.ListStaff"),
      PersonnelRpc("POST", base + "/contractors/{company_id}/staff", "createContractorStaff",
                   "Register a staff member of a company", kP, perm::kContractorWrite, "ContractorService.CreateStaff",
                   201),
      PersonnelRpc("GET", base + "/contractor-staff/{person_id}", "getContractorStaff", "One staff member", kP,
                   perm::kContractorRead, "ContractorService.GetStaff"),
      PersonnelRpc("PUT", base + "/contractor-staff/{person_id}/team", "setContractorStaffTeam",
                   "Move a staff member to a team", kP, perm::kContractorWrite, "ContractorService.SetStaffTeam"),
      PersonnelRpc("POST", base + "/contractor-staff/{person_id}/review", "reviewContractorStaff",
                   "Approve or reject a staff member", kP, perm::kContractorReview, "ContractorService.ReviewStaff"),
      PersonnelRpc("GET", base + "/violations", "listViolations", "Violation records", kP, perm::kContractorRead,
                   "ContractorService.ListViolations"),
      PersonnelRpc("POST", base + "/violations", "recordViolation",
                   "Record a violation (photo and signature as base64 JPEG/PNG)", kP, perm::kViolationWrite,
                   "ContractorService.RecordViolation", 201),
      violation_image,
      PersonnelRpc("GET", base + "/blacklist", "listBlacklist", "Blacklisted companies and people", kP,
                   perm::kContractorRead, "ContractorService.ListBlacklist"),
      PersonnelRpc("POST", base + "/blacklist", "addToBlacklist", "Blacklist a company or a person", kP,
                   perm::kBlacklistWrite, "ContractorService.AddToBlacklist", 201),
      PersonnelRpc("POST", base + "/blacklist/{entry_id}/lift", "liftBlacklist", "Lift a blacklisting", kP,
                   perm::kBlacklistWrite, "ContractorService.LiftBlacklist"),
      // Qualification (the permit and training services call the RPC directly).
      PersonnelRpc("POST", base + "/qualification-checks", "checkQualification",
                   "Is person P qualified for requirement R at time T, and if not, why", kP, perm::kQualificationRead,
                   "QualificationService.CheckQualification"),
  };
}

}  // namespace safeloop::gateway
