// 登录: username + password (POST /api/v1/auth/login). The server's message is shown as is (用户名或密码
// 错误, 账号已锁定至…, 账号已停用…). A folded-away developer option still accepts a pasted access token.
import { ApiError, describeError } from "./api";
import { cleanPastedToken, decodeClaims, isExpired, looksLikeJwt, setToken, storeTokens } from "./auth";
import { h } from "./dom";
import { authApi } from "./personnelApi";

export const EXPIRED_MESSAGE = "登录已过期，请重新登录。";

export function renderLogin(root: HTMLElement, params: URLSearchParams, onLoggedIn: () => void): () => void {
  document.title = "登录 · 安全闭环 SafeLoop";
  let disposed = false;
  const error = h("div", { class: "notice error", id: "login-error", role: "alert", hidden: true });
  const username = h("input", {
    id: "login-username",
    name: "username",
    type: "text",
    class: "input",
    autocomplete: "username",
    autocapitalize: "off",
    spellcheck: "false",
    required: true,
  });
  const password = h("input", {
    id: "login-password",
    name: "password",
    type: "password",
    class: "input",
    autocomplete: "current-password",
    required: true,
  });
  const submit = h("button", { type: "submit", class: "button primary block", id: "login-submit" }, "登录");
  const form = h(
    "form",
    { class: "login-form", id: "login-form", novalidate: true },
    h("label", { class: "field" }, h("span", { class: "field-label" }, "用户名"), username),
    h("label", { class: "field" }, h("span", { class: "field-label" }, "密码"), password),
    error,
    h("div", { class: "form-actions" }, submit),
  );

  const showError = (msg: string) => {
    error.textContent = msg;
    error.hidden = false;
  };
  if (params.get("reason") === "expired") showError(EXPIRED_MESSAGE);

  const finish = () => {
    if (disposed) return;
    onLoggedIn();
  };

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    error.hidden = true;
    const u = username.value.trim();
    const p = password.value;
    if (!u) {
      showError("请输入用户名。");
      username.focus();
      return;
    }
    if (!p) {
      showError("请输入密码。");
      password.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = "正在登录…";
    authApi
      .login(u, p)
      .then((pair) => {
        if (!pair.access_token) throw new ApiError(500, "BAD_RESPONSE", "服务器未返回访问令牌。");
        storeTokens(pair);
        finish();
      })
      .catch((err: unknown) => {
        password.value = "";
        if (err instanceof ApiError && err.isUnauthenticated) {
          showError(err.message && err.message !== "请求失败（HTTP 401）" ? err.message : "用户名或密码错误。");
        } else {
          showError(describeError(err));
        }
        password.focus();
      })
      .finally(() => {
        submit.disabled = false;
        submit.textContent = "登录";
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
        h("p", { class: "lead" }, "安全闭环 · 企业安全生产风险管控平台"),
        form,
        tokenLogin(finish),
      ),
    ),
  );
  username.focus();
  return () => {
    disposed = true;
  };
}

/** Developer option: a pasted access token (no refresh token; log in again when it expires). */
function tokenLogin(done: () => void): HTMLElement {
  const input = h("textarea", {
    id: "token-input",
    class: "input mono",
    rows: 4,
    spellcheck: "false",
    autocomplete: "off",
    placeholder: "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.…",
  });
  const error = h("div", { class: "notice error", role: "alert", hidden: true });
  const use = h("button", { type: "button", class: "button secondary", id: "token-submit" }, "使用令牌登录");
  use.addEventListener("click", () => {
    const token = cleanPastedToken(input.value);
    error.hidden = true;
    const fail = (m: string) => {
      error.textContent = m;
      error.hidden = false;
    };
    if (!looksLikeJwt(token)) return fail("令牌格式不正确：应为以“.”分隔的三段 JWT 字符串。");
    if (isExpired(decodeClaims(token))) return fail("令牌已过期。");
    try {
      setToken(token);
    } catch {
      return fail("无法保存令牌：浏览器禁止了本地存储。");
    }
    done();
  });
  return h(
    "details",
    { class: "token-login" },
    h("summary", {}, "使用访问令牌登录（开发调试）"),
    input,
    error,
    h("div", { class: "form-actions" }, use),
  );
}
