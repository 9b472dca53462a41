// The enterprise file (企业基础信息) as a read-only list, and its edit form (企业信息 page).
import { h } from "./dom";
import type { Enterprise, EnterpriseProfile } from "./personnelTypes";
import { field, textInput } from "./ui";

type TextKey = Exclude<keyof EnterpriseProfile, "headcount" | "area_m2">;

export const PROFILE_FIELDS: Array<[TextKey, string, string?]> = [
  ["name", "企业名称"],
  ["credit_code", "统一社会信用代码"],
  ["enterprise_type", "单位类型"],
  ["founded_on", "成立日期", "date"],
  ["term_until", "营业期限", "date"],
  ["registered_address", "注册地址"],
  ["operating_address", "经营地址"],
  ["registration_authority", "登记机关"],
  ["business_scope", "经营范围"],
  ["legal_representative", "法定代表人"],
  ["phone", "联系电话"],
  ["principal_name", "主要负责人"],
  ["principal_mobile", "主要负责人手机"],
  ["safety_principal_name", "安全负责人"],
  ["safety_principal_mobile", "安全负责人手机"],
  ["emergency_phone", "单位应急电话"],
  ["economic_industry_code", "国民经济行业分类"],
  ["safety_industry_class", "安全监管行业分类"],
  ["hazchem_registration_code", "危险化学品登记企业编码"],
];

export function enterpriseDetails(e: Enterprise): HTMLElement {
  const p = e.profile ?? ({} as EnterpriseProfile);
  const dl = h("dl", { class: "kv enterprise-kv", id: "enterprise-details" });
  for (const [key, label] of PROFILE_FIELDS) {
    let v = p[key] ?? "";
    if (key === "term_until" && !v) v = "长期";
    dl.append(h("dt", {}, label), h("dd", { "data-field": key }, v || "—"));
  }
  dl.append(
    h("dt", {}, "从业人数"),
    h("dd", { "data-field": "headcount" }, p.headcount != null ? `${p.headcount} 人` : "—"),
    h("dt", {}, "占地面积"),
    h("dd", { "data-field": "area_m2" }, p.area_m2 != null ? `${p.area_m2} 平方米` : "—"),
    h("dt", {}, "所属园区"),
    h("dd", {}, e.park_name || "—"),
  );
  return dl;
}

/** Form controls for every field; `read()` gives the profile to send back. */
export function enterpriseForm(e: Enterprise): { root: HTMLElement; read(): EnterpriseProfile } {
  const p = e.profile ?? ({} as EnterpriseProfile);
  const inputs = new Map<TextKey, HTMLInputElement>();
  const grid = h("div", { class: "form-grid" });
  for (const [key, label, type] of PROFILE_FIELDS) {
    const input = textInput({ value: p[key] ?? "", type: type ?? "text", name: key });
    inputs.set(key, input);
    grid.append(field(label, input, key === "term_until" ? "不填表示长期" : undefined));
  }
  const headcount = textInput({ type: "number", min: 0, value: p.headcount ?? "", name: "headcount" });
  const area = textInput({ type: "number", min: 0, step: "0.01", value: p.area_m2 ?? "", name: "area_m2" });
  grid.append(field("从业人数", headcount), field("占地面积（平方米）", area));
  return {
    root: grid,
    read: () => {
      const out = { ...p } as EnterpriseProfile;
      for (const [key, input] of inputs) out[key] = input.value.trim();
      out.headcount = headcount.value === "" ? null : Number(headcount.value);
      out.area_m2 = area.value === "" ? null : Number(area.value);
      if (out.headcount === null) delete out.headcount;
      if (out.area_m2 === null) delete out.area_m2;
      return out;
    },
  };
}
