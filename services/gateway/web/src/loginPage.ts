// 登录: paste an access token (JWT) until real login exists.
import { ApiError, api, describeError } from "./api";
import { cleanPastedToken, decodeClaims, getToken, isExpired, looksLikeJwt, setToken } from "./auth";
import { formatTime, h } from "./dom";
import { go } from "./router";

export const EXPIRED_MESSAGE = "令牌无效或已过期，请重新粘贴有效的访问令牌。";

export function renderLogin(root: HTMLElement, params: URLSearchParams): () => void {
  document.title = "登录 · 安全闭环 SafeLoop";
  const error = h("div", { class: "notice error", id: "login-error", role: "alert", hidden: true });
  const input = h("textarea", {
    id: "token-input",
    name: "token",
    rows: 5,
    spellcheck: "false",
    autocomplete: "off",
    autocapitalize: "off",
    placeholder: "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.…",
    required: true,
    "aria-describedby": "token-help",
  });
  const submit = h("button", { type: "submit", class: "button primary", id: "login-submit" }, "登录");
  const form = h(
    "form",
    { class: "login-form", id: "login-form", novalidate: true },
    h("label", { for: "token-input", class: "field-label" }, "访问令牌（JWT）"),
    input,
    h("p", { class: "field-help", id: "token-help" }, "令牌由系统管理员签发。它只保存在本浏览器中，点击右上角“退出”即可清除。"),
    error,
    h("div", { class: "form-actions" }, submit),
  );

  const showError = (msg: string) => {
    error.textContent = msg;
    error.hidden = false;
  };
  if (params.get("reason") === "expired") showError(EXPIRED_MESSAGE);

  const existing = getToken();
  let current: HTMLElement | null = null;
  if (existing) {
    const claims = decodeClaims(existing);
    const who = typeof claims?.sub === "string" ? claims.sub : "未知用户";
    const until = typeof claims?.exp === "number" ? formatTime(new Date(claims.exp * 1000).toISOString()) : "未注明";
    const enter = h("a", { class: "button secondary small", href: "#/map" }, "进入风险分布图");
    current = h(
      "div",
      { class: "notice info current-token" },
      h("span", {}, `已保存令牌：${who}，有效期至 ${until}。可粘贴新令牌替换。`),
      enter,
    );
  }

  let busy = false;
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (busy) return;
    error.hidden = true;
    const token = cleanPastedToken(input.value);
    if (token === "") {
      showError("请粘贴访问令牌。");
      input.focus();
      return;
    }
    if (!looksLikeJwt(token)) {
      showError("令牌格式不正确：应为以“.”分隔的三段 JWT 字符串。");
      input.focus();
      return;
    }
    if (isExpired(decodeClaims(token))) {
      showError("令牌已过期，请向管理员申请新的访问令牌。");
      return;
    }
    busy = true;
    submit.disabled = true;
    submit.textContent = "正在验证…";
    api
      .listMaps(token)
      .then(
        () => true,
        (err: unknown) => {
          if (err instanceof ApiError && err.isUnauthenticated) {
            showError(EXPIRED_MESSAGE);
            return false;
          }
          if (err instanceof ApiError && err.status === 403) {
            showError(`该令牌没有访问风险地图的权限：${describeError(err)}`);
            return false;
          }
          // Server or network trouble: keep the token; the map page shows the problem and retries.
          return true;
        },
      )
      .then((ok) => {
        busy = false;
        submit.disabled = false;
        submit.textContent = "登录";
        if (!ok) return;
        try {
          setToken(token);
        } catch {
          showError("无法保存令牌：浏览器禁止了本地存储。");
          return;
        }
        go("map");
      });
  });

  root.append(
    h(
      "section",
      { class: "login-page" },
      h(
        "div",
        { class: "card login-card" },
        h("h1", {}, "登录"),
        h("p", { class: "lead" }, "正式登录功能上线前，请粘贴访问令牌以进入安全闭环风险管控平台。"),
        current,
        form,
      ),
    ),
  );
  input.focus();
  return () => {};
}
