// Development aid, not a test: a tiny in-memory stand-in for the gateway's identity/personnel API that
// serves services/gateway/web/dist, so the console and identity.test.mjs can be tried without the C++
// stack. Shapes follow proto/safeloop/personnel/v1 (proto3 JSON); behaviour is deliberately simple.
//
//   node tests/browser/mock-gateway.mjs [--port 18580] [--ttl 60] [--accounts /tmp/accounts.json]
//   SAFELOOP_BROWSER_BASE_URL=http://127.0.0.1:18580 SAFELOOP_BROWSER_ACCOUNTS_FILE=/tmp/accounts.json \
//     node tests/browser/identity.test.mjs
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const PORT = Number(arg("port", "18580"));
const TTL = Number(arg("ttl", "60"));
const ACCOUNTS_OUT = arg("accounts", "/tmp/safeloop-mock-accounts.json");
const DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "services", "gateway", "web", "dist");

// ---- permissions (libs/auth/src/permissions.cpp, abridged) --------------------------------------
const CATALOG = [
  ["menu.risk.map", "function", "risk", "风险四色图"], ["menu.park", "function", "personnel", "园区企业"],
  ["menu.enterprise", "function", "personnel", "企业信息"], ["menu.org", "function", "personnel", "组织架构"],
  ["menu.people", "function", "personnel", "人员管理"], ["menu.accounts", "function", "personnel", "账号管理"],
  ["menu.roles", "function", "personnel", "角色权限"], ["menu.certificates", "function", "personnel", "证书管理"],
  ["menu.contractors", "function", "personnel", "承包商管理"], ["menu.api", "function", "system", "API管理"],
  ["menu.audit", "function", "system", "审计日志"], ["op.people.import", "operation", "personnel", "人员导入"],
  ["op.people.export", "operation", "personnel", "人员导出"], ["op.account.reset_password", "operation", "personnel", "重置密码"],
  ["op.account.unlock", "operation", "personnel", "解锁账号"], ["op.role.grant", "operation", "personnel", "分配权限"],
  ["op.contractor.review", "operation", "personnel", "承包商审核"], ["op.contractor.blacklist", "operation", "personnel", "加入黑名单"],
  ["risk.map.read", "api", "risk", "查看风险地图"], ["personnel.park.read", "api", "personnel", "查看园区企业"],
  ["personnel.enterprise.read", "api", "personnel", "查看企业信息"], ["personnel.enterprise.write", "api", "personnel", "维护企业信息"],
  ["personnel.org.read", "api", "personnel", "查看组织架构"], ["personnel.org.write", "api", "personnel", "维护组织架构"],
  ["personnel.person.read", "api", "personnel", "查看人员"], ["personnel.person.write", "api", "personnel", "维护人员"],
  ["personnel.account.read", "api", "personnel", "查看账号"], ["personnel.account.write", "api", "personnel", "维护账号"],
  ["personnel.role.read", "api", "personnel", "查看角色"], ["personnel.role.write", "api", "personnel", "维护角色与授权"],
  ["personnel.certificate.read", "api", "personnel", "查看证书"], ["personnel.certificate.write", "api", "personnel", "维护证书"],
  ["personnel.contractor.read", "api", "personnel", "查看承包商"], ["personnel.contractor.review", "api", "personnel", "审核承包商"],
  ["personnel.blacklist.write", "api", "personnel", "维护黑名单"],
].map(([code, kind, group, name]) => ({ code, kind, group, name }));

const ROLES = [
  { code: "admin", name: "系统管理员", data_scope: "enterprise", grants: ["*"] },
  { code: "worker", name: "一线员工", data_scope: "unit", grants: ["risk.map.read", "personnel.org.read", "personnel.person.read", "personnel.certificate.read", "menu.risk.map", "menu.certificates"] },
  { code: "park_supervisor", name: "园区监管员", data_scope: "park", grants: ["risk.*.read", "personnel.park.read", "personnel.enterprise.read", "personnel.org.read", "menu.park", "menu.risk.map"] },
].map((r) => ({ id: randomUUID(), description: "", builtin: true, holder_count: 1, version: 1, ...r }));

