// 分级管控台账 (E.1 as data): filters (unit, level, control tier, liable person), the paged table and the
// document exports (B1 风险单元划分表, C1 风险点清单, E1 风险点分级管控台账, F1 重大风险管控台账; xlsx / PDF).
import { describeError } from "./api";
import { h } from "./dom";
import { LEVELS } from "./levels";
import { levelBadge } from "./panel";
import { TIERS, kindName, tierName, wireLevel } from "./riskCodes";
import { riskModelApi } from "./riskApi";
import { loadDirectory, optionSelect, personSelect, type Directory } from "./riskForms";
import { noPermission, riskTabs } from "./riskTabs";
import type { LedgerFilter, LedgerRow, RiskUnit } from "./riskTypes";
import { href } from "./router";
import { canApi } from "./session";
import { TokenPager, busy, button, dataTable, errorNotice, field, loadingNote, pageHead, show, toast } from "./ui";

const PAGE_SIZE = 50;
const DOCUMENTS: ReadonlyArray<readonly [string, string]> = [
  ["B1", "风险单元划分表"],
  ["C1", "风险点清单"],
  ["E1", "风险点分级管控台账"],
  ["F1", "重大风险管控台账"],
];

export function renderRiskLedgerPage(root: HTMLElement, params: URLSearchParams): () => void {
  document.title = "分级管控台账 · 安全闭环 SafeLoop";
  let disposed = false;
  root.append(riskTabs("risk-ledger"));
  if (!canApi("risk.point.read")) {
    root.append(noPermission("查看分级管控台账"));
    return () => undefined;
  }
  const filter: LedgerFilter = {
    unit_id: params.get("unit_id") ?? "",
    level: params.get("level") ?? "",
    control_tier: params.get("control_tier") ?? "",
    liable_person_id: params.get("liable_person_id") ?? "",
  };
  const pager = new TokenPager();
  const filters = h("form", { class: "card filters", id: "ledger-filters" });
  const list = h("div", { id: "ledger-list" }, loadingNote());
  const pagerBox = h("div");
  const exportsBox = h("div", { class: "page-actions export-buttons", id: "ledger-exports" });
  for (const [kind, label] of DOCUMENTS) {
    for (const format of ["xlsx", "pdf"] as const) {
      const b = button(`${kind} ${format === "xlsx" ? "Excel" : "PDF"}`, () => void exportDoc(b, kind, format), {
        class: "small",
        title: `导出${label}（${format === "xlsx" ? "Excel" : "PDF"}）`,
        "data-testid": `export-${kind}-${format}`,
        "data-kind": kind,
        "data-format": format,
      });
      exportsBox.append(b);
    }
  }
  root.append(h("section", { class: "tab-body" }, pageHead("风险点分级管控台账"), filters, exportsBox, list, pagerBox));

  async function exportDoc(b: HTMLButtonElement, kind: string, format: "xlsx" | "pdf"): Promise<void> {
    await busy(b, async () => {
      const name = await riskModelApi.document(kind, format, filter);
      toast(`已下载：${name}`);
    }, (err) => toast(`导出失败：${describeError(err)}`, "bad"));
  }

  function renderFilters(units: RiskUnit[], dir: Directory): void {
    const unitOpts = units.map((u): [string, string] => [u.id, `${"　".repeat(Math.max(0, u.depth - 1))}${u.name}`]);
    const unit = optionSelect([["", "全部单元"], ...unitOpts], filter.unit_id ?? "", { id: "ledger-unit" });
    const level = optionSelect(
      [["", "全部等级"], ...([1, 2, 3, 4] as const).map((l): [string, string] => [String(l), LEVELS[l].legend])],
      filter.level ?? "",
      { id: "ledger-level" },
    );
    const tier = optionSelect([["", "全部层级"], ...TIERS], filter.control_tier ?? "", { id: "ledger-tier" });
    const person = personSelect(dir, filter.liable_person_id ?? "", { id: "ledger-person" });
    person.options[0]!.textContent = "全部责任人";
    const apply = () => {
      filter.unit_id = unit.value;
      filter.level = level.value;
      filter.control_tier = tier.value;
      filter.liable_person_id = person.value;
      pager.reset();
      void load();
    };
    for (const s of [unit, level, tier, person]) s.addEventListener("change", apply);
    filters.replaceChildren(field("风险单元", unit), field("风险等级", level), field("管控层级", tier), field("责任人", person));
  }

  async function init(): Promise<void> {
    const [units, dir] = await Promise.all([
      riskModelApi.units().then((r) => (r.items ?? []).filter((u) => !u.deleted)).catch(() => [] as RiskUnit[]),
      loadDirectory(),
    ]);
    if (disposed) return;
    renderFilters(units, dir);
    await load();
  }

  async function load(): Promise<void> {
    show(list, loadingNote());
    try {
      const res = await riskModelApi.ledger(filter, PAGE_SIZE, pager.token);
      if (disposed) return;
      pager.next = res.next_page_token ?? "";
      show(list, table(res.items ?? []));
      show(pagerBox, pager.render(() => void load()));
    } catch (err) {
      if (!disposed) show(list, errorNotice(err, () => void load()));
    }
  }

  void init();
  return () => {
    disposed = true;
  };
}

function table(rows: LedgerRow[]): HTMLElement {
  return dataTable<LedgerRow>(
    [
      { label: "风险点位置（单元）", cell: (r) => [r.unit_level1, r.unit_level2, r.unit_level3].filter(Boolean).join(" / ") || "—" },
      {
        label: "风险点名称",
        cell: (r) => h("a", { href: href("risk-point", { id: r.risk_point_id }), class: "point-link", "data-point-id": r.risk_point_id }, r.name),
      },
      { label: "编号", cell: (r) => r.code || "—", cls: "mono" },
      { label: "类型", cell: (r) => kindName(r.kind) },
      { label: "风险等级", cell: (r) => levelBadge(wireLevel(r.level)) },
      { label: "管控层级", cell: (r) => tierName(r.control_tier) },
      { label: "责任单位", cell: (r) => r.department_name || "—" },
      { label: "责任人", cell: (r) => r.liable_person_name || "—" },
      {
        label: "风险因素",
        cell: (r) => h("ul", { class: "cell-list" }, ...(r.events ?? []).map((e) => h("li", {}, e.hazard || e.name))),
      },
      {
        label: "管控措施",
        cell: (r) =>
          h(
            "ul",
            { class: "cell-list" },
            ...(r.events ?? []).flatMap((e) => (e.measures ?? []).map((m) => h("li", {}, m.measure_class ? `【${m.measure_class}】${m.description}` : m.description))),
          ),
      },
    ],
    rows,
    {
      id: "ledger-table",
      empty: "暂无符合条件的风险点",
      rowAttrs: (r) => ({ "data-point-id": r.risk_point_id, "data-code": r.code, "data-level": wireLevel(r.level) }),
    },
  );
}
