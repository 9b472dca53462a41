// Identity through the gateway with the seeded demo park (tools/stack --seed): logins and sessions,
// a tenant-isolation matrix and an RBAC matrix over every route of the OpenAPI document.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>

#include "e2e_client.hpp"
#include "safeloop/auth/encoding.hpp"
#include "safeloop/auth/permissions.hpp"

using namespace safeloop;
using namespace safeloop::e2e;
using nlohmann::json;

namespace {

json DemoAccounts() {
  const char* file = std::getenv("SAFELOOP_DEMO_ACCOUNTS_FILE");
  REQUIRE(file != nullptr);
  std::ifstream in(file);
  REQUIRE(in.good());
  return json::parse(in);
}

json Account(const std::string& role, int enterprise = 1) {
  std::string want = enterprise == 1 ? "0190a1b2-0000-7000-8000-000000000001" : "0190a1b2-0000-7000-8000-000000000002";
  for (const auto& a : DemoAccounts()) {
    if (a["role"] == role && (role == "park_supervisor" || a["enterprise_id"] == want)) return a;
  }
  FAIL("no demo account with role " << role);
  return {};
}

HttpResult Login(const std::string& username, const std::string& password) {
  return Call("POST", "/api/v1/auth/login", "", json{{"username", username}, {"password", password}});
}

std::string TokenOf(const json& account) {
  auto r = Login(account["username"], account["password"]);
  INFO(r.text);
  REQUIRE(r.status == 200);
  return r.json["access_token"];
}

std::string Unique(const std::string& prefix) { return prefix + RandomId().substr(24); }

// A person with an account in the enterprise of `admin_token`; returns {person_id, account_id, username}.
struct TestAccount {
  std::string person_id, account_id, username, password = "Qiche#2026x";
};
TestAccount MakeAccount(const std::string& admin_token, const std::string& role = "worker") {
  auto tree = Call("GET", "/api/v1/personnel/org/tree", admin_token);
  REQUIRE(tree.status == 200);
  std::string root = tree.json["root"]["unit"]["id"];
  TestAccount t;
  t.username = Unique("e2e.");
  auto person = Call("POST", "/api/v1/personnel/people", admin_token,
                     json{{"person",
                           {{"unit_id", root},
                            {"employee_no", Unique("E")},
                            {"name", "测试员"},
                            {"gender", "male"},
                            {"person_type", "employee"}}}});
  INFO(person.text);
  REQUIRE(person.status == 201);
  t.person_id = person.json["id"];
  auto account = Call("POST", "/api/v1/personnel/accounts", admin_token,
                      json{{"person_id", t.person_id},
                           {"username", t.username},
                           {"password", t.password},
                           {"role_codes", {role}}});
  INFO(account.text);
  REQUIRE(account.status == 201);
  t.account_id = account.json["id"];
  return t;
}

void RequireUnauthenticated(const HttpResult& r) {
  INFO(r.status << " " << r.text);
  CHECK(r.status == 401);
  CHECK(r.ErrorCode() == "UNAUTHENTICATED");
}
}  // namespace

TEST_CASE("login answers a token pair; wrong password and unknown user are refused alike", "[e2e][identity]") {
  auto admin = Account("admin");
  auto ok = Login(admin["username"], admin["password"]);
  INFO(ok.text);
  REQUIRE(ok.status == 200);
  CHECK_FALSE(ok.json["access_token"].get<std::string>().empty());
  CHECK_FALSE(ok.json["refresh_token"].get<std::string>().empty());
  auto me = Call("GET", "/api/v1/auth/me", ok.json["access_token"]);
  REQUIRE(me.status == 200);
  CHECK(me.json["username"] == admin["username"]);
  CHECK(me.json["enterprise_id"] == admin["enterprise_id"]);

  auto wrong = Login(admin["username"], "Wrong#Pass2026");
  auto unknown = Login(Unique("nobody."), "Wrong#Pass2026");
  RequireUnauthenticated(wrong);
  RequireUnauthenticated(unknown);
  CHECK(wrong.json["error"]["message"] == unknown.json["error"]["message"]);  // no username probing
  CHECK(Call("POST", "/api/v1/auth/login", "", json{{"username", 5}}).status == 400);
}

