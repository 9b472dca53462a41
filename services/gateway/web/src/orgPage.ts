// 组织架构: the org tree (公司/部门/车间/班组/岗位), expandable, with headcounts; new/rename/move/close/reopen
// and the change history for accounts with personnel.org.write.
import { h } from "./dom";
import { flatten, invalidateUnits } from "./orgUnits";
import { orgApi } from "./personnelApi";
import { CHILD_KINDS, UNIT_KINDS, labelOf, type OrgTreeNode, type OrgUnit } from "./personnelTypes";
import { canApi } from "./session";
import { badge, button, checkbox, dataTable, errorNotice, field, loadingNote, openDialog, pageHead, requireValue, selectBox, show, textInput, toast } from "./ui";
import { formatTime } from "./dom";

const CHANGE_NAMES: Record<string, string> = {
  created: "新建",
  renamed: "重命名",
  moved: "移动",
  closed: "撤销",
  reopened: "恢复",
  updated: "修改",
};

export function renderOrgPage(root: HTMLElement): () => void {
  document.title = "组织架构 · 安全闭环 SafeLoop";
  let disposed = false;
  let tree: OrgTreeNode | null = null;
  const collapsed = new Set<string>();
  const canWrite = canApi("personnel.org.write");

  const showClosed = checkbox("显示已撤销单位", false, { id: "org-show-closed" });
  showClosed.input.addEventListener("change", () => void load());
  const expandAll = button("全部展开", () => {
    collapsed.clear();
    draw();
  });
  const collapseAll = button("全部收起", () => {
    for (const f of flatten(tree)) if (f.depth >= 1 && (f.node.children ?? []).length) collapsed.add(f.unit.id);
    draw();
  });
  const body = h("div", { class: "card org-card", id: "org-tree" }, loadingNote());
  root.append(
    h(
      "section",
      { class: "org-page" },
      pageHead("组织架构", showClosed.root, expandAll, collapseAll),
      body,
    ),
  );

  async function load(): Promise<void> {
    show(body, loadingNote());
    try {
      const res = await orgApi.tree(showClosed.input.checked);
      if (disposed) return;
      tree = res.root ?? null;
      draw();
    } catch (err) {
      if (!disposed) show(body, errorNotice(err, () => void load()));
    }
  }

  function draw(): void {
    if (!tree) {
      show(body, h("div", { class: "empty-state" }, "尚未建立组织架构"));
      return;
    }
    show(body, h("ul", { class: "org-tree", role: "tree" }, node(tree, 0)));
  }

  function node(n: OrgTreeNode, depth: number): HTMLLIElement {
    const u = n.unit;
    const kids = n.children ?? [];
    const open = !collapsed.has(u.id);
    const toggle = h(
      "button",
      {
        type: "button",
        class: "tree-toggle",
        "aria-label": open ? "收起" : "展开",
        "aria-expanded": kids.length ? String(open) : null,
        disabled: kids.length === 0,
      },
      kids.length ? (open ? "▾" : "▸") : "·",
    );
    toggle.addEventListener("click", () => {
      if (collapsed.has(u.id)) collapsed.delete(u.id);
      else collapsed.add(u.id);
      draw();
    });
    const closed = u.status === "closed";
    const row = h(
      "div",
      { class: closed ? "tree-row closed" : "tree-row" },
      toggle,
      h("span", { class: `unit-kind kind-${u.kind}` }, labelOf(UNIT_KINDS, u.kind)),
      h("span", { class: "unit-name" }, u.name),
      u.code ? h("span", { class: "muted unit-code" }, u.code) : null,
      h(
        "span",
        { class: "headcount", title: "本级人数 / 含下级合计", "data-headcount": n.headcount, "data-subtree-headcount": n.subtree_headcount },
        `${Number(n.headcount) || 0} / ${Number(n.subtree_headcount) || 0} 人`,
      ),
      closed ? badge("已撤销", "muted") : null,
      canWrite ? unitActions(u, n) : null,
    );
    const li = h(
      "li",
      { role: "treeitem", "data-unit-id": u.id, "data-unit-name": u.name, "aria-expanded": kids.length ? String(open) : null, "aria-level": depth + 1 },
      row,
    );
    if (kids.length && open) li.append(h("ul", { role: "group" }, ...kids.map((c) => node(c, depth + 1))));
    return li;
  }

  function unitActions(u: OrgUnit, n: OrgTreeNode): HTMLElement {
    const box = h("span", { class: "tree-actions" });
    const closed = u.status === "closed";
    if (!closed && (CHILD_KINDS[u.kind] ?? []).length) box.append(button("新增下级", () => createChild(u), { class: "small" }));
    if (!closed) box.append(button("重命名", () => rename(u), { class: "small" }));
    if (!closed && u.parent_id) box.append(button("移动", () => move(u), { class: "small" }));
    if (u.parent_id) {
      box.append(
        closed
          ? button("恢复", () => void act(orgApi.reopen(u), "已恢复"), { class: "small" })
          : button("撤销", () => closeUnit(u, n), { class: "small danger" }),
      );
    }
    box.append(button("变更记录", () => void history(u), { class: "small" }));
    return box;
  }

  async function act(p: Promise<unknown>, message: string): Promise<void> {
    try {
      await p;
      toast(message);
      invalidateUnits();
      await load();
    } catch (err) {
      toast(err instanceof Error ? err.message : String(err), "bad");
    }
  }

  function createChild(parent: OrgUnit): void {
    const kinds = UNIT_KINDS.filter(([k]) => (CHILD_KINDS[parent.kind] ?? []).includes(k));
    const kind = selectBox(kinds, kinds[0]?.[0] ?? "", { id: "unit-kind" });
    const name = textInput({ id: "unit-name", maxlength: 100 });
    const code = textInput({ id: "unit-code", maxlength: 50 });
    openDialog({
      title: `在“${parent.name}”下新增单位`,
      body: [field("类型", kind), field("名称", name), field("编码（可选）", code)],
      submitLabel: "新增",
      onSubmit: async () => {
        await orgApi.create(parent.id, kind.value, requireValue(name.value, "名称"), code.value.trim());
        collapsed.delete(parent.id);
        toast("已新增");
        invalidateUnits();
        await load();
      },
    });
  }

  function rename(u: OrgUnit): void {
    const name = textInput({ value: u.name, maxlength: 100 });
    const code = textInput({ value: u.code, maxlength: 50 });
    openDialog({
      title: `修改“${u.name}”`,
      body: [field("名称", name), field("编码", code)],
      onSubmit: async () => {
        await orgApi.update(u, requireValue(name.value, "名称"), code.value.trim());
        toast("已保存");
        invalidateUnits();
        await load();
      },
    });
  }

  function move(u: OrgUnit): void {
    // Not into itself or below itself; only parents whose kind may hold this kind.
    const all = flatten(tree);
    const self = all.find((f) => f.unit.id === u.id);
    const below = new Set(flatten(self?.node).map((f) => f.unit.id));
    const targets = all.filter(
      (f) => !below.has(f.unit.id) && f.unit.status !== "closed" && (CHILD_KINDS[f.unit.kind] ?? []).includes(u.kind) && f.unit.id !== u.parent_id,
    );
    if (targets.length === 0) {
      toast("没有可移动到的上级单位", "warn");
      return;
    }
    const sel = selectBox(targets.map((f) => [f.unit.id, `${"　".repeat(f.depth)}${f.unit.name}`]), "");
    openDialog({
      title: `移动“${u.name}”`,
      body: [field("新的上级单位", sel), h("p", { class: "muted" }, "移动后保留历史记录，单位下的人员随单位一起移动。")],
      submitLabel: "移动",
      onSubmit: async () => {
        await orgApi.move(u, sel.value);
        toast("已移动");
        invalidateUnits();
        await load();
      },
    });
  }

  function closeUnit(u: OrgUnit, n: OrgTreeNode): void {
    const people = Number(n.subtree_headcount) || 0;
    openDialog({
      title: `撤销“${u.name}”`,
      body: [
        h("p", {}, "撤销后该单位不再出现在组织架构中，历史记录保留，可随时恢复。"),
        people > 0 ? h("p", { class: "notice error" }, `该单位及下级仍有 ${people} 人，请先调整人员所属单位。`) : null,
      ],
      submitLabel: "撤销",
      onSubmit: async () => {
        await orgApi.close(u);
        toast("已撤销");
        invalidateUnits();
        await load();
      },
    });
  }

  async function history(u: OrgUnit): Promise<void> {
    const box = h("div", {}, loadingNote());
    openDialog({ title: `“${u.name}”的变更记录`, body: [box], wide: true });
    const names = new Map(flatten(tree).map((f) => [f.unit.id, f.unit.name]));
    try {
      const res = await orgApi.history(u.id);
      show(
        box,
        dataTable(
          [
            { label: "时间", cell: (c) => formatTime(c.at) },
            { label: "变更", cell: (c) => CHANGE_NAMES[c.change] ?? c.change },
            {
              label: "内容",
              cell: (c) =>
                c.change === "moved"
                  ? `从“${names.get(c.old_parent_id) ?? "—"}”移至“${names.get(c.new_parent_id) ?? "—"}”`
                  : c.old_name && c.new_name && c.old_name !== c.new_name
                    ? `“${c.old_name}” → “${c.new_name}”`
                    : c.new_name || c.old_name || "—",
            },
            { label: "操作人", cell: (c) => c.actor || "—" },
          ],
          res.changes ?? [],
          { empty: "暂无变更记录" },
        ),
      );
    } catch (err) {
      show(box, errorNotice(err));
    }
  }

  void load();
  return () => {
    disposed = true;
  };
}
