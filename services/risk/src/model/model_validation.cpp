#include "model/model_validation.hpp"

#include <cctype>
#include <cmath>
#include <set>

#include "risk_validation.hpp"
#include "safeloop/risk_domain/accident_types.hpp"
#include "safeloop/risk_domain/control_measures.hpp"

namespace safeloop::risk::model {
namespace {

Status OptionalUuid(const std::string& value, const char* field) {
  return value.empty() ? Status::Ok() : RequireUuid(value, field);
}

// The 危险源编码 of the registration platform: letters, digits and '-', at most 40.
Status ValidateHazardCode(const std::string& code) {
  if (code.size() > 40) return InvalidArgument("危险源编码最多40个字符", "hazard_code");
  for (unsigned char c : code) {
    if (!std::isalnum(c) && c != '-') return InvalidArgument("危险源编码只能包含字母、数字和'-'", "hazard_code");
  }
  return Status::Ok();
}

Status ValidateMeasure(const v1::ControlMeasure& m, int index) {
  auto field = [index](const char* name) { return "measures[" + std::to_string(index) + "]." + name; };
  if (!ControlClassFromCode(static_cast<int>(m.measure_class()))) {
    return InvalidArgument("措施类别须为工程技术/管理/培训教育/个体防护/应急处置之一", field("measure_class"));
  }
  if (!MemControlClassFromCode(m.classify1())) {
    return InvalidArgument("classify1 须为 1 工程技术、2 维护保养、3 操作行为或 4 应急措施", field("classify1"));
  }
  auto sub = FindMemControlSubclass(m.classify2());
  if (!sub || static_cast<int>(sub->parent) != m.classify1()) {
    return InvalidArgument("classify2 '" + m.classify2() + "' 不是 classify1=" + std::to_string(m.classify1()) +
                               " 下的子类（如 " + std::to_string(m.classify1()) + "-1）",
                           field("classify2"));
  }
  SAFELOOP_RETURN_IF_ERROR(OptionalText(m.classify3(), field("classify3").c_str(), 50));
  if (m.mode() != v1::CONTROL_MODE_AUTOMATED_MONITORING && m.mode() != v1::CONTROL_MODE_INSPECTION) {
    return InvalidArgument("管控方式须为自动化监控或隐患排查", field("mode"));
  }
  SAFELOOP_RETURN_IF_ERROR(RequireName(m.description(), field("description").c_str(), 500));
  SAFELOOP_RETURN_IF_ERROR(OptionalText(m.check_content(), field("check_content").c_str(), 500));
  if (m.mode() == v1::CONTROL_MODE_INSPECTION && !m.proposed() &&
      m.check_content().find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("以隐患排查方式管控的现有措施须填写隐患排查内容", field("check_content"));
  }
  if (!m.id().empty()) SAFELOOP_RETURN_IF_ERROR(RequireUuid(m.id(), field("id").c_str()));
  return Status::Ok();
}

}  // namespace

Status ValidateObject(const std::string& name, const std::string& hazard_code, const std::string& department_id,
                      const std::string& liable_person_id, const std::string& description) {
  SAFELOOP_RETURN_IF_ERROR(RequireName(name, "name", 100));
  SAFELOOP_RETURN_IF_ERROR(ValidateHazardCode(hazard_code));
  SAFELOOP_RETURN_IF_ERROR(OptionalUuid(department_id, "department_id"));
  SAFELOOP_RETURN_IF_ERROR(OptionalUuid(liable_person_id, "liable_person_id"));
  return OptionalText(description, "description", 1000);
}

Status ValidateUnit(const std::string& name, int seq, const std::string& department_id,
                    const std::string& liable_person_id) {
  SAFELOOP_RETURN_IF_ERROR(RequireName(name, "name", 100));
  if (seq < 0 || seq > 9999) return InvalidArgument("seq must be 0 (after the last) or 1..9999", "seq");
  SAFELOOP_RETURN_IF_ERROR(OptionalUuid(department_id, "department_id"));
  return OptionalUuid(liable_person_id, "liable_person_id");
}

Status ValidateAccidentTypes(const google::protobuf::RepeatedPtrField<std::string>& names, const std::string& version,
                             const char* field) {
  if (names.size() > 10) return InvalidArgument("事故类型最多选择10项", field);
  std::set<std::string> seen;
  for (const auto& name : names) {
    auto found = FindAccidentType(version, name);
    if (!found.ok()) {
      if (found.status().field() == "accident_type_version") return found.status();
      return InvalidArgument("'" + name + "' 不是 " + version + " 中的事故类型", field);
    }
    if (!seen.insert(std::string(found->name)).second) return InvalidArgument("事故类型 '" + name + "' 重复", field);
  }
  return Status::Ok();
}

Status ValidateProfile(const v1::UpdateRiskPointProfileRequest& req) {
  SAFELOOP_RETURN_IF_ERROR(RequireUuid(req.risk_point_id(), "risk_point_id"));
  SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req.unit_id(), "unit_id"));
  if (req.kind() != "equipment" && req.kind() != "operation") {
    return InvalidArgument("kind must be equipment (设备设施, SCL) or operation (作业活动, JHA)", "kind");
  }
  SAFELOOP_RETURN_IF_ERROR(OptionalText(req.code(), "code", 40));
  SAFELOOP_RETURN_IF_ERROR(OptionalText(req.location(), "location", 200));
  if (req.has_position()) {
    const auto& p = req.position();
    if (!std::isfinite(p.x()) || !std::isfinite(p.y()) || p.x() < 0 || p.y() < 0) {
      return InvalidArgument("position must be finite, non-negative map pixels", "position");
    }
  }
  SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req.department_id(), "department_id"));
  SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req.liable_person_id(), "liable_person_id"));
  SAFELOOP_RETURN_IF_ERROR(OptionalUuid(req.post_id(), "post_id"));
  if (req.version() < 0) return InvalidArgument("version must not be negative", "version");
  return ValidateAccidentTypes(req.accident_types(), req.accident_type_version(), "accident_types");
}

Status ValidateEvent(const std::string& name, int seq, const std::string& step, const std::string& standard,
                     const std::string& hazard, const std::string& consequence,
                     const google::protobuf::RepeatedPtrField<v1::ControlMeasure>& measures) {
  SAFELOOP_RETURN_IF_ERROR(RequireName(name, "name", 200));
  if (seq < 0 || seq > 999) return InvalidArgument("seq must be 0 (after the last) or 1..999", "seq");
  SAFELOOP_RETURN_IF_ERROR(OptionalText(step, "step", 200));
  SAFELOOP_RETURN_IF_ERROR(OptionalText(standard, "standard", 500));
  SAFELOOP_RETURN_IF_ERROR(OptionalText(hazard, "hazard", 500));
  SAFELOOP_RETURN_IF_ERROR(OptionalText(consequence, "consequence", 500));
  if (measures.size() > 50) return InvalidArgument("a risk event has at most 50 control measures", "measures");
  std::set<std::string> ids;
  for (int i = 0; i < measures.size(); ++i) {
    SAFELOOP_RETURN_IF_ERROR(ValidateMeasure(measures[i], i));
    if (!measures[i].id().empty() && !ids.insert(measures[i].id()).second) {
      return InvalidArgument("measure " + measures[i].id() + " is listed twice", "measures[" + std::to_string(i) + "].id");
    }
  }
  return Status::Ok();
}

}  // namespace safeloop::risk::model
