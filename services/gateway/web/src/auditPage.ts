// 审计日志: every write through the API (who, what, when, from where, result), newest first.
import { formatTime, h } from "./dom";
import { adminApi } from "./personnelApi";
import type { AuditLogEntry } from "./personnelTypes";
import { TokenPager, badge, dataTable, errorNotice, loadingNote, pageHead, show } from "./ui";

export function renderAuditPage(root: HTMLElement): () => void {
  document.title = "审计日志 · 安全闭环 SafeLoop";
  let disposed = false;
  const pager = new TokenPager();
  const list = h("div", { id: "audit-list" }, loadingNote());
  const pagerBox = h("div");
  root.append(h("section", {}, pageHead("审计日志"), list, pagerBox));

  async function load(): Promise<void> {
    show(list, loadingNote());
    try {
      const res = await adminApi.audit(pager.token);
      if (disposed) return;
      pager.next = res.next_cursor ?? "";
      show(
        list,
        dataTable<AuditLogEntry>(
          [
            { label: "时间", cell: (e) => formatTime(e.occurred_at) },
            { label: "账号", cell: (e) => e.username || e.account || "—" },
            { label: "操作", cell: (e) => h("span", { class: "mono" }, `${e.method} ${e.path}`) },
            { label: "结果", cell: (e) => badge(`${e.http_status} ${e.code}`, e.http_status < 400 ? "ok" : e.http_status < 500 ? "warn" : "bad") },
            { label: "来源地址", cell: (e) => e.client_address || "—" },
            { label: "耗时", cell: (e) => `${Math.round(Number(e.elapsed_ms) || 0)} ms`, cls: "num" },
          ],
          res.items ?? [],
          { id: "audit-table", empty: "暂无审计记录" },
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
