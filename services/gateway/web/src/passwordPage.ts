// 修改密码 (POST /api/v1/auth/password). Also where a user lands after an administrator reset the password.
import { h } from "./dom";
import { authApi } from "./personnelApi";
import { go } from "./router";
import { currentMe } from "./session";
import { field, requireValue, toast } from "./ui";

export function renderPasswordPage(root: HTMLElement): () => void {
  document.title = "修改密码 · 安全闭环 SafeLoop";
  const oldPw = h("input", { type: "password", class: "input", id: "old-password", autocomplete: "current-password" });
  const newPw = h("input", { type: "password", class: "input", id: "new-password", autocomplete: "new-password" });
  const again = h("input", { type: "password", class: "input", id: "new-password-again", autocomplete: "new-password" });
  const error = h("div", { class: "notice error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "button primary" }, "修改密码");
  const form = h(
    "form",
    { class: "stack-form", novalidate: true },
    field("当前密码", oldPw),
    field("新密码", newPw, "至少 8 位，包含大写字母、小写字母、数字、符号中的三种，不能与用户名或原密码相同。"),
    field("再次输入新密码", again),
    error,
    h("div", { class: "form-actions" }, submit),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    error.hidden = true;
    const fail = (m: string) => {
      error.textContent = m;
      error.hidden = false;
    };
    let o: string, n: string;
    try {
      o = requireValue(oldPw.value, "当前密码");
      n = requireValue(newPw.value, "新密码");
    } catch (e) {
      fail((e as Error).message);
      return;
    }
    if (n !== again.value) return fail("两次输入的新密码不一致。");
    submit.disabled = true;
    authApi
      .changePassword(o, n)
      .then(() => {
        const me = currentMe();
        if (me) me.must_change_password = false;
        toast("密码已修改");
        go("home");
      })
      .catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)))
      .finally(() => {
        submit.disabled = false;
      });
  });
  const reset = new URLSearchParams(window.location.hash.split("?")[1] ?? "").get("reason") === "reset";
  root.append(
    h(
      "section",
      { class: "card narrow-card" },
      h("h1", {}, "修改密码"),
      reset || currentMe()?.must_change_password
        ? h("p", { class: "notice info" }, "管理员已重置您的密码，请设置新密码后继续使用。")
        : null,
      form,
    ),
  );
  oldPw.focus();
  return () => {};
}
