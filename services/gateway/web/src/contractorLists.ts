// 承包商管理 tabs 违章记录 and 黑名单 (with 解除 for op.contractor.blacklist).
import { formatTime, h } from "./dom";
import { contractorApi } from "./personnelApi";
import type { BlacklistEntry, Violation } from "./personnelTypes";
import { canApi, canOp } from "./session";
import { TokenPager, actions, badge, button, checkbox, dataTable, errorNotice, loadingNote, promptAction, show, toast } from "./ui";

export function renderViolations(root: HTMLElement): () => void {
  let disposed = false;
  const pager = new TokenPager();
  const list = h("div", { id: "violations-list" }, loadingNote());
  const pagerBox = h("div");
  root.append(list, pagerBox);
  async function load(): Promise<void> {
    show(list, loadingNote());
    try {
      const res = await contractorApi.violations(pager.token);
      if (disposed) return;
      pager.next = res.page?.next_page_token ?? "";
      show(
        list,
        dataTable<Violation>(
          [
            { label: "时间", cell: (v) => formatTime(v.occurred_at) },
            { label: "人员", cell: (v) => h("strong", {}, v.person_name || "—") },
            { label: "地点", cell: (v) => v.place || "—" },
            { label: "违章内容", cell: (v) => v.description },
            { label: "附件", cell: (v) => [v.has_photo ? badge("照片", "info") : null, v.has_signature ? badge("签名", "info") : null] },
          ],
          res.violations ?? [],
          { id: "violations-table", empty: "暂无违章记录" },
        ),
      );
      show(pagerBox, pager.render(() => void load()));
    } catch (err) {
      if (!disposed) show(list, errorNotice(err, () => void load()));
    }
  }
  void load();
  return () => {
    disposed = true;
  };
}

export function renderBlacklist(root: HTMLElement): () => void {
  let disposed = false;
  const pager = new TokenPager();
  const canLift = canOp("op.contractor.blacklist") && canApi("personnel.blacklist.write");
  const activeOnly = checkbox("仅显示生效中", true, { id: "blacklist-active" });
  activeOnly.input.addEventListener("change", () => {
    pager.reset();
    void load();
  });
  const list = h("div", { id: "blacklist-list" }, loadingNote());
  const pagerBox = h("div");
  root.append(h("div", { class: "filters card" }, activeOnly.root), list, pagerBox);
  async function load(): Promise<void> {
    show(list, loadingNote());
    try {
      const res = await contractorApi.blacklist(activeOnly.input.checked, pager.token);
      if (disposed) return;
      pager.next = res.page?.next_page_token ?? "";
      show(
        list,
        dataTable<BlacklistEntry>(
          [
            { label: "对象", cell: (e) => (e.subject_kind === "company" ? "承包商单位" : "人员") },
            { label: "编号", cell: (e) => h("span", { class: "mono small-text" }, e.subject_id) },
            { label: "原因", cell: (e) => e.reason },
            { label: "期限", cell: (e) => `${formatTime(e.from)} 至 ${e.until ? formatTime(e.until) : "永久"}` },
            { label: "状态", cell: (e) => (e.active ? badge("生效中", "bad") : badge(e.lifted_at ? `已解除 ${formatTime(e.lifted_at)}` : "已失效", "muted")) },
            { label: "操作", cell: (e) => (canLift && e.active ? actions(button("解除", () => lift(e), { class: "small" })) : null) },
          ],
          res.entries ?? [],
          { id: "blacklist-table", empty: "黑名单为空", rowAttrs: (e) => ({ "data-entry-id": e.entry_id }) },
        ),
      );
      show(pagerBox, pager.render(() => void load()));
    } catch (err) {
      if (!disposed) show(list, errorNotice(err, () => void load()));
    }
  }
  function lift(e: BlacklistEntry): void {
    promptAction("解除黑名单", "解除原因", "解除", async (reason) => {
      await contractorApi.lift(e.entry_id, reason);
      toast("已解除");
      await load();
    }, { multiline: true });
  }
  void load();
  return () => {
    disposed = true;
  };
}
