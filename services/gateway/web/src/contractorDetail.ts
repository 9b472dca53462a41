// A contractor company's detail (dialog): qualification documents, teams, staff with their review,
// blacklisting a person.
import { h } from "./dom";
import { contractorApi } from "./personnelApi";
import { GENDERS, REVIEW_STATUSES, labelOf, type ContractorCompany, type ContractorStaff, type ContractorTeam } from "./personnelTypes";
import { canApi, canOp } from "./session";
import { type Tone, actions, badge, button, dataTable, dateOnly, errorNotice, field, loadingNote, openDialog, promptAction, requireValue, selectBox, show, textInput, toast } from "./ui";

export const REVIEW_TONE: Record<string, Tone> = { pending: "warn", approved: "ok", rejected: "bad" };

export function reviewBadge(status: string): HTMLElement {
  return badge(labelOf(REVIEW_STATUSES, status), REVIEW_TONE[status] ?? "muted", { "data-review-status": status });
}

export function renderCompanyDetail(c: ContractorCompany, onChanged: () => void): void {
  const canReview = canOp("op.contractor.review") && canApi("personnel.contractor.review");
  const canBlacklist = canOp("op.contractor.blacklist") && canApi("personnel.blacklist.write");
  const canWrite = canApi("personnel.contractor.write");
  const teamsBox = h("div", {}, loadingNote());
  const staffBox = h("div", {}, loadingNote());
  let teams: ContractorTeam[] = [];

  const docs = dataTable(
    [
      { label: "资质类型", cell: (d) => d.kind },
      { label: "编号", cell: (d) => d.number || "—" },
      { label: "等级", cell: (d) => d.grade || "—" },
      { label: "有效期至", cell: (d) => dateOnly(d.expires_on) },
    ],
    c.documents ?? [],
    { empty: "未上传资质文件" },
  );

  openDialog({
    title: c.name,
    wide: true,
    id: "contractor-detail",
    body: [
      h(
        "dl",
        { class: "kv" },
        h("dt", {}, "审核状态"),
        h("dd", {}, reviewBadge(c.review_status), c.review_comment ? ` ${c.review_comment}` : ""),
        h("dt", {}, "统一社会信用代码"),
        h("dd", {}, c.credit_code || "—"),
        h("dt", {}, "联系人"),
        h("dd", {}, `${c.contact_name || "—"} ${c.contact_mobile || ""}`),
        h("dt", {}, "地址"),
        h("dd", {}, c.address || "—"),
      ),
      h("h3", { class: "section-title" }, "资质文件"),
      docs,
      h("div", { class: "section-head" }, h("h3", { class: "section-title" }, "施工班组"), canWrite ? button("新增班组", () => addTeam(), { class: "small" }) : null),
      teamsBox,
      h("div", { class: "section-head" }, h("h3", { class: "section-title" }, "承包商人员"), canWrite ? button("新增人员", () => addStaff(), { class: "small" }) : null),
      staffBox,
    ],
  });

  async function load(): Promise<void> {
    try {
      teams = (await contractorApi.teams(c.company_id)).teams ?? [];
      show(
        teamsBox,
        dataTable(
          [
            { label: "班组", cell: (t) => t.name },
            { label: "人数", cell: (t) => String((t.member_person_ids ?? []).length) },
          ],
          teams,
          { empty: "暂无班组" },
        ),
      );
    } catch (err) {
      show(teamsBox, errorNotice(err));
    }
    try {
      const staff = (await contractorApi.staff(c.company_id, "", "")).staff ?? [];
      show(staffBox, staffTable(staff));
    } catch (err) {
      show(staffBox, errorNotice(err));
    }
  }

  function staffTable(staff: ContractorStaff[]): HTMLElement {
    const teamName = (id: string) => teams.find((t) => t.team_id === id)?.name ?? "—";
    return dataTable(
      [
        { label: "姓名", cell: (s) => h("strong", {}, s.name) },
        { label: "性别", cell: (s) => labelOf(GENDERS, s.gender) },
        { label: "工种", cell: (s) => s.work_type || "—" },
        { label: "班组", cell: (s) => teamName(s.team_id) },
        { label: "审核", cell: (s) => [reviewBadge(s.review_status), s.person_status === "left" ? badge("已离场", "muted") : null] },
        {
          label: "操作",
          cell: (s) =>
            actions(
              canReview && s.review_status !== "approved" ? button("通过", () => review(s, "approve"), { class: "small" }) : null,
              canReview && s.review_status !== "rejected" ? button("驳回", () => review(s, "reject"), { class: "small" }) : null,
              canBlacklist ? button("加入黑名单", () => blacklist(s), { class: "small danger" }) : null,
            ),
        },
      ],
      staff,
      { empty: "暂无人员", rowAttrs: (s) => ({ "data-person-id": s.person_id }) },
    );
  }

  function review(s: ContractorStaff, decision: "approve" | "reject"): void {
    promptAction(decision === "approve" ? `审核通过：${s.name}` : `驳回：${s.name}`, decision === "approve" ? "审核意见（可选）" : "驳回原因", decision === "approve" ? "通过" : "驳回", async (comment) => {
      await contractorApi.reviewStaff(s.person_id, decision, comment);
      toast("审核已记录");
      await load();
    }, { required: decision === "reject" });
  }

  function blacklist(s: ContractorStaff): void {
    promptAction(`将“${s.name}”加入黑名单`, "原因", "加入黑名单", async (reason) => {
      await contractorApi.addToBlacklist("person", s.person_id, reason);
      toast("已加入黑名单");
      onChanged();
    }, { multiline: true });
  }

  function addTeam(): void {
    promptAction("新增班组", "班组名称", "新增", async (name) => {
      await contractorApi.createTeam(c.company_id, name);
      toast("已新增班组");
      await load();
    });
  }

  function addStaff(): void {
    const name = textInput();
    const gender = selectBox(GENDERS, "male");
    const mobile = textInput({ inputmode: "numeric", maxlength: 11 });
    const idNo = textInput({ maxlength: 18 });
    const work = textInput();
    const team = selectBox([["", "不分配班组"], ...teams.map((t) => [t.team_id, t.name] as const)], "");
    openDialog({
      title: `新增人员：${c.name}`,
      body: [field("姓名", name), field("性别", gender), field("手机号", mobile), field("身份证号", idNo), field("工种", work), field("班组", team)],
      onSubmit: async () => {
        await contractorApi.createStaff(c.company_id, {
          team_id: team.value,
          name: requireValue(name.value, "姓名"),
          gender: gender.value,
          mobile: mobile.value.trim(),
          id_number: idNo.value.trim().toUpperCase(),
          work_type: work.value.trim(),
        });
        toast("已新增，待审核");
        await load();
      },
    });
  }

  void load();
}
