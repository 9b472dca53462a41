// 承包商管理: tabs 承包商单位 (review status 待审核/已通过/未通过, 通过/驳回 with op.contractor.review, 加入黑名单
// with op.contractor.blacklist, teams and staff in the detail), 违章记录, 黑名单.
import { h } from "./dom";
import { renderCompanyDetail, reviewBadge } from "./contractorDetail";
import { renderBlacklist, renderViolations } from "./contractorLists";
import { contractorApi } from "./personnelApi";
import { REVIEW_STATUSES, type ContractorCompany } from "./personnelTypes";
import { canApi, canOp } from "./session";
import {
  TokenPager, actions, badge, button, dataTable, errorNotice, field, loadingNote, openDialog, pageHead, promptAction,
  requireValue, selectBox, show, textInput, toast,
} from "./ui";

const TABS: Array<[string, string]> = [
  ["companies", "承包商单位"],
  ["violations", "违章记录"],
  ["blacklist", "黑名单"],
];

export function renderContractorsPage(root: HTMLElement, params: URLSearchParams): () => void {
  document.title = "承包商管理 · 安全闭环 SafeLoop";
  const tab = TABS.some(([k]) => k === params.get("tab")) ? params.get("tab")! : "companies";
  const tabs = h(
    "nav",
    { class: "tabs", role: "tablist" },
    ...TABS.map(([k, l]) =>
      h("a", { href: `#/contractors?tab=${k}`, role: "tab", class: k === tab ? "tab active" : "tab", "aria-selected": String(k === tab), id: `tab-${k}` }, l),
    ),
  );
  const body = h("div", { class: "tab-body" });
  root.append(h("section", {}, pageHead("承包商管理"), tabs, body));
  if (tab === "violations") return renderViolations(body);
  if (tab === "blacklist") return renderBlacklist(body);
  return renderCompanies(body);
}

function renderCompanies(root: HTMLElement): () => void {
  let disposed = false;
  let seq = 0;
  const pager = new TokenPager();
  const canReview = canOp("op.contractor.review") && canApi("personnel.contractor.review");
  const canBlacklist = canOp("op.contractor.blacklist") && canApi("personnel.blacklist.write");
  const canWrite = canApi("personnel.contractor.write");

  const status = selectBox([["", "全部审核状态"], ...REVIEW_STATUSES], "", { id: "contractor-status" });
  const name = textInput({ type: "search", placeholder: "单位名称", id: "contractor-name" });
  const form = h(
    "form",
    { class: "filters card", role: "search" },
    field("审核状态", status),
    field("名称", name),
    h(
      "div",
      { class: "filter-end" },
      h("button", { type: "submit", class: "button primary" }, "查询"),
      canWrite ? button("新增承包商", () => create(), { id: "contractor-create" }) : null,
    ),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    pager.reset();
    void load();
  });
  status.addEventListener("change", () => {
    pager.reset();
    void load();
  });
  const list = h("div", { id: "contractors-list" }, loadingNote());
  const pagerBox = h("div");
  root.append(form, list, pagerBox);

  async function load(): Promise<void> {
    const my = ++seq;
    show(list, loadingNote());
    try {
      const res = await contractorApi.companies(status.value, name.value.trim(), pager.token);
      if (disposed || my !== seq) return;
      pager.next = res.page?.next_page_token ?? "";
      show(list, table(res.companies ?? []));
      show(pagerBox, pager.render(() => void load()));
    } catch (err) {
      if (!disposed && my === seq) show(list, errorNotice(err, () => void load()));
    }
  }

  function table(companies: ContractorCompany[]): HTMLElement {
    return dataTable(
      [
        { label: "单位名称", cell: (c) => h("strong", {}, c.name) },
        { label: "统一社会信用代码", cell: (c) => h("span", { class: "mono" }, c.credit_code || "—") },
        { label: "联系人", cell: (c) => [c.contact_name || "—", c.contact_mobile ? ` ${c.contact_mobile}` : ""] },
        { label: "审核状态", cell: (c) => reviewBadge(c.review_status) },
        {
          label: "可用",
          cell: (c) =>
            c.blacklisted
              ? badge("黑名单", "bad", { "data-blacklisted": "true" })
              : c.documents_expired
                ? badge("资质过期", "bad")
                : c.usable
                  ? badge("可选用", "ok")
                  : badge("不可选用", "muted"),
        },
        {
          label: "操作",
          cell: (c) =>
            actions(
              button("详情", () => renderCompanyDetail(c, () => void load()), { class: "small" }),
              canReview && c.review_status !== "approved" ? button("通过", () => review(c, "approve"), { class: "small", "data-action": "approve" }) : null,
              canReview && c.review_status !== "rejected" ? button("驳回", () => review(c, "reject"), { class: "small", "data-action": "reject" }) : null,
              canBlacklist && !c.blacklisted ? button("加入黑名单", () => blacklist(c), { class: "small danger", "data-action": "blacklist" }) : null,
            ),
        },
      ],
      companies,
      { id: "contractors-table", empty: "暂无承包商单位", rowAttrs: (c) => ({ "data-company-id": c.company_id }) },
    );
  }

  function review(c: ContractorCompany, decision: "approve" | "reject"): void {
    promptAction(
      decision === "approve" ? `审核通过：${c.name}` : `驳回：${c.name}`,
      decision === "approve" ? "审核意见（可选）" : "驳回原因",
      decision === "approve" ? "通过" : "驳回",
      async (comment) => {
        await contractorApi.reviewCompany(c.company_id, decision, comment);
        toast(decision === "approve" ? "已通过审核" : "已驳回");
        await load();
      },
      { required: decision === "reject", multiline: true },
    );
  }

  function blacklist(c: ContractorCompany): void {
    promptAction(`将“${c.name}”加入黑名单`, "原因", "加入黑名单", async (reason) => {
      await contractorApi.addToBlacklist("company", c.company_id, reason);
      toast("已加入黑名单");
      await load();
    }, { multiline: true });
  }

  function create(): void {
    const n = textInput({ maxlength: 200 });
    const credit = textInput({ maxlength: 18, class: "input mono" });
    const contact = textInput();
    const mobile = textInput({ inputmode: "numeric", maxlength: 11 });
    const addr = textInput();
    openDialog({
      title: "新增承包商单位",
      body: [field("单位名称", n), field("统一社会信用代码", credit), field("联系人", contact), field("联系电话", mobile), field("地址", addr)],
      onSubmit: async () => {
        await contractorApi.createCompany({
          name: requireValue(n.value, "单位名称"),
          credit_code: credit.value.trim().toUpperCase(),
          contact_name: contact.value.trim(),
          contact_mobile: mobile.value.trim(),
          address: addr.value.trim(),
          documents: [],
        });
        toast("已新增，待审核");
        pager.reset();
        await load();
      },
    });
  }

  void load();
  return () => {
    disposed = true;
  };
}
