#include <catch2/catch.hpp>
#include <functional>

#include "safeloop/auth/permissions.hpp"

using namespace safeloop;
using namespace safeloop::auth;

namespace {
Claims WithRoles(std::vector<std::string> roles) {
  Claims c;
  c.sub = "u";
  c.ent = "0190a1b2-0000-7000-8000-000000000001";
  c.roles = std::move(roles);
  return c;
}

bool IsRead(std::string_view p) { return p.ends_with(".read"); }
}  // namespace

TEST_CASE("default roles grant exactly their permissions") {
  auto table = RolePermissions::Defaults();
  struct Row {
    std::string_view role;
    std::function<bool(std::string_view)> allowed;
  };
  const std::vector<Row> rows = {
      {role::kAdmin, [](std::string_view) { return true; }},
      {role::kSafetyDirector, [](std::string_view p) { return p.starts_with("risk."); }},
      {role::kSafetyOfficer, [](std::string_view p) { return p.starts_with("risk."); }},
      {role::kDeptHead, [](std::string_view p) { return IsRead(p) || p == permission::kRiskAssessmentWrite; }},
      {role::kInspector, [](std::string_view p) { return IsRead(p) || p == permission::kRiskAssessmentWrite; }},
      {role::kWorker, IsRead},
      {role::kParkSupervisor, IsRead},
  };
  for (const auto& row : rows) {
    for (auto perm : KnownPermissions()) {
      INFO(row.role << " / " << perm);
      CHECK(table.RoleAllows(row.role, perm) == row.allowed(perm));
      Status s = RequirePermission(WithRoles({std::string(row.role)}), perm, table);
      CHECK(s.ok() == row.allowed(perm));
    }
  }
  // admin also covers permissions of services that do not exist yet.
  CHECK(table.RoleAllows(role::kAdmin, "permit.hot_work.approve"));
  CHECK_FALSE(table.RoleAllows(role::kSafetyOfficer, "permit.hot_work.approve"));
  CHECK(table.roles().size() == 7);
  CHECK(table.Find(role::kWorker)->display_name == "一线员工");
}

TEST_CASE("denial names the permission and the roles") {
  auto table = RolePermissions::Defaults();
  Status s = RequirePermission(WithRoles({"worker"}), permission::kRiskMapWrite, table);
  CHECK(s.code() == StatusCode::kPermissionDenied);
  CHECK_THAT(s.message(), Catch::Contains("risk.map.write"));
  CHECK_THAT(s.message(), Catch::Contains("[worker]"));
}

TEST_CASE("unknown roles and no roles grant nothing; several roles combine") {
  auto table = RolePermissions::Defaults();
  CHECK_FALSE(RequirePermission(WithRoles({}), permission::kRiskMapRead, table).ok());
  CHECK_FALSE(RequirePermission(WithRoles({"superuser"}), permission::kRiskMapRead, table).ok());
  CHECK_FALSE(RequirePermission(WithRoles({"Admin"}), permission::kRiskMapRead, table).ok());  // codes are exact
  CHECK(RequirePermission(WithRoles({"worker", "safety_officer"}), permission::kRiskMapWrite, table).ok());
}

TEST_CASE("a custom PermissionSource plugs in") {
  struct OnlyMaps final : PermissionSource {
    bool RoleAllows(std::string_view role, std::string_view perm) const override {
      return role == "mapper" && perm == permission::kRiskMapWrite;
    }
  } source;
  CHECK(RequirePermission(WithRoles({"mapper"}), permission::kRiskMapWrite, source).ok());
  CHECK_FALSE(RequirePermission(WithRoles({"mapper"}), permission::kRiskPointWrite, source).ok());
}

TEST_CASE("grant globs") {
  CHECK(GrantMatches("*", "risk.map.read"));
  CHECK(GrantMatches("risk.*", "risk.map.read"));
  CHECK_FALSE(GrantMatches("risk.*", "riskless.map.read"));
  CHECK(GrantMatches("*.read", "risk.map.read"));
  CHECK_FALSE(GrantMatches("*.read", "risk.map.readonly"));
  CHECK(GrantMatches("risk.*.read", "risk.point.read"));
  CHECK_FALSE(GrantMatches("risk.*.read", "risk.point.write"));
  CHECK(GrantMatches("risk.map.read", "risk.map.read"));
  CHECK_FALSE(GrantMatches("risk.map.read", "risk.map.rea"));
  CHECK_FALSE(GrantMatches("", "risk.map.read"));
  CHECK(GrantMatches("**", "x"));
}
