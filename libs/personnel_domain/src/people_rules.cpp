#include "safeloop/personnel_domain/people_rules.hpp"

#include <algorithm>
#include <cctype>

#include "safeloop/personnel_domain/identifiers.hpp"

namespace safeloop::personnel_domain {
namespace {

constexpr std::string_view kIdeographicSpace = "\u3000";

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

void CheckLength(std::vector<FieldProblem>& out, const std::string& value, const char* field, std::string_view label,
                 long max) {
  long n = Utf8Length(value);
  if (n < 0) {
    out.push_back({field, std::string(label) + "含有无效字符（不是UTF-8文本）"});
  } else if (n > max) {
    out.push_back({field, std::string(label) + "最多" + std::to_string(max) + "个字"});
  }
}

}  // namespace

std::string TrimText(std::string_view text) {
  while (true) {
    if (!text.empty() && IsAsciiSpace(text.front())) {
      text.remove_prefix(1);
    } else if (text.substr(0, kIdeographicSpace.size()) == kIdeographicSpace) {
      text.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  while (true) {
    if (!text.empty() && IsAsciiSpace(text.back())) {
      text.remove_suffix(1);
    } else if (text.size() >= kIdeographicSpace.size() &&
               text.substr(text.size() - kIdeographicSpace.size()) == kIdeographicSpace) {
      text.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return std::string(text);
}


const std::vector<CodeLabel>& Genders() {
  static const std::vector<CodeLabel> table = {{"male", "男"}, {"female", "女"}};
  return table;
}

const std::vector<CodeLabel>& PersonTypes() {
  static const std::vector<CodeLabel> table = {
      {"employee", "正式员工"}, {"intern", "实习生"}, {"outsourced", "外包人员"}, {"visitor", "访客"}};
  return table;
}

std::optional<std::string> CodeOf(const std::vector<CodeLabel>& table, std::string_view label_or_code) {
  std::string wanted = TrimText(label_or_code);
  for (const auto& e : table) {
    if (e.label == wanted || e.code == Lower(wanted)) return std::string(e.code);
  }
  return std::nullopt;
}

std::string_view LabelOf(const std::vector<CodeLabel>& table, std::string_view code) {
  for (const auto& e : table) {
    if (e.code == code) return e.label;
  }
  return "";
}

std::optional<bool> ParseYesNo(std::string_view text) {
  std::string t = Lower(TrimText(text));
  if (t.empty() || t == "否" || t == "n" || t == "no" || t == "false" || t == "0") return false;
  if (t == "是" || t == "y" || t == "yes" || t == "true" || t == "1") return true;
  return std::nullopt;
}

std::string_view YesNoLabel(bool value) { return value ? "是" : "否"; }

std::vector<FieldProblem> ValidatePersonFields(const PersonFields& f) {
  std::vector<FieldProblem> out;
  if (f.employee_no.empty()) {
    out.push_back({"employee_no", "工号不能为空"});
  } else {
    CheckLength(out, f.employee_no, "employee_no", "工号", 50);
    bool plain = std::all_of(f.employee_no.begin(), f.employee_no.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
    if (!plain) out.push_back({"employee_no", "工号只能包含字母、数字和 - _ ."});
  }
  if (TrimText(f.name).empty()) {
    out.push_back({"name", "姓名不能为空"});
  } else {
    CheckLength(out, f.name, "name", "姓名", 50);
  }
  if (f.gender.empty()) {
    out.push_back({"gender", "性别不能为空（男/女）"});
  } else if (LabelOf(Genders(), f.gender).empty()) {
    out.push_back({"gender", "性别只能是“男”或“女”"});
  }
  CheckLength(out, f.title, "title", "职务", 50);
  CheckLength(out, f.professional_title, "professional_title", "职称", 50);
  CheckLength(out, f.work_type, "work_type", "工种", 50);
  if (f.person_type.empty()) {
    out.push_back({"person_type", "人员类型不能为空（正式员工/实习生/外包人员/访客）"});
  } else if (LabelOf(PersonTypes(), f.person_type).empty()) {
    out.push_back({"person_type", "人员类型只能是正式员工、实习生、外包人员或访客"});
  }
  if (!f.mobile.empty()) {
    if (Status s = ValidateMobile(f.mobile); !s.ok()) out.push_back({"mobile", "手机号应为11位数字，以13-19开头"});
  }
  if (!f.id_number.empty()) {
    if (Status s = ValidateIdNumber(f.id_number); !s.ok()) out.push_back({"id_number", s.message()});
  }
  return out;
}

const std::vector<PeopleColumn>& PeopleColumns() {
  static const std::vector<PeopleColumn> columns = {
      {"employee_no", "工号", true, true, 14, "企业内唯一；字母、数字和 - _ .，最多50位"},
      {"name", "姓名", true, false, 12, "最多50个字"},
      {"gender", "性别", true, false, 8, "男 或 女"},
      {"unit", "所属部门", true, false, 28,
       "组织架构中的部门/车间/班组：写从公司以下的路径，如“生产部/一车间”；名称唯一时也可只写“一车间”"},
      {"post", "岗位", false, false, 20, "组织架构中的岗位，写法同所属部门；可不填"},
      {"title", "职务", false, false, 12, "如 班长、主任，最多50个字"},
      {"professional_title", "职称", false, false, 12, "如 工程师，最多50个字"},
      {"work_type", "工种", false, false, 12, "如 电工、焊工，最多50个字"},
      {"person_type", "人员类型", true, false, 12, "正式员工、实习生、外包人员 或 访客"},
      {"special_operation", "是否特种作业人员", false, false, 18, "是 或 否；不填视为否"},
      {"mobile", "手机号", false, true, 16, "11位手机号，可不填"},
      {"id_number", "身份证号", false, true, 22, "18位居民身份证号（校验位会被检查），可不填"},
  };
  return columns;
}

const PeopleColumn* PeopleColumnOfField(std::string_view field) {
  for (const auto& c : PeopleColumns()) {
    if (c.field == field) return &c;
  }
  return nullptr;
}

}  // namespace safeloop::personnel_domain
