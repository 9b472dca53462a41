// API管理: every route with its group and required permission, and per-route call statistics.
import { h } from "./dom";
import { adminApi } from "./personnelApi";
import type { ApiRoute, ApiRouteStats } from "./personnelTypes";
import { dataTable, errorNotice, loadingNote, pageHead, show } from "./ui";

export function renderApiPage(root: HTMLElement): () => void {
  document.title = "API管理 · 安全闭环 SafeLoop";
  let disposed = false;
  const routes = h("div", { id: "api-routes" }, loadingNote());
  const stats = h("div", { id: "api-stats" }, loadingNote());
  root.append(
    h(
      "section",
      {},
      pageHead("API管理"),
      h("h2", { class: "section-title" }, "调用统计（最近一小时）"),
      stats,
      h("h2", { class: "section-title" }, "接口列表"),
      routes,
    ),
  );
  const n = (v: unknown) => String(Number(v) || 0);
  const ms = (v: unknown) => (Number.isFinite(Number(v)) ? `${Math.round(Number(v) * 10) / 10} ms` : "—");

  adminApi.stats().then(
    (res) => {
      if (disposed) return;
      const items = [...(res.items ?? [])].sort((a, b) => Number(b.count) - Number(a.count));
      show(
        stats,
        dataTable<ApiRouteStats>(
          [
            { label: "接口", cell: (s) => h("span", { class: "mono" }, `${s.method} ${s.pattern || s.operation_id}`) },
            { label: "分组", cell: (s) => s.group || "—" },
            { label: "调用次数", cell: (s) => n(s.count), cls: "num" },
            { label: "4xx", cell: (s) => n(s.errors_4xx), cls: "num" },
            { label: "5xx", cell: (s) => n(s.errors_5xx), cls: "num" },
            { label: "P50", cell: (s) => ms(s.latency_ms?.p50), cls: "num" },
            { label: "P95", cell: (s) => ms(s.latency_ms?.p95), cls: "num" },
            { label: "P99", cell: (s) => ms(s.latency_ms?.p99), cls: "num" },
          ],
          items,
          { empty: "该时段没有调用" },
        ),
      );
    },
    (err: unknown) => !disposed && show(stats, errorNotice(err)),
  );
  adminApi.routes().then(
    (res) => {
      if (disposed) return;
      show(
        routes,
        dataTable<ApiRoute>(
          [
            { label: "方法", cell: (r) => h("span", { class: "mono" }, r.method) },
            { label: "路径", cell: (r) => h("span", { class: "mono" }, r.pattern) },
            { label: "说明", cell: (r) => r.summary },
            { label: "分组", cell: (r) => r.group },
            { label: "所需权限", cell: (r) => (r.permission ? h("span", { class: "mono" }, r.permission) : r.auth === "public" ? "公开" : "登录即可") },
          ],
          res.items ?? [],
        ),
      );
    },
    (err: unknown) => !disposed && show(routes, errorNotice(err)),
  );
  return () => {
    disposed = true;
  };
}
