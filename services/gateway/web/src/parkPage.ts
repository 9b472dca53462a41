// 园区企业 (park accounts): the park's enterprises. Choosing one asks for a read-only token of that
// enterprise (POST /api/v1/auth/enterprise-token); from then on the enterprise views (风险四色图 …) show it.
import { getActing, setActing } from "./auth";
import { h } from "./dom";
import { enterpriseDetails } from "./enterpriseView";
import { authApi, tenancyApi } from "./personnelApi";
import type { Enterprise } from "./personnelTypes";
import { go } from "./router";
import { hasMenu } from "./session";
import { busy, button, errorNotice, field, loadingNote, pageHead, show, textInput } from "./ui";

export function renderParkPage(root: HTMLElement, params: URLSearchParams): () => void {
  document.title = "园区企业 · 安全闭环 SafeLoop";
  let disposed = false;
  const name = textInput({ type: "search", placeholder: "企业名称", id: "park-search" });
  const form = h(
    "form",
    { class: "filters card", role: "search" },
    field("企业名称", name),
    h("div", { class: "filter-end" }, h("button", { type: "submit", class: "button primary" }, "查询")),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void load();
  });
  const parkName = h("p", { class: "muted", id: "park-name" });
  const list = h("div", { id: "park-enterprises", class: "enterprise-cards" }, loadingNote());
  const detail = h("div", { id: "park-enterprise-detail" });
  root.append(h("section", {}, pageHead("园区企业"), parkName, form, list, detail));

  async function load(): Promise<void> {
    show(list, loadingNote());
    try {
      const res = await tenancyApi.parkEnterprises(name.value.trim());
      if (disposed) return;
      parkName.textContent = res.park ? `${res.park.name}${res.park.region ? `（${res.park.region}）` : ""}` : "";
      const items = res.enterprises ?? [];
      if (!items.length) {
        show(list, h("div", { class: "empty-state" }, "园区内没有符合条件的企业"));
        return;
      }
      show(list, ...items.map(card));
      const wanted = params.get("enterprise_id");
      const pre = items.find((e) => e.id === wanted);
      if (pre) void openEnterprise(pre);
    } catch (err) {
      if (!disposed) show(list, errorNotice(err, () => void load()));
    }
  }

  function card(e: Enterprise): HTMLElement {
    const acting = getActing()?.enterprise_id === e.id;
    const choose = button(acting ? "正在查看" : "查看", () => void busy(choose, () => openEnterprise(e)), {
      "data-action": "choose-enterprise",
      class: acting ? "" : "",
    }, acting ? "secondary" : "primary");
    return h(
      "article",
      { class: acting ? "card enterprise-card active" : "card enterprise-card", "data-enterprise-id": e.id },
      h("h2", {}, e.profile?.name ?? "—"),
      h("p", { class: "muted" }, e.profile?.operating_address || e.profile?.registered_address || ""),
      h("p", { class: "muted small-text" }, `安全负责人：${e.profile?.safety_principal_name || "—"} ${e.profile?.safety_principal_mobile || ""}`),
      choose,
    );
  }

  async function openEnterprise(e: Enterprise): Promise<void> {
    const name = e.profile?.name ?? "";
    const pair = await authApi.enterpriseToken(e.id);
    setActing(e.id, name, pair);
    let full = e;
    try {
      full = await tenancyApi.parkEnterprise(e.id);
    } catch {
      /* the list entry is enough */
    }
    if (disposed) return;
    show(
      detail,
      h(
        "section",
        { class: "card padded", id: "acting-enterprise" },
        h("div", { class: "section-head" }, h("h2", {}, `${name}（只读）`),
          hasMenu("menu.risk.map") ? button("查看风险四色图", () => go("map"), { id: "open-risk-map" }, "primary") : null),
        enterpriseDetails(full),
      ),
    );
    window.dispatchEvent(new Event("safeloop:acting-changed")); // the banner at the top follows
    for (const c of list.querySelectorAll<HTMLElement>(".enterprise-card")) c.classList.toggle("active", c.dataset["enterpriseId"] === e.id);
    detail.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  void load();
  return () => {
    disposed = true;
  };
}