TEST_CASE("repeated failures lock an account; an administrator unlocks it", "[e2e][identity]") {
  std::string admin = TokenOf(Account("admin"));
  auto t = MakeAccount(admin);
  REQUIRE(Login(t.username, t.password).status == 200);
  for (int i = 0; i < 5; ++i) RequireUnauthenticated(Login(t.username, "Wrong#Pass2026"));
  auto locked = Login(t.username, t.password);  // right password, but locked now
  RequireUnauthenticated(locked);
  CHECK_THAT(locked.json["error"].value("message", ""), Catch::Contains("锁定"));
  auto unlock = Call("POST", "/api/v1/personnel/accounts/" + t.account_id + "/unlock", admin, json::object());
  INFO(unlock.text);
  REQUIRE(unlock.status == 200);
  CHECK(Login(t.username, t.password).status == 200);
}

TEST_CASE("tampered, unsigned (alg none), foreign-key and expired tokens are refused", "[e2e][identity]") {
  std::string good = TokenOf(Account("admin"));
  REQUIRE(Call("GET", "/api/v1/auth/me", good).status == 200);
  auto dot1 = good.find('.'), dot2 = good.rfind('.');
  std::string payload = *auth::Base64UrlDecode(good.substr(dot1 + 1, dot2 - dot1 - 1));
  auto claims = json::parse(payload);
  claims["ent"] = "0190a1b2-0000-7000-8000-000000000002";  // tenant hopping attempt
  claims["perms"] = {"*", "platform.*"};                   // privilege escalation attempt
  std::string forged = auth::Base64UrlEncode(claims.dump());
  RequireUnauthenticated(Call("GET", "/api/v1/auth/me", good.substr(0, dot1 + 1) + forged + good.substr(dot2)));
  std::string none_header = auth::Base64UrlEncode(R"({"alg":"none","typ":"JWT"})");
  RequireUnauthenticated(Call("GET", "/api/v1/auth/me", none_header + "." + forged + "."));
  auto tenant = NewTenant();
  RequireUnauthenticated(Call("GET", "/api/v1/auth/me", ForeignKeyToken(tenant)));
  RequireUnauthenticated(Call("GET", "/api/v1/auth/me", ExpiredToken(tenant)));
}

TEST_CASE("refresh rotates; a used refresh token is refused and ends the session; logout ends it too",
          "[e2e][identity]") {
  auto admin = Account("admin");
  auto first = Login(admin["username"], admin["password"]);
  REQUIRE(first.status == 200);
  auto second = Call("POST", "/api/v1/auth/refresh", "", json{{"refresh_token", first.json["refresh_token"]}});
  INFO(second.text);
  REQUIRE(second.status == 200);
  CHECK(second.json["refresh_token"] != first.json["refresh_token"]);
  CHECK(Call("GET", "/api/v1/auth/me", second.json["access_token"]).status == 200);
  // Replaying the old refresh token: refused, and the thief's session is revoked with it.
  RequireUnauthenticated(Call("POST", "/api/v1/auth/refresh", "", json{{"refresh_token", first.json["refresh_token"]}}));
  RequireUnauthenticated(
      Call("POST", "/api/v1/auth/refresh", "", json{{"refresh_token", second.json["refresh_token"]}}));

  auto session = Login(admin["username"], admin["password"]);
  REQUIRE(session.status == 200);
  std::string access = session.json["access_token"];
  REQUIRE(Call("POST", "/api/v1/auth/logout", access, json::object()).status == 200);
  RequireUnauthenticated(Call("GET", "/api/v1/auth/me", access));  // still unexpired, but logged out
  RequireUnauthenticated(Call("POST", "/api/v1/auth/refresh", "", json{{"refresh_token", session.json["refresh_token"]}}));
}

namespace {
struct Route {
  std::string method, path, operation_id, permission;
  bool is_public = false;
};

std::vector<Route> ApiRoutes() {
  auto doc = Call("GET", "/api/v1/openapi.json");
  REQUIRE(doc.status == 200);
  std::vector<Route> out;
  for (auto& [path, methods] : doc.json["paths"].items()) {
    for (auto& [method, op] : methods.items()) {
      Route r;
      r.method = method;
      for (auto& c : r.method) c = static_cast<char>(std::toupper(c));
      r.path = path;
      r.operation_id = op.value("operationId", "");
      r.permission = op.value("x-safeloop-permission", "");
      r.is_public = op.contains("security") && op["security"].empty();
      out.push_back(r);
    }
  }
  REQUIRE(out.size() > 60);
  return out;
}

std::string Fill(std::string path, const std::map<std::string, std::string>& ids) {
  static const std::regex param(R"(\{([a-z_]+)\})");
  std::smatch m;
  while (std::regex_search(path, m, param)) {
    auto it = ids.find(m[1]);
    path = m.prefix().str() + (it == ids.end() ? RandomId() : it->second) + m.suffix().str();
  }
  return path;
}

bool IsWrite(const std::string& m) { return m != "GET"; }
bool IsParkRoute(const Route& r) { return r.path.find("/personnel/park/") != std::string::npos; }
}  // namespace

