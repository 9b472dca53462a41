// Entry point: header (brand, user, 退出) and the hash router.
import { clearToken, decodeClaims, getToken } from "./auth";
import { clear, h } from "./dom";
import { renderLogin } from "./loginPage";
import { renderMapPage } from "./mapPage";
import { currentRoute, go } from "./router";

const app = document.getElementById("app");
const userBox = document.getElementById("user-box");
let dispose: (() => void) | null = null;

function renderHeader(routeName: string): void {
  if (!userBox) return;
  clear(userBox);
  const token = getToken();
  if (!token) return;
  const claims = decodeClaims(token);
  const who = typeof claims?.sub === "string" ? claims.sub : "已登录";
  const nav = h("a", { class: "nav-link", href: routeName === "map" ? "#/login" : "#/map" }, routeName === "map" ? "更换令牌" : "风险分布图");
  const logout = h("button", { type: "button", class: "button ghost small", id: "logout-button" }, "退出");
  logout.addEventListener("click", () => {
    clearToken();
    go("login", undefined, true);
  });
  userBox.append(nav, h("span", { class: "user-name", title: who }, who), logout);
}

function route(): void {
  if (!app) return;
  dispose?.();
  dispose = null;
  clear(app);

  const r = currentRoute();
  if (!r) {
    go(getToken() ? "map" : "login", undefined, true);
    return;
  }
  if (r.name === "map" && !getToken()) {
    go("login", undefined, true);
    return;
  }
  renderHeader(r.name);
  document.body.dataset["page"] = r.name;
  if (r.name === "login") {
    dispose = renderLogin(app, r.params);
  } else {
    dispose = renderMapPage(app, r.params, {
      onAuthLost: () => {
        clearToken();
        go("login", { reason: "expired" }, true);
      },
    });
  }
}

window.addEventListener("hashchange", route);
route();
