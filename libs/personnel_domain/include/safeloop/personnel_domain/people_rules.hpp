#pragma once
/// @file people_rules.hpp
/// The fields of a person and how they look to users: codes (API) ↔ Chinese labels (forms, .xlsx), the
/// columns of the people template, and the field checks every way of creating a person goes through
/// (the API and the bulk import report the same problems in the same words).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/text.hpp"

namespace safeloop::personnel_domain {

/// Leading and trailing ASCII whitespace and ideographic spaces (U+3000) removed.
std::string TrimText(std::string_view text);
using ::safeloop::Utf8Length;  // safeloop/core/text.hpp

/// A code with its label, e.g. {"male", "男"}.
struct CodeLabel {
  std::string_view code;
  std::string_view label;
};
const std::vector<CodeLabel>& Genders();      // male 男, female 女
const std::vector<CodeLabel>& PersonTypes();  // employee 正式员工, intern 实习生, outsourced 外包人员, visitor 访客
/// The code for a label or a code itself (users and scripts both write them); nullopt otherwise.
std::optional<std::string> CodeOf(const std::vector<CodeLabel>& table, std::string_view label_or_code);
/// The label of a code ("" for an unknown code).
std::string_view LabelOf(const std::vector<CodeLabel>& table, std::string_view code);
/// 是/否 (also Y/N, yes/no, true/false, 1/0); "" reads as 否. nullopt for anything else.
std::optional<bool> ParseYesNo(std::string_view text);
std::string_view YesNoLabel(bool value);

/// A person's own fields (units are references resolved elsewhere), as entered.
struct PersonFields {
  std::string employee_no;
  std::string name;
  std::string gender;       // code
  std::string title;
  std::string professional_title;
  std::string work_type;
  std::string person_type;  // code
  bool special_operation = false;
  std::string mobile;
  std::string id_number;
};

struct FieldProblem {
  std::string field;    // API field name, e.g. "mobile"
  std::string message;  // Chinese, says what to enter

  friend bool operator==(const FieldProblem&, const FieldProblem&) = default;
};

/// Every problem of `fields`, in column order: required 工号/姓名/性别/人员类型, lengths, 工号 characters,
/// codes, mobile (11 digits 1[3-9]…), ID number (GB 11643 check digit). Empty when valid.
std::vector<FieldProblem> ValidatePersonFields(const PersonFields& fields);

/// One column of the people .xlsx template (and export: the same columns, so an export re-imports).
struct PeopleColumn {
  std::string_view field;   // API field: employee_no, name, gender, unit, post, title, professional_title,
                            // work_type, person_type, special_operation, mobile, id_number
  std::string_view header;  // Chinese header without the "*" marker
  bool required = false;
  bool text = false;        // formatted as text (IDs, phone numbers)
  double width = 14;
  std::string_view note;    // what to enter, shown on the header and in the 说明 sheet
};
const std::vector<PeopleColumn>& PeopleColumns();
/// The column of an API field, or nullptr.
const PeopleColumn* PeopleColumnOfField(std::string_view field);

}  // namespace safeloop::personnel_domain
