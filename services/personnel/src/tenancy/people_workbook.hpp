#pragma once
// The people .xlsx: the template (header row with Chinese headers, required ones marked "*", dropdowns for
// 性别/人员类型/是否特种作业人员, text format for 工号/手机号/身份证号, and a 说明 sheet explaining each column and
// listing the enterprise's units), the export (the template's columns, so an export imports again), and
// reading an upload back into rows by field.
//
// 所属部门 and 岗位 are unit references: the names below the company joined by "/" ("生产部/一车间"), or any
// tail of that path that names one active unit ("一车间" while it is the only one). The export always writes
// the path below the company (the company's own name for people directly under it).

#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/personnel/v1/people.pb.h"
#include "safeloop/personnel_domain/org_tree.hpp"
#include "tenancy/people_import.hpp"

namespace safeloop::personnel::tenancy {

inline constexpr const char* kPeopleSheetName = "人员";
inline constexpr const char* kInstructionsSheetName = "说明";
/// Most data rows one import takes (larger files are refused with a problem, not read half).
inline constexpr int kMaxImportRows = 5000;

/// Template (people empty) or export. Person rows carry unit_path/post_path as the references to write.
Result<std::string> WritePeopleWorkbook(const std::vector<v1::Person>& people, const personnel_domain::OrgTree& tree);

/// Reads the 人员 sheet (or the first sheet): header row = first non-empty row. INVALID_ARGUMENT (field "xlsx")
/// when the bytes are not a readable .xlsx; header and size problems come back in PeopleSheet::problems.
Result<PeopleSheet> ReadPeopleSheet(std::string_view xlsx_bytes);

}  // namespace safeloop::personnel::tenancy
