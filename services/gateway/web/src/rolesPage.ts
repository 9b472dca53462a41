// 角色权限: the roles of the enterprise; editing a role's grants with the permission catalogue grouped by kind
// (功能权限/操作权限/API权限) and group, and its data scope (数据范围).
//
// Grants are glob patterns ("personnel.*", "*"). The editor shows a code as checked when any grant matches it;
// on save every original pattern whose codes are all still checked is kept as it is (so "*" stays "*" and
// keeps covering codes added later), and the remaining checked codes are listed one by one.
import { h } from "./dom";
import { roleApi } from "./personnelApi";
import { DATA_SCOPES, PERMISSION_GROUPS, PERMISSION_KINDS, labelOf, type Permission, type Role } from "./personnelTypes";
import { canApi, canOp, grantMatches } from "./session";
import {
  actions, badge, button, checkbox, dataTable, errorNotice, field, loadingNote, openDialog, pageHead, requireValue,
  selectBox, show, textInput, toast,
} from "./ui";

export function renderRolesPage(root: HTMLElement): () => void {
  document.title = "角色权限 · 安全闭环 SafeLoop";
  let disposed = false;
  let catalog: Permission[] = [];
  const canEdit = canApi("personnel.role.write") && canOp("op.role.grant");
  const list = h("div", { id: "roles-list" }, loadingNote());
  const createBtn = canEdit ? button("新建角色", () => editRole(null), { id: "role-create" }, "primary") : null;
  root.append(h("section", {}, pageHead("角色权限", createBtn), list));

  async function load(): Promise<void> {
    show(list, loadingNote());
    try {
      const [roles, cat] = await Promise.all([roleApi.list(), catalog.length ? null : roleApi.catalog()]);
      if (disposed) return;
      if (cat) catalog = cat.permissions ?? [];
      show(list, table(roles.roles ?? []));
    } catch (err) {
      if (!disposed) show(list, errorNotice(err, () => void load()));
    }
  }

  function table(roles: Role[]): HTMLElement {
    return dataTable(
      [
        { label: "角色", cell: (r) => [h("strong", {}, r.name), r.builtin ? badge("内置", "info") : null] },
        { label: "编码", cell: (r) => h("span", { class: "mono" }, r.code) },
        { label: "说明", cell: (r) => r.description || "—" },
        { label: "数据范围", cell: (r) => labelOf(DATA_SCOPES, r.data_scope) },
        { label: "账号数", cell: (r) => String(Number(r.holder_count) || 0), cls: "num" },
        {
          label: "操作",
          cell: (r) =>
            actions(
              button(canEdit ? "编辑权限" : "查看权限", () => editRole(r), { class: "small", "data-action": "edit-role" }),
              canEdit && !r.builtin && !Number(r.holder_count)
                ? button("删除", () => removeRole(r), { class: "small danger" })
                : null,
            ),
        },
      ],
      roles,
      { id: "roles-table", empty: "暂无角色", rowAttrs: (r) => ({ "data-role-code": r.code }) },
    );
  }

  function editRole(role: Role | null): void {
    const grants = role?.grants ?? [];
    const code = textInput({ value: role?.code ?? "", id: "role-code", pattern: "[a-z0-9_]{2,40}", disabled: !!role });
    const name = textInput({ value: role?.name ?? "", id: "role-name", disabled: !canEdit });
    const desc = textInput({ value: role?.description ?? "", disabled: !canEdit });
    const scopes = DATA_SCOPES.filter(([s]) => s !== "park" || role?.data_scope === "park");
    const scope = selectBox(scopes, role?.data_scope ?? "unit", { id: "role-scope", disabled: !canEdit });

    const boxes: Array<{ p: Permission; input: HTMLInputElement }> = [];
    const sections: HTMLElement[] = [];
    for (const [kind, kindLabel] of PERMISSION_KINDS) {
      const ofKind = catalog.filter((p) => p.kind === kind);
      if (!ofKind.length) continue;
      const groups = [...new Set(ofKind.map((p) => p.group))];
      const body = h("div", { class: "perm-groups" });
      for (const g of groups) {
        const items = ofKind.filter((p) => p.group === g);
        const checks = items.map((p) => {
          const c = checkbox(p.name, grants.some((gr) => grantMatches(gr, p.code)), { value: p.code, disabled: !canEdit, "data-code": p.code });
          c.root.title = p.code;
          boxes.push({ p, input: c.input });
          return c.root;
        });
        const all = checkbox("全选", false, { disabled: !canEdit });
        all.input.checked = items.every((p) => grants.some((gr) => grantMatches(gr, p.code)));
        all.input.addEventListener("change", () => {
          for (const b of boxes) if (b.p.kind === kind && b.p.group === g) b.input.checked = all.input.checked;
        });
        body.append(
          h(
            "fieldset",
            { class: "fieldset perm-group" },
            h("legend", {}, PERMISSION_GROUPS[g] ?? g, " ", all.root),
            h("div", { class: "check-grid" }, ...checks),
          ),
        );
      }
      sections.push(h("section", { class: "perm-kind", "data-kind": kind }, h("h3", {}, kindLabel), body));
    }

    const computeGrants = (): string[] => {
      const checked = new Set(boxes.filter((b) => b.input.checked).map((b) => b.p.code));
      const kept = grants.filter((g) => {
        const matched = catalog.filter((p) => grantMatches(g, p.code));
        return matched.length > 0 && matched.every((p) => checked.has(p.code));
      });
      const covered = (c: string) => kept.some((g) => grantMatches(g, c));
      return [...kept, ...[...checked].filter((c) => !covered(c))];
    };

    openDialog({
      title: role ? `角色：${role.name}` : "新建角色",
      wide: true,
      id: "role-editor",
      body: [
        h(
          "div",
          { class: "form-grid" },
          field("编码", code, "小写字母、数字或下划线，创建后不能修改"),
          field("名称", name),
          field("说明", desc),
          field("数据范围", scope, "本人 / 本单位 / 本单位及下级 / 全企业"),
        ),
        ...sections,
        grants.length ? h("p", { class: "muted small-text" }, `当前授权规则：${grants.join("，")}`) : null,
      ],
      submitLabel: "保存",
      ...(canEdit
        ? {
            onSubmit: async () => {
              const input = { name: requireValue(name.value, "名称"), description: desc.value.trim(), data_scope: scope.value, grants: computeGrants() };
              if (role) await roleApi.update(role, input);
              else await roleApi.create(requireValue(code.value, "编码"), input);
              toast("角色已保存；已登录用户在下次刷新令牌时生效");
              await load();
            },
          }
        : {}),
    });
  }

  function removeRole(r: Role): void {
    openDialog({
      title: `删除角色“${r.name}”`,
      body: [h("p", {}, "删除后不可恢复。")],
      submitLabel: "删除",
      onSubmit: async () => {
        await roleApi.remove(r);
        toast("已删除");
        await load();
      },
    });
  }

  void load();
  return () => {
    disposed = true;
  };
}
