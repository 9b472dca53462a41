#include "tenancy/people_workbook.hpp"

#include "safeloop/personnel_domain/people_rules.hpp"
#include "safeloop/xlsx/import.hpp"
#include "safeloop/xlsx/reader.hpp"
#include "safeloop/xlsx/writer.hpp"

namespace safeloop::personnel::tenancy {
namespace {

using personnel_domain::PeopleColumns;

std::vector<std::string> Labels(const std::vector<personnel_domain::CodeLabel>& table) {
  std::vector<std::string> out;
  for (const auto& e : table) out.emplace_back(e.label);
  return out;
}

std::string CellOf(const v1::Person& p, std::string_view field) {
  if (field == "employee_no") return p.employee_no();
  if (field == "name") return p.name();
  if (field == "gender") return std::string(personnel_domain::LabelOf(personnel_domain::Genders(), p.gender()));
  if (field == "unit") return p.unit_path();
  if (field == "post") return p.post_path();
  if (field == "title") return p.title();
  if (field == "professional_title") return p.professional_title();
  if (field == "work_type") return p.work_type();
  if (field == "person_type") {
    return std::string(personnel_domain::LabelOf(personnel_domain::PersonTypes(), p.person_type()));
  }
  if (field == "special_operation") return std::string(personnel_domain::YesNoLabel(p.special_operation()));
  if (field == "mobile") return p.mobile();
  if (field == "id_number") return p.id_number();
  return "";
}

xlsx::SheetSpec Instructions(const personnel_domain::OrgTree& tree) {
  xlsx::SheetSpec sheet;
  sheet.name = kInstructionsSheetName;
  sheet.columns = {{"列名", 18, {}, "", false}, {"是否必填", 10, {}, "", false}, {"填写说明", 80, {}, "", false}};
  for (const auto& c : PeopleColumns()) {
    sheet.rows.push_back({std::string(c.header), std::string(c.required ? "必填" : "选填"), std::string(c.note)});
  }
  sheet.rows.push_back({});
  sheet.rows.push_back({std::string("导入规则"), std::monostate{},
                        std::string("整个文件全部校验通过才会导入；有任何错误时一条也不导入，并列出每个错误所在的行和列。"
                                    "工号在企业内不能重复（包括文件内和系统中已有人员）。")});
  sheet.rows.push_back({});
  sheet.rows.push_back({std::string("可填写的单位"), std::string("类型"), std::string("所属部门/岗位列可填写的路径")});
  if (const auto* root = tree.Root()) {
    for (const auto& id : tree.Subtree(root->id)) {
      const auto* u = tree.Find(id);
      if (!u->active) continue;
      bool under_closed = false;
      for (const auto& a : tree.AncestorsOf(id)) under_closed = under_closed || !tree.Find(a)->active;
      if (under_closed) continue;
      sheet.rows.push_back({std::monostate{}, std::string(personnel_domain::UnitKindLabel(u->kind)), tree.Path(id)});
    }
  }
  return sheet;
}

}  // namespace

Result<std::string> WritePeopleWorkbook(const std::vector<v1::Person>& people, const personnel_domain::OrgTree& tree) {
  xlsx::SheetSpec sheet;
  sheet.name = kPeopleSheetName;
  for (const auto& c : PeopleColumns()) {
    xlsx::ColumnSpec column;
    column.header = std::string(c.header) + (c.required ? "*" : "");
    column.width = c.width;
    column.note = std::string(c.note);
    column.text = c.text;
    if (c.field == "gender") column.allowed_values = Labels(personnel_domain::Genders());
    if (c.field == "person_type") column.allowed_values = Labels(personnel_domain::PersonTypes());
    if (c.field == "special_operation") column.allowed_values = {"是", "否"};
    sheet.columns.push_back(std::move(column));
  }
  for (const auto& p : people) {
    std::vector<xlsx::CellValue> row;
    for (const auto& c : PeopleColumns()) {
      std::string text = CellOf(p, c.field);
      row.push_back(text.empty() ? xlsx::CellValue{} : xlsx::CellValue{std::move(text)});
    }
    sheet.rows.push_back(std::move(row));
  }
  return xlsx::WriteWorkbook({sheet, Instructions(tree)});
}

Result<PeopleSheet> ReadPeopleSheet(std::string_view xlsx_bytes) {
  auto book = xlsx::ReadWorkbook(xlsx_bytes);
  if (!book.ok()) return InvalidArgument(book.status().message(), "xlsx");
  const xlsx::Sheet* sheet = book->FindSheet(kPeopleSheetName);
  if (sheet == nullptr) {
    for (const auto& s : book->sheets) {
      if (!s.hidden) {
        sheet = &s;
        break;
      }
    }
  }
  PeopleSheet out;
  auto file_problem = [&](int row, std::string message) {
    v1::ImportProblem p;
    p.set_row(row);
    p.set_message(std::move(message));
    out.problems.push_back(std::move(p));
  };
  if (sheet == nullptr || sheet->rows.empty()) {
    file_problem(1, "文件中没有人员数据：请使用下载的模板，在“人员”工作表第2行起填写");
    return out;
  }
  const xlsx::Row& header_row = sheet->rows.front();
  std::vector<std::string> required, optional;
  for (const auto& c : PeopleColumns()) (c.required ? required : optional).emplace_back(c.header);
  auto headers = xlsx::HeaderMap::Build(header_row.cells, required, optional);
  if (!headers.ok()) {
    file_problem(header_row.number, "表头不正确：" + headers.status().message() + "（请使用下载的模板）");
    return out;
  }
  for (const auto& c : PeopleColumns()) {
    if (auto column = headers->Column(c.header)) {
      out.columns[std::string(c.field)] = {xlsx::ColumnLetter(static_cast<int>(*column)),
                                           xlsx::NormalizeHeader(header_row.Cell(*column))};
    }
  }
  for (std::size_t i = 1; i < sheet->rows.size(); ++i) {
    const xlsx::Row& row = sheet->rows[i];
    PeopleSheetRow data;
    data.number = row.number;
    bool blank = true;
    for (const auto& c : PeopleColumns()) {
      std::string text = personnel_domain::TrimText(headers->Cell(row, c.header));
      blank = blank && text.empty();
      if (!text.empty()) data.cells[std::string(c.field)] = std::move(text);
    }
    if (blank) continue;  // rows with only spaces, or cells outside the template's columns
    if (static_cast<int>(out.rows.size()) == kMaxImportRows) {
      file_problem(row.number, "一次最多导入" + std::to_string(kMaxImportRows) + "人，请拆分文件");
      return out;
    }
    out.rows.push_back(std::move(data));
  }
  if (out.rows.empty()) file_problem(header_row.number + 1, "文件中没有人员数据：请从表头下一行起填写");
  return out;
}

}  // namespace safeloop::personnel::tenancy
