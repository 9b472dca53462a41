// 证书管理: certificates with expiry highlighting from the status the API computes (已过期 red, 即将到期 /
// 待复审 orange, 有效 green), the reminders list, new certificates and 复审 records.
import { h } from "./dom";
import { certificateApi, peopleApi } from "./personnelApi";
import type { Certificate, CertificateReminder, CertificateType, Person } from "./personnelTypes";
import { canApi } from "./session";
import {
  TokenPager, actions, badge, button, dataTable, dateOnly, errorNotice, field, loadingNote, openDialog, pageHead,
  requireValue, selectBox, show, textInput, toast, type Tone,
} from "./ui";

/** status → [label, tone]. */
export const CERT_STATUS: Record<string, [string, Tone]> = {
  valid: ["有效", "ok"],
  expiring_soon: ["即将到期", "warn"],
  review_due_soon: ["待复审", "warn"],
  review_overdue: ["逾期未复审", "bad"],
  review_failed: ["复审不合格", "bad"],
  expired: ["已过期", "bad"],
  revoked: ["已注销", "muted"],
};

function daysUntil(date: string): number | null {
  if (!date) return null;
  const d = new Date(`${date}T00:00:00+08:00`).getTime();
  if (Number.isNaN(d)) return null;
  const now = new Date(new Date().toLocaleString("en-US", { timeZone: "Asia/Shanghai" }));
  now.setHours(0, 0, 0, 0);
  return Math.round((d - now.getTime()) / 86_400_000);
}

export function certBadge(c: Certificate): HTMLElement {
  const [label, tone] = CERT_STATUS[c.status] ?? [c.status || "—", "muted" as Tone];
  let text = label;
  if (c.status === "expiring_soon") {
    const d = daysUntil(c.expires_on);
    if (d !== null) text = `${d <= 30 ? "30" : "60"} 天内到期（剩 ${d} 天）`;
  } else if (c.status === "review_due_soon") {
    const d = daysUntil(c.next_review_on);
    if (d !== null) text = `待复审（剩 ${d} 天）`;
  }
  return badge(text, tone, { "data-status": c.status });
}

