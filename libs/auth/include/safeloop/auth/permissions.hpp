#pragma once
/// @file permissions.hpp
/// Who may do what. A permission is a dotted string "<service>.<resource>.<action>" ("risk.map.write").
/// Roles grant permissions through glob patterns ('*' matches any run of characters, dots included):
/// "*" is everything, "risk.*" every risk permission, "*.read" every read.
/// Role → permissions comes from a PermissionSource; RolePermissions::Defaults() is the built-in table
/// until the personnel service serves roles.

#include <string>
#include <string_view>
#include <vector>

#include "safeloop/auth/claims.hpp"
#include "safeloop/core/status.hpp"

namespace safeloop::auth {

namespace permission {
inline constexpr std::string_view kRiskMapRead = "risk.map.read";
inline constexpr std::string_view kRiskMapWrite = "risk.map.write";
inline constexpr std::string_view kRiskPointRead = "risk.point.read";
inline constexpr std::string_view kRiskPointWrite = "risk.point.write";
inline constexpr std::string_view kRiskAssessmentRead = "risk.assessment.read";
inline constexpr std::string_view kRiskAssessmentWrite = "risk.assessment.write";
inline constexpr std::string_view kRiskSettingsRead = "risk.settings.read";
inline constexpr std::string_view kRiskSettingsWrite = "risk.settings.write";
}  // namespace permission

/// Every permission the system checks today.
std::vector<std::string_view> KnownPermissions();

namespace role {
inline constexpr std::string_view kAdmin = "admin";                     // 系统管理员
inline constexpr std::string_view kSafetyDirector = "safety_director";  // 安全部门负责人
inline constexpr std::string_view kSafetyOfficer = "safety_officer";    // 安全管理员
inline constexpr std::string_view kDeptHead = "dept_head";              // 部门负责人
inline constexpr std::string_view kInspector = "inspector";             // 安全员/督导员
inline constexpr std::string_view kWorker = "worker";                   // 一线员工
inline constexpr std::string_view kParkSupervisor = "park_supervisor";  // 园区监管员
}  // namespace role

/// Where role grants come from (a static table now; the personnel service later).
class PermissionSource {
 public:
  virtual ~PermissionSource() = default;
  /// Whether a holder of `role` may do `permission`. Unknown roles grant nothing.
  virtual bool RoleAllows(std::string_view role, std::string_view permission) const = 0;
};

struct RoleDefinition {
  std::string code;                 ///< as carried in the token's roles claim
  std::string display_name;         ///< Chinese name shown in the console
  std::vector<std::string> grants;  ///< glob patterns over permission strings
};

/// A fixed role table.
class RolePermissions final : public PermissionSource {
 public:
  explicit RolePermissions(std::vector<RoleDefinition> roles);
  /// The default roles: admin all; safety_director and safety_officer all risk.*; dept_head and inspector
  /// read all plus risk.assessment.write; worker and park_supervisor read only.
  static RolePermissions Defaults();

  bool RoleAllows(std::string_view role, std::string_view permission) const override;
  const RoleDefinition* Find(std::string_view role) const;
  const std::vector<RoleDefinition>& roles() const { return roles_; }

 private:
  std::vector<RoleDefinition> roles_;
};

/// Whether `grant` (a glob, '*' = any run of characters) matches `permission`.
bool GrantMatches(std::string_view grant, std::string_view permission);

/// OK when any of the token's roles allows `permission`; else PERMISSION_DENIED naming the permission.
Status RequirePermission(const Claims& claims, std::string_view permission, const PermissionSource& source);

}  // namespace safeloop::auth
