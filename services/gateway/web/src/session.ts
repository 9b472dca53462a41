// Who is signed in (GET /api/v1/auth/me) and what the console shows them: the menu comes from the
// function permissions (menu.*), buttons from the operation permissions (op.*), write actions also need
// the API permission the route checks.
import { authApi } from "./personnelApi";
import type { MeResponse } from "./personnelTypes";

export interface MenuEntry {
  /** Function permission, e.g. menu.people. */
  code: string;
  label: string;
  /** Hash route name. */
  route: string;
  /** Stable id suffix: element id "nav-<key>", data-testid "menu-<key>". */
  key: string;
}

/** Every menu of the console, in display order (libs/auth/src/permissions.cpp PermissionCatalog). */
export const MENU: readonly MenuEntry[] = [
  { code: "menu.park", label: "园区企业", route: "park", key: "park" },
  { code: "menu.risk.map", label: "风险四色图", route: "map", key: "risk-map" },
  { code: "menu.enterprise", label: "企业信息", route: "enterprise", key: "enterprise" },
  { code: "menu.org", label: "组织架构", route: "org", key: "org" },
  { code: "menu.people", label: "人员管理", route: "people", key: "people" },
  { code: "menu.accounts", label: "账号管理", route: "accounts", key: "accounts" },
  { code: "menu.roles", label: "角色权限", route: "roles", key: "roles" },
  { code: "menu.certificates", label: "证书管理", route: "certificates", key: "certificates" },
  { code: "menu.contractors", label: "承包商管理", route: "contractors", key: "contractors" },
  { code: "menu.api", label: "API管理", route: "api", key: "api" },
  { code: "menu.audit", label: "审计日志", route: "audit", key: "audit" },
];

/**
 * Pages without a menu entry of their own: each sits under an existing menu (its function permission)
 * and is reached from that menu's page (the risk map's tabs: 风险分析对象与单元, 分级管控台账, 风险点详情).
 */
export const SUB_ROUTES: Readonly<Record<string, string>> = {
  "risk-units": "menu.risk.map",
  "risk-ledger": "menu.risk.map",
  "risk-point": "menu.risk.map",
};

let me: MeResponse | null = null;

export function currentMe(): MeResponse | null {
  return me;
}

export function forgetMe(): void {
  me = null;
}

export async function loadMe(): Promise<MeResponse> {
  const m = await authApi.me();
  me = normalizeMe(m);
  return me;
}

function normalizeMe(m: MeResponse): MeResponse {
  const arr = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  return {
    ...m,
    roles: Array.isArray(m.roles) ? m.roles : [],
    function_permissions: arr(m.function_permissions),
    operation_permissions: arr(m.operation_permissions),
    api_permissions: arr(m.api_permissions),
  };
}

/** Glob match as the server does it ('*' = any run of characters): grants may be patterns. */
export function grantMatches(grant: string, code: string): boolean {
  if (!grant.includes("*")) return grant === code;
  const re = new RegExp(`^${grant.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return re.test(code);
}

function anyMatch(grants: readonly string[], code: string): boolean {
  return grants.some((g) => grantMatches(g, code));
}

export function isParkAccount(m: MeResponse | null = me): boolean {
  return m?.kind === "park" || (m?.data_scope === "park" && !m?.enterprise_id);
}

/** Function permission (menu). 园区企业 is for park accounts only: it lists the park's enterprises. */
export function hasMenu(code: string, m: MeResponse | null = me): boolean {
  if (!m) return false;
  if (code === "menu.park" && !isParkAccount(m)) return false;
  return anyMatch(m.function_permissions, code);
}

/** Operation permission (a button). */
export function canOp(code: string): boolean {
  return !!me && anyMatch(me.operation_permissions, code);
}

/** API permission (what the route behind a button checks). */
export function canApi(code: string): boolean {
  return !!me && anyMatch(me.api_permissions, code);
}

export function visibleMenu(m: MeResponse | null = me): MenuEntry[] {
  return MENU.filter((e) => hasMenu(e.code, m));
}

/** The menu entry of a route; a sub-route answers its parent menu's entry. */
export function menuOfRoute(route: string): MenuEntry | undefined {
  const parent = SUB_ROUTES[route];
  if (parent) return MENU.find((e) => e.code === parent);
  return MENU.find((e) => e.route === route);
}
