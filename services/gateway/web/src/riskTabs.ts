// The risk map menu's sub-pages (all under menu.risk.map): 四色图 | 风险分析对象与单元 | 分级管控台账.
// Tabs the user's API permissions do not allow are left out.
import { h } from "./dom";
import { href } from "./router";
import { canApi } from "./session";

export const RISK_SUB_ROUTES = ["risk-units", "risk-ledger", "risk-point"] as const;

const TABS: ReadonlyArray<{ route: string; label: string; permission: string | null }> = [
  { route: "map", label: "四色图", permission: null },
  { route: "risk-units", label: "风险分析对象与单元", permission: "risk.point.read" },
  { route: "risk-ledger", label: "分级管控台账", permission: "risk.point.read" },
];

export function riskTabs(active: string): HTMLElement {
  const nav = h("nav", { class: "tabs risk-tabs", id: "risk-tabs", "aria-label": "风险分级管控" });
  for (const t of TABS) {
    if (t.permission && !canApi(t.permission)) continue;
    nav.append(
      h(
        "a",
        {
          class: t.route === active ? "tab active" : "tab",
          href: href(t.route),
          "data-testid": `risk-tab-${t.route}`,
          "aria-current": t.route === active ? "page" : null,
        },
        t.label,
      ),
    );
  }
  return nav;
}

/** The page body when the user lacks the API permission the page reads with. */
export function noPermission(what: string): HTMLElement {
  return h("div", { class: "notice error", id: "forbidden", role: "alert" }, `您没有${what}的权限。`);
}
