// Shapes of the identity/personnel REST API: the proto messages of proto/safeloop/personnel/v1/*.proto
// printed as proto3 JSON (snake_case, every field present). Keep every personnel/auth wire type here so a
// proto change is one edit. Fields are typed loosely where the wire may omit them (older gateways).

// ---- auth (identity.proto AuthService) ----------------------------------------------------------
export interface TokenPair {
  access_token: string;
  refresh_token: string; // empty from the enterprise token of a park account
  expires_in: number; // seconds
  token_type?: string;
  refresh_expires_in?: number;
}

export interface RoleRef {
  code: string;
  name: string;
}

export interface MeResponse {
  account_id: string;
  username: string;
  display_name: string;
  kind: string; // user | visitor | park
  person_id: string;
  person_name: string;
  unit_id: string;
  enterprise_id: string;
  enterprise_name: string;
  park_id: string;
  park_name: string;
  roles: RoleRef[];
  data_scope: string; // own | unit | subtree | enterprise | park
  function_permissions: string[];
  operation_permissions: string[];
  api_permissions: string[];
  session_id?: string;
  expires_at?: string;
  must_change_password?: boolean;
}

// ---- accounts and roles (identity.proto) --------------------------------------------------------
export interface Account {
  id: string;
  username: string;
  kind: string;
  display_name: string;
  mobile: string;
  status: string; // active | disabled
  person_id: string;
  person_name: string;
  unit_id: string;
  roles: RoleRef[];
  expires_at: string;
  locked_until: string;
  failed_logins: number;
  last_login_at: string;
  password_changed_at: string;
  must_change_password: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PageResponse {
  next_page_token: string;
}

export interface ListAccountsResponse {
  accounts: Account[];
  page?: PageResponse;
}

export interface CreateAccountRequest {
  person_id: string;
  username: string;
  password: string;
  display_name: string;
  mobile: string;
  role_codes: string[];
}

export interface UpdateAccountRequest {
  version: number;
  display_name: string;
  mobile: string;
  status: string;
  role_codes: string[];
}

export interface Permission {
  code: string;
  kind: string; // function | operation | api
  group: string;
  name: string;
}

export interface ListPermissionCatalogResponse {
  permissions: Permission[];
}

export interface Role {
  id: string;
  code: string;
  name: string;
  description: string;
  data_scope: string;
  builtin: boolean;
  grants: string[];
  holder_count: number;
  version: number;
  created_at?: string;
  updated_at?: string;
}

export interface ListRolesResponse {
  roles: Role[];
}

export interface RoleInput {
  name: string;
  description: string;
  data_scope: string;
  grants: string[];
}

// ---- tenancy (tenancy.proto) ---------------------------------------------------------------------
export interface Park {
  id: string;
  name: string;
  region: string;
}

export interface EnterpriseProfile {
  name: string;
  credit_code: string;
  enterprise_type: string;
  founded_on: string;
  term_until: string;
  registered_address: string;
  operating_address: string;
  registration_authority: string;
  business_scope: string;
  legal_representative: string;
  phone: string;
  principal_name: string;
  principal_mobile: string;
  safety_principal_name: string;
  safety_principal_mobile: string;
  emergency_phone: string;
  headcount?: number | null;
  area_m2?: number | null;
  economic_industry_code: string;
  safety_industry_class: string;
  hazchem_registration_code: string;
}

export interface Enterprise {
  id: string;
  park_id: string;
  park_name: string;
  profile: EnterpriseProfile;
  park_write_granted: boolean;
  version: number;
  created_at?: string;
  updated_at?: string;
}

export interface ListParkEnterprisesResponse {
  park?: Park;
  enterprises: Enterprise[];
}

// ---- org (org.proto) -----------------------------------------------------------------------------
export interface OrgUnit {
  id: string;
  parent_id: string;
  kind: string; // company | department | workshop | team | post
  name: string;
  code: string;
  sort_order: number;
  status: string; // active | closed
  closed_at: string;
  version: number;
}

export interface OrgTreeNode {
  unit: OrgUnit;
  headcount: number;
  subtree_headcount: number;
  path: string;
  children: OrgTreeNode[];
}

export interface OrgTree {
  root?: OrgTreeNode | null;
}

export interface OrgUnitChange {
  unit_id: string;
  change: string;
  old_parent_id: string;
  new_parent_id: string;
  old_name: string;
  new_name: string;
  unit_version: number;
  actor: string;
  at: string;
}

export interface ListUnitHistoryResponse {
  changes: OrgUnitChange[];
  next_page_token: string;
}

// ---- people (people.proto) -----------------------------------------------------------------------
export interface Person {
  id: string;
  unit_id: string;
  unit_path: string;
  post_id: string;
  post_path: string;
  employee_no: string;
  name: string;
  gender: string;
  title: string;
  professional_title: string;
  work_type: string;
  person_type: string;
  special_operation: boolean;
  mobile: string;
  id_number: string;
  status: string;
  left_on: string;
  version: number;
}

export interface ListPeopleResponse {
  people: Person[];
  total_size: number;
  next_page_token: string;
}

export interface PeopleFilter {
  unit_id?: string;
  include_subtree?: boolean;
  name_contains?: string;
  person_type?: string;
  status?: string;
}

export interface ImportProblem {
  row: number;
  column: string;
  header: string;
  message: string;
}

export interface ImportPeopleResponse {
  accepted: boolean;
  total_rows: number;
  imported: number;
  problems: ImportProblem[];
}

/** DownloadPeopleTemplate/ExportPeople when the gateway answers JSON instead of the raw file. */
export interface XlsxFile {
  filename: string;
  xlsx: string; // base64
}

// ---- certificates (qualification.proto) ----------------------------------------------------------
export interface CertificateType {
  code: string;
  name: string;
  kind: string;
  parent_code: string;
  validity_years: number;
  review_interval_years: number;
}

export interface Certificate {
  certificate_id: string;
  person_id: string;
  person_name: string;
  type_code: string;
  type_name: string;
  kind: string;
  number: string;
  issuing_authority: string;
  issued_on: string;
  expires_on: string;
  last_review_on: string;
  next_review_on: string;
  review_extended: boolean;
  /** valid | expiring_soon | review_due_soon | review_overdue | review_failed | expired | revoked */
  status: string;
  revoked_at: string;
  revoke_reason: string;
  version: number;
}

export interface ListCertificatesResponse {
  certificates: Certificate[];
  page?: PageResponse;
}

export interface ListCertificateTypesResponse {
  types: CertificateType[];
}

export interface CertificateReminder {
  certificate: Certificate;
  due_kind: string; // expiry | review
  due_on: string;
  days_left: number;
}

export interface ListRemindersResponse {
  reminders: CertificateReminder[];
}

export interface CreateCertificateRequest {
  person_id: string;
  type_code: string;
  number: string;
  issuing_authority: string;
  issued_on: string;
  expires_on: string;
  last_review_on: string;
}

// ---- contractors (qualification.proto) -----------------------------------------------------------
export interface ContractorDocument {
  kind: string;
  number: string;
  grade: string;
  issued_on: string;
  expires_on: string;
  file_url: string;
}

export interface ContractorCompany {
  company_id: string;
  name: string;
  credit_code: string;
  contact_name: string;
  contact_mobile: string;
  address: string;
  documents: ContractorDocument[];
  review_status: string; // pending | approved | rejected
  reviewed_by: string;
  reviewed_at: string;
  review_comment: string;
  blacklisted: boolean;
  documents_expired: boolean;
  usable: boolean;
  version: number;
}

export interface ListCompaniesResponse {
  companies: ContractorCompany[];
  page?: PageResponse;
}

export interface CreateCompanyRequest {
  name: string;
  credit_code: string;
  contact_name: string;
  contact_mobile: string;
  address: string;
  documents: ContractorDocument[];
}

export interface ContractorTeam {
  team_id: string;
  company_id: string;
  name: string;
  leader_person_id: string;
  member_person_ids: string[];
}

export interface ListTeamsResponse {
  teams: ContractorTeam[];
}

export interface ContractorStaff {
  person_id: string;
  company_id: string;
  team_id: string;
  name: string;
  gender: string;
  mobile: string;
  id_number: string;
  work_type: string;
  employee_no: string;
  review_status: string;
  review_comment: string;
  person_status: string;
  version: number;
}

export interface ListStaffResponse {
  staff: ContractorStaff[];
  page?: PageResponse;
}

export interface CreateStaffRequest {
  team_id: string;
  name: string;
  gender: string;
  mobile: string;
  id_number: string;
  work_type: string;
}

export interface Violation {
  violation_id: string;
  person_id: string;
  person_name: string;
  company_id: string;
  occurred_at: string;
  place: string;
  description: string;
  recorded_by: string;
  recorded_at: string;
  has_photo: boolean;
  has_signature: boolean;
}

export interface ListViolationsResponse {
  violations: Violation[];
  page?: PageResponse;
}

export interface BlacklistEntry {
  entry_id: string;
  subject_kind: string; // company | person
  subject_id: string;
  reason: string;
  from: string;
  until: string;
  created_by: string;
  created_at: string;
  lifted_at: string;
  lift_reason: string;
  active: boolean;
}

export interface ListBlacklistResponse {
  entries: BlacklistEntry[];
  page?: PageResponse;
}

// ---- gateway admin (services/gateway/src/openapi.cpp) --------------------------------------------
export interface ApiRoute {
  method: string;
  pattern: string;
  operation_id: string;
  summary: string;
  group: string;
  auth: string;
  permission: string;
}

export interface ApiRouteStats {
  operation_id: string;
  method: string;
  pattern: string;
  group: string;
  count: number | string;
  errors_4xx: number | string;
  errors_5xx: number | string;
  latency_ms: { mean: number; p50: number; p95: number; p99: number };
}

export interface ApiStats {
  since: string;
  until: string;
  items: ApiRouteStats[];
}

export interface AuditLogEntry {
  id: string;
  occurred_at: string;
  account: string;
  roles: string[];
  username?: string;
  operation_id: string;
  method: string;
  path: string;
  http_status: number;
  code: string;
  client_address: string;
  user_agent: string;
  request_id: string;
  elapsed_ms: number;
}

export interface AuditLogPage {
  items: AuditLogEntry[];
  next_cursor: string | null;
}

// ---- code → Chinese label tables ---------------------------------------------------------------
export const DATA_SCOPES: ReadonlyArray<readonly [string, string]> = [
  ["own", "本人"],
  ["unit", "本单位"],
  ["subtree", "本单位及下级"],
  ["enterprise", "全企业"],
  ["park", "园区"],
];

export const UNIT_KINDS: ReadonlyArray<readonly [string, string]> = [
  ["company", "公司"],
  ["department", "部门"],
  ["workshop", "车间"],
  ["team", "班组"],
  ["post", "岗位"],
];

/** Which kinds may sit under a parent kind (org.proto). */
export const CHILD_KINDS: Readonly<Record<string, readonly string[]>> = {
  company: ["department", "workshop"],
  department: ["department", "workshop", "team", "post"],
  workshop: ["team", "post"],
  team: ["post"],
  post: [],
};

export const GENDERS: ReadonlyArray<readonly [string, string]> = [
  ["male", "男"],
  ["female", "女"],
];

export const PERSON_TYPES: ReadonlyArray<readonly [string, string]> = [
  ["employee", "正式员工"],
  ["intern", "实习生"],
  ["outsourced", "外包人员"],
  ["visitor", "访客"],
];

export const REVIEW_STATUSES: ReadonlyArray<readonly [string, string]> = [
  ["pending", "待审核"],
  ["approved", "已通过"],
  ["rejected", "未通过"],
];

export const PERMISSION_KINDS: ReadonlyArray<readonly [string, string]> = [
  ["function", "功能权限"],
  ["operation", "操作权限"],
  ["api", "API权限"],
];

export const PERMISSION_GROUPS: Readonly<Record<string, string>> = {
  risk: "风险管控",
  personnel: "人员与组织",
  system: "系统管理",
};

export function labelOf(table: ReadonlyArray<readonly [string, string]>, code: string | undefined | null): string {
  if (!code) return "—";
  for (const [c, l] of table) if (c === code) return l;
  return code;
}
