// A risk point's assessment records (JHA for an operation, SCL for equipment): the versions with their
// rows, levels and control tiers, and the form of a new assessment (LEC or LS, one row per live event).
import { formatNumber, formatTime, h } from "./dom";
import { levelBadge } from "./panel";
import { TIERS, tierName, wireLevel } from "./riskCodes";
import { riskModelApi } from "./riskApi";
import { clearFieldErrors, optionSelect, showFieldError } from "./riskForms";
import type { AssessInput, PointAssessment, RiskEvent, RowInput, RowResult } from "./riskTypes";
import { checkbox, dataTable, field, openDialog, textInput, toast } from "./ui";

export function recordsView(records: PointAssessment[]): HTMLElement {
  if (records.length === 0) {
    return h("div", { class: "empty-state", id: "risk-records-empty" }, "尚未进行 JHA/SCL 评价");
  }
  const box = h("div", { class: "records", id: "risk-records" });
  for (const r of records) {
    const method = r.method === "LS" ? "LS" : "LEC";
    box.append(
      h(
        "article",
        { class: "card record", "data-record-version": r.version, "data-level": wireLevel(r.level) },
        h(
          "header",
          { class: "record-head" },
          h("h3", {}, `${r.record_kind || "记录"} 第 ${r.version} 版 · ${method}`),
          levelBadge(wireLevel(r.level)),
          h("span", { class: "chip" }, `管控层级：${tierName(r.tier)}`),
        ),
        h(
          "p",
          { class: "muted" },
          `评价时间 ${formatTime(r.assessed_at)} · 评价人 ${r.analyst?.name || r.assessed_by || "—"}`,
          r.record_no ? ` · 记录编号 ${r.record_no}` : "",
        ),
        wireLevel(r.inherent_level) ? h("p", { class: "muted" }, "固有风险：", levelBadge(wireLevel(r.inherent_level))) : null,
        ...(r.judgement ?? []).map((j) => h("p", { class: "notice info" }, `直接判定：${j.text || j.code}`)),
        ...(r.advice ?? []).map((a) => h("p", { class: "muted" }, `提示：${a}`)),
        dataTable<RowResult>(
          [
            { label: "序号", cell: (x) => x.seq, cls: "num" },
            { label: r.record_kind === "SCL" ? "检查项目" : "作业步骤", cell: (x) => x.step || "—" },
            { label: r.record_kind === "SCL" ? "不符合标准情况" : "危害或潜在事件", cell: (x) => x.hazard || "—" },
            { label: "L", cell: (x) => formatNumber(x.residual?.l), cls: "num" },
            ...(method === "LEC" ? [{ label: "E", cell: (x: RowResult) => formatNumber(x.residual?.e), cls: "num" }] : []),
            { label: method === "LEC" ? "C" : "S", cell: (x) => formatNumber(x.residual?.c_or_s), cls: "num" },
            { label: method === "LEC" ? "D" : "R", cell: (x) => formatNumber(x.value), cls: "num" },
            { label: "风险分级", cell: (x) => levelBadge(wireLevel(x.level)) },
            { label: "管控层级", cell: (x) => tierName(x.tier) },
          ],
          r.rows ?? [],
        ),
        r.note ? h("p", { class: "point-note" }, `备注：${r.note}`) : null,
      ),
    );
  }
  return box;
}

function numberInput(dataField: string, cls: string): HTMLInputElement {
  return textInput({ inputmode: "decimal", "data-field": dataField, class: `input factor ${cls}`, size: 5 });
}

function toNum(v: string): number {
  const t = v.trim();
  return t === "" ? NaN : Number(t);
}

