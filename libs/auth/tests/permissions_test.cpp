#include <catch2/catch.hpp>
#include <set>

#include "safeloop/auth/permissions.hpp"

using namespace safeloop;
using namespace safeloop::auth;

namespace {
Claims TokenOf(const std::vector<std::string>& roles) {
  auto grants = GrantsOfDefaultRoles(roles);
  REQUIRE(grants.ok());
  Claims c;
  c.sub = "u";
  c.ent = "0190a1b2-0000-7000-8000-000000000001";
  c.roles = roles;
  c.perms = grants->perms;
  c.scope = grants->scope;
  return c;
}

bool Allows(const std::string& role, std::string_view permission) {
  return RequirePermission(TokenOf({role}), permission).ok();
}
}  // namespace

TEST_CASE("the catalogue has unique codes whose kind matches their shape") {
  std::set<std::string_view> seen;
  for (const auto& info : PermissionCatalog()) {
    INFO(info.code);
    CHECK(seen.insert(info.code).second);
    CHECK(KindOfCode(info.code) == info.kind);
    CHECK_FALSE(info.name_zh.empty());
    CHECK(FindPermission(info.code) == &info);
  }
  CHECK(FindPermission("risk.nothing.read") == nullptr);
  CHECK(PermissionKindName(PermissionKind::kOperation) == "operation");
}

TEST_CASE("every default role's grants match at least one catalogue code") {
  REQUIRE(DefaultRoles().size() == 7);
  for (const auto& role : DefaultRoles()) {
    for (const auto& grant : role.grants) {
      INFO(role.code << " grant " << grant);
      bool matches = false;
      for (const auto& info : PermissionCatalog()) matches = matches || GrantMatches(grant, info.code);
      CHECK(matches);
    }
  }
  CHECK(FindDefaultRole(role::kWorker)->display_name == "一线员工");
  CHECK(FindDefaultRole(role::kParkSupervisor)->display_name == "园区监管员");
  CHECK(FindDefaultRole("boss") == nullptr);
}

TEST_CASE("default roles against API permissions (the RBAC table of the vendor deck)") {
  namespace p = permission;
  struct Row {
    std::string_view permission;
    // admin, safety_director, safety_officer, dept_head, inspector, worker, park_supervisor
    std::array<bool, 7> allowed;
  };
  const std::vector<std::string> roles = {"admin", "safety_director", "safety_officer", "dept_head",
                                          "inspector", "worker", "park_supervisor"};
  const std::vector<Row> table = {
      {p::kRiskMapRead, {1, 1, 1, 1, 1, 1, 1}},          {p::kRiskMapWrite, {1, 1, 1, 0, 0, 0, 0}},
      {p::kRiskAssessmentWrite, {1, 1, 1, 1, 1, 0, 0}},  {p::kRiskSettingsWrite, {1, 1, 1, 0, 0, 0, 0}},
      {p::kParkRead, {1, 1, 1, 0, 0, 0, 1}},             {p::kEnterpriseWrite, {1, 1, 0, 0, 0, 0, 0}},
      {p::kOrgRead, {1, 1, 1, 1, 1, 1, 1}},              {p::kOrgWrite, {1, 1, 0, 0, 0, 0, 0}},
      {p::kPersonRead, {1, 1, 1, 1, 1, 1, 1}},           {p::kPersonWrite, {1, 1, 1, 1, 0, 0, 0}},
      {p::kAccountWrite, {1, 1, 0, 0, 0, 0, 0}},         {p::kRoleRead, {1, 1, 1, 0, 0, 0, 0}},
      {p::kRoleWrite, {1, 1, 0, 0, 0, 0, 0}},            {p::kCertificateWrite, {1, 1, 1, 1, 0, 0, 0}},
      {p::kContractorReview, {1, 1, 1, 0, 0, 0, 0}},     {p::kBlacklistWrite, {1, 1, 1, 0, 0, 0, 0}},
      {p::kViolationWrite, {1, 1, 1, 1, 1, 0, 0}},       {p::kQualificationRead, {1, 1, 1, 1, 1, 0, 0}},
      {p::kBlocklistWrite, {0, 0, 0, 0, 0, 0, 0}},       {p::kAuditRead, {1, 1, 0, 0, 0, 0, 0}},
      {p::kBlocklistRead, {0, 0, 0, 0, 0, 0, 0}},        {p::kApiRead, {0, 0, 0, 0, 0, 0, 0}},
  };
  for (const auto& row : table) {
    for (std::size_t i = 0; i < roles.size(); ++i) {
      INFO(roles[i] << " / " << row.permission);
      CHECK(Allows(roles[i], row.permission) == row.allowed[i]);
    }
  }
  // admin also covers permissions of services that do not exist yet; others do not.
  CHECK(Allows("admin", "permit.hot_work.approve"));
  CHECK_FALSE(Allows("safety_officer", "permit.hot_work.approve"));
}

