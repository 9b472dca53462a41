// Input rules of the identity API that need no database.
#include <algorithm>
#include <catch2/catch.hpp>

#include "identity/auth_flows.hpp"
#include "identity/identity_validation.hpp"
#include "identity/session_tokens.hpp"
#include "safeloop/auth/permissions.hpp"

using namespace safeloop;
using namespace safeloop::personnel::identity;

TEST_CASE("RFC 3339 times: offsets, fractions and the calendar") {
  const TimePoint utc8 = FromUnixMillis(1'795'420'800'000);  // 2026-11-23T08:00:00Z
  struct Case {
    const char* text;
    std::optional<std::int64_t> ms;
  };
  const Case cases[] = {
      {"2026-11-23T08:00:00Z", UnixMillis(utc8)},
      {"2026-11-23T08:00:00.5Z", UnixMillis(utc8) + 500},
      {"2026-11-23T08:00:00.123456Z", UnixMillis(utc8) + 123},
      {"2026-11-23T16:00:00+08:00", UnixMillis(utc8)},
      {"2026-11-23T03:30:00-04:30", UnixMillis(utc8)},
      {"2026-11-23t08:00:00z", UnixMillis(utc8)},
      {"2024-02-29T00:00:00Z", 1'709'164'800'000},
      {"2026-02-29T00:00:00Z", std::nullopt},
      {"2026-13-01T00:00:00Z", std::nullopt},
      {"2026-11-23T24:00:00Z", std::nullopt},
      {"2026-11-23T08:00:00", std::nullopt},      // no offset
      {"2026-11-23", std::nullopt},
      {"2026-11-23T08:00:00.Z", std::nullopt},
      {"2026-11-23T08:00:00+0800", std::nullopt},
      {"2026-11-23T08:00:00Zjunk", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto parsed = ParseRfc3339(c.text);
    REQUIRE(parsed.has_value() == c.ms.has_value());
    if (c.ms) CHECK(UnixMillis(*parsed) == *c.ms);
  }
  CHECK(ParseRfc3339(FormatRfc3339(utc8)) == utc8);
}

TEST_CASE("visitor expiry: future and at most 30 days") {
  const TimePoint now = FromUnixMillis(1'795'420'800'000);
  CHECK(ValidateVisitorExpiry(FormatRfc3339(now + std::chrono::hours(24 * 30)), now).ok());
  CHECK(ValidateVisitorExpiry(FormatRfc3339(now + std::chrono::hours(24 * 30) + std::chrono::seconds(1)), now)
            .status()
            .field() == "expires_at");
  CHECK_FALSE(ValidateVisitorExpiry(FormatRfc3339(now), now).ok());
  CHECK_FALSE(ValidateVisitorExpiry("next week", now).ok());
}

TEST_CASE("usernames, role codes, scopes and grants") {
  for (const char* ok : {"abc", "zhang.san@plant-1", "A_B"}) CHECK(ValidateUsername(ok).ok());
  for (const char* bad : {"ab", "zhang san", "张三丰", ""}) CHECK(ValidateUsername(bad).field() == "username");
  CHECK(ValidateUsername(std::string(64, 'a')).ok());
  CHECK_FALSE(ValidateUsername(std::string(65, 'a')).ok());

  CHECK(ValidateRoleCode("gas_tester", "code").ok());
  for (const char* bad : {"g", "Gas", "gas-tester", "gas tester"}) CHECK_FALSE(ValidateRoleCode(bad, "code").ok());
  auto codes = NormalizeRoleCodes({"worker", "admin", "worker"}, "role_codes");
  REQUIRE(codes.ok());
  CHECK(*codes == std::vector<std::string>{"admin", "worker"});

  CHECK(ValidateRoleScope("subtree", false).ok());
  CHECK_FALSE(ValidateRoleScope("park", false).ok());
  CHECK(ValidateRoleScope("park", true).ok());
  CHECK_FALSE(ValidateRoleScope("everything", true).ok());

  auto grants = NormalizeGrants({"risk.*.read", "menu.people", "*", "menu.people"});
  REQUIRE(grants.ok());
  CHECK(*grants == std::vector<std::string>{"*", "menu.people", "risk.*.read"});
  auto unknown = NormalizeGrants({"risk.*", "hazard.task.read"});
  CHECK(unknown.status().field() == "grants");
  CHECK_THAT(unknown.status().message(), Catch::Contains("hazard.task.read"));
  CHECK_FALSE(NormalizeGrants({""}).ok());
  // Platform permissions are not grantable in a tenant, not even by naming them.
  CHECK(NormalizeGrants({"gateway.blocklist.write"}).status().field() == "grants");
  CHECK(NormalizeGrants({"gateway.audit.read"}).ok());

  CHECK(RequireText("  ", "name", 10, "名称").message() == "名称不能为空");
  CHECK(OptionalText("一二三四五六七八九十", "d", 10, "描述").ok());
  CHECK_FALSE(OptionalText("一二三四五六七八九十一", "d", 10, "描述").ok());
}

TEST_CASE("token scope: broadest role scope, capped at enterprise; park accounts always park") {
  AccountGrants g;
  g.kind = "user";
  CHECK(TokenScope(g) == "own");
  g.role_scopes = {"unit", "subtree"};
  CHECK(TokenScope(g) == "subtree");
  g.role_scopes = {"unit", "park"};
  CHECK(TokenScope(g) == "enterprise");
  g.kind = "park";
  g.role_scopes = {};
  CHECK(TokenScope(g) == "park");
}

TEST_CASE("permission expansion: globs against the catalogue, by kind, in catalogue order") {
  std::vector<std::string> function, operation, api;
  ExpandPermissions({{"menu.*", "personnel.account.*"}, {"op.account.*"}}, function, operation, api);
  std::size_t menus = 0;
  for (const auto& p : safeloop::auth::TenantPermissionCatalog()) {
    menus += p.kind == safeloop::auth::PermissionKind::kFunction;
  }
  CHECK(function.size() == menus);
  CHECK(std::find(function.begin(), function.end(), "menu.api") == function.end());  // a platform menu
  std::vector<std::string> f2, o2, a2;
  ExpandPermissions({{"*"}}, f2, o2, a2);
  CHECK(std::find(a2.begin(), a2.end(), "gateway.blocklist.write") == a2.end());
  CHECK(function.front() == safeloop::auth::PermissionCatalog().front().code);
  CHECK(operation == std::vector<std::string>{"op.account.reset_password", "op.account.unlock"});
  CHECK(api == std::vector<std::string>{"personnel.account.read", "personnel.account.write"});
}

TEST_CASE("locked message names the end of the lock in Beijing time") {
  CHECK_THAT(LockedMessage(FromUnixMillis(1'795'420'800'000)), Catch::Contains("2026-11-23 16:00:00"));
}
