// 风险点详情 (#/risk-point?id=…, from the map's area panel or the ledger): the point's profile (unit,
// kind, code, location, responsible unit/person), its risk events with their control measures, and its
// JHA/SCL assessment records with the form of a new assessment.
import { api } from "./api";
import { h } from "./dom";
import { levelBadge } from "./panel";
import { KINDS, kindName, measureClassName, controlMode, MODES, CLASSIFY2 } from "./riskCodes";
import { riskModelApi } from "./riskApi";
import { openEventDialog } from "./riskEventForm";
import {
  clearFieldErrors,
  loadDirectory,
  nameOfPerson,
  nameOfUnit,
  optionSelect,
  personSelect,
  postSelect,
  showFieldError,
  unitSelect,
  type Directory,
} from "./riskForms";
import { openAssessDialog, recordsView } from "./riskRecords";
import { noPermission, riskTabs } from "./riskTabs";
import type { AccidentTypes, PointAssessment, RiskEvent, RiskPointProfile, RiskUnit } from "./riskTypes";
import { href } from "./router";
import { canApi } from "./session";
import type { RiskPoint } from "./types";
import { actions, button, confirmAction, errorNotice, field, loadingNote, openDialog, show, textInput, toast } from "./ui";

export function renderRiskPointPage(root: HTMLElement, params: URLSearchParams): () => void {
  document.title = "风险点详情 · 安全闭环 SafeLoop";
  let disposed = false;
  const pointId = params.get("id") ?? "";
  root.append(riskTabs("risk-point"));
  if (!canApi("risk.point.read")) {
    root.append(noPermission("查看风险点"));
    return () => undefined;
  }
  const canWrite = canApi("risk.point.write");
  const canAssess = canApi("risk.assessment.write");
  let point: RiskPoint | null = null;
  let profile: RiskPointProfile | null = null;
  let events: RiskEvent[] = [];
  let units: RiskUnit[] = [];
  let dir: Directory = { units: [], people: [] };
  let accidentTypes: AccidentTypes | null = null;

  const head = h("div", { class: "page-head", id: "risk-point-head" }, h("h1", {}, "风险点详情"));
  const profileBox = h("section", { class: "card point-profile", id: "risk-point-profile" }, loadingNote());
  const eventsBox = h("section", { class: "card", id: "risk-point-events" });
  const recordsBox = h("section", { class: "card", id: "risk-point-records" });
  root.append(h("section", { class: "tab-body risk-point-page" }, head, profileBox, eventsBox, recordsBox));

  if (!pointId) {
    show(profileBox, h("div", { class: "empty-state" }, "未指定风险点。请从四色图的区域面板或分级管控台账进入。"));
    return () => undefined;
  }

  async function load(): Promise<void> {
    show(profileBox, loadingNote());
    try {
      const [p, prof, ev, u, d] = await Promise.all([
        api.getPoint(pointId),
        riskModelApi.profile(pointId),
        riskModelApi.events(pointId),
        riskModelApi.units().catch(() => ({ items: [] as RiskUnit[] })),
        loadDirectory(),
      ]);
      if (disposed) return;
      point = p;
      profile = prof;
      events = ev.items ?? [];
      units = u.items ?? [];
      dir = d;
      renderHead();
      renderProfile();
      renderEvents();
      await loadRecords();
    } catch (err) {
      if (!disposed) show(profileBox, errorNotice(err, () => void load()));
    }
  }

  function renderHead(): void {
    if (!point) return;
    const back = point.area_id ? h("a", { class: "button secondary small", href: href("map") }, "返回四色图") : null;
    show(
      head,
      h("h1", { id: "risk-point-name" }, point.name),
      h("div", { class: "page-actions" }, levelBadge(point.level), back, h("a", { class: "button secondary small", href: href("risk-ledger") }, "分级管控台账")),
    );
  }

  function unitPath(id: string): string {
    if (!id) return "未划分";
    const names: string[] = [];
    let u = units.find((x) => x.id === id);
    while (u) {
      names.unshift(u.name);
      const parent = u.parent_id;
      u = parent ? units.find((x) => x.id === parent) : undefined;
    }
    return names.length ? names.join(" / ") : id;
  }

  function renderProfile(): void {
    const p = profile;
    const row = (label: string, value: string, id: string) => h("div", {}, h("dt", {}, label), h("dd", { id }, value || "—"));
    show(
      profileBox,
      h(
        "div",
        { class: "card-head" },
        h("h2", { class: "card-title" }, "基本信息"),
        canWrite ? button("编辑", () => editProfile(), { id: "risk-profile-edit", class: "small" }) : null,
      ),
      h(
        "dl",
        { class: "profile-grid" },
        row("所属单元", unitPath(p?.unit_id ?? ""), "profile-unit"),
        row("风险点类型", kindName(p?.kind), "profile-kind"),
        row("风险点编号", p?.code ?? "", "profile-code"),
        row("风险点位置", p?.location ?? "", "profile-location"),
        row("管控单位", nameOfUnit(dir, p?.department_id ?? ""), "profile-department"),
        row("责任人", nameOfPerson(dir, p?.liable_person_id ?? ""), "profile-liable-person"),
        row("岗位", nameOfUnit(dir, p?.post_id ?? ""), "profile-post"),
        row("可能导致的事故类型", (p?.accident_types ?? []).join("、"), "profile-accident-types"),
        point?.description ? row("说明", point.description, "profile-description") : null,
      ),
    );
  }

  async function editProfile(): Promise<void> {
    const p = profile;
    if (!accidentTypes) accidentTypes = await riskModelApi.accidentTypes().catch(() => null);
    const unitOpts = units.filter((u) => !u.deleted).map((u): [string, string] => [u.id, `${"　".repeat(Math.max(0, u.depth - 1))}${u.name}`]);
    const unit = optionSelect([["", "（未划分）"], ...unitOpts], p?.unit_id ?? "", { id: "profile-unit-select", "data-field": "unit_id" });
    const kind = optionSelect([["", "（请选择）"], ...KINDS], p?.kind ?? "", { id: "profile-kind-select", "data-field": "kind" });
    const code = textInput({ value: p?.code ?? "", id: "profile-code-input", "data-field": "code" });
    const location = textInput({ value: p?.location ?? "", id: "profile-location-input", "data-field": "location" });
    const dep = unitSelect(dir, p?.department_id ?? "", { id: "profile-department-select", "data-field": "department_id" });
    const person = personSelect(dir, p?.liable_person_id ?? "", { id: "profile-person-select", "data-field": "liable_person_id" });
    const post = postSelect(dir, p?.post_id ?? "", { id: "profile-post-select", "data-field": "post_id" });
    const versions = (accidentTypes?.lists ?? []).map((l): [string, string] => [l.version, `${l.version}（${l.in_force_from} 起）`]);
    const atVersion = optionSelect([["", "现行版本"], ...versions], p?.accident_type_version ?? "", {
      id: "profile-accident-version",
      "data-field": "accident_type_version",
    });
    const accidents = textInput({ value: (p?.accident_types ?? []).join("、"), id: "profile-accidents", "data-field": "accident_types" });
    const current = accidentTypes?.lists.find((l) => l.version === (atVersion.value || accidentTypes?.current_version));
    const body = h(
      "div",
      { class: "form-grid" },
      field("所属单元", unit),
      field("风险点类型", kind),
      field("风险点编号", code),
      field("风险点位置", location),
      field("管控单位", dep),
      field("责任人", person),
      field("岗位", post),
      field("事故类型版本", atVersion),
      field("可能导致的事故类型", accidents, current ? `可选：${current.names.join("、")}` : "多个用顿号分隔"),
    );
    openDialog({
      title: "编辑风险点信息",
      id: "risk-profile-dialog",
      body: [body],
      onSubmit: async () => {
        clearFieldErrors(body);
        try {
          profile = await riskModelApi.updateProfile(pointId, {
            unit_id: unit.value,
            kind: kind.value,
            code: code.value.trim(),
            location: location.value.trim(),
            position: p?.position ?? null,
            department_id: dep.value,
            liable_person_id: person.value,
            post_id: post.value,
            accident_types: accidents.value.split(/[、,，;；\s]+/).map((s) => s.trim()).filter(Boolean),
            accident_type_version: atVersion.value,
            version: p?.version ?? 0,
          });
        } catch (err) {
          showFieldError(body, err);
        }
        toast("已保存");
        renderProfile();
      },
    });
  }

  function renderEvents(): void {
    const isJha = profile?.kind === "operation";
    const live = events.filter((e) => !e.deleted);
    const list = h("ol", { class: "event-list", id: "risk-event-list" });
    for (const e of live) {
      list.append(
        h(
          "li",
          { class: "event", "data-event-id": e.id },
          h("div", { class: "point-head" }, h("h3", { class: "point-name" }, `${e.seq}. ${e.name}`)),
          h(
            "p",
            { class: "muted" },
            [e.step && `${isJha ? "作业步骤" : "检查项目"}：${e.step}`, e.hazard && `${isJha ? "危害" : "不符合标准情况"}：${e.hazard}`, e.consequence && `后果：${e.consequence}`]
              .filter(Boolean)
              .join("；"),
          ),
          e.accident_types?.length ? h("p", { class: "muted" }, `事故类型：${e.accident_types.join("、")}`) : null,
          h(
            "ul",
            { class: "measure-items" },
            ...(e.measures ?? []).map((m) =>
              h(
                "li",
                { "data-measure-class": String(m.measure_class) },
                h("span", { class: "chip" }, measureClassName(m.measure_class)),
                " ",
                m.description || "—",
                h("span", { class: "muted" }, ` （${MODES.find(([v]) => v === controlMode(m.mode))?.[1] ?? "—"}${classify2Name(m.classify2)}${m.proposed ? "，建议新增" : ""}）`),
                m.check_content ? h("div", { class: "muted" }, `排查内容：${m.check_content}`) : null,
              ),
            ),
          ),
          canWrite
            ? actions(
                button("编辑", () => openEventDialog(pointId, e, isJha, () => void reloadEvents()), { class: "small", "data-action": "edit-event" }),
                button("删除", () => deleteEvent(e), { class: "small", "data-action": "delete-event" }, "danger"),
              )
            : null,
        ),
      );
    }
    show(
      eventsBox,
      h(
        "div",
        { class: "card-head" },
        h("h2", { class: "card-title" }, `风险事件与管控措施（${isJha ? "JHA 作业危害分析" : "SCL 安全检查表"}）`),
        canWrite ? button("新增风险事件", () => openEventDialog(pointId, null, isJha, () => void reloadEvents()), { id: "risk-event-create", class: "small" }) : null,
      ),
      live.length ? list : h("div", { class: "empty-state", id: "risk-events-empty" }, "暂无风险事件"),
    );
  }

  function classify2Name(code: string): string {
    if (!code) return "";
    for (const list of Object.values(CLASSIFY2)) {
      const hit = list.find(([v]) => v === code);
      if (hit) return `，${hit[0]} ${hit[1]}`;
    }
    return `，${code}`;
  }

  function deleteEvent(e: RiskEvent): void {
    confirmAction("删除风险事件", `确定删除“${e.name}”及其管控措施吗？`, "删除", async () => {
      await riskModelApi.deleteEvent(e);
      toast("已删除");
      void reloadEvents();
    });
  }

  async function reloadEvents(): Promise<void> {
    try {
      const res = await riskModelApi.events(pointId);
      if (disposed) return;
      events = res.items ?? [];
      renderEvents();
    } catch (err) {
      if (!disposed) show(eventsBox, errorNotice(err, () => void reloadEvents()));
    }
  }

  async function loadRecords(): Promise<void> {
    show(recordsBox, loadingNote("正在加载评价记录…"));
    let records: PointAssessment[] = [];
    try {
      records = (await riskModelApi.records(pointId)).items ?? [];
    } catch (err) {
      if (!disposed) show(recordsBox, errorNotice(err, () => void loadRecords()));
      return;
    }
    if (disposed) return;
    const live = events.filter((e) => !e.deleted);
    const assessBtn =
      canAssess && live.length
        ? button("风险评价", () => openAssessDialog(pointId, live, () => void reloadAfterAssess()), { id: "risk-assess-open", class: "small" }, "primary")
        : null;
    show(
      recordsBox,
      h("div", { class: "card-head" }, h("h2", { class: "card-title" }, "评价记录（JHA / SCL）"), assessBtn),
      canAssess && !live.length ? h("p", { class: "muted" }, "先添加风险事件，再进行评价。") : null,
      recordsView(records),
    );
  }

  async function reloadAfterAssess(): Promise<void> {
    try {
      point = await api.getPoint(pointId);
      renderHead();
    } catch {
      /* the records below still show the new level */
    }
    await loadRecords();
  }

  void load();
  return () => {
    disposed = true;
  };
}
