#pragma once
/// @file control_measures.hpp
/// Control-measure classes (standards.md §1.7): the five record classes of the Chinese JHA/SCL forms and the
/// four-class list (classify1, with its classify2 subclasses) of the MEM exchange model (exchange.md
/// sec_security_risk_control_measures), with a documented mapping between them, and the five-class set of
/// measures a record row carries. Pure, no I/O.
///
/// Mapping (record class ↔ MEM classify1 / classify2):
///
/// | record class   | → MEM                    | ← from MEM                                          |
/// |----------------|--------------------------|-----------------------------------------------------|
/// | 工程技术措施   | 1 工程技术               | 1 工程技术 (any classify2)                          |
/// | 管理措施       | 3 操作行为               | 2 维护保养 (any), 3 操作行为 except 3-1             |
/// | 培训教育措施   | 3 操作行为, 3-1 人员资质 | 3-1 人员资质                                        |
/// | 个体防护措施   | 4 应急措施, 4-2 个体防护 | 4-2 个体防护                                        |
/// | 应急处置措施   | 4 应急措施               | 4 应急措施 except 4-2                               |
///
/// 维护保养 has no record class of its own: maintenance plans and checks are management measures, so it
/// maps to 管理措施; a 管理措施 about equipment maintenance may be exported as 2 维护保养 by choice.
/// Record → MEM → record gives the same class back.

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::risk {

/// The five record classes, in the order of the forms.
enum class ControlClass : int {
  kEngineering = 1,         // 工程技术措施
  kManagement = 2,          // 管理措施
  kTraining = 3,            // 培训教育措施
  kPersonalProtection = 4,  // 个体防护措施
  kEmergency = 5,           // 应急处置措施
};
inline constexpr std::size_t kControlClassCount = 5;
inline constexpr std::array<ControlClass, kControlClassCount> kAllControlClasses = {
    ControlClass::kEngineering, ControlClass::kManagement, ControlClass::kTraining,
    ControlClass::kPersonalProtection, ControlClass::kEmergency};

/// 工程技术措施 / 管理措施 / 培训教育措施 / 个体防护措施 / 应急处置措施; empty for an unknown value.
std::string_view ControlClassNameZh(ControlClass control_class);
/// engineering / management / training / personal_protection / emergency; empty for an unknown value.
std::string_view ControlClassCode(ControlClass control_class);
/// The class from its code 1..5; nullopt otherwise.
std::optional<ControlClass> ControlClassFromCode(int code);
/// The class from its Chinese name, with or without the trailing 措施 (the JHA column heads write 工程技术,
/// 培训教育, 个体防护, 应急处置); nullopt otherwise.
std::optional<ControlClass> ControlClassFromNameZh(std::string_view name);

/// MEM exchange classify1.
enum class MemControlClass : int {
  kEngineering = 1,  // 工程技术
  kMaintenance = 2,  // 维护保养
  kOperation = 3,    // 操作行为
  kEmergency = 4,    // 应急措施
};

/// 工程技术 / 维护保养 / 操作行为 / 应急措施; empty for an unknown value.
std::string_view MemControlClassNameZh(MemControlClass mem_class);
/// The class from its exchange code 1..4; nullopt otherwise.
std::optional<MemControlClass> MemControlClassFromCode(int code);

/// MEM exchange classify2 (classify3 is enterprise-defined and not listed).
struct MemControlSubclass {
  std::string_view code;  ///< "1-1" … "4-5"
  MemControlClass parent;
  std::string_view name_zh;
};
/// The 17 subclasses: 1-1 工艺控制 … 4-5 其它.
std::span<const MemControlSubclass> MemControlSubclasses();
/// The subclass with a code; nullopt otherwise.
std::optional<MemControlSubclass> FindMemControlSubclass(std::string_view code);

/// A record class as MEM classify1 plus, where the mapping fixes it, classify2.
struct MemClassification {
  MemControlClass classify1 = MemControlClass::kEngineering;
  std::optional<std::string_view> classify2;
};
/// The export mapping of the table above.
MemClassification MemClassForRecord(ControlClass control_class);
/// The import mapping of the table above. INVALID_ARGUMENT (field classify2) when classify2 is given but is
/// not a subclass of classify1.
Result<ControlClass> RecordClassForMem(MemControlClass classify1, std::string_view classify2 = {});

/// Limits of a measure set.
inline constexpr std::size_t kMaxMeasuresPerClass = 50;
inline constexpr long kMaxMeasureChars = 500;

/// The measures of a record row in the five classes (现有控制措施 or 建议新增(改进)措施).
struct ControlMeasureSet {
  /// Measure texts per class, index = ControlClass code − 1.
  std::array<std::vector<std::string>, kControlClassCount> by_class;
  /// The assessor states explicitly that there are none (无), as opposed to having forgotten the column.
  bool none = false;

  /// The measures of one class (`control_class` must be one of kAllControlClasses).
  std::vector<std::string>& Of(ControlClass control_class) {
    return by_class[static_cast<std::size_t>(control_class) - 1];
  }
  const std::vector<std::string>& Of(ControlClass control_class) const {
    return by_class[static_cast<std::size_t>(control_class) - 1];
  }
  /// True when no class lists a measure.
  bool Empty() const;
};

/// INVALID_ARGUMENT on `field` (or a path below it such as field.management[2]) unless every measure text is
/// non-blank valid UTF-8 of at most kMaxMeasureChars characters, no class has more than kMaxMeasuresPerClass
/// measures, `none` is not combined with listed measures and, when `required`, at least one measure is
/// listed or `none` is set.
Status ValidateControlMeasureSet(const ControlMeasureSet& set, const std::string& field, bool required);

}  // namespace safeloop::risk
