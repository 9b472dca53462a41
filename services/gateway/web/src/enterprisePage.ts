// 企业信息: the caller's enterprise file; editable with personnel.enterprise.write.
import { h } from "./dom";
import { enterpriseDetails, enterpriseForm } from "./enterpriseView";
import { tenancyApi } from "./personnelApi";
import type { Enterprise } from "./personnelTypes";
import { canApi } from "./session";
import { button, errorNotice, loadingNote, openDialog, pageHead, show, toast } from "./ui";

export function renderEnterprisePage(root: HTMLElement): () => void {
  document.title = "企业信息 · 安全闭环 SafeLoop";
  let disposed = false;
  let current: Enterprise | null = null;
  const body = h("div", { class: "card padded" }, loadingNote());
  const editBtn = canApi("personnel.enterprise.write") ? button("编辑", () => edit(), { id: "enterprise-edit" }, "primary") : null;
  if (editBtn) editBtn.disabled = true;
  root.append(h("section", {}, pageHead("企业信息", editBtn), body));

  async function load(): Promise<void> {
    show(body, loadingNote());
    try {
      current = await tenancyApi.myEnterprise();
      if (disposed) return;
      show(body, enterpriseDetails(current));
      if (editBtn) editBtn.disabled = false;
    } catch (err) {
      if (!disposed) show(body, errorNotice(err, () => void load()));
    }
  }

  function edit(): void {
    const e = current;
    if (!e) return;
    const form = enterpriseForm(e);
    openDialog({
      title: "编辑企业信息",
      wide: true,
      body: [form.root],
      onSubmit: async () => {
        current = await tenancyApi.updateMyEnterprise(form.read(), e.version);
        toast("企业信息已保存");
        show(body, enterpriseDetails(current));
      },
    });
  }

  void load();
  return () => {
    disposed = true;
  };
}
