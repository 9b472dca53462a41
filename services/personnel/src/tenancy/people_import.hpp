#pragma once
// The checks of a people import, without I/O: every data row of the sheet is turned into a PersonInput or
// into problems located by row and column (all rows are checked, nothing stops at the first problem).
// Checked: required cells, 性别/人员类型/是否特种作业人员 labels, 工号 characters and duplicates (inside the file
// and against the enterprise), mobile, ID number check digit, 所属部门/岗位 references against the org tree,
// and that every 所属部门 lies in the caller's data scope.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "safeloop/personnel/v1/people.pb.h"
#include "safeloop/personnel_domain/org_tree.hpp"
#include "tenancy/data_scope.hpp"

namespace safeloop::personnel::tenancy {

/// One data row by API field (employee_no, name, gender, unit, post, ...; see PeopleColumns()), cells trimmed.
struct PeopleSheetRow {
  int number = 0;  // Excel row number
  std::map<std::string, std::string> cells;
};

/// What was read from the uploaded sheet.
struct PeopleSheet {
  std::vector<PeopleSheetRow> rows;
  /// field -> {column letter, header as written}; optional columns the file lacks are absent.
  std::map<std::string, std::pair<std::string, std::string>> columns;
  /// Problems of the file itself (missing header columns, too many rows, no data).
  std::vector<v1::ImportProblem> problems;
};

struct ImportCheck {
  std::vector<v1::PersonInput> people;  // one per row, in row order (complete only when problems is empty)
  std::vector<v1::ImportProblem> problems;
};

ImportCheck CheckPeopleRows(const PeopleSheet& sheet, const personnel_domain::OrgTree& tree, const DataScope& scope,
                            const std::set<std::string>& existing_employee_nos);

}  // namespace safeloop::personnel::tenancy
