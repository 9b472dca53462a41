// 人员导入: file input → POST the raw .xlsx to /api/v1/personnel/people-import. All or nothing: on 422 the
// problems table (行/列/表头/问题) says what to fix and nothing was imported; on 200 the count.
import { describeError } from "./api";
import { h } from "./dom";
import { peopleApi } from "./personnelApi";
import type { ImportPeopleResponse } from "./personnelTypes";
import { dataTable, show } from "./ui";

const MAX_BYTES = 10 * 1024 * 1024;

/** The hidden file input and the result area; `onImported` reloads the list. */
export function importControls(onImported: () => void): { input: HTMLInputElement; result: HTMLElement; pick(): void } {
  const input = h("input", {
    type: "file",
    id: "import-file",
    accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    class: "visually-hidden",
    tabindex: -1,
  });
  const result = h("div", { id: "import-result", "aria-live": "polite" });

  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = ""; // the same file can be chosen again after fixing it
    if (!file) return;
    void run(file);
  });

  async function run(file: File): Promise<void> {
    if (!/\.xlsx$/i.test(file.name)) {
      show(result, h("div", { class: "notice error", role: "alert", id: "import-error" }, "请选择 .xlsx 格式的 Excel 文件（可先下载模板）。"));
      return;
    }
    if (file.size > MAX_BYTES) {
      show(result, h("div", { class: "notice error", role: "alert", id: "import-error" }, "文件超过 10 MB，请分批导入。"));
      return;
    }
    show(result, h("p", { class: "notice info", id: "import-progress" }, `正在导入“${file.name}”…`));
    let res: ImportPeopleResponse;
    try {
      res = await peopleApi.importXlsx(file);
    } catch (err) {
      show(result, h("div", { class: "notice error", role: "alert", id: "import-error" }, `导入失败：${describeError(err)}`));
      return;
    }
    if (res.accepted) {
      const n = Number(res.imported) || 0;
      show(
        result,
        h("div", { class: "notice success", role: "status", id: "import-success", "data-imported": n }, `导入成功：共导入 ${n} 人。`),
      );
      onImported();
      return;
    }
    const problems = Array.isArray(res.problems) ? res.problems : [];
    show(
      result,
      h(
        "div",
        { class: "import-problems card", id: "import-problems", "data-problem-count": problems.length },
        h(
          "div",
          { class: "notice error", role: "alert" },
          `文件有 ${problems.length} 处问题，未导入任何人员（共读取 ${Number(res.total_rows) || 0} 行）。请修改后重新导入。`,
        ),
        dataTable(
          [
            { label: "行", cell: (p) => (p.row ? String(p.row) : "—"), cls: "num" },
            { label: "列", cell: (p) => p.column || "—" },
            { label: "表头", cell: (p) => p.header || "—" },
            { label: "问题", cell: (p) => p.message },
          ],
          problems,
          {
            id: "import-problems-table",
            rowAttrs: (p) => ({ "data-row": p.row, "data-column": p.column, "data-header": p.header }),
          },
        ),
      ),
    );
  }

  return { input, result, pick: () => input.click() };
}
