#include "safeloop/risk_domain/control_measures.hpp"

#include "text_checks.hpp"

namespace safeloop::risk {
namespace {

constexpr std::array<MemControlSubclass, 17> kSubclasses = {{
    {"1-1", MemControlClass::kEngineering, "工艺控制"},
    {"1-2", MemControlClass::kEngineering, "关键设备/部件"},
    {"1-3", MemControlClass::kEngineering, "安全附件"},
    {"1-4", MemControlClass::kEngineering, "安全仪表"},
    {"1-5", MemControlClass::kEngineering, "其它"},
    {"2-1", MemControlClass::kMaintenance, "动设备"},
    {"2-2", MemControlClass::kMaintenance, "静设备"},
    {"2-3", MemControlClass::kMaintenance, "其它"},
    {"3-1", MemControlClass::kOperation, "人员资质"},
    {"3-2", MemControlClass::kOperation, "操作记录"},
    {"3-3", MemControlClass::kOperation, "交接班"},
    {"3-4", MemControlClass::kOperation, "其它"},
    {"4-1", MemControlClass::kEmergency, "应急设施"},
    {"4-2", MemControlClass::kEmergency, "个体防护"},
    {"4-3", MemControlClass::kEmergency, "消防设施"},
    {"4-4", MemControlClass::kEmergency, "应急预案"},
    {"4-5", MemControlClass::kEmergency, "其它"},
}};

constexpr std::string_view kStaffQualification = "3-1";
constexpr std::string_view kPersonalProtection = "4-2";

}  // namespace

std::string_view ControlClassNameZh(ControlClass control_class) {
  switch (control_class) {
    case ControlClass::kEngineering: return "工程技术措施";
    case ControlClass::kManagement: return "管理措施";
    case ControlClass::kTraining: return "培训教育措施";
    case ControlClass::kPersonalProtection: return "个体防护措施";
    case ControlClass::kEmergency: return "应急处置措施";
  }
  return {};
}

std::string_view ControlClassCode(ControlClass control_class) {
  switch (control_class) {
    case ControlClass::kEngineering: return "engineering";
    case ControlClass::kManagement: return "management";
    case ControlClass::kTraining: return "training";
    case ControlClass::kPersonalProtection: return "personal_protection";
    case ControlClass::kEmergency: return "emergency";
  }
  return {};
}

std::optional<ControlClass> ControlClassFromCode(int code) {
  if (code < 1 || code > 5) return std::nullopt;
  return static_cast<ControlClass>(code);
}

std::optional<ControlClass> ControlClassFromNameZh(std::string_view name) {
  constexpr std::string_view kSuffix = "措施";
  for (ControlClass c : kAllControlClasses) {
    std::string_view full = ControlClassNameZh(c);
    std::string_view short_name = full.substr(0, full.size() - kSuffix.size());
    // 管理措施 has no short form in the column heads ("管理" alone would be ambiguous in free text).
    if (name == full || (c != ControlClass::kManagement && name == short_name)) return c;
  }
  return std::nullopt;
}

std::string_view MemControlClassNameZh(MemControlClass mem_class) {
  switch (mem_class) {
    case MemControlClass::kEngineering: return "工程技术";
    case MemControlClass::kMaintenance: return "维护保养";
    case MemControlClass::kOperation: return "操作行为";
    case MemControlClass::kEmergency: return "应急措施";
  }
  return {};
}

std::optional<MemControlClass> MemControlClassFromCode(int code) {
  if (code < 1 || code > 4) return std::nullopt;
  return static_cast<MemControlClass>(code);
}

std::span<const MemControlSubclass> MemControlSubclasses() { return kSubclasses; }

std::optional<MemControlSubclass> FindMemControlSubclass(std::string_view code) {
  for (const MemControlSubclass& sub : kSubclasses) {
    if (sub.code == code) return sub;
  }
  return std::nullopt;
}

MemClassification MemClassForRecord(ControlClass control_class) {
  switch (control_class) {
    case ControlClass::kEngineering: return {MemControlClass::kEngineering, std::nullopt};
    // Procedures, permits and inspections govern how people operate: 操作行为.
    case ControlClass::kManagement: return {MemControlClass::kOperation, std::nullopt};
    // Training is what makes staff qualified: 操作行为 / 人员资质.
    case ControlClass::kTraining: return {MemControlClass::kOperation, kStaffQualification};
    // MEM files PPE under the emergency class.
    case ControlClass::kPersonalProtection: return {MemControlClass::kEmergency, kPersonalProtection};
    case ControlClass::kEmergency: return {MemControlClass::kEmergency, std::nullopt};
  }
  return {MemControlClass::kEngineering, std::nullopt};
}

Result<ControlClass> RecordClassForMem(MemControlClass classify1, std::string_view classify2) {
  if (!MemControlClassFromCode(static_cast<int>(classify1))) {
    return InvalidArgument("classify1 must be 1..4; got " + std::to_string(static_cast<int>(classify1)), "classify1");
  }
  if (!classify2.empty()) {
    std::optional<MemControlSubclass> sub = FindMemControlSubclass(classify2);
    if (!sub || sub->parent != classify1) {
      return InvalidArgument("classify2 \"" + std::string(classify2) + "\" is not a subclass of classify1 " +
                                 std::to_string(static_cast<int>(classify1)) + " " +
                                 std::string(MemControlClassNameZh(classify1)),
                             "classify2");
    }
  }
  switch (classify1) {
    case MemControlClass::kEngineering: return ControlClass::kEngineering;
    case MemControlClass::kMaintenance: return ControlClass::kManagement;
    case MemControlClass::kOperation:
      return classify2 == kStaffQualification ? ControlClass::kTraining : ControlClass::kManagement;
    case MemControlClass::kEmergency:
      return classify2 == kPersonalProtection ? ControlClass::kPersonalProtection : ControlClass::kEmergency;
  }
  return ControlClass::kManagement;
}

bool ControlMeasureSet::Empty() const {
  for (const auto& measures : by_class) {
    if (!measures.empty()) return false;
  }
  return true;
}

Status ValidateControlMeasureSet(const ControlMeasureSet& set, const std::string& field, bool required) {
  for (ControlClass c : kAllControlClasses) {
    const std::vector<std::string>& measures = set.Of(c);
    std::string where = field + "." + std::string(ControlClassCode(c));
    if (measures.size() > kMaxMeasuresPerClass) {
      return InvalidArgument(where + " (" + std::string(ControlClassNameZh(c)) + ") may list at most " +
                                 std::to_string(kMaxMeasuresPerClass) + " measures; got " +
                                 std::to_string(measures.size()),
                             where);
    }
    for (std::size_t i = 0; i < measures.size(); ++i) {
      SAFELOOP_RETURN_IF_ERROR(internal::CheckText(measures[i], where + "[" + std::to_string(i) + "]",
                                                   ControlClassNameZh(c), kMaxMeasureChars, true));
    }
  }
  if (set.none && !set.Empty()) {
    return InvalidArgument(field + " is marked none (无) but lists measures; clear one or the other", field + ".none");
  }
  if (required && !set.none && set.Empty()) {
    return InvalidArgument(field +
                               " must list at least one measure in the five classes (工程技术措施, 管理措施, "
                               "培训教育措施, 个体防护措施, 应急处置措施) or be marked none (无)",
                           field);
  }
  return Status::Ok();
}

}  // namespace safeloop::risk
