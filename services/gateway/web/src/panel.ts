// Area detail: side panel on wide screens, bottom sheet on phones. Lists the area's risk points
// (GET /api/v1/risk/areas/{id}/points) with their level and latest LEC assessment.
import { api, describeError } from "./api";
import { clear, formatNumber, formatTime, h } from "./dom";
import { levelInfo } from "./levels";
import { href } from "./router";
import { canApi } from "./session";
import type { AreaState } from "./mapView";
import type { RiskPoint } from "./types";

export function levelBadge(level: unknown): HTMLSpanElement {
  const info = levelInfo(level);
  return h("span", {
    class: "badge",
    "data-level": info.level,
    "data-color": info.color,
    style: `--badge-bg:${info.hex};--badge-ink:${info.ink}`,
  }, info.name);
}

export interface AreaPanelOptions {
  onClose(): void;
  onAuthError(err: unknown): void;
}

export class AreaPanel {
  readonly root: HTMLElement;
  private readonly title: HTMLHeadingElement;
  private readonly badgeSlot: HTMLSpanElement;
  private readonly body: HTMLDivElement;
  private areaId: string | null = null;
  private seq = 0;
  private refreshTimer: number | undefined;

  constructor(private readonly options: AreaPanelOptions) {
    this.title = h("h2", { class: "panel-title", id: "panel-title" });
    this.badgeSlot = h("span", { class: "panel-badge" });
    const close = h("button", { type: "button", class: "icon-button panel-close", "aria-label": "关闭" }, "×");
    close.addEventListener("click", () => this.options.onClose());
    this.body = h("div", { class: "panel-body", "aria-live": "polite" });
    this.root = h(
      "aside",
      { class: "area-panel", id: "area-panel", role: "region", "aria-labelledby": "panel-title", hidden: true },
      h("div", { class: "sheet-handle", "aria-hidden": "true" }),
      h("header", { class: "panel-header" }, h("div", { class: "panel-heading" }, this.title, this.badgeSlot), close),
      this.body,
    );
  }

  get openAreaId(): string | null {
    return this.areaId;
  }

  open(area: AreaState): void {
    this.areaId = area.id;
    this.root.hidden = false;
    this.root.dataset["areaId"] = area.id;
    this.setArea(area);
    void this.load(true);
  }

  /** Header refresh after a live level change (and a debounced reload of the points). */
  areaChanged(area: AreaState): void {
    if (area.id !== this.areaId) return;
    this.setArea(area);
    window.clearTimeout(this.refreshTimer);
    this.refreshTimer = window.setTimeout(() => void this.load(false), 300);
  }

  close(): void {
    this.areaId = null;
    this.seq++;
    window.clearTimeout(this.refreshTimer);
    this.root.hidden = true;
    delete this.root.dataset["areaId"];
  }

  private setArea(area: AreaState): void {
    this.title.textContent = area.name;
    clear(this.badgeSlot);
    this.badgeSlot.append(levelBadge(area.level));
  }

  private async load(showSpinner: boolean): Promise<void> {
    const areaId = this.areaId;
    if (!areaId) return;
    const seq = ++this.seq;
    if (showSpinner) {
      clear(this.body);
      this.body.append(h("p", { class: "muted loading" }, "正在加载风险点…"));
    }
    try {
      const res = await api.listAreaPoints(areaId);
      if (seq !== this.seq) return;
      this.renderPoints(Array.isArray(res.items) ? res.items : []);
    } catch (err) {
      if (seq !== this.seq) return;
      this.options.onAuthError(err);
      clear(this.body);
      const retry = h("button", { type: "button", class: "button secondary small" }, "重试");
      retry.addEventListener("click", () => void this.load(true));
      this.body.append(h("div", { class: "notice error", role: "alert" }, h("span", {}, `加载风险点失败：${describeError(err)}`), retry));
    }
  }

  private renderPoints(points: RiskPoint[]): void {
    clear(this.body);
    if (points.length === 0) {
      this.body.append(h("div", { class: "empty-state", "data-testid": "points-empty" }, "暂无风险点"));
      return;
    }
    const sorted = [...points].sort((a, b) => severity(a.level) - severity(b.level) || a.name.localeCompare(b.name, "zh-CN"));
    this.body.append(h("p", { class: "muted count" }, `共 ${points.length} 个风险点`));
    const list = h("ul", { class: "point-list" });
    for (const p of sorted) list.append(renderPoint(p));
    this.body.append(list);
  }
}

/** Sort key: 重大 first, 未评估 last. */
function severity(level: unknown): number {
  const l = levelInfo(level).level;
  return l === 0 ? 9 : l;
}

function renderPoint(p: RiskPoint): HTMLLIElement {
  const a = p.latest_assessment ?? null;
  const li = h(
    "li",
    { class: "point", "data-point-id": p.id, "data-level": levelInfo(p.level).level },
    h("div", { class: "point-head" }, h("h3", { class: "point-name" }, p.name), levelBadge(p.level)),
    p.description ? h("p", { class: "point-desc" }, p.description) : null,
    canApi("risk.point.read")
      ? h("a", { class: "point-detail-link", href: href("risk-point", { id: p.id }), "data-testid": "point-detail-link" }, "风险点详情 ›")
      : null,
  );
  if (!a) {
    li.append(h("p", { class: "muted no-assessment" }, "尚未进行 LEC 评估"));
    return li;
  }
  li.append(
    h(
      "dl",
      { class: "lec" },
      cell("L", "事故发生的可能性", formatNumber(a.l)),
      cell("E", "暴露于危险环境的频繁程度", formatNumber(a.e)),
      cell("C", "发生事故可能造成的后果", formatNumber(a.c)),
      cell("D", "风险值 D = L × E × C", formatNumber(a.d), true),
    ),
    h(
      "dl",
      { class: "meta" },
      h("div", {}, h("dt", {}, "评估时间"), h("dd", {}, formatTime(a.assessed_at))),
      h("div", {}, h("dt", {}, "评估人"), h("dd", {}, a.assessed_by || "—")),
    ),
  );
  if (a.note) li.append(h("p", { class: "point-note" }, `备注：${a.note}`));
  return li;
}

function cell(term: string, hint: string, value: string, strong = false): HTMLDivElement {
  return h("div", { class: strong ? "lec-cell lec-d" : "lec-cell", title: hint }, h("dt", {}, term), h("dd", {}, value));
}
