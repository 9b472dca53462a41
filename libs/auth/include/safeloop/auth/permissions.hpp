#pragma once
/// @file permissions.hpp
/// Who may do what. Three kinds of permission (the Heilongjiang text 6.1.4): function (a console menu,
/// "menu.<page>"), operation (a button, "op.<resource>.<action>") and API ("<service>.<resource>.<action>",
/// e.g. "risk.map.write"). Roles grant permissions through glob patterns ('*' matches any run of characters,
/// dots included): "*" is everything, "risk.*" every risk permission, "*.read" every read.
///
/// The personnel service stores roles and their grants. At login it puts the API grants of the account's
/// roles into the access token ("perms" claim); the gateway and every service check a call against the
/// token alone (RequirePermission), so no service asks another one per call. A role change reaches a
/// session at its next refresh (access tokens live minutes).
///
/// Platform permissions (the edge's IP blocklist and its cross-tenant API statistics) act on every tenant at
/// once, so no enterprise or park account may hold them, whatever its grants say ("*" included): only a
/// token of scope "platform" passes them, and such tokens are minted by the operators who hold the signing
/// key (safeloop-token issue --platform). Enterprise role editors never see them.

#include <optional>
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

inline constexpr std::string_view kParkRead = "personnel.park.read";
inline constexpr std::string_view kEnterpriseRead = "personnel.enterprise.read";
inline constexpr std::string_view kEnterpriseWrite = "personnel.enterprise.write";
inline constexpr std::string_view kOrgRead = "personnel.org.read";
inline constexpr std::string_view kOrgWrite = "personnel.org.write";
inline constexpr std::string_view kPersonRead = "personnel.person.read";
inline constexpr std::string_view kPersonWrite = "personnel.person.write";
inline constexpr std::string_view kAccountRead = "personnel.account.read";
inline constexpr std::string_view kAccountWrite = "personnel.account.write";
inline constexpr std::string_view kRoleRead = "personnel.role.read";
inline constexpr std::string_view kRoleWrite = "personnel.role.write";
inline constexpr std::string_view kCertificateRead = "personnel.certificate.read";
inline constexpr std::string_view kCertificateWrite = "personnel.certificate.write";
inline constexpr std::string_view kContractorRead = "personnel.contractor.read";
inline constexpr std::string_view kContractorWrite = "personnel.contractor.write";
inline constexpr std::string_view kContractorReview = "personnel.contractor.review";
inline constexpr std::string_view kBlacklistWrite = "personnel.blacklist.write";
inline constexpr std::string_view kViolationWrite = "personnel.violation.write";
inline constexpr std::string_view kQualificationRead = "personnel.qualification.read";

inline constexpr std::string_view kBlocklistRead = "gateway.blocklist.read";
inline constexpr std::string_view kBlocklistWrite = "gateway.blocklist.write";
inline constexpr std::string_view kApiRead = "gateway.api.read";
inline constexpr std::string_view kAuditRead = "gateway.audit.read";
}  // namespace permission

enum class PermissionKind { kFunction, kOperation, kApi };
/// "function" | "operation" | "api"
std::string_view PermissionKindName(PermissionKind kind);

struct PermissionInfo {
  std::string_view code;
  PermissionKind kind;
  std::string_view group;    ///< API/menu group, e.g. "personnel"
  std::string_view name_zh;  ///< shown in the role editor
  bool platform = false;     ///< held only by platform operators (see the file comment)
};

/// Every permission the system knows, of all three kinds, in display order.
const std::vector<PermissionInfo>& PermissionCatalog();
const PermissionInfo* FindPermission(std::string_view code);
/// Whether `code` is a platform permission (unknown codes are not).
bool IsPlatformPermission(std::string_view code);
/// The catalogue an enterprise or park role may draw from: every permission but the platform ones.
std::vector<PermissionInfo> TenantPermissionCatalog();
/// The kind a code belongs to by its shape: "menu.*" function, "op.*" operation, anything else API.
PermissionKind KindOfCode(std::string_view code);

namespace role {
inline constexpr std::string_view kAdmin = "admin";                     // 系统管理员
inline constexpr std::string_view kSafetyDirector = "safety_director";  // 安全部门负责人
inline constexpr std::string_view kSafetyOfficer = "safety_officer";    // 安全管理员
inline constexpr std::string_view kDeptHead = "dept_head";              // 部门负责人
inline constexpr std::string_view kInspector = "inspector";             // 安全员/督导员
inline constexpr std::string_view kWorker = "worker";                   // 一线员工
inline constexpr std::string_view kParkSupervisor = "park_supervisor";  // 园区监管员
inline constexpr std::string_view kPlatformOperator = "platform_operator";  // 平台运维员 (never in a tenant)
}  // namespace role

/// Which records a role reaches (least to most). The token carries the broadest scope of its roles.
enum class DataScope { kOwn, kUnit, kSubtree, kEnterprise, kPark };
/// "own" | "unit" | "subtree" | "enterprise" | "park"
std::string_view DataScopeName(DataScope scope);
std::optional<DataScope> ParseDataScope(std::string_view name);

struct RoleDefinition {
  std::string code;                 ///< as carried in the token's roles claim
  std::string display_name;         ///< Chinese name shown in the console
  std::string description;
  std::vector<std::string> grants;  ///< glob patterns over permission codes of all three kinds
  DataScope scope = DataScope::kEnterprise;
};

/// The six roles of the vendor deck plus 园区监管员 (seeded into every enterprise; editable there).
const std::vector<RoleDefinition>& DefaultRoles();
const RoleDefinition* FindDefaultRole(std::string_view code);
/// The platform operator's role: not seeded into any tenant, cannot be created or granted there.
const RoleDefinition& PlatformOperatorRole();

/// Whether `grant` (a glob, '*' = any run of characters) matches `permission`.
bool GrantMatches(std::string_view grant, std::string_view permission);
/// Whether any of `grants` matches `permission`.
bool AnyGrantMatches(const std::vector<std::string>& grants, std::string_view permission);

/// What goes into a token's perms claim for roles with these grants: the union, minus grants that can only
/// match function or operation codes (the console asks for those separately), sorted and de-duplicated.
std::vector<std::string> ApiGrantsFor(const std::vector<std::vector<std::string>>& grants_per_role);

/// The broadest of the scopes (kOwn for none).
DataScope BroadestScope(const std::vector<DataScope>& scopes);

/// What a token for holders of these default roles carries (tools and tests; real logins resolve the
/// enterprise's stored roles). The platform operator role is accepted alone and yields scope "platform".
/// INVALID_ARGUMENT naming an unknown role code, or the platform role mixed with tenant roles.
struct TokenGrants {
  std::vector<std::string> perms;
  std::string scope;
};
Result<TokenGrants> GrantsOfDefaultRoles(const std::vector<std::string>& role_codes);

/// OK when the token's perms claim allows `permission` (and, for a platform permission, the token is a
/// platform operator's); else PERMISSION_DENIED naming the permission.
Status RequirePermission(const Claims& claims, std::string_view permission);

}  // namespace safeloop::auth
