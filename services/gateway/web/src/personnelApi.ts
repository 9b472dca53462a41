// The identity and personnel endpoints (gateway → personnel gRPC transcoding; /tmp/rest.md plan).
import { XLSX_TYPE, download, enc, query, request } from "./api";
import type * as T from "./personnelTypes";

const P = "/api/v1/personnel";

export const authApi = {
  login: (username: string, password: string) =>
    request<T.TokenPair>("POST", "/api/v1/auth/login", { body: { username, password }, noAuth: true }),
  logout: () => request<unknown>("POST", "/api/v1/auth/logout", { body: {} }),
  me: () => request<T.MeResponse>("GET", "/api/v1/auth/me"),
  changePassword: (old_password: string, new_password: string) =>
    request<{ sessions_revoked: number }>("POST", "/api/v1/auth/password", { body: { old_password, new_password } }),
  enterpriseToken: (enterprise_id: string) =>
    request<T.TokenPair>("POST", "/api/v1/auth/enterprise-token", { body: { enterprise_id } }),
};

export const tenancyApi = {
  myEnterprise: () => request<T.Enterprise>("GET", `${P}/enterprise`),
  updateMyEnterprise: (profile: T.EnterpriseProfile, version: number) =>
    request<T.Enterprise>("PUT", `${P}/enterprise`, { body: { profile, version } }),
  parkEnterprises: (nameContains = "") =>
    request<T.ListParkEnterprisesResponse>("GET", `${P}/park/enterprises${query({ name_contains: nameContains })}`),
  parkEnterprise: (id: string) => request<T.Enterprise>("GET", `${P}/park/enterprises/${enc(id)}`),
};

export const orgApi = {
  tree: (includeClosed = false) => request<T.OrgTree>("GET", `${P}/org/tree${query({ include_closed: includeClosed })}`),
  create: (parent_id: string, kind: string, name: string, code = "") =>
    request<T.OrgUnit>("POST", `${P}/org/units`, { body: { parent_id, kind, name, code, sort_order: 0 } }),
  update: (u: T.OrgUnit, name: string, code: string) =>
    request<T.OrgUnit>("PUT", `${P}/org/units/${enc(u.id)}`, {
      body: { name, code, sort_order: u.sort_order, version: u.version },
    }),
  move: (u: T.OrgUnit, new_parent_id: string) =>
    request<T.OrgUnit>("POST", `${P}/org/units/${enc(u.id)}/move`, { body: { new_parent_id, version: u.version } }),
  close: (u: T.OrgUnit) => request<T.OrgUnit>("POST", `${P}/org/units/${enc(u.id)}/close`, { body: { version: u.version } }),
  reopen: (u: T.OrgUnit) => request<T.OrgUnit>("POST", `${P}/org/units/${enc(u.id)}/reopen`, { body: { version: u.version } }),
  history: (unitId: string) =>
    request<T.ListUnitHistoryResponse>("GET", `${P}/org/history${query({ unit_id: unitId, page_size: 100 })}`),
};

function peopleQuery(f: T.PeopleFilter): Record<string, string | boolean | undefined> {
  return {
    unit_id: f.unit_id,
    include_subtree: f.unit_id ? f.include_subtree : undefined,
    name_contains: f.name_contains,
    person_type: f.person_type,
    status: f.status,
  };
}

export const peopleApi = {
  list: (f: T.PeopleFilter, pageSize: number, pageToken: string) =>
    request<T.ListPeopleResponse>(
      "GET",
      `${P}/people${query({ ...peopleQuery(f), page_size: pageSize, page_token: pageToken })}`,
    ),
  downloadTemplate: () => download(`${P}/people-template.xlsx`, "人员导入模板.xlsx"),
  exportXlsx: (f: T.PeopleFilter) => download(`${P}/people-export.xlsx${query(peopleQuery(f))}`, "人员名单.xlsx"),
  /** 200 = imported, 422 = nothing imported (problems listed): both answer ImportPeopleResponse. */
  importXlsx: (file: Blob, dryRun = false) =>
    request<T.ImportPeopleResponse>("POST", `${P}/people-import${query({ dry_run: dryRun })}`, {
      raw: file,
      contentType: XLSX_TYPE,
      acceptStatus: [422],
      timeoutMs: 120_000,
    }),
};

export const accountApi = {
  list: (q: string, status: string, pageToken: string) =>
    request<T.ListAccountsResponse>(
      "GET",
      `${P}/accounts${query({ query: q, status, page_size: 50, page_token: pageToken })}`,
    ),
  create: (body: T.CreateAccountRequest) => request<T.Account>("POST", `${P}/accounts`, { body }),
  update: (id: string, body: T.UpdateAccountRequest) => request<T.Account>("PUT", `${P}/accounts/${enc(id)}`, { body }),
  resetPassword: (id: string, new_password: string) =>
    request<T.Account>("POST", `${P}/accounts/${enc(id)}/reset-password`, { body: { new_password } }),
  unlock: (id: string) => request<T.Account>("POST", `${P}/accounts/${enc(id)}/unlock`, { body: {} }),
};

