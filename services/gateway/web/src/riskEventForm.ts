// The dialog of one risk event (风险事件) with its control measures (管控措施): the five classes,
// the exchange classify1/classify2 selects, 管控方式 and the inspection content.
import { h } from "./dom";
import { CLASSIFY1, CLASSIFY2, MEASURE_CLASSES, MODES, controlMode, measureClass } from "./riskCodes";
import { riskModelApi } from "./riskApi";
import { clearFieldErrors, optionSelect, showFieldError } from "./riskForms";
import type { ControlMeasure, RiskEvent, RiskEventInput } from "./riskTypes";
import { button, checkbox, field, openDialog, requireValue, textInput, toast } from "./ui";

interface MeasureRow {
  root: HTMLElement;
  read(): ControlMeasure;
}

function measureRow(m: ControlMeasure | null, index: number, onRemove: (r: MeasureRow) => void): MeasureRow {
  const p = `measures[${index}]`;
  const cls = optionSelect(MEASURE_CLASSES.map(([v, l]) => [String(v), l]), String(measureClass(m?.measure_class) || 1), {
    "data-field": `${p}.measure_class`,
    class: "input measure-class",
  });
  const c1 = optionSelect(CLASSIFY1.map(([v, l]) => [String(v), l]), String(m?.classify1 || 1), {
    "data-field": `${p}.classify1`,
    class: "input measure-classify1",
  });
  const c2 = h("select", { class: "input measure-classify2", "data-field": `${p}.classify2` });
  const fillC2 = (value: string) => {
    c2.replaceChildren(h("option", { value: "" }, "（未指定）"));
    for (const [v, l] of CLASSIFY2[Number(c1.value)] ?? []) {
      const o = h("option", { value: v }, `${v} ${l}`);
      if (v === value) o.selected = true;
      c2.append(o);
    }
  };
  fillC2(m?.classify2 ?? "");
  c1.addEventListener("change", () => fillC2(""));
  const c3 = textInput({ value: m?.classify3 ?? "", "data-field": `${p}.classify3` });
  const mode = optionSelect(MODES.map(([v, l]) => [String(v), l]), String(controlMode(m?.mode) || 2), {
    "data-field": `${p}.mode`,
    class: "input measure-mode",
  });
  const desc = h("textarea", { class: "input measure-description", rows: 2, "data-field": `${p}.description` }, m?.description ?? "");
  const check = h("textarea", { class: "input measure-check", rows: 2, "data-field": `${p}.check_content` }, m?.check_content ?? "");
  const proposed = checkbox("建议新增（改进）措施", !!m?.proposed);
  const row: MeasureRow = {
    root: h("fieldset", { class: "measure-row card" }),
    read: () => ({
      ...(m?.id ? { id: m.id } : {}),
      measure_class: Number(cls.value),
      classify1: Number(c1.value),
      classify2: c2.value,
      classify3: c3.value.trim(),
      mode: Number(mode.value),
      description: desc.value.trim(),
      check_content: check.value.trim(),
      proposed: proposed.input.checked,
    }),
  };
  row.root.append(
    h("legend", {}, `管控措施 ${index + 1}`),
    h(
      "div",
      { class: "form-grid" },
      field("措施类别", cls),
      field("分类1（classify1）", c1),
      field("分类2（classify2）", c2),
      field("企业自定分类", c3),
      field("管控方式", mode),
      field("管控措施描述", desc),
      field("隐患排查内容", check, "由隐患排查管控的现有措施必须填写"),
      proposed.root,
    ),
    button("移除此措施", () => onRemove(row), { class: "small" }, "ghost"),
  );
  return row;
}

/** Opens the dialog for a new event (event = null) or to edit one; calls `done` after saving. */
export function openEventDialog(pointId: string, event: RiskEvent | null, isJha: boolean, done: () => void): void {
  const name = textInput({ value: event?.name ?? "", id: "event-name", "data-field": "name" });
  const step = textInput({ value: event?.step ?? "", id: "event-step", "data-field": "step" });
  const standard = textInput({ value: event?.standard ?? "", id: "event-standard", "data-field": "standard" });
  const hazard = h("textarea", { class: "input", rows: 2, id: "event-hazard", "data-field": "hazard" }, event?.hazard ?? "");
  const consequence = textInput({ value: event?.consequence ?? "", id: "event-consequence", "data-field": "consequence" });
  const accidents = textInput({
    value: (event?.accident_types ?? []).join("、"),
    id: "event-accident-types",
    "data-field": "accident_types",
  });
  const rows: MeasureRow[] = [];
  const list = h("div", { class: "measure-list" });
  const redraw = () => list.replaceChildren(...rows.map((r) => r.root));
  const add = (m: ControlMeasure | null) => {
    rows.push(measureRow(m, rows.length, (r) => {
      rows.splice(rows.indexOf(r), 1);
      redraw();
    }));
    redraw();
  };
  for (const m of event?.measures ?? []) add(m);
  const body = h(
    "div",
    { class: "stack-form" },
    h(
      "div",
      { class: "form-grid" },
      field("风险事件名称", name),
      field(isJha ? "作业步骤" : "检查项目", step),
      isJha ? null : field("标准", standard),
      field(isJha ? "危害或潜在事件" : "不符合标准情况", hazard),
      field("主要后果", consequence),
      field("可能导致的事故类型", accidents, "多个用顿号分隔，如：火灾、爆炸"),
    ),
    list,
    button("添加管控措施", () => add(null), { id: "event-add-measure", class: "small" }),
  );
  openDialog({
    title: event ? "编辑风险事件" : "新增风险事件",
    id: "risk-event-dialog",
    wide: true,
    body: [body],
    onSubmit: async () => {
      clearFieldErrors(body);
      const input: RiskEventInput = {
        name: requireValue(name.value, "风险事件名称"),
        step: step.value.trim(),
        standard: isJha ? "" : standard.value.trim(),
        hazard: hazard.value.trim(),
        consequence: consequence.value.trim(),
        accident_types: accidents.value.split(/[、,，;；\s]+/).map((s) => s.trim()).filter(Boolean),
        measures: rows.map((r) => r.read()),
      };
      try {
        if (event) await riskModelApi.updateEvent(event, input);
        else await riskModelApi.createEvent(pointId, input);
      } catch (err) {
        showFieldError(body, err);
      }
      toast("已保存");
      done();
    },
  });
}