TEST_CASE("platform permissions pass only platform tokens, whatever a tenant role grants") {
  namespace p = permission;
  auto platform = GrantsOfDefaultRoles({std::string(role::kPlatformOperator)});
  REQUIRE(platform.ok());
  CHECK(platform->scope == "platform");
  Claims op;
  op.sub = "ops";
  op.roles = {std::string(role::kPlatformOperator)};
  op.perms = platform->perms;
  op.scope = platform->scope;
  CHECK(CheckTenant(op).ok());
  for (auto code : {p::kBlocklistRead, p::kBlocklistWrite, p::kApiRead}) {
    INFO(code);
    CHECK(IsPlatformPermission(code));
    CHECK(RequirePermission(op, code).ok());
    Claims everything = TokenOf({"admin"});
    everything.perms = {"*"};
    Status denied = RequirePermission(everything, code);
    CHECK(denied.code() == StatusCode::kPermissionDenied);
    CHECK_THAT(denied.message(), Catch::Contains("platform operators"));
  }
  // The operator holds nothing of any tenant.
  CHECK_FALSE(RequirePermission(op, p::kAuditRead).ok());
  CHECK_FALSE(RequirePermission(op, p::kPersonRead).ok());
  CHECK_FALSE(IsPlatformPermission(p::kAuditRead));
  CHECK_FALSE(IsPlatformPermission("no.such.code"));
  // Never mixed with tenant roles; never seeded into a tenant; never offered to a tenant's role editor.
  CHECK(GrantsOfDefaultRoles({"platform_operator", "admin"}).status().code() == StatusCode::kInvalidArgument);
  CHECK(FindDefaultRole(role::kPlatformOperator) == nullptr);
  for (const auto& info : TenantPermissionCatalog()) CHECK_FALSE(info.platform);
  CHECK(TenantPermissionCatalog().size() + 5 == PermissionCatalog().size());
  // A platform token names no tenant; a tenant token cannot claim the platform scope.
  op.ent = "0190a1b2-0000-7000-8000-000000000001";
  CHECK_THAT(CheckTenant(op).message(), Catch::Contains("platform tokens carry no enterprise or park"));
}

TEST_CASE("data scopes of the default roles and the broadest wins") {
  CHECK(TokenOf({"worker"}).scope == "unit");
  CHECK(TokenOf({"dept_head"}).scope == "subtree");
  CHECK(TokenOf({"worker", "dept_head"}).scope == "subtree");
  CHECK(TokenOf({"inspector"}).scope == "enterprise");
  CHECK(TokenOf({"park_supervisor"}).scope == "park");
  CHECK(BroadestScope({}) == DataScope::kOwn);
  for (auto s : {DataScope::kOwn, DataScope::kUnit, DataScope::kSubtree, DataScope::kEnterprise, DataScope::kPark}) {
    CHECK(ParseDataScope(DataScopeName(s)) == s);
  }
  CHECK_FALSE(ParseDataScope("everything").has_value());
}

TEST_CASE("token grants leave out menu and button grants and are de-duplicated") {
  auto grants = ApiGrantsFor({{"risk.*", "menu.*", "op.people.import"}, {"risk.*", "*.read"}});
  CHECK(grants == std::vector<std::string>{"*.read", "risk.*"});
  CHECK(ApiGrantsFor({{"*"}}) == std::vector<std::string>{"*"});
  auto unknown = GrantsOfDefaultRoles({"boss"});
  CHECK(unknown.status().code() == StatusCode::kInvalidArgument);
  CHECK_THAT(unknown.status().message(), Catch::Contains("'boss' is not a default role"));
}

TEST_CASE("a token without the grant is denied with the permission named") {
  Status s = RequirePermission(TokenOf({"worker"}), permission::kRiskMapWrite);
  CHECK(s.code() == StatusCode::kPermissionDenied);
  CHECK_THAT(s.message(), Catch::Contains("risk.map.write"));
  Claims none;
  CHECK_FALSE(RequirePermission(none, permission::kRiskMapRead).ok());
}

TEST_CASE("glob grants") {
  CHECK(GrantMatches("*", "risk.map.read"));
  CHECK(GrantMatches("risk.*", "risk.map.read"));
  CHECK(GrantMatches("*.read", "risk.map.read"));
  CHECK(GrantMatches("personnel.*.read", "personnel.person.read"));
  CHECK_FALSE(GrantMatches("risk.*", "personnel.person.read"));
  CHECK_FALSE(GrantMatches("risk.map.read", "risk.map.write"));
  CHECK_FALSE(GrantMatches("risk.map", "risk.map.read"));
  CHECK(GrantMatches("r*k.*.re*d", "risk.map.read"));
}
