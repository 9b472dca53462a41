#include <catch2/catch.hpp>

#include "audit_log.hpp"
#include "rfc3339.hpp"

using namespace safeloop;
using namespace safeloop::gateway;

TEST_CASE("writes under /api are audited, reads and static files are not") {
  for (const char* m : {"POST", "PUT", "PATCH", "DELETE"}) CHECK(IsAuditedRequest(m, "/api/v1/risk/maps"));
  CHECK(IsAuditedRequest("POST", "/api/v1/auth/login"));
  CHECK_FALSE(IsAuditedRequest("GET", "/api/v1/risk/maps"));
  CHECK_FALSE(IsAuditedRequest("OPTIONS", "/api/v1/risk/maps"));
  CHECK_FALSE(IsAuditedRequest("HEAD", "/api/v1/risk/maps"));
  CHECK_FALSE(IsAuditedRequest("POST", "/index.html"));
  CHECK_FALSE(IsAuditedRequest("POST", "/apiary"));
}

TEST_CASE("audit queries take times, filters, a page size and a cursor") {
  auto q = ParseAuditQuery({{"since", "2026-11-23T08:00:00Z"},
                            {"until", "2026-11-24T08:00:00+08:00"},
                            {"account", "u1"},
                            {"operation", "createPlantMap"},
                            {"limit", "20"},
                            {"cursor", "1795420800000000_42"}});
  REQUIRE(q.ok());
  CHECK(FormatRfc3339(*q->since) == "2026-11-23T08:00:00.000Z");
  CHECK(FormatRfc3339(*q->until) == "2026-11-24T00:00:00.000Z");
  CHECK(q->account == "u1");
  CHECK(q->operation == "createPlantMap");
  CHECK(q->limit == 20);
  REQUIRE(q->after);
  CHECK(q->after->first == 1795420800000000);
  CHECK(q->after->second == 42);

  auto defaults = ParseAuditQuery({});
  REQUIRE(defaults.ok());
  CHECK(defaults->limit == 50);
  CHECK_FALSE(defaults->since);
  CHECK_FALSE(defaults->after);

  CHECK(ParseAuditQuery({{"since", "yesterday"}}).status().field() == "since");
  CHECK(ParseAuditQuery({{"limit", "0"}}).status().field() == "limit");
  CHECK(ParseAuditQuery({{"limit", "501"}}).status().field() == "limit");
  CHECK(ParseAuditQuery({{"cursor", "abc"}}).status().field() == "cursor");
  CHECK(ParseAuditQuery({{"cursor", "12_"}}).status().field() == "cursor");
}

TEST_CASE("the cursor names the last row exactly") {
  AuditRecord r;
  r.id = 7;
  r.occurred_at = *ParseRfc3339("2026-11-23T08:00:00.123456Z");
  auto cursor = AuditCursor(r);
  auto q = ParseAuditQuery({{"cursor", cursor}});
  REQUIRE(q.ok());
  CHECK(q->after->second == 7);
  CHECK(q->after->first == UnixMillis(r.occurred_at) * 1000 + 456);
}

TEST_CASE("an audit record's JSON never carries more than it was given") {
  AuditRecord r;
  r.id = 3;
  r.account = "u1";
  r.roles = {"admin"};
  r.method = "POST";
  r.path = "/api/v1/auth/login";
  r.path_params = {{"map_id", "m"}};
  r.http_status = 401;
  r.code = "UNAUTHENTICATED";
  auto j = AuditRecordJson(r);
  CHECK(j["id"] == "3");
  CHECK(j["roles"] == nlohmann::json::array({"admin"}));
  CHECK(j["path_params"]["map_id"] == "m");
  CHECK_FALSE(j.contains("username"));
  CHECK_FALSE(j.contains("password"));
  r.username = "zhangsan";
  CHECK(AuditRecordJson(r)["username"] == "zhangsan");
}