TEST_CASE("tenant isolation: enterprise A addressing enterprise B's resources gets 404 and changes nothing",
          "[e2e][identity][tenancy]") {
  std::string a = TokenOf(Account("admin", 1));
  std::string b = TokenOf(Account("admin", 2));
  // One of everything in B.
  std::map<std::string, std::string> ids;
  auto tree = Call("GET", "/api/v1/personnel/org/tree", b);
  REQUIRE(tree.status == 200);
  auto unit = Call("POST", "/api/v1/personnel/org/units", b,
                   json{{"parent_id", tree.json["root"]["unit"]["id"]}, {"kind", "department"}, {"name", Unique("隔离部")}});
  REQUIRE(unit.status == 201);
  ids["unit_id"] = unit.json["id"];
  auto acc = MakeAccount(b);
  ids["person_id"] = acc.person_id;
  ids["account_id"] = acc.account_id;
  auto role = Call("POST", "/api/v1/personnel/roles", b,
                   json{{"code", "iso_" + RandomId().substr(30)}, {"name", "隔离角色"}, {"data_scope", "unit"},
                        {"grants", {"risk.map.read"}}});
  INFO(role.text);
  REQUIRE(role.status == 201);
  ids["role_id"] = role.json.contains("role_id") ? role.json["role_id"] : role.json["id"];
  auto cert = Call("POST", "/api/v1/personnel/certificates", b,
                   json{{"person_id", acc.person_id}, {"type_code", "special_op.electrician"},
                        {"number", Unique("T")}, {"issued_on", "2024-01-10"}});
  INFO(cert.text);
  REQUIRE(cert.status == 201);
  ids["certificate_id"] = cert.json.contains("certificate_id") ? cert.json["certificate_id"] : cert.json["id"];
  auto plant = CreatePlant(b, Unique("隔离厂区"));
  ids["map_id"] = plant.map_id;
  ids["area_id"] = plant.area_id;
  ids["point_id"] = plant.point_id;
  ids["risk_point_id"] = plant.point_id;
  auto companies = Call("GET", "/api/v1/personnel/contractors", b);
  REQUIRE(companies.status == 200);

  int checked = 0;
  for (const auto& r : ApiRoutes()) {
    if (r.path.find('{') == std::string::npos || r.is_public || IsParkRoute(r)) continue;
    if (r.path.find("/admin/") != std::string::npos) continue;  // gateway-owned, tested in edge_e2e_test
    bool has_b_id = false;
    for (auto& [name, id] : ids) has_b_id = has_b_id || r.path.find("{" + name + "}") != std::string::npos;
    if (!has_b_id) continue;
    std::string path = Fill(r.path, ids);
    auto res = Call(r.method, path, a, IsWrite(r.method) ? std::optional<json>(json::object()) : std::nullopt);
    INFO(r.method << " " << path << " → " << res.status << " " << res.text);
    if (IsWrite(r.method)) {
      CHECK((res.status == 404 || res.status == 400));  // validation may speak first; nothing may change
    } else {
      CHECK(res.status == 404);
    }
    // Nothing of B may come back, apart from the id A itself sent (error messages name it).
    for (auto& [name, id] : ids) {
      if (path.find(id) == std::string::npos) CHECK(res.text.find(id) == std::string::npos);
    }
    if (res.status < 400) CHECK(res.text.find("隔离") == std::string::npos);
    ++checked;
  }
  CHECK(checked >= 20);
  // B's things are unchanged and still B's.
  auto still = Call("GET", "/api/v1/personnel/people/" + acc.person_id, b);
  CHECK(still.status == 200);
  CHECK(still.json["status"] == "active");
  CHECK(Call("GET", "/api/v1/personnel/roles/" + ids["role_id"], b).status == 200);
  // Lists never show B's rows to A.
  for (const char* list : {"/api/v1/personnel/people", "/api/v1/personnel/accounts", "/api/v1/personnel/roles",
                           "/api/v1/personnel/certificates", "/api/v1/risk/maps"}) {
    auto res = Call("GET", list, a);
    INFO(list << " " << res.status);
    CHECK(res.status == 200);
    for (auto& [name, id] : ids) CHECK(res.text.find(id) == std::string::npos);
  }
}

