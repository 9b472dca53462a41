// 人员管理: filters (unit with its subtree, name, type, status), cursor paging, 下载模板 / 导入 / 导出.
import { describeError } from "./api";
import { h } from "./dom";
import { loadUnits, unitOptions } from "./orgUnits";
import { importControls } from "./peopleImport";
import { peopleApi } from "./personnelApi";
import { GENDERS, PERSON_TYPES, labelOf, type PeopleFilter, type Person } from "./personnelTypes";
import { canOp } from "./session";
import { TokenPager, badge, busy, button, checkbox, dataTable, errorNotice, field, loadingNote, pageHead, selectBox, show, textInput, toast } from "./ui";

const PAGE_SIZE = 20;

export function renderPeoplePage(root: HTMLElement): () => void {
  document.title = "人员管理 · 安全闭环 SafeLoop";
  let disposed = false;
  let seq = 0;
  const pager = new TokenPager();

  // ---- filters ---------------------------------------------------------------------------------
  const unit = selectBox([["", "全部单位"]], "", { id: "filter-unit" });
  const subtree = checkbox("含下级单位", true, { id: "filter-subtree" });
  const name = textInput({ id: "filter-name", placeholder: "姓名", type: "search" });
  const type = selectBox([["", "全部类型"], ...PERSON_TYPES], "", { id: "filter-type" });
  const status = selectBox(
    [
      ["active", "在职"],
      ["left", "离职"],
      ["all", "全部"],
    ],
    "active",
    { id: "filter-status" },
  );
  const filters = h(
    "form",
    { class: "filters card", id: "people-filters", role: "search" },
    field("所属单位", unit),
    field("姓名", name),
    field("人员类型", type),
    field("状态", status),
    h("div", { class: "filter-end" }, subtree.root, h("button", { type: "submit", class: "button primary" }, "查询")),
  );
  filters.addEventListener("submit", (ev) => {
    ev.preventDefault();
    pager.reset();
    void load();
  });
  for (const el of [unit, type, status, subtree.input]) {
    el.addEventListener("change", () => {
      pager.reset();
      void load();
    });
  }

  const filter = (): PeopleFilter => ({
    unit_id: unit.value,
    include_subtree: subtree.input.checked,
    name_contains: name.value.trim(),
    person_type: type.value,
    status: status.value,
  });

  // ---- actions (operation permissions) ------------------------------------------------------------
  const imp = importControls(() => {
    pager.reset();
    void load();
  });
  const tplBtn = button("下载模板", () => void busy(tplBtn, async () => void (await peopleApi.downloadTemplate())), {
    id: "people-template",
  });
  const importBtn = button("导入", () => imp.pick(), { id: "people-import" }, "primary");
  const exportBtn = button(
    "导出",
    () =>
      void busy(exportBtn, async () => {
        const file = await peopleApi.exportXlsx(filter());
        toast(`已导出：${file}`);
      }),
    { id: "people-export" },
  );
  const canImport = canOp("op.people.import");
  const canExport = canOp("op.people.export");

  const summary = h("p", { class: "muted", id: "people-total" });
  const list = h("div", { id: "people-list" }, loadingNote());
  const pagerBox = h("div");

  root.append(
    h(
      "section",
      { class: "people-page" },
      pageHead("人员管理", canImport ? tplBtn : null, canImport ? importBtn : null, canExport ? exportBtn : null),
      canImport ? imp.input : null,
      imp.result,
      filters,
      summary,
      list,
      pagerBox,
    ),
  );

  async function load(): Promise<void> {
    const my = ++seq;
    show(list, loadingNote());
    try {
      const res = await peopleApi.list(filter(), PAGE_SIZE, pager.token);
      if (disposed || my !== seq) return;
      const people = Array.isArray(res.people) ? res.people : [];
      pager.next = res.next_page_token ?? "";
      summary.textContent = `共 ${Number(res.total_size) || 0} 人`;
      summary.dataset["total"] = String(Number(res.total_size) || 0);
      show(list, table(people));
      show(pagerBox, pager.render(() => void load()));
    } catch (err) {
      if (disposed || my !== seq) return;
      show(list, errorNotice(err, () => void load()));
    }
  }

  loadUnits()
    .then((units) => {
      if (disposed) return;
      for (const [v, l] of unitOptions(units)) unit.append(h("option", { value: v }, l));
    })
    .catch((err: unknown) => {
      unit.title = `单位列表加载失败：${describeError(err)}`;
    });
  void load();
  return () => {
    disposed = true;
  };
}

function table(people: Person[]): HTMLElement {
  return dataTable(
    [
      { label: "工号", cell: (p) => p.employee_no, cls: "mono" },
      { label: "姓名", cell: (p) => h("strong", {}, p.name) },
      { label: "性别", cell: (p) => labelOf(GENDERS, p.gender) },
      { label: "所属单位", cell: (p) => p.unit_path || "—" },
      { label: "岗位", cell: (p) => p.post_path || "—" },
      { label: "职务", cell: (p) => p.title || "—" },
      { label: "工种", cell: (p) => p.work_type || "—" },
      { label: "人员类型", cell: (p) => labelOf(PERSON_TYPES, p.person_type) },
      { label: "特种作业", cell: (p) => (p.special_operation ? badge("特种作业", "info") : "否") },
      { label: "手机号", cell: (p) => p.mobile || "—" },
      { label: "状态", cell: (p) => (p.status === "left" ? badge(`已离职 ${p.left_on || ""}`, "muted") : badge("在职", "ok")) },
    ],
    people,
    { id: "people-table", empty: "没有符合条件的人员", rowAttrs: (p) => ({ "data-person-id": p.id, "data-employee-no": p.employee_no }) },
  );
}
