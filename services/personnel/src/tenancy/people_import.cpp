#include "tenancy/people_import.hpp"

#include "safeloop/personnel_domain/people_rules.hpp"

namespace safeloop::personnel::tenancy {
namespace {

using personnel_domain::UnitKind;

const std::vector<UnitKind> kMemberUnits = {UnitKind::kCompany, UnitKind::kDepartment, UnitKind::kWorkshop,
                                            UnitKind::kTeam};

class RowProblems {
 public:
  RowProblems(const PeopleSheet& sheet, int row, std::vector<v1::ImportProblem>& out)
      : sheet_(sheet), row_(row), out_(out) {}

  void Add(const std::string& field, const std::string& message) {
    v1::ImportProblem p;
    p.set_row(row_);
    if (auto it = sheet_.columns.find(field); it != sheet_.columns.end()) {
      p.set_column(it->second.first);
      p.set_header(it->second.second);
    } else if (const auto* column = personnel_domain::PeopleColumnOfField(field)) {
      p.set_header(std::string(column->header));
    }
    p.set_message(message);
    out_.push_back(std::move(p));
    ++count_;
  }
  int count() const { return count_; }

 private:
  const PeopleSheet& sheet_;
  int row_;
  std::vector<v1::ImportProblem>& out_;
  int count_ = 0;
};

std::string Cell(const PeopleSheetRow& row, const char* field) {
  auto it = row.cells.find(field);
  return it == row.cells.end() ? "" : it->second;
}

}  // namespace

ImportCheck CheckPeopleRows(const PeopleSheet& sheet, const personnel_domain::OrgTree& tree, const DataScope& scope,
                            const std::set<std::string>& existing_employee_nos) {
  ImportCheck out;
  out.problems = sheet.problems;
  std::map<std::string, int> first_row_of;  // employee_no -> first row using it
  for (const auto& row : sheet.rows) {
    RowProblems problems(sheet, row.number, out.problems);
    personnel_domain::PersonFields f;
    f.employee_no = Cell(row, "employee_no");
    f.name = Cell(row, "name");
    // An unknown label is kept as typed so the field check reports it in its own words.
    const std::string gender = Cell(row, "gender");
    f.gender = personnel_domain::CodeOf(personnel_domain::Genders(), gender).value_or(gender);
    const std::string type = Cell(row, "person_type");
    f.person_type = personnel_domain::CodeOf(personnel_domain::PersonTypes(), type).value_or(type);
    f.title = Cell(row, "title");
    f.professional_title = Cell(row, "professional_title");
    f.work_type = Cell(row, "work_type");
    f.mobile = Cell(row, "mobile");
    f.id_number = Cell(row, "id_number");
    auto special = personnel_domain::ParseYesNo(Cell(row, "special_operation"));
    f.special_operation = special.value_or(false);

    // Problems in column order, as a person reads the row.
    auto field_problems = personnel_domain::ValidatePersonFields(f);
    auto report_fields = [&](const char* field) {
      for (const auto& p : field_problems) {
        if (p.field == field) problems.Add(p.field, p.message);
      }
    };
    report_fields("employee_no");
    if (!f.employee_no.empty()) {
      auto [it, fresh] = first_row_of.emplace(f.employee_no, row.number);
      if (!fresh) {
        problems.Add("employee_no", "工号" + f.employee_no + "与第" + std::to_string(it->second) + "行重复");
      } else if (existing_employee_nos.count(f.employee_no) > 0) {
        problems.Add("employee_no", "工号" + f.employee_no + "已存在（企业内已有此工号的人员）");
      }
    }
    report_fields("name");
    report_fields("gender");

    std::string unit_id, post_id;
    const std::string unit_ref = Cell(row, "unit");
    if (unit_ref.empty()) {
      problems.Add("unit", "所属部门不能为空");
    } else if (auto unit = tree.Resolve(unit_ref, kMemberUnits, "unit"); !unit.ok()) {
      problems.Add("unit", unit.status().message());
    } else if (!scope.CoversUnit(tree, *unit)) {
      problems.Add("unit", "“" + unit_ref + "”不在您的数据范围内，不能导入该单位的人员");
    } else {
      unit_id = *unit;
    }
    if (const std::string post_ref = Cell(row, "post"); !post_ref.empty()) {
      if (auto post = tree.Resolve(post_ref, {UnitKind::kPost}, "post"); !post.ok()) {
        problems.Add("post", post.status().message());
      } else {
        post_id = *post;
      }
    }
    for (const char* field : {"title", "professional_title", "work_type", "person_type"}) report_fields(field);
    if (!special) problems.Add("special_operation", "是否特种作业人员只能填“是”或“否”");
    report_fields("mobile");
    report_fields("id_number");

    v1::PersonInput p;
    p.set_unit_id(unit_id);
    p.set_post_id(post_id);
    p.set_employee_no(f.employee_no);
    p.set_name(f.name);
    p.set_gender(f.gender);
    p.set_title(f.title);
    p.set_professional_title(f.professional_title);
    p.set_work_type(f.work_type);
    p.set_person_type(f.person_type);
    p.set_special_operation(f.special_operation);
    p.set_mobile(f.mobile);
    p.set_id_number(f.id_number);
    out.people.push_back(std::move(p));
  }
  return out;
}

}  // namespace safeloop::personnel::tenancy