TEST_CASE("a park regulator sees exactly its park's enterprises and reads one through an enterprise token",
          "[e2e][identity][tenancy]") {
  auto supervisor = Account("park_supervisor");
  std::string park = TokenOf(supervisor);
  auto list = Call("GET", "/api/v1/personnel/park/enterprises", park);
  INFO(list.text);
  REQUIRE(list.status == 200);
  std::set<std::string> seen;
  for (const auto& e : list.json["enterprises"]) seen.insert(e["id"].get<std::string>());
  CHECK(seen == std::set<std::string>{"0190a1b2-0000-7000-8000-000000000001", "0190a1b2-0000-7000-8000-000000000002"});
  CHECK(Call("GET", "/api/v1/personnel/park/enterprises/" + RandomId(), park).status == 404);
  // Enterprise data needs an enterprise chosen first.
  CHECK(Call("GET", "/api/v1/personnel/people", park).status == 403);
  auto chosen = Call("POST", "/api/v1/auth/enterprise-token", park,
                     json{{"enterprise_id", "0190a1b2-0000-7000-8000-000000000001"}});
  INFO(chosen.text);
  REQUIRE(chosen.status == 200);
  std::string ent = chosen.json["access_token"];
  CHECK(Call("GET", "/api/v1/personnel/people", ent).status == 200);
  CHECK(Call("GET", "/api/v1/risk/map", ent).status == 200);
  CHECK(Call("POST", "/api/v1/personnel/org/units", ent, json{{"name", "x"}}).status == 403);  // read-only
  CHECK(Call("POST", "/api/v1/auth/enterprise-token", park, json{{"enterprise_id", RandomId()}}).status == 404);
}

TEST_CASE("RBAC matrix: each default role against each route", "[e2e][identity][rbac]") {
  const std::vector<std::string> roles = {"admin", "safety_director", "safety_officer", "dept_head", "inspector",
                                          "worker", "park_supervisor"};
  const auto routes = ApiRoutes();
  for (const auto& role : roles) {
    auto account = Account(role);
    std::string token = TokenOf(account);
    std::string park_token;
    if (role == "park_supervisor") {
      park_token = token;
      auto chosen = Call("POST", "/api/v1/auth/enterprise-token", park_token,
                         json{{"enterprise_id", "0190a1b2-0000-7000-8000-000000000001"}});
      REQUIRE(chosen.status == 200);
      token = chosen.json["access_token"];
    }
    auto grants = auth::GrantsOfDefaultRoles({role});
    REQUIRE(grants.ok());
    auth::Claims claims;
    claims.perms = grants->perms;
    int allowed = 0, denied = 0;
    for (const auto& r : routes) {
      if (r.is_public || r.permission.empty()) continue;
      if (r.path.ends_with("/stream")) continue;  // server-sent events never end; map_stream_e2e_test covers them
      bool grant = auth::RequirePermission(claims, r.permission).ok();
      // Park routes serve park accounts only, whatever an enterprise role's grants say.
      bool expect_allowed = grant && (!IsParkRoute(r) || role == "park_supervisor");
      const std::string& use = IsParkRoute(r) && role == "park_supervisor" ? park_token : token;
      std::string path = Fill(r.path, {});
      auto res = Call(r.method, path, use, IsWrite(r.method) ? std::optional<json>(json::object()) : std::nullopt);
      INFO(role << " " << r.method << " " << path << " (" << r.permission << ") → " << res.status << " " << res.text);
      CHECK(res.status != 401);
      if (expect_allowed) {
        CHECK(res.status != 403);
        ++allowed;
      } else {
        CHECK(res.status == 403);
        ++denied;
      }
    }
    INFO(role);
    CHECK(allowed + denied > 50);
  }
  // Spot checks of the table itself, independent of the catalogue code above.
  std::string worker = TokenOf(Account("worker"));
  CHECK(Call("GET", "/api/v1/risk/map", worker).status == 200);
  CHECK(Call("POST", "/api/v1/personnel/roles", worker, json::object()).status == 403);
  CHECK(Call("GET", "/api/v1/admin/audit-log", worker).status == 403);
  std::string officer = TokenOf(Account("safety_officer"));
  CHECK(Call("PUT", "/api/v1/personnel/roles/" + RandomId(), officer, json::object()).status == 403);
  CHECK(Call("GET", "/api/v1/personnel/certificates", officer).status == 200);
}
