// 账号管理: search, create (one account per person), edit roles/status, reset password, unlock.
import { h } from "./dom";
import { formatTime } from "./dom";
import { accountApi, peopleApi, roleApi } from "./personnelApi";
import type { Account, Person, Role } from "./personnelTypes";
import { canApi, canOp } from "./session";
import {
  TokenPager, actions, badge, button, checkbox, dataTable, errorNotice, field, loadingNote, openDialog, pageHead,
  requireValue, selectBox, show, textInput, toast,
} from "./ui";

export function renderAccountsPage(root: HTMLElement): () => void {
  document.title = "账号管理 · 安全闭环 SafeLoop";
  let disposed = false;
  let seq = 0;
  const pager = new TokenPager();
  const canWrite = canApi("personnel.account.write");
  let roles: Role[] | null = null;

  const q = textInput({ id: "account-query", type: "search", placeholder: "用户名、姓名或手机号" });
  const status = selectBox(
    [
      ["", "全部状态"],
      ["active", "正常"],
      ["disabled", "已停用"],
    ],
    "",
    { id: "account-status" },
  );
  const search = h(
    "form",
    { class: "filters card", role: "search" },
    field("搜索", q),
    field("状态", status),
    h("div", { class: "filter-end" }, h("button", { type: "submit", class: "button primary" }, "查询")),
  );
  search.addEventListener("submit", (ev) => {
    ev.preventDefault();
    pager.reset();
    void load();
  });
  status.addEventListener("change", () => {
    pager.reset();
    void load();
  });
  const list = h("div", { id: "accounts-list" }, loadingNote());
  const pagerBox = h("div");
  const createBtn = canWrite ? button("新建账号", () => void create(), { id: "account-create" }, "primary") : null;
  root.append(h("section", {}, pageHead("账号管理", createBtn), search, list, pagerBox));

  async function load(): Promise<void> {
    const my = ++seq;
    show(list, loadingNote());
    try {
      const res = await accountApi.list(q.value.trim(), status.value, pager.token);
      if (disposed || my !== seq) return;
      pager.next = res.page?.next_page_token ?? "";
      show(list, table(res.accounts ?? []));
      show(pagerBox, pager.render(() => void load()));
    } catch (err) {
      if (!disposed && my === seq) show(list, errorNotice(err, () => void load()));
    }
  }

  function stateBadge(a: Account): HTMLElement {
    if (a.status === "disabled") return badge("已停用", "muted");
    if (a.locked_until && new Date(a.locked_until).getTime() > Date.now()) {
      return badge(`已锁定至 ${formatTime(a.locked_until)}`, "bad", { "data-locked": "true" });
    }
    if (a.expires_at && new Date(a.expires_at).getTime() < Date.now()) return badge("已过期", "muted");
    return badge("正常", "ok");
  }

  function table(accounts: Account[]): HTMLElement {
    return dataTable(
      [
        { label: "用户名", cell: (a) => h("span", { class: "mono" }, a.username) },
        { label: "姓名", cell: (a) => a.display_name || a.person_name || "—" },
        { label: "类型", cell: (a) => (a.kind === "visitor" ? `访客（至 ${formatTime(a.expires_at)}）` : a.kind === "park" ? "园区" : "员工") },
        { label: "角色", cell: (a) => (a.roles ?? []).map((r) => r.name || r.code).join("、") || "—" },
        { label: "状态", cell: (a) => stateBadge(a) },
        { label: "最近登录", cell: (a) => formatTime(a.last_login_at) },
        {
          label: "操作",
          cell: (a) =>
            actions(
              canWrite ? button("编辑", () => void edit(a), { class: "small" }) : null,
              canOp("op.account.reset_password") ? button("重置密码", () => resetPassword(a), { class: "small", "data-action": "reset-password" }) : null,
              canOp("op.account.unlock") && a.locked_until
                ? button("解锁", () => void unlock(a), { class: "small", "data-action": "unlock" })
                : null,
            ),
        },
      ],
      accounts,
      { id: "accounts-table", empty: "没有符合条件的账号", rowAttrs: (a) => ({ "data-account-id": a.id, "data-username": a.username }) },
    );
  }

  async function loadRoles(): Promise<Role[]> {
    if (!roles) roles = (await roleApi.list()).roles ?? [];
    return roles;
  }

  function roleChecks(all: Role[], selected: string[]): { root: HTMLElement; value(): string[] } {
    const boxes = all.map((r) => ({ r, c: checkbox(r.name, selected.includes(r.code), { value: r.code }) }));
    return {
      root: h("div", { class: "check-grid" }, ...boxes.map((b) => b.c.root)),
      value: () => boxes.filter((b) => b.c.input.checked).map((b) => b.r.code),
    };
  }

  async function create(): Promise<void> {
    let all: Role[];
    try {
      all = await loadRoles();
    } catch (err) {
      toast(`无法加载角色：${err instanceof Error ? err.message : String(err)}`, "bad");
      return;
    }
    // Person search: type a name, pick from the matches.
    const personQuery = textInput({ placeholder: "输入姓名搜索" });
    const personSel = selectBox([["", "请先搜索人员"]], "", { id: "account-person" });
    const people = new Map<string, Person>();
    const find = button("搜索", () => {
      void peopleApi.list({ name_contains: personQuery.value.trim() }, 50, "").then((res) => {
        people.clear();
        show(personSel);
        for (const p of res.people ?? []) {
          people.set(p.id, p);
          personSel.append(h("option", { value: p.id }, `${p.name}（${p.employee_no}，${p.unit_path || "—"}）`));
        }
        if (!people.size) personSel.append(h("option", { value: "" }, "没有找到人员"));
      }, (err: unknown) => toast(String(err instanceof Error ? err.message : err), "bad"));
    }, { class: "small" });
    const username = textInput({ id: "account-username", autocomplete: "off" });
    const password = textInput({ id: "account-password", type: "password", autocomplete: "new-password" });
    const mobile = textInput({ inputmode: "numeric", maxlength: 11 });
    const rc = roleChecks(all, ["worker"]);
    openDialog({
      title: "新建账号",
      wide: true,
      body: [
        field("人员", h("div", { class: "inline" }, personQuery, find)),
        personSel,
        field("用户名", username, "3–64 位字母、数字或 _ . @ -，全系统唯一"),
        field("初始密码", password, "至少 8 位，包含大写字母、小写字母、数字、符号中的三种"),
        field("手机号（可选）", mobile),
        h("fieldset", { class: "fieldset" }, h("legend", {}, "角色"), rc.root),
      ],
      submitLabel: "创建",
      onSubmit: async () => {
        const personId = requireValue(personSel.value, "人员");
        await accountApi.create({
          person_id: personId,
          username: requireValue(username.value, "用户名"),
          password: requireValue(password.value, "初始密码"),
          display_name: people.get(personId)?.name ?? "",
          mobile: mobile.value.trim(),
          role_codes: rc.value(),
        });
        toast("账号已创建");
        pager.reset();
        await load();
      },
    });
  }

  async function edit(a: Account): Promise<void> {
    let all: Role[];
    try {
      all = await loadRoles();
    } catch (err) {
      toast(`无法加载角色：${err instanceof Error ? err.message : String(err)}`, "bad");
      return;
    }
    const name = textInput({ value: a.display_name });
    const mobile = textInput({ value: a.mobile, inputmode: "numeric", maxlength: 11 });
    const st = selectBox(
      [
        ["active", "正常"],
        ["disabled", "停用（立即结束该账号的所有会话）"],
      ],
      a.status,
    );
    const rc = roleChecks(all, (a.roles ?? []).map((r) => r.code));
    openDialog({
      title: `编辑账号 ${a.username}`,
      wide: true,
      body: [field("显示名称", name), field("手机号", mobile), field("状态", st), h("fieldset", { class: "fieldset" }, h("legend", {}, "角色"), rc.root)],
      onSubmit: async () => {
        await accountApi.update(a.id, { version: a.version, display_name: name.value.trim(), mobile: mobile.value.trim(), status: st.value, role_codes: rc.value() });
        toast("已保存；角色变更在该用户下次刷新令牌时生效");
        await load();
      },
    });
  }

  function resetPassword(a: Account): void {
    const pw = textInput({ type: "password", autocomplete: "new-password", id: "reset-password-input" });
    openDialog({
      title: `重置 ${a.username} 的密码`,
      body: [field("临时密码", pw, "用户下次登录后须修改密码；该账号的所有会话将被结束，锁定同时解除。")],
      submitLabel: "重置密码",
      onSubmit: async () => {
        await accountApi.resetPassword(a.id, requireValue(pw.value, "临时密码"));
        toast("密码已重置");
        await load();
      },
    });
  }

  async function unlock(a: Account): Promise<void> {
    try {
      await accountApi.unlock(a.id);
      toast(`${a.username} 已解锁`);
      await load();
    } catch (err) {
      toast(err instanceof Error ? err.message : String(err), "bad");
    }
  }

  void load();
  return () => {
    disposed = true;
  };
}