const glob = (g, c) => new RegExp(`^${g.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(c);

// ---- data -----------------------------------------------------------------------------------------
const PARK = { id: randomUUID(), name: "沧州临港化工园区", region: "河北省沧州市" };
const ENT = [
  { id: randomUUID(), name: "沧州示范化工有限公司" },
  { id: randomUUID(), name: "临港精细化学品有限公司" },
];
const ACCOUNTS = [
  { username: "admin1", password: "Admin@2024", role: "admin", enterprise_id: ENT[0].id, name: "王管理" },
  { username: "worker1", password: "Worker@2024", role: "worker", enterprise_id: ENT[0].id, name: "李工" },
  { username: "park1", password: "Park@2024", role: "park_supervisor", enterprise_id: "", name: "赵监管" },
].map((a) => ({ ...a, id: randomUUID(), failed: 0 }));

const unit = (parent, kind, name) => ({ id: randomUUID(), parent_id: parent?.id ?? "", kind, name, code: "", sort_order: 0, status: "active", closed_at: "", version: 1 });
const root = unit(null, "company", ENT[0].name);
const prod = unit(root, "department", "生产部");
const ws1 = unit(prod, "workshop", "一车间");
const safety = unit(root, "department", "安全环保部");
const UNITS = [root, prod, ws1, safety];
const PEOPLE = [];
const pathOf = (u) => {
  const names = [];
  for (let x = u; x && x.parent_id; x = UNITS.find((y) => y.id === x.parent_id)) names.unshift(x.name);
  return names.join("/") || root.name;
};
const addPerson = (p) => PEOPLE.push({ id: randomUUID(), post_id: "", post_path: "", title: "", professional_title: "", work_type: "", special_operation: false, mobile: "", id_number: "", status: "active", left_on: "", version: 1, ...p, unit_path: pathOf(UNITS.find((u) => u.id === p.unit_id)) });
addPerson({ unit_id: ws1.id, employee_no: "E0001", name: "李工", gender: "male", person_type: "employee", work_type: "操作工" });
addPerson({ unit_id: safety.id, employee_no: "E0002", name: "王管理", gender: "female", person_type: "employee", title: "部长" });

const day = (d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
const CERTS = [
  ["valid", day(800), ""], ["expiring_soon", day(20), ""], ["review_due_soon", day(900), day(40)], ["expired", day(-3), ""],
].map(([status, expires_on, next_review_on], i) => ({
  certificate_id: randomUUID(), person_id: PEOPLE[0].id, person_name: PEOPLE[i % 2].name, type_code: "special_op.welding",
  type_name: "焊接与热切割作业", kind: "special_operation", number: `T1301${i}2024`, issuing_authority: "沧州市应急管理局",
  issued_on: day(-1000), expires_on, last_review_on: "", next_review_on, review_extended: false, status, revoked_at: "", revoke_reason: "", version: 1,
}));
const COMPANIES = [["pending", "沧州安建工程有限公司"], ["approved", "河北华北检修服务有限公司"], ["rejected", "临港保温防腐有限公司"]].map(([review_status, name]) => ({
  company_id: randomUUID(), name, credit_code: "91130900MA0000000X", contact_name: "张经理", contact_mobile: "13800000000", address: "沧州",
  documents: [{ kind: "安全生产许可证", number: "(冀)JZ安许证字[2023]0001", grade: "", issued_on: "", expires_on: day(300), file_url: "" }],
  review_status, reviewed_by: "", reviewed_at: "", review_comment: "", blacklisted: false, documents_expired: false, usable: review_status === "approved", version: 1,
}));
const BLACKLIST = [];

// ---- sessions -------------------------------------------------------------------------------------
const sessions = new Map(); // access token → {account, exp, enterprise_id}
const refreshes = new Map(); // refresh token → account id
const jwt = (sub) => `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ sub, exp: Math.floor(Date.now() / 1000) + TTL })).toString("base64url")}.${randomUUID().replace(/-/g, "")}`;
function issue(account, enterpriseId = account.enterprise_id, withRefresh = true) {
  const access_token = jwt(account.id);
  sessions.set(access_token, { account, exp: Date.now() + TTL * 1000, enterprise_id: enterpriseId });
  let refresh_token = "";
  if (withRefresh) {
    refresh_token = randomUUID();
    refreshes.set(refresh_token, account.id);
  }
  return { access_token, refresh_token, expires_in: TTL, token_type: "Bearer", refresh_expires_in: 86400 };
}
const roleOf = (a) => ROLES.find((r) => r.code === a.role);
const can = (s, code) => roleOf(s.account).grants.some((g) => glob(g, code));
function me(s) {
  const a = s.account;
  const r = roleOf(a);
  const codes = (kind) => CATALOG.filter((p) => p.kind === kind && r.grants.some((g) => glob(g, p.code))).map((p) => p.code);
  const ent = ENT.find((e) => e.id === a.enterprise_id);
  return {
    account_id: a.id, username: a.username, display_name: a.name, kind: a.role === "park_supervisor" ? "park" : "user",
    person_id: "", person_name: a.name, unit_id: "", enterprise_id: a.enterprise_id, enterprise_name: ent?.name ?? "",
    park_id: PARK.id, park_name: PARK.name, roles: [{ code: r.code, name: r.name }], data_scope: r.data_scope,
    function_permissions: codes("function"), operation_permissions: codes("operation"), api_permissions: codes("api"),
    session_id: "", expires_at: "", must_change_password: false,
  };
}

// ---- HTTP -----------------------------------------------------------------------------------------
const send = (res, status, body, headers = {}) => {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
};
const fail = (res, status, code, message) => send(res, status, { error: { code, message, field: "", request_id: randomUUID() } });
const body = (req) =>
  new Promise((resolve) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
  });
const json = async (req) => {
  const b = await body(req);
  return b.length ? JSON.parse(b.toString("utf8")) : {};
};

const HEADERS = [["工号", true], ["姓名", true], ["性别", true], ["所属部门", true], ["岗位"], ["职务"], ["职称"], ["工种"], ["人员类型", true], ["是否特种作业人员"], ["手机号"], ["身份证号"]];
async function workbook(people) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("人员");
  ws.addRow(HEADERS.map(([h, req]) => (req ? `*${h}` : h)));
  for (const p of people) ws.addRow([p.employee_no, p.name, p.gender === "male" ? "男" : "女", p.unit_path, "", p.title, p.professional_title, p.work_type, "正式员工", p.special_operation ? "是" : "否", p.mobile, p.id_number]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const TYPES = { 正式员工: "employee", 实习生: "intern", 外包人员: "outsourced", 访客: "visitor" };
async function importPeople(buf) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf);
  const ws = wb.getWorksheet("人员") ?? wb.worksheets[0];
  const cols = {};
  ws.getRow(1).eachCell((c, n) => (cols[String(c.value).replace(/[*\s]/g, "")] = n));
  const problems = [];
  const rows = [];
  const letter = (n) => String.fromCharCode(64 + n);
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const v = (h) => String(row.getCell(cols[h]).value ?? "").trim();
    if (!HEADERS.some(([h]) => cols[h] && v(h))) continue;
    const p = (h, m) => problems.push({ row: r, column: letter(cols[h]), header: h, message: m });
    const gender = { 男: "male", 女: "female" }[v("性别")];
    if (!gender) p("性别", "性别应为“男”或“女”");
    if (!v("工号")) p("工号", "工号不能为空");
    else if (PEOPLE.some((x) => x.employee_no === v("工号"))) p("工号", `工号${v("工号")}已存在`);
    if (!v("姓名")) p("姓名", "姓名不能为空");
    const u = UNITS.find((x) => pathOf(x) === v("所属部门") || x.name === v("所属部门"));
    if (!u) p("所属部门", "所属部门不存在");
    if (!TYPES[v("人员类型")]) p("人员类型", "人员类型应为正式员工、实习生、外包人员或访客");
    rows.push({ unit_id: u?.id, employee_no: v("工号"), name: v("姓名"), gender, person_type: TYPES[v("人员类型")], work_type: cols["工种"] ? v("工种") : "", special_operation: cols["是否特种作业人员"] ? v("是否特种作业人员") === "是" : false });
  }
  if (!problems.length) rows.forEach(addPerson);
  return { accepted: problems.length === 0, total_rows: rows.length, imported: problems.length ? 0 : rows.length, problems };
}

function tree(u) {
  const kids = UNITS.filter((x) => x.parent_id === u.id);
  const own = PEOPLE.filter((p) => p.unit_id === u.id && p.status === "active").length;
  const children = kids.map(tree);
  return { unit: u, headcount: own, subtree_headcount: own + children.reduce((s, c) => s + c.subtree_headcount, 0), path: [root.name, pathOf(u)].filter(Boolean).join("/"), children };
}

async function api(req, res, url) {
  const path = url.pathname;
  const m = (method, re) => req.method === method && re.test(path);
  if (m("POST", /^\/api\/v1\/auth\/login$/)) {
    const { username, password } = await json(req);
    const a = ACCOUNTS.find((x) => x.username === username);
    if (a && a.failed >= 5) return fail(res, 401, "UNAUTHENTICATED", "账号已锁定至 15 分钟后，请稍后再试或联系管理员解锁");
    if (!a || a.password !== password) {
      if (a) a.failed++;
      return fail(res, 401, "UNAUTHENTICATED", "用户名或密码错误");
    }
    a.failed = 0;
    return send(res, 200, issue(a));
  }
  if (m("POST", /^\/api\/v1\/auth\/refresh$/)) {
    const { refresh_token } = await json(req);
    const id = refreshes.get(refresh_token);
    if (!id) return fail(res, 401, "UNAUTHENTICATED", "刷新令牌无效或已使用");
    refreshes.delete(refresh_token);
    return send(res, 200, issue(ACCOUNTS.find((a) => a.id === id)));
  }
  const token = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "") || url.searchParams.get("access_token");
  const s = sessions.get(token);
  if (!s || s.exp < Date.now()) return fail(res, 401, "UNAUTHENTICATED", "令牌无效或已过期");
  const need = (code) => {
    if (can(s, code)) return false;
    fail(res, 403, "PERMISSION_DENIED", `需要权限 ${code}`);
    return true;
  };
  if (m("POST", /^\/api\/v1\/auth\/logout$/)) {
    sessions.delete(token);
    return send(res, 200, {});
  }
  if (m("GET", /^\/api\/v1\/auth\/me$/)) return send(res, 200, me(s));
  if (m("POST", /^\/api\/v1\/auth\/enterprise-token$/)) {
    const { enterprise_id } = await json(req);
    if (!ENT.some((e) => e.id === enterprise_id)) return fail(res, 404, "NOT_FOUND", "企业不存在");
    return send(res, 200, issue(s.account, enterprise_id, false));
  }
  if (m("GET", /^\/api\/v1\/risk\/maps$/)) return send(res, 200, { items: [] });
  const P = "/api/v1/personnel";
  const entOut = (e) => ({ id: e.id, park_id: PARK.id, park_name: PARK.name, profile: { name: e.name, credit_code: "91130900MA0ABCDE1X", operating_address: "沧州临港经济技术开发区", safety_principal_name: "孙安全", safety_principal_mobile: "13900000000" }, park_write_granted: false, version: 1 });
  if (path === `${P}/park/enterprises` && !need("personnel.park.read")) return send(res, 200, { park: PARK, enterprises: ENT.map(entOut) });
  if (path.startsWith(`${P}/park/enterprises/`) && !need("personnel.park.read")) return send(res, 200, entOut(ENT.find((e) => path.endsWith(e.id)) ?? ENT[0]));
  if (path === `${P}/enterprise` && !need("personnel.enterprise.read")) return send(res, 200, entOut(ENT.find((e) => e.id === s.enterprise_id) ?? ENT[0]));
  if (path === `${P}/org/tree` && !need("personnel.org.read")) return send(res, 200, { root: tree(root) });
  if (path === `${P}/org/history`) return send(res, 200, { changes: [], next_page_token: "" });
  if (m("POST", /\/org\/units$/) && !need("personnel.org.write")) {
    const b = await json(req);
    const u = { ...unit(UNITS.find((x) => x.id === b.parent_id), b.kind, b.name), code: b.code ?? "" };
    UNITS.push(u);
    return send(res, 201, u);
  }
  if (m("GET", /\/people$/) && !need("personnel.person.read")) {
    const q = url.searchParams;
    const status = q.get("status") || "active";
    const list = PEOPLE.filter((p) => (status === "all" || p.status === status) && (!q.get("name_contains") || p.name.includes(q.get("name_contains"))) && (!q.get("person_type") || p.person_type === q.get("person_type")));
    const size = Number(q.get("page_size") || 50);
    const start = Number(q.get("page_token") || 0);
    return send(res, 200, { people: list.slice(start, start + size), total_size: list.length, next_page_token: start + size < list.length ? String(start + size) : "" });
  }
  if (m("GET", /\/people-(template|export)\.xlsx$/) && !need("personnel.person.read")) {
    const buf = await workbook(path.includes("export") ? PEOPLE : []);
    res.writeHead(200, { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(path.includes("export") ? "人员名单.xlsx" : "人员导入模板.xlsx")}` });
    return res.end(buf);
  }
  if (m("POST", /\/people-import$/) && !need("personnel.person.write")) {
    const out = await importPeople(await body(req));
    return send(res, out.accepted ? 200 : 422, out);
  }
  if (path === `${P}/accounts` && !need("personnel.account.read")) {
    return send(res, 200, { accounts: ACCOUNTS.map((a) => ({ id: a.id, username: a.username, kind: "user", display_name: a.name, mobile: "", status: "active", person_id: "", person_name: a.name, unit_id: "", roles: [{ code: a.role, name: roleOf(a).name }], expires_at: "", locked_until: a.failed >= 5 ? new Date(Date.now() + 900_000).toISOString() : "", failed_logins: a.failed, last_login_at: "", password_changed_at: "", must_change_password: false, version: 1 })), page: { next_page_token: "" } });
  }
  if (path === `${P}/permissions`) return send(res, 200, { permissions: CATALOG });
  if (path === `${P}/roles` && !need("personnel.role.read")) return send(res, 200, { roles: ROLES });
  if (path === `${P}/certificates` && !need("personnel.certificate.read")) {
    const st = url.searchParams.get("status");
    return send(res, 200, { certificates: CERTS.filter((c) => !st || c.status === st), page: { next_page_token: "" } });
  }
  if (path === `${P}/certificate-reminders`) {
    return send(res, 200, { reminders: CERTS.filter((c) => c.status !== "valid").map((c) => ({ certificate: c, due_kind: c.next_review_on ? "review" : "expiry", due_on: c.next_review_on || c.expires_on, days_left: Math.round((new Date(c.next_review_on || c.expires_on) - Date.now()) / 86_400_000) })) });
  }
  if (m("GET", /\/contractors$/) && !need("personnel.contractor.read")) return send(res, 200, { companies: COMPANIES, page: { next_page_token: "" } });
  const review = /\/contractors\/([^/]+)\/review$/.exec(path);
  if (review && req.method === "POST" && !need("personnel.contractor.review")) {
    const c = COMPANIES.find((x) => x.company_id === review[1]);
    const b = await json(req);
    c.review_status = b.decision === "approve" ? "approved" : "rejected";
    c.review_comment = b.comment ?? "";
    c.usable = c.review_status === "approved" && !c.blacklisted;
    return send(res, 200, c);
  }
  if (/\/contractors\/[^/]+\/teams$/.test(path)) return send(res, 200, { teams: [] });
  if (path === `${P}/contractor-staff`) return send(res, 200, { staff: [], page: { next_page_token: "" } });
  if (path === `${P}/violations`) return send(res, 200, { violations: [], page: { next_page_token: "" } });
  if (path === `${P}/blacklist`) {
    if (req.method === "POST") {
      const b = await json(req);
      const e = { entry_id: randomUUID(), ...b, from: new Date().toISOString(), until: "", created_by: s.account.id, created_at: new Date().toISOString(), lifted_at: "", lifted_by: "", lift_reason: "", active: true };
      BLACKLIST.push(e);
      const c = COMPANIES.find((x) => x.company_id === b.subject_id);
      if (c) Object.assign(c, { blacklisted: true, usable: false });
      return send(res, 201, e);
    }
    return send(res, 200, { entries: BLACKLIST, page: { next_page_token: "" } });
  }
  return fail(res, 404, "NOT_FOUND", `mock: no route ${req.method} ${path}`);
}

const MIME = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".map": "application/json", ".png": "image/png" };
createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  if (url.pathname.startsWith("/api/")) {
    api(req, res, url).catch((e) => fail(res, 500, "INTERNAL", String(e)));
    return;
  }
  const file = normalize(join(DIST, url.pathname === "/" ? "index.html" : url.pathname));
  if (!file.startsWith(DIST) || !existsSync(file)) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, { "Content-Type": MIME[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
}).listen(PORT, "127.0.0.1", () => {
  writeFileSync(
    ACCOUNTS_OUT,
    JSON.stringify(ACCOUNTS.map((a) => ({ username: a.username, password: a.password, role: a.role, role_name: roleOf(a).name, enterprise: ENT.find((e) => e.id === a.enterprise_id)?.name ?? PARK.name, enterprise_id: a.enterprise_id })), null, 2),
  );
  console.log(`mock gateway on http://127.0.0.1:${PORT} (token ttl ${TTL}s), accounts in ${ACCOUNTS_OUT}`);
});
