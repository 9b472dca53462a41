#include "safeloop/auth/permissions.hpp"

#include <algorithm>
#include <set>

namespace safeloop::auth {
namespace {
using K = PermissionKind;
namespace p = permission;
}  // namespace

std::string_view PermissionKindName(PermissionKind kind) {
  switch (kind) {
    case K::kFunction: return "function";
    case K::kOperation: return "operation";
    case K::kApi: return "api";
  }
  return "api";
}

const std::vector<PermissionInfo>& PermissionCatalog() {
  static const std::vector<PermissionInfo> catalog = {
      // Function permissions: the console's menus.
      {"menu.risk.map", K::kFunction, "risk", "风险四色图"},
      {"menu.park", K::kFunction, "personnel", "园区企业"},
      {"menu.enterprise", K::kFunction, "personnel", "企业信息"},
      {"menu.org", K::kFunction, "personnel", "组织架构"},
      {"menu.people", K::kFunction, "personnel", "人员管理"},
      {"menu.accounts", K::kFunction, "personnel", "账号管理"},
      {"menu.roles", K::kFunction, "personnel", "角色权限"},
      {"menu.certificates", K::kFunction, "personnel", "证书管理"},
      {"menu.contractors", K::kFunction, "personnel", "承包商管理"},
      {"menu.api", K::kFunction, "system", "API管理", true},
      {"menu.audit", K::kFunction, "system", "审计日志"},
      // Operation permissions: buttons.
      {"op.people.import", K::kOperation, "personnel", "人员导入"},
      {"op.people.export", K::kOperation, "personnel", "人员导出"},
      {"op.account.reset_password", K::kOperation, "personnel", "重置密码"},
      {"op.account.unlock", K::kOperation, "personnel", "解锁账号"},
      {"op.role.grant", K::kOperation, "personnel", "分配权限"},
      {"op.contractor.review", K::kOperation, "personnel", "承包商审核"},
      {"op.contractor.blacklist", K::kOperation, "personnel", "加入黑名单"},
      {"op.violation.record", K::kOperation, "personnel", "记录违章"},
      {"op.blocklist.edit", K::kOperation, "system", "维护IP黑名单", true},
      // API permissions: what the gateway and the services check.
      {p::kRiskMapRead, K::kApi, "risk", "查看风险地图"},
      {p::kRiskMapWrite, K::kApi, "risk", "维护风险地图"},
      {p::kRiskPointRead, K::kApi, "risk", "查看风险点"},
      {p::kRiskPointWrite, K::kApi, "risk", "维护风险点"},
      {p::kRiskAssessmentRead, K::kApi, "risk", "查看风险评价"},
      {p::kRiskAssessmentWrite, K::kApi, "risk", "开展风险评价"},
      {p::kRiskSettingsRead, K::kApi, "risk", "查看评价标准"},
      {p::kRiskSettingsWrite, K::kApi, "risk", "设置评价标准"},
      {p::kParkRead, K::kApi, "personnel", "查看园区企业"},
      {p::kEnterpriseRead, K::kApi, "personnel", "查看企业信息"},
      {p::kEnterpriseWrite, K::kApi, "personnel", "维护企业信息"},
      {p::kOrgRead, K::kApi, "personnel", "查看组织架构"},
      {p::kOrgWrite, K::kApi, "personnel", "维护组织架构"},
      {p::kPersonRead, K::kApi, "personnel", "查看人员"},
      {p::kPersonWrite, K::kApi, "personnel", "维护人员"},
      {p::kAccountRead, K::kApi, "personnel", "查看账号"},
      {p::kAccountWrite, K::kApi, "personnel", "维护账号"},
      {p::kRoleRead, K::kApi, "personnel", "查看角色"},
      {p::kRoleWrite, K::kApi, "personnel", "维护角色与授权"},
      {p::kCertificateRead, K::kApi, "personnel", "查看证书"},
      {p::kCertificateWrite, K::kApi, "personnel", "维护证书"},
      {p::kContractorRead, K::kApi, "personnel", "查看承包商"},
      {p::kContractorWrite, K::kApi, "personnel", "维护承包商"},
      {p::kContractorReview, K::kApi, "personnel", "审核承包商"},
      {p::kBlacklistWrite, K::kApi, "personnel", "维护黑名单"},
      {p::kViolationWrite, K::kApi, "personnel", "记录违章"},
      {p::kQualificationRead, K::kApi, "personnel", "查询人员资格"},
      {p::kBlocklistRead, K::kApi, "system", "查看IP黑名单", true},
      {p::kBlocklistWrite, K::kApi, "system", "维护IP黑名单", true},
      {p::kApiRead, K::kApi, "system", "查看API与调用统计", true},
      {p::kAuditRead, K::kApi, "system", "查看审计日志"},
  };
  return catalog;
}

const PermissionInfo* FindPermission(std::string_view code) {
  for (const auto& info : PermissionCatalog()) {
    if (info.code == code) return &info;
  }
  return nullptr;
}

bool IsPlatformPermission(std::string_view code) {
  const PermissionInfo* info = FindPermission(code);
  return info != nullptr && info->platform;
}

std::vector<PermissionInfo> TenantPermissionCatalog() {
  std::vector<PermissionInfo> out;
  for (const auto& info : PermissionCatalog()) {
    if (!info.platform) out.push_back(info);
  }
  return out;
}

PermissionKind KindOfCode(std::string_view code) {
  if (code.starts_with("menu.")) return K::kFunction;
  if (code.starts_with("op.")) return K::kOperation;
  return K::kApi;
}

std::string_view DataScopeName(DataScope scope) {
  switch (scope) {
    case DataScope::kOwn: return "own";
    case DataScope::kUnit: return "unit";
    case DataScope::kSubtree: return "subtree";
    case DataScope::kEnterprise: return "enterprise";
    case DataScope::kPark: return "park";
  }
  return "own";
}

std::optional<DataScope> ParseDataScope(std::string_view name) {
  for (auto s : {DataScope::kOwn, DataScope::kUnit, DataScope::kSubtree, DataScope::kEnterprise, DataScope::kPark}) {
    if (DataScopeName(s) == name) return s;
  }
  return std::nullopt;
}

const std::vector<RoleDefinition>& DefaultRoles() {
  static const std::vector<RoleDefinition> roles = {
      {std::string(role::kAdmin), "系统管理员", "系统设置、用户管理、权限分配", {"*"}, DataScope::kEnterprise},
      {std::string(role::kSafetyDirector), "安全部门负责人", "安全生产主要责任人，可查看和操作全部安全生产数据",
       {"risk.*", "personnel.*", "gateway.audit.read", "menu.*", "op.*"},
       DataScope::kEnterprise},
      {std::string(role::kSafetyOfficer), "安全管理员", "管理和监控安全生产数据，审核隐患排查、安全检查",
       {"risk.*", "personnel.*.read", "personnel.person.write", "personnel.certificate.write", "personnel.contractor.*",
        "personnel.blacklist.write", "personnel.violation.write", "menu.risk.*", "menu.enterprise", "menu.org",
        "menu.people", "menu.certificates", "menu.contractors", "op.people.*", "op.contractor.*",
        "op.violation.record"},
       DataScope::kEnterprise},
      {std::string(role::kDeptHead), "部门负责人", "查看和操作本部门安全生产数据",
       {"risk.*.read", "risk.assessment.write", "personnel.enterprise.read", "personnel.org.read",
        "personnel.person.*", "personnel.certificate.*", "personnel.contractor.read", "personnel.qualification.read",
        "personnel.violation.write", "menu.risk.map", "menu.org", "menu.people", "menu.certificates",
        "menu.contractors", "op.people.export", "op.violation.record"},
       DataScope::kSubtree},
      {std::string(role::kInspector), "安全员/督导员", "实施和监督安全生产工作，开展隐患排查、安全巡检",
       {"risk.*.read", "risk.assessment.write", "personnel.org.read", "personnel.person.read",
        "personnel.certificate.read", "personnel.contractor.read", "personnel.qualification.read",
        "personnel.violation.write", "menu.risk.map", "menu.people", "menu.certificates", "menu.contractors",
        "op.violation.record"},
       DataScope::kEnterprise},
      {std::string(role::kWorker), "一线员工", "提交安全生产信息，查看本部门安全信息",
       {"risk.map.read", "risk.point.read", "personnel.org.read", "personnel.person.read",
        "personnel.certificate.read", "menu.risk.map", "menu.certificates"},
       DataScope::kUnit},
      {std::string(role::kParkSupervisor), "园区监管员", "查看本园区企业的安全生产数据（只读）",
       {"risk.*.read", "personnel.park.read", "personnel.enterprise.read", "personnel.org.read",
        "personnel.person.read", "personnel.certificate.read", "personnel.contractor.read", "menu.park",
        "menu.risk.map"},
       DataScope::kPark},
  };
  return roles;
}

const RoleDefinition* FindDefaultRole(std::string_view code) {
  for (const auto& r : DefaultRoles()) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

const RoleDefinition& PlatformOperatorRole() {
  // DataScope has no "platform": the scope of the token is set by GrantsOfDefaultRoles, never by a tenant role.
  static const RoleDefinition role = {std::string(role::kPlatformOperator), "平台运维员",
                                      "维护边缘网关（IP黑名单、API调用统计），不属于任何企业或园区",
                                      {"gateway.blocklist.*", "gateway.api.*", "menu.api", "op.blocklist.edit"},
                                      DataScope::kEnterprise};
  return role;
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

bool AnyGrantMatches(const std::vector<std::string>& grants, std::string_view permission) {
  return std::any_of(grants.begin(), grants.end(), [&](const std::string& g) { return GrantMatches(g, permission); });
}

std::vector<std::string> ApiGrantsFor(const std::vector<std::vector<std::string>>& grants_per_role) {
  std::set<std::string> out;
  for (const auto& grants : grants_per_role) {
    for (const auto& g : grants) {
      // "menu.*" and "op.*" grants can never match an API code; "*" and "*.read" can.
      if (KindOfCode(g) == K::kApi) out.insert(g);
    }
  }
  return {out.begin(), out.end()};
}

DataScope BroadestScope(const std::vector<DataScope>& scopes) {
  DataScope out = DataScope::kOwn;
  for (auto s : scopes) out = std::max(out, s);
  return out;
}

Result<TokenGrants> GrantsOfDefaultRoles(const std::vector<std::string>& role_codes) {
  const RoleDefinition& platform = PlatformOperatorRole();
  if (std::find(role_codes.begin(), role_codes.end(), platform.code) != role_codes.end()) {
    if (role_codes.size() != 1) {
      return InvalidArgument("the platform operator role cannot be combined with tenant roles", "roles");
    }
    return TokenGrants{ApiGrantsFor({platform.grants}), "platform"};
  }
  std::vector<std::vector<std::string>> grants;
  std::vector<DataScope> scopes;
  for (const auto& code : role_codes) {
    const RoleDefinition* role = FindDefaultRole(code);
    if (role == nullptr) {
      std::string known;
      for (const auto& r : DefaultRoles()) known += (known.empty() ? "" : ", ") + r.code;
      known += ", " + platform.code;
      return InvalidArgument("'" + code + "' is not a default role (" + known + ")", "roles");
    }
    grants.push_back(role->grants);
    scopes.push_back(role->scope);
  }
  return TokenGrants{ApiGrantsFor(grants), std::string(DataScopeName(BroadestScope(scopes)))};
}

Status RequirePermission(const Claims& claims, std::string_view permission) {
  if (IsPlatformPermission(permission) && claims.scope != "platform") {
    return PermissionDenied("permission " + std::string(permission) +
                            " belongs to platform operators; no enterprise or park account holds it");
  }
  if (AnyGrantMatches(claims.perms, permission)) return Status::Ok();
  std::string roles;
  for (const auto& role : claims.roles) roles += (roles.empty() ? "" : ", ") + role;
  return PermissionDenied("permission " + std::string(permission) + " is required; the caller's roles [" + roles +
                          "] do not grant it");
}

}  // namespace safeloop::auth
