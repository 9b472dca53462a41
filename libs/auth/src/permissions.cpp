#include "safeloop/auth/permissions.hpp"

namespace safeloop::auth {

std::vector<std::string_view> KnownPermissions() {
  return {permission::kRiskMapRead,        permission::kRiskMapWrite,         permission::kRiskPointRead,
          permission::kRiskPointWrite,     permission::kRiskAssessmentRead,   permission::kRiskAssessmentWrite,
          permission::kRiskSettingsRead,   permission::kRiskSettingsWrite};
}

RolePermissions::RolePermissions(std::vector<RoleDefinition> roles) : roles_(std::move(roles)) {}

RolePermissions RolePermissions::Defaults() {
  const std::string write_assessments(permission::kRiskAssessmentWrite);
  return RolePermissions({
      {std::string(role::kAdmin), "系统管理员", {"*"}},
      {std::string(role::kSafetyDirector), "安全部门负责人", {"risk.*"}},
      {std::string(role::kSafetyOfficer), "安全管理员", {"risk.*"}},
      {std::string(role::kDeptHead), "部门负责人", {"*.read", write_assessments}},
      {std::string(role::kInspector), "安全员/督导员", {"*.read", write_assessments}},
      {std::string(role::kWorker), "一线员工", {"*.read"}},
      {std::string(role::kParkSupervisor), "园区监管员", {"*.read"}},
  });
}

const RoleDefinition* RolePermissions::Find(std::string_view role) const {
  for (const auto& r : roles_) {
    if (r.code == role) return &r;
  }
  return nullptr;
}

bool RolePermissions::RoleAllows(std::string_view role, std::string_view permission) const {
  const RoleDefinition* definition = Find(role);
  if (definition == nullptr) return false;
  for (const auto& grant : definition->grants) {
    if (GrantMatches(grant, permission)) return true;
  }
  return false;
}

bool GrantMatches(std::string_view grant, std::string_view permission) {
  // Iterative glob with backtracking to the last '*' (linear enough for short permission strings).
  std::size_t g = 0, p = 0, star = std::string_view::npos, resume = 0;
  while (p < permission.size()) {
    if (g < grant.size() && grant[g] == '*') {
      star = g++;
      resume = p;
    } else if (g < grant.size() && grant[g] == permission[p]) {
      ++g;
      ++p;
    } else if (star != std::string_view::npos) {
      g = star + 1;
      p = ++resume;
    } else {
      return false;
    }
  }
  while (g < grant.size() && grant[g] == '*') ++g;
  return g == grant.size();
}

Status RequirePermission(const Claims& claims, std::string_view permission, const PermissionSource& source) {
  for (const auto& role : claims.roles) {
    if (source.RoleAllows(role, permission)) return Status::Ok();
  }
  std::string roles;
  for (const auto& role : claims.roles) roles += (roles.empty() ? "" : ", ") + role;
  return PermissionDenied("permission " + std::string(permission) + " is required; the caller's roles [" + roles +
                          "] do not grant it");
}

}  // namespace safeloop::auth