export function renderCertificatesPage(root: HTMLElement): () => void {
  document.title = "证书管理 · 安全闭环 SafeLoop";
  let disposed = false;
  let seq = 0;
  const pager = new TokenPager();
  const canWrite = canApi("personnel.certificate.write");
  let types: CertificateType[] | null = null;

  const status = selectBox([["", "全部状态"], ...Object.entries(CERT_STATUS).map(([k, [l]]) => [k, l] as const)], "", { id: "cert-status" });
  const due = selectBox(
    [
      ["0", "不限"],
      ["30", "30 天内到期/复审"],
      ["60", "60 天内到期/复审"],
    ],
    "0",
    { id: "cert-due" },
  );
  for (const s of [status, due]) {
    s.addEventListener("change", () => {
      pager.reset();
      void load();
    });
  }
  const reminders = h("section", { class: "card reminders", id: "cert-reminders", "aria-label": "到期提醒" });
  const list = h("div", { id: "certificates-list" }, loadingNote());
  const pagerBox = h("div");
  const createBtn = canWrite ? button("新增证书", () => void create(), { id: "cert-create" }, "primary") : null;
  root.append(
    h(
      "section",
      {},
      pageHead("证书管理", createBtn),
      reminders,
      h("div", { class: "filters card" }, field("状态", status), field("到期时间", due)),
      h(
        "p",
        { class: "legend-row muted" },
        badge("有效", "ok"),
        badge("30/60 天内到期 · 待复审", "warn"),
        badge("已过期 · 逾期未复审", "bad"),
      ),
      list,
      pagerBox,
    ),
  );

  async function load(): Promise<void> {
    const my = ++seq;
    show(list, loadingNote());
    try {
      const res = await certificateApi.list(status.value, Number(due.value), pager.token);
      if (disposed || my !== seq) return;
      pager.next = res.page?.next_page_token ?? "";
      show(list, table(res.certificates ?? []));
      show(pagerBox, pager.render(() => void load()));
    } catch (err) {
      if (!disposed && my === seq) show(list, errorNotice(err, () => void load()));
    }
  }

  async function loadReminders(): Promise<void> {
    try {
      const res = await certificateApi.reminders();
      if (disposed) return;
      const items = res.reminders ?? [];
      if (!items.length) {
        show(reminders, h("h2", { class: "card-title" }, "到期提醒"), h("p", { class: "muted" }, "近期没有需要处理的证书。"));
        return;
      }
      show(
        reminders,
        h("h2", { class: "card-title" }, `到期提醒（${items.length}）`),
        h("ul", { class: "reminder-list" }, ...items.slice(0, 20).map(reminderItem)),
      );
    } catch (err) {
      if (!disposed) show(reminders, errorNotice(err, () => void loadReminders(), "提醒加载失败"));
    }
  }

  function reminderItem(r: CertificateReminder): HTMLElement {
    const c = r.certificate;
    const what = r.due_kind === "review" ? "复审" : "到期";
    const days = Number(r.days_left);
    const when = days < 0 ? `已逾期 ${-days} 天` : days === 0 ? "今天" : `还有 ${days} 天`;
    return h(
      "li",
      { class: days < 0 ? "reminder overdue" : "reminder", "data-certificate-id": c?.certificate_id ?? "" },
      h("strong", {}, c?.person_name ?? "—"),
      ` ${c?.type_name ?? ""}（${c?.number ?? ""}）${what}日 ${r.due_on}，`,
      h("span", { class: days < 0 ? "text-bad" : "text-warn" }, when),
    );
  }

  function table(certs: Certificate[]): HTMLElement {
    return dataTable(
      [
        { label: "姓名", cell: (c) => h("strong", {}, c.person_name) },
        { label: "证书类型", cell: (c) => c.type_name || c.type_code },
        { label: "证书编号", cell: (c) => h("span", { class: "mono" }, c.number) },
        { label: "发证机关", cell: (c) => c.issuing_authority || "—" },
        { label: "发证日期", cell: (c) => dateOnly(c.issued_on) },
        { label: "有效期至", cell: (c) => (c.expires_on ? dateOnly(c.expires_on) : "长期") },
        { label: "下次复审", cell: (c) => dateOnly(c.next_review_on) },
        { label: "状态", cell: (c) => certBadge(c) },
        {
          label: "操作",
          cell: (c) => (canWrite && c.status !== "revoked" && c.next_review_on ? actions(button("记录复审", () => review(c), { class: "small" })) : null),
        },
      ],
      certs,
      {
        id: "certificates-table",
        empty: "没有符合条件的证书",
        rowAttrs: (c) => ({ "data-certificate-id": c.certificate_id, "data-status": c.status, class: `cert-row tone-${(CERT_STATUS[c.status] ?? ["", "muted"])[1]}` }),
      },
    );
  }

  async function create(): Promise<void> {
    try {
      types ??= (await certificateApi.types()).types ?? [];
    } catch (err) {
      toast(`无法加载证书类型：${err instanceof Error ? err.message : String(err)}`, "bad");
      return;
    }
    const who = textInput({ placeholder: "输入姓名搜索" });
    const person = selectBox([["", "请先搜索人员"]], "");
    const find = button("搜索", () => {
      void peopleApi.list({ name_contains: who.value.trim() }, 50, "").then((res) => {
        show(person);
        const ps: Person[] = res.people ?? [];
        for (const p of ps) person.append(h("option", { value: p.id }, `${p.name}（${p.employee_no}）`));
        if (!ps.length) person.append(h("option", { value: "" }, "没有找到人员"));
      });
    }, { class: "small" });
    const type = selectBox(
      types.filter((t) => t.parent_code || !types!.some((x) => x.parent_code === t.code)).map((t) => [t.code, t.name] as const),
      "",
    );
    const number = textInput();
    const authority = textInput();
    const issued = textInput({ type: "date" });
    const expires = textInput({ type: "date" });
    const lastReview = textInput({ type: "date" });
    openDialog({
      title: "新增证书",
      wide: true,
      body: [
        field("持证人", h("div", { class: "inline" }, who, find)),
        person,
        h(
          "div",
          { class: "form-grid" },
          field("证书类型", type),
          field("证书编号", number),
          field("发证机关", authority),
          field("发证日期", issued),
          field("有效期至（可不填，按类型计算）", expires),
          field("最近复审日期（可选）", lastReview),
        ),
      ],
      onSubmit: async () => {
        await certificateApi.create({
          person_id: requireValue(person.value, "持证人"),
          type_code: requireValue(type.value, "证书类型"),
          number: requireValue(number.value, "证书编号"),
          issuing_authority: authority.value.trim(),
          issued_on: requireValue(issued.value, "发证日期"),
          expires_on: expires.value,
          last_review_on: lastReview.value,
        });
        toast("证书已新增");
        pager.reset();
        await Promise.all([load(), loadReminders()]);
      },
    });
  }

  function review(c: Certificate): void {
    const on = textInput({ type: "date", value: new Date().toISOString().slice(0, 10) });
    const result = selectBox(
      [
        ["pass", "合格"],
        ["fail", "不合格"],
      ],
      "pass",
    );
    const note = textInput();
    openDialog({
      title: `记录复审：${c.person_name} ${c.type_name}`,
      body: [field("复审日期", on), field("复审结果", result), field("备注", note)],
      onSubmit: async () => {
        await certificateApi.review(c.certificate_id, requireValue(on.value, "复审日期"), result.value, note.value.trim());
        toast("复审已记录");
        await Promise.all([load(), loadReminders()]);
      },
    });
  }

  void load();
  void loadReminders();
  return () => {
    disposed = true;
  };
}
