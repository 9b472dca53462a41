// 风险分析对象与单元: the risk analysis objects (create/edit/delete with version) and the selected
// object's three-level unit partition in B.1 order (create sub-unit, rename, delete).
import { ApiError } from "./api";
import { h } from "./dom";
import { DEPTH_NAMES } from "./riskCodes";
import { riskModelApi } from "./riskApi";
import {
  clearFieldErrors,
  loadDirectory,
  nameOfPerson,
  nameOfUnit,
  personSelect,
  showFieldError,
  unitSelect,
  type Directory,
} from "./riskForms";
import { noPermission, riskTabs } from "./riskTabs";
import type { RiskObject, RiskUnit } from "./riskTypes";
import { canApi } from "./session";
import {
  actions,
  button,
  confirmAction,
  dataTable,
  errorNotice,
  field,
  loadingNote,
  openDialog,
  pageHead,
  requireValue,
  show,
  textInput,
  toast,
} from "./ui";

export function renderRiskUnitsPage(root: HTMLElement, params: URLSearchParams): () => void {
  document.title = "风险分析对象与单元 · 安全闭环 SafeLoop";
  let disposed = false;
  root.append(riskTabs("risk-units"));
  if (!canApi("risk.point.read")) {
    root.append(noPermission("查看风险分析对象"));
    return () => undefined;
  }
  const canWrite = canApi("risk.point.write");
  let objects: RiskObject[] = [];
  let dir: Directory = { units: [], people: [] };
  let selected = params.get("object_id") ?? "";

  const objectList = h("div", { id: "risk-objects" }, loadingNote());
  const unitBox = h("div", { class: "card org-card", id: "risk-unit-tree" });
  const unitHead = h("div", { class: "page-head sub-head" });
  const createBtn = canWrite
    ? button("新建分析对象", () => editObject(null), { id: "risk-object-create" }, "primary")
    : null;
  root.append(
    h(
      "section",
      { class: "tab-body" },
      pageHead("风险分析对象", createBtn),
      objectList,
      unitHead,
      unitBox,
    ),
  );

  async function load(): Promise<void> {
    show(objectList, loadingNote());
    try {
      const [res, d] = await Promise.all([riskModelApi.objects(), loadDirectory()]);
      if (disposed) return;
      objects = res.items ?? [];
      dir = d;
      if (!objects.some((o) => o.id === selected)) selected = objects[0]?.id ?? "";
      renderObjects();
      await loadUnits();
    } catch (err) {
      if (!disposed) show(objectList, errorNotice(err, () => void load()));
    }
  }

  function renderObjects(): void {
    show(
      objectList,
      dataTable<RiskObject>(
        [
          {
            label: "对象名称",
            cell: (o) => {
              const a = h("a", { href: "#", class: "object-link", "data-object-id": o.id }, o.name);
              a.addEventListener("click", (ev) => {
                ev.preventDefault();
                selected = o.id;
                renderObjects();
                void loadUnits();
              });
              return a;
            },
          },
          { label: "危险源编码", cell: (o) => o.hazard_code || "—" },
          { label: "所属部门", cell: (o) => nameOfUnit(dir, o.department_id) },
          { label: "部门负责人", cell: (o) => nameOfPerson(dir, o.liable_person_id) },
          { label: "说明", cell: (o) => o.description || "—" },
          {
            label: "操作",
            cell: (o) =>
              canWrite
                ? actions(
                    button("编辑", () => editObject(o), { class: "small", "data-action": "edit-object" }),
                    button("删除", () => deleteObject(o), { class: "small", "data-action": "delete-object" }, "danger"),
                  )
                : "—",
          },
        ],
        objects,
        {
          id: "risk-object-table",
          empty: "暂无风险分析对象",
          rowAttrs: (o) => ({ "data-object-id": o.id, class: o.id === selected ? "selected" : null, "aria-selected": o.id === selected }),
        },
      ),
    );
  }

  function editObject(o: RiskObject | null): void {
    const name = textInput({ value: o?.name ?? "", id: "object-name", "data-field": "name", maxlength: 100 });
    const code = textInput({ value: o?.hazard_code ?? "", id: "object-hazard-code", "data-field": "hazard_code" });
    const dep = unitSelect(dir, o?.department_id ?? "", { id: "object-department", "data-field": "department_id" });
    const person = personSelect(dir, o?.liable_person_id ?? "", { id: "object-liable-person", "data-field": "liable_person_id" });
    const desc = h("textarea", { class: "input", rows: 2, id: "object-description", "data-field": "description" }, o?.description ?? "");
    const body = h(
      "div",
      { class: "form-grid" },
      field("对象名称", name),
      field("危险源编码", code, "危化品登记平台的危险源编码，未登记则留空"),
      field("所属部门", dep),
      field("部门负责人", person),
      field("说明", desc),
    );
    openDialog({
      title: o ? "编辑风险分析对象" : "新建风险分析对象",
      id: "risk-object-dialog",
      body: [body],
      onSubmit: async () => {
        clearFieldErrors(body);
        const input = {
          name: requireValue(name.value, "对象名称"),
          hazard_code: code.value.trim(),
          department_id: dep.value,
          liable_person_id: person.value,
          description: desc.value.trim(),
        };
        try {
          const saved = o ? await riskModelApi.updateObject(o, input) : await riskModelApi.createObject(input);
          selected = saved.id;
        } catch (err) {
          staleHint(err);
          showFieldError(body, err);
        }
        toast(o ? "已保存" : "已创建");
        void load();
      },
    });
  }

  function deleteObject(o: RiskObject): void {
    confirmAction("删除风险分析对象", `确定删除“${o.name}”吗？（仅可删除没有单元的对象）`, "删除", async () => {
      try {
        await riskModelApi.deleteObject(o);
      } catch (err) {
        staleHint(err);
        throw err;
      }
      toast("已删除");
      void load();
    });
  }

  // ---- units -------------------------------------------------------------------------------
  async function loadUnits(): Promise<void> {
    const obj = objects.find((o) => o.id === selected);
    show(
      unitHead,
      h("h2", {}, obj ? `风险分析单元：${obj.name}` : "风险分析单元"),
      obj && canWrite
        ? h("div", { class: "page-actions" }, button("新建一级单元", () => editUnit(null, obj.id, null), { id: "risk-unit-create" }, "primary"))
        : null,
    );
    if (!obj) {
      show(unitBox, h("div", { class: "empty-state" }, "请先新建风险分析对象"));
      return;
    }
    show(unitBox, loadingNote());
    try {
      const res = await riskModelApi.units(obj.id);
      if (disposed || selected !== obj.id) return;
      renderUnits(res.items ?? []);
    } catch (err) {
      if (!disposed) show(unitBox, errorNotice(err, () => void loadUnits()));
    }
  }

  function renderUnits(units: RiskUnit[]): void {
    if (units.length === 0) {
      show(unitBox, h("div", { class: "empty-state", id: "risk-unit-empty" }, "暂无单元，请新建一级单元"));
      return;
    }
    // B.1 order is the API's order (depth-first by seq): nest by parent while keeping that order.
    const children = new Map<string, RiskUnit[]>();
    for (const u of units) {
      const key = u.parent_id || "";
      children.set(key, [...(children.get(key) ?? []), u]);
    }
    const ul = (parent: string, depth: number): HTMLElement => {
      const list = h("ul", depth === 1 ? { class: "org-tree risk-unit-tree", role: "tree" } : { role: "group" });
      for (const u of children.get(parent) ?? []) {
        const li = h("li", { role: "treeitem", "data-unit-id": u.id, "data-depth": u.depth }, unitRow(u));
        if (children.has(u.id)) li.append(ul(u.id, depth + 1));
        list.append(li);
      }
      return list;
    };
    show(unitBox, ul("", 1));
  }

  function unitRow(u: RiskUnit): HTMLElement {
    return h(
      "div",
      { class: "tree-row" },
      h("span", { class: "chip" }, `${DEPTH_NAMES[u.depth] ?? `${u.depth}级`} ${u.seq}`),
      h("span", { class: "unit-name" }, u.name),
      u.department_id ? h("span", { class: "muted" }, nameOfUnit(dir, u.department_id)) : null,
      u.liable_person_id ? h("span", { class: "muted" }, nameOfPerson(dir, u.liable_person_id)) : null,
      canWrite
        ? actions(
            u.depth < 3 ? button("新建子单元", () => editUnit(null, "", u), { class: "small", "data-action": "add-sub-unit" }) : null,
            button("重命名", () => editUnit(u, "", null), { class: "small", "data-action": "rename-unit" }),
            button("删除", () => deleteUnit(u), { class: "small", "data-action": "delete-unit" }, "danger"),
          )
        : null,
    );
  }

  /** New 一级单元 (objectId), new sub-unit (parent), or edit (unit). */
  function editUnit(unit: RiskUnit | null, objectId: string, parent: RiskUnit | null): void {
    const name = textInput({ value: unit?.name ?? "", id: "unit-name", "data-field": "name", maxlength: 100 });
    const dep = unitSelect(dir, unit?.department_id ?? "", { id: "unit-department", "data-field": "department_id" });
    const person = personSelect(dir, unit?.liable_person_id ?? "", { id: "unit-liable-person", "data-field": "liable_person_id" });
    const body = h("div", { class: "form-grid" }, field("单元名称", name), field("责任部门", dep), field("责任人", person));
    const title = unit ? "编辑单元" : parent ? `新建子单元（上级：${parent.name}）` : "新建一级单元";
    openDialog({
      title,
      id: "risk-unit-dialog",
      body: [body],
      onSubmit: async () => {
        clearFieldErrors(body);
        const n = requireValue(name.value, "单元名称");
        try {
          if (unit) {
            await riskModelApi.updateUnit(unit, { name: n, department_id: dep.value, liable_person_id: person.value });
          } else {
            await riskModelApi.createUnit({
              ...(parent ? { parent_id: parent.id } : { object_id: objectId }),
              name: n,
              department_id: dep.value,
              liable_person_id: person.value,
            });
          }
        } catch (err) {
          staleHint(err);
          showFieldError(body, err);
        }
        toast(unit ? "已保存" : "已创建");
        void loadUnits();
      },
    });
  }

  function deleteUnit(u: RiskUnit): void {
    confirmAction("删除单元", `确定删除“${u.name}”吗？（仅可删除没有子单元和风险点的单元）`, "删除", async () => {
      try {
        await riskModelApi.deleteUnit(u);
      } catch (err) {
        staleHint(err);
        throw err;
      }
      toast("已删除");
      void loadUnits();
    });
  }

  /** A stale version (someone else saved meanwhile): reload so the next try has the fresh row. */
  function staleHint(err: unknown): void {
    if (err instanceof ApiError && err.code === "ABORTED") {
      toast("数据已被他人修改，已重新加载，请再试一次。", "warn");
      void load();
    }
  }

  void load();
  return () => {
    disposed = true;
  };
}