export const roleApi = {
  catalog: () => request<T.ListPermissionCatalogResponse>("GET", `${P}/permissions`),
  list: () => request<T.ListRolesResponse>("GET", `${P}/roles`),
  create: (code: string, r: T.RoleInput) => request<T.Role>("POST", `${P}/roles`, { body: { code, ...r } }),
  update: (role: T.Role, r: T.RoleInput) =>
    request<T.Role>("PUT", `${P}/roles/${enc(role.id)}`, { body: { ...r, version: role.version } }),
  remove: (role: T.Role) => request<unknown>("DELETE", `${P}/roles/${enc(role.id)}`),
};

export const certificateApi = {
  types: () => request<T.ListCertificateTypesResponse>("GET", `${P}/certificate-types`),
  list: (status: string, dueWithinDays: number, pageToken: string, personId = "") =>
    request<T.ListCertificatesResponse>(
      "GET",
      `${P}/certificates${query({
        person_id: personId,
        status,
        due_within_days: dueWithinDays || undefined,
        page_size: 50,
        page_token: pageToken,
      })}`,
    ),
  create: (body: T.CreateCertificateRequest) => request<T.Certificate>("POST", `${P}/certificates`, { body }),
  review: (id: string, reviewed_on: string, result: string, note: string) =>
    request<T.Certificate>("POST", `${P}/certificates/${enc(id)}/reviews`, { body: { reviewed_on, result, note } }),
  reminders: () => request<T.ListRemindersResponse>("GET", `${P}/certificate-reminders`),
};

export const contractorApi = {
  companies: (reviewStatus: string, name: string, pageToken: string) =>
    request<T.ListCompaniesResponse>(
      "GET",
      `${P}/contractors${query({ review_status: reviewStatus, name_contains: name, page_size: 50, page_token: pageToken })}`,
    ),
  createCompany: (body: T.CreateCompanyRequest) => request<T.ContractorCompany>("POST", `${P}/contractors`, { body }),
  reviewCompany: (id: string, decision: "approve" | "reject", comment: string) =>
    request<T.ContractorCompany>("POST", `${P}/contractors/${enc(id)}/review`, { body: { decision, comment } }),
  teams: (companyId: string) => request<T.ListTeamsResponse>("GET", `${P}/contractors/${enc(companyId)}/teams`),
  createTeam: (companyId: string, name: string) =>
    request<T.ContractorTeam>("POST", `${P}/contractors/${enc(companyId)}/teams`, { body: { name } }),
  staff: (companyId: string, reviewStatus: string, pageToken: string) =>
    request<T.ListStaffResponse>(
      "GET",
      `${P}/contractor-staff${query({ company_id: companyId, review_status: reviewStatus, page_size: 200, page_token: pageToken })}`,
    ),
  createStaff: (companyId: string, body: T.CreateStaffRequest) =>
    request<T.ContractorStaff>("POST", `${P}/contractors/${enc(companyId)}/staff`, { body }),
  reviewStaff: (personId: string, decision: "approve" | "reject", comment: string) =>
    request<T.ContractorStaff>("POST", `${P}/contractor-staff/${enc(personId)}/review`, { body: { decision, comment } }),
  violations: (pageToken: string) =>
    request<T.ListViolationsResponse>("GET", `${P}/violations${query({ page_size: 50, page_token: pageToken })}`),
  blacklist: (activeOnly: boolean, pageToken: string) =>
    request<T.ListBlacklistResponse>(
      "GET",
      `${P}/blacklist${query({ active_only: activeOnly, page_size: 50, page_token: pageToken })}`,
    ),
  addToBlacklist: (subject_kind: "company" | "person", subject_id: string, reason: string) =>
    request<T.BlacklistEntry>("POST", `${P}/blacklist`, { body: { subject_kind, subject_id, reason } }),
  lift: (entryId: string, reason: string) =>
    request<T.BlacklistEntry>("POST", `${P}/blacklist/${enc(entryId)}/lift`, { body: { reason } }),
};

export const adminApi = {
  routes: () => request<{ items: T.ApiRoute[] }>("GET", "/api/v1/admin/api-routes"),
  stats: () => request<T.ApiStats>("GET", "/api/v1/admin/api-stats"),
  audit: (cursor: string) => request<T.AuditLogPage>("GET", `/api/v1/admin/audit-log${query({ limit: 50, cursor })}`),
};
