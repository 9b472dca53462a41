// Entry point: the shell (header with the user, the menu built from the function permissions) and the
// hash router. Pages are one file each and get (root, params); each returns its dispose function.
import { onAuthLost } from "./api";
import { clearActing, clearToken, getActing, getSessionToken, hasSession, onTokensRefreshed, scheduleRefresh } from "./auth";
import { clear, h } from "./dom";
import { renderLogin } from "./loginPage";
import { renderMapPage } from "./mapPage";
import { authApi } from "./personnelApi";
import { currentRoute, go } from "./router";
import { currentMe, forgetMe, hasMenu, isParkAccount, loadMe, menuOfRoute, visibleMenu } from "./session";
import { button, errorNotice, loadingNote } from "./ui";
import { renderOrgPage } from "./orgPage";
import { renderPeoplePage } from "./peoplePage";
import { renderAccountsPage } from "./accountsPage";
import { renderRolesPage } from "./rolesPage";
import { renderCertificatesPage } from "./certificatesPage";
import { renderContractorsPage } from "./contractorsPage";
import { renderParkPage } from "./parkPage";
import { renderEnterprisePage } from "./enterprisePage";
import { renderApiPage } from "./apiPage";
import { renderAuditPage } from "./auditPage";
import { renderPasswordPage } from "./passwordPage";
import { renderRiskUnitsPage } from "./riskUnitsPage";
import { renderRiskLedgerPage } from "./riskLedgerPage";
import { renderRiskPointPage } from "./riskPointPage";

type Dispose = () => void;
type Page = (root: HTMLElement, params: URLSearchParams) => Dispose | void;

const PAGES: Record<string, Page> = {
  park: renderParkPage,
  enterprise: renderEnterprisePage,
  org: renderOrgPage,
  people: renderPeoplePage,
  accounts: renderAccountsPage,
  roles: renderRolesPage,
  certificates: renderCertificatesPage,
  contractors: renderContractorsPage,
  api: renderApiPage,
  audit: renderAuditPage,
  map: (root, params) => renderMapPage(root, params, { onAuthLost: sessionLost }),
  // Sub-pages of the risk map menu (session.ts SUB_ROUTES).
  "risk-units": renderRiskUnitsPage,
  "risk-ledger": renderRiskLedgerPage,
  "risk-point": renderRiskPointPage,
};

const app = document.getElementById("app")!;
const userBox = document.getElementById("user-box")!;
const nav = document.getElementById("main-nav")!;
let dispose: Dispose | null = null;
let routeSeq = 0;

function sessionLost(): void {
  clearToken();
  forgetMe();
  if (currentRoute()?.name !== "login") go("login", { reason: "expired" }, true);
}

async function logout(): Promise<void> {
  if (getSessionToken()) {
    await authApi.logout().catch(() => undefined); // the session ends on our side regardless
  }
  clearToken();
  forgetMe();
  go("login", undefined, true);
}

function renderChrome(active: string): void {
  clear(userBox);
  clear(nav);
  const me = currentMe();
  document.body.classList.toggle("signed-in", !!me);
  nav.hidden = !me;
  if (!me) return;

  const name = me.display_name || me.person_name || me.username;
  const org = me.enterprise_name || me.park_name || "";
  const roles = me.roles.map((r) => r.name || r.code).join("、");
  const logoutBtn = button("退出", () => void logout(), { id: "logout-button", class: "small" }, "ghost");
  userBox.append(
    h(
      "div",
      { class: "user-info" },
      h("span", { class: "user-name", id: "user-name", title: me.username }, name),
      h(
        "span",
        { class: "user-meta" },
        h("span", { id: "user-enterprise" }, org),
        roles ? h("span", { id: "user-roles" }, roles) : null,
      ),
    ),
    h("a", { class: "nav-link", href: "#/password", id: "password-link" }, "修改密码"),
    logoutBtn,
  );

  const activeRoute = menuOfRoute(active)?.route ?? active;
  const list = h("ul", { class: "nav-list", id: "menu" });
  for (const e of visibleMenu(me)) {
    list.append(
      h(
        "li",
        {},
        h(
          "a",
          {
            href: `#/${e.route}`,
            class: e.route === activeRoute ? "nav-item active" : "nav-item",
            id: `nav-${e.key}`,
            "data-testid": `menu-${e.key}`,
            "data-permission": e.code,
            "aria-current": e.route === activeRoute ? "page" : null,
          },
          e.label,
        ),
      ),
    );
  }
  nav.append(list);
}