/** The form of a new assessment version; `events` are the point's live events. */
export function openAssessDialog(pointId: string, events: RiskEvent[], done: () => void): void {
  const method = optionSelect([["LEC", "LEC（作业条件危险性分析）"], ["LS", "LS（风险矩阵）"]], "LEC", {
    id: "assess-method",
    "data-field": "method",
  });
  const rows = events.map((e, i) => ({
    event: e,
    l: numberInput(`rows[${i}].residual.l`, "factor-l"),
    e: numberInput(`rows[${i}].residual.e`, "factor-e"),
    c: numberInput(`rows[${i}].residual.c_or_s`, "factor-c"),
    tier: optionSelect([["", "按企业规则"], ...TIERS], "", { "data-field": `rows[${i}].assigned_tier`, class: "input factor-tier" }),
  }));
  const eCells: HTMLElement[] = [];
  const cLabels: HTMLElement[] = [];
  const table = h(
    "div",
    { class: "assess-rows", id: "assess-rows" },
    ...rows.map((r, i) => {
      const eField = field("E", r.e);
      eCells.push(eField);
      const cLabel = h("span", { class: "field-label" }, "C");
      cLabels.push(cLabel);
      return h(
        "fieldset",
        { class: "assess-row card", "data-event-id": r.event.id, "data-row": i },
        h("legend", {}, `${r.event.seq}. ${r.event.name}`),
        h(
          "div",
          { class: "form-grid factors" },
          field("L", r.l),
          eField,
          h("label", { class: "field" }, cLabel, r.c),
          field("管控层级", r.tier),
        ),
      );
    }),
  );
  const syncMethod = () => {
    const lec = method.value === "LEC";
    for (const c of eCells) c.hidden = !lec;
    for (const l of cLabels) l.textContent = lec ? "C" : "S";
  };
  method.addEventListener("change", syncMethod);
  syncMethod();
  const hazard = checkbox("存在未整改的重大事故隐患", false);
  const fatal = checkbox("发生过死亡事故且原因未消除", false);
  const grade = optionSelect([["0", "不构成重大危险源"], ["1", "一级"], ["2", "二级"], ["3", "三级"], ["4", "四级"]], "0", {
    "data-field": "facts.major_hazard_installation_grade",
  });
  const analyst = textInput({ id: "assess-analyst", "data-field": "signatures.analyst" });
  const date = h("input", { type: "date", class: "input", id: "assess-date", "data-field": "analyst.date", value: today() });
  const recordNo = textInput({ id: "assess-record-no", "data-field": "record_no" });
  const note = textInput({ id: "assess-note", "data-field": "note" });
  const body = h(
    "div",
    { class: "stack-form", id: "assess-form" },
    field("评价方法", method),
    table,
    h("div", { class: "form-grid" }, hazard.root, fatal.root, field("重大危险源等级", grade)),
    h("div", { class: "form-grid" }, field("分析人", analyst), field("分析日期", date), field("记录编号", recordNo), field("备注", note)),
  );
  openDialog({
    title: "风险评价",
    id: "risk-assess-dialog",
    wide: true,
    submitLabel: "提交评价",
    body: [body],
    onSubmit: async () => {
      clearFieldErrors(body);
      const lec = method.value === "LEC";
      const input: AssessInput = {
        method: lec ? "LEC" : "LS",
        rows: rows.map((r): RowInput => {
          const l = toNum(r.l.value);
          const c = toNum(r.c.value);
          const e = toNum(r.e.value);
          if (!Number.isFinite(l) || !Number.isFinite(c) || (lec && !Number.isFinite(e))) {
            throw new Error(`请填写“${r.event.name}”的${lec ? "L、E、C" : "L、S"}取值。`);
          }
          return {
            event_id: r.event.id,
            residual: lec ? { l, e, c_or_s: c } : { l, c_or_s: c },
            ...(r.tier.value ? { assigned_tier: r.tier.value } : {}),
          };
        }),
        facts: {
          unrectified_major_accident_hazard: hazard.input.checked,
          major_hazard_installation_grade: Number(grade.value),
          fatal_accident_cause_present: fatal.input.checked,
        },
        // A signature carries both a name and a date, or nothing.
        analyst: analyst.value.trim() ? { name: analyst.value.trim(), date: date.value } : { name: "", date: "" },
        note: note.value.trim(),
        record_no: recordNo.value.trim(),
      };
      try {
        await riskModelApi.assess(pointId, input);
      } catch (err) {
        showFieldError(body, err);
      }
      toast("已提交评价");
      done();
    },
  });
}

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