function actingBanner(): HTMLElement | null {
  const acting = getActing();
  if (!acting || !isParkAccount()) return null;
  const back = button("返回园区", () => {
    clearActing();
    go("park");
  }, { class: "small", id: "leave-enterprise" });
  return h(
    "div",
    { class: "notice info acting-banner", id: "acting-banner" },
    h("span", {}, `正在查看：${acting.enterprise_name}（只读）`),
    back,
  );
}

function simplePage(title: string, text: string, link?: [string, string]): HTMLElement {
  return h(
    "section",
    { class: "card simple-page" },
    h("h1", {}, title),
    h("p", { class: "muted" }, text),
    link ? h("a", { class: "button primary", href: link[0] }, link[1]) : null,
  );
}

async function route(): Promise<void> {
  const seq = ++routeSeq;
  dispose?.();
  dispose = null;
  clear(app);
  // A dialog of the page left behind (it lives in <body>, not in the page).
  document.querySelectorAll("dialog").forEach((d) => d.remove());

  const r = currentRoute();
  if (!r) {
    go("home", undefined, true);
    return;
  }
  document.body.dataset["page"] = r.name;
  if (r.name === "login") {
    renderChrome("login");
    dispose = renderLogin(app, r.params, () => void onLoggedIn(r.params.get("next")));
    return;
  }
  if (!hasSession()) {
    go("login", r.name === "home" ? undefined : { next: r.name }, true);
    return;
  }
  if (!currentMe()) {
    app.append(loadingNote("正在加载用户信息…"));
    try {
      await loadMe();
    } catch (err) {
      if (seq !== routeSeq) return;
      clear(app);
      if (!hasSession()) return; // the 401 handler is taking us to the login page
      app.append(errorNotice(err, () => void route(), "无法加载用户信息"));
      return;
    }
    if (seq !== routeSeq) return;
    clear(app);
  }

  renderChrome(r.name);
  const banner = actingBanner();
  if (banner) app.append(banner);

  if (r.name === "home") {
    const first = visibleMenu()[0];
    if (first) go(first.route, undefined, true);
    else app.append(simplePage("欢迎", "您的账号暂未分配任何功能菜单，请联系系统管理员分配角色。"));
    return;
  }
  if (r.name === "password") {
    dispose = renderPasswordPage(app) ?? null;
    return;
  }
  const entry = menuOfRoute(r.name);
  const page = PAGES[r.name];
  if (!entry || !page) {
    app.append(simplePage("页面不存在", "您访问的页面不存在。", ["#/home", "返回首页"]));
    return;
  }
  if (!hasMenu(entry.code)) {
    app.append(
      h("div", { id: "forbidden" }, simplePage("无权访问", `您没有“${entry.label}”的访问权限。`, ["#/home", "返回首页"])),
    );
    return;
  }
  if (entry.code === "menu.risk.map" && isParkAccount() && !getActing()) {
    app.append(simplePage("风险四色图", "园区账号请先在“园区企业”中选择要查看的企业。", ["#/park", "选择企业"]));
    return;
  }
  const content = h("div", { class: "page" });
  app.append(content);
  dispose = page(content, r.params) ?? null;
}

async function onLoggedIn(next: string | null): Promise<void> {
  forgetMe();
  clearActing();
  const me = await loadMe().catch(() => null); // route() shows the problem and retries

  if (me?.must_change_password) {
    go("password", { reason: "reset" }, true);
    return;
  }
  go(next && next !== "login" ? next : "home", undefined, true);
}

onAuthLost(sessionLost);
onTokensRefreshed(() => {
  // Roles may have changed: reload who we are and redraw the menu.
  const before = JSON.stringify(currentMe()?.function_permissions ?? []);
  loadMe()
    .then((me) => {
      if (JSON.stringify(me.function_permissions) !== before) renderChrome(currentRoute()?.name ?? "");
    })
    .catch(() => undefined);
});
// Logged out (or in as someone else) in another tab.
window.addEventListener("storage", (ev) => {
  if (ev.key !== null && ev.key !== "safeloop.access_token") return;
  if (!hasSession()) {
    forgetMe();
    if (currentRoute()?.name !== "login") go("login", undefined, true);
  } else {
    scheduleRefresh();
  }
});
// A park account chose another enterprise (parkPage): show which one is being viewed.
window.addEventListener("safeloop:acting-changed", () => {
  document.getElementById("acting-banner")?.remove();
  const banner = actingBanner();
  if (banner) app.prepend(banner);
});
window.addEventListener("hashchange", () => void route());
scheduleRefresh();
void route();
