// Browser test of login, role menus and the people import (services/gateway/web) against a running stack.
//
//   SAFELOOP_BROWSER_BASE_URL        gateway base URL, e.g. http://127.0.0.1:18080
//   SAFELOOP_VAR                     the demo accounts are read from $SAFELOOP_VAR/demo/accounts.json
//                                    (SAFELOOP_BROWSER_ACCOUNTS_FILE overrides); screenshots go to browser/
//   SAFELOOP_CHROMIUM                optional: browser binary (default /usr/bin/chromium)
//
// The expected menus are the default roles' function permissions (libs/auth/src/permissions.cpp
// DefaultRoles()), hard-coded here on purpose: deriving them from GET /api/v1/auth/me would test nothing.
// The import uses 工号 unique to this run, so reruns pass against the same database.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import {
  BASE_URL, SCREENSHOT_DIR, UI_TIMEOUT_MS, accountOf, apiCall, launch, loginWithForm, readAccounts, storedToken, withTimeout,
} from "./lib.mjs";

const STEP_TIMEOUT_MS = 90_000;

// Menu data-testids in console order. 园区企业 (menu.park) is for park accounts only: an enterprise admin's
// "*" grant matches it, but the console shows it only to accounts that act for a park.
const MENUS = {
  // 系统管理员: "*"
  admin: [
    "menu-risk-map",
    "menu-enterprise",
    "menu-org",
    "menu-people",
    "menu-accounts",
    "menu-roles",
    "menu-certificates",
    "menu-contractors",
    // no "menu-api": API管理 is a platform operator's function; "*" of a tenant role never grants it
    "menu-audit",
  ],
  // 一线员工: menu.risk.map, menu.certificates
  worker: ["menu-risk-map", "menu-certificates"],
  // 园区监管员: menu.park, menu.risk.map
  park_supervisor: ["menu-park", "menu-risk-map"],
};
const MENU_LABELS = {
  "menu-park": "园区企业",
  "menu-risk-map": "风险四色图",
  "menu-enterprise": "企业信息",
  "menu-org": "组织架构",
  "menu-people": "人员管理",
  "menu-accounts": "账号管理",
  "menu-roles": "角色权限",
  "menu-certificates": "证书管理",
  "menu-contractors": "承包商管理",
  "menu-api": "API管理",
  "menu-audit": "审计日志",
};

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase();
const RUN_NAME = `测试${RUN}`; // in every imported name, so the list can be filtered to this run

let accounts = null;
let context = null;
let page = null;
let userDataDir = null;
let workDir = null;
const pageErrors = [];

let templatePath = null; // downloaded through the UI
let unitRef = null; // a 所属部门 reference the import accepts

// ---- helpers ------------------------------------------------------------------------------

async function menuIds() {
  return page.$$eval("#menu [data-testid^='menu-']", (els) => els.map((e) => e.getAttribute("data-testid")));
}

async function menuLabels() {
  return page.$$eval("#menu [data-testid^='menu-']", (els) => els.map((e) => (e.textContent ?? "").trim()));
}

async function logout() {
  await page.locator("#logout-button").click();
  await page.waitForURL(/#\/login/, { timeout: UI_TIMEOUT_MS });
  const left = await page.evaluate(() =>
    ["safeloop.access_token", "safeloop.refresh_token"].map((k) => window.localStorage.getItem(k)),
  );
  assert.deepEqual(left, [null, null], "logout clears the stored tokens");
}

async function assertMenu(role, account) {
  const want = MENUS[role];
  assert.deepEqual(await menuIds(), want, `menu of ${account.username} (${account.role_name ?? role})`);
  assert.deepEqual(await menuLabels(), want.map((id) => MENU_LABELS[id]), "menu labels");
  const roles = await page.locator("#user-roles").textContent();
  if (account.role_name) assert.ok(roles.includes(account.role_name), `header shows the role ${account.role_name} (got ${roles})`);
  const ent = (await page.locator("#user-enterprise").textContent()).trim();
  if (role === "park_supervisor") assert.ok(ent !== "", "header shows the park's name");
  else if (account.enterprise) assert.equal(ent, account.enterprise, "header shows the enterprise name");
  assert.ok((await page.locator("#user-name").textContent()).trim() !== "", "header shows the user's name");
}

/** Header text without the required marker and whitespace: "*工号" → "工号". */
function headerText(cell) {
  const v = cell.value;
  const text = typeof v === "string" ? v : v && Array.isArray(v.richText) ? v.richText.map((r) => r.text).join("") : String(v ?? "");
  return text.replace(/[*＊\s]/g, "");
}

function columnLetter(n) {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Fills the downloaded template with `rows` (objects keyed by Chinese header) and saves it under `name`. */
async function writeWorkbook(name, rows) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templatePath);
  const ws = wb.getWorksheet("人员") ?? wb.worksheets[0];
  assert.ok(ws, "the template has a worksheet");
  let headerRow = 0;
  const columns = new Map();
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (headerRow) return;
    headerRow = n;
    row.eachCell({ includeEmpty: false }, (cell, col) => columns.set(headerText(cell), col));
  });
  assert.ok(headerRow > 0, "the template has a header row");
  for (const h of ["工号", "姓名", "性别", "所属部门", "人员类型"]) assert.ok(columns.has(h), `the template has a ${h} column`);
  // Drop any example rows below the header.
  for (let r = ws.rowCount; r > headerRow; r--) ws.spliceRows(r, 1);
  rows.forEach((values, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    for (const [h, v] of Object.entries(values)) row.getCell(columns.get(h)).value = v;
    row.commit();
  });
  const path = join(workDir, name);
  await wb.xlsx.writeFile(path);
  return { path, headerRow, columns };
}

async function uploadAndWait(path, selector) {
  await page.locator("#import-file").setInputFiles(path);
  await page.locator(selector).waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
}

async function searchPeople(name) {
  await page.locator("#filter-status").selectOption("all");
  await page.locator("#filter-name").fill(name);
  await page.locator("#people-filters button[type=submit]").click();
  await page.waitForFunction(
    () => !document.querySelector("#people-list .loading"),
    undefined,
    { timeout: UI_TIMEOUT_MS, polling: 100 },
  );
}

// ---- setup / teardown ---------------------------------------------------------------------

before(async () => {
  assert.ok(BASE_URL, "SAFELOOP_BROWSER_BASE_URL is not set (e.g. http://127.0.0.1:18080)");
  accounts = readAccounts();
  assert.ok(accounts, "no demo accounts: $SAFELOOP_VAR/demo/accounts.json (tools/stack start --seed writes it)");
  workDir = mkdtempSync(join(tmpdir(), "safeloop-identity-"));
  ({ context, userDataDir } = await launch());
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (err) => pageErrors.push(String(err)));
});

after(async () => {
  if (context) await withTimeout(context.close(), 15_000, "closing the browser").catch((e) => console.error(`# ${e}`));
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// ---- steps --------------------------------------------------------------------------------

test("a wrong password shows the server's message and keeps the button usable", { timeout: STEP_TIMEOUT_MS }, async () => {
  const worker = accountOf(accounts, "worker");
  await page.goto(`${BASE_URL}/#/login`, { waitUntil: "domcontentloaded" });
  await page.locator("#login-username").fill(worker.username);
  await page.locator("#login-password").fill(`${worker.password}-wrong`);
  await page.locator("#login-submit").click();
  const error = page.locator("#login-error");
  await error.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  const text = (await error.textContent()).trim();
  assert.match(text, /[\u4e00-\u9fff]/, `a Chinese message is shown (got "${text}")`);
  assert.match(text, /用户名或密码错误/, "the message says the username or password is wrong");
  assert.equal(await page.locator("#login-submit").isDisabled(), false, "the button is enabled again");
  assert.equal(await page.evaluate(() => window.localStorage.getItem("safeloop.access_token")), null, "no token stored");
});

test("系统管理员 of the first enterprise logs in and sees every enterprise menu", { timeout: STEP_TIMEOUT_MS }, async () => {
  const admin = accountOf(accounts, "admin");
  await loginWithForm(page, admin.username, admin.password);
  await assertMenu("admin", admin);
  const stored = await page.evaluate(() => ({
    access: window.localStorage.getItem("safeloop.access_token"),
    refresh: window.localStorage.getItem("safeloop.refresh_token"),
  }));
  assert.ok(stored.access && stored.refresh, "access and refresh tokens are stored");
  await logout();
});

test("一线员工 sees only 风险四色图 and 证书管理; other pages are refused", { timeout: STEP_TIMEOUT_MS }, async () => {
  const worker = accountOf(accounts, "worker");
  await loginWithForm(page, worker.username, worker.password);
  await assertMenu("worker", worker);
  await page.goto(`${BASE_URL}/#/people`, { waitUntil: "domcontentloaded" });
  await page.locator("#forbidden").waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  assert.equal(await page.locator("#people-import").count(), 0, "no import button without op.people.import");
  await page.goto(`${BASE_URL}/#/certificates`, { waitUntil: "domcontentloaded" });
  await page.locator("#certificates-list .data-table, #certificates-list .empty-state").first().waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await page.locator("#cert-create").count(), 0, "no 新增证书 without personnel.certificate.write");
  await logout();
});

test("园区监管员 sees 园区企业 and 风险四色图 and can open an enterprise read-only", { timeout: STEP_TIMEOUT_MS }, async () => {
  const park = accountOf(accounts, "park_supervisor");
  await loginWithForm(page, park.username, park.password);
  await assertMenu("park_supervisor", park);
  await page.locator("#nav-park").click();
  const cards = page.locator("#park-enterprises .enterprise-card");
  await cards.first().waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  const ids = await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-enterprise-id")));
  const parkEnterprises = new Set(accounts.filter((a) => a.enterprise_id && a.role !== "park_supervisor").map((a) => a.enterprise_id));
  for (const id of parkEnterprises) assert.ok(ids.includes(id), `the park lists enterprise ${id}`);
  await cards.first().locator("[data-action=choose-enterprise]").click();
  await page.locator("#acting-enterprise").waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  await page.locator("#acting-banner").waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  await logout();
  assert.equal(await page.evaluate(() => window.localStorage.getItem("safeloop.acting_enterprise")), null, "logout forgets the viewed enterprise");
});

test("admin downloads the people template through the UI", { timeout: STEP_TIMEOUT_MS }, async () => {
  const admin = accountOf(accounts, "admin");
  await loginWithForm(page, admin.username, admin.password);
  await page.locator("#nav-people").click();
  await page.locator("#people-template").waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: UI_TIMEOUT_MS }),
    page.locator("#people-template").click(),
  ]);
  templatePath = join(workDir, "template.xlsx");
  await download.saveAs(templatePath);
  assert.match(download.suggestedFilename(), /\.xlsx$/, "the template is an .xlsx file");

  // A unit the import accepts: a department/workshop/team path below the company.
  const token = await storedToken(page);
  const tree = await apiCall(token, "GET", "/api/v1/personnel/org/tree");
  const candidates = [];
  const walk = (n, names) => {
    const here = [...names, n.unit.name];
    if (n.unit.kind !== "post" && n.unit.kind !== "company" && n.unit.status !== "closed") candidates.push(here.slice(1).join("/"));
    for (const c of n.children ?? []) walk(c, here);
  };
  walk(tree.root, []);
  unitRef = candidates[0] ?? tree.root.unit.name;
});

test("a file with one bad row shows that row and column and imports nothing", { timeout: STEP_TIMEOUT_MS }, async () => {
  assert.ok(templatePath && unitRef, "precondition: the template was downloaded");
  const totalBefore = Number(await page.locator("#people-total").getAttribute("data-total"));
  const rows = [
    { 工号: `${RUN}-01`, 姓名: `${RUN_NAME}甲`, 性别: "男", 所属部门: unitRef, 人员类型: "正式员工" },
    { 工号: `${RUN}-02`, 姓名: `${RUN_NAME}乙`, 性别: "未知", 所属部门: unitRef, 人员类型: "正式员工" },
  ];
  const { path, headerRow, columns } = await writeWorkbook(`bad-${RUN}.xlsx`, rows);
  await uploadAndWait(path, "#import-problems");

  const badRow = headerRow + 2; // the second data row
  const genderColumn = columnLetter(columns.get("性别"));
  const problems = await page.$$eval("#import-problems-table tbody tr", (trs) =>
    trs.map((tr) => ({ row: tr.getAttribute("data-row"), column: tr.getAttribute("data-column"), header: tr.getAttribute("data-header") })),
  );
  assert.ok(problems.length >= 1, "at least one problem is listed");
  assert.ok(
    problems.some((p) => p.row === String(badRow) && p.column === genderColumn),
    `the problems name row ${badRow}, column ${genderColumn} (性别): ${JSON.stringify(problems)}`,
  );
  assert.ok(problems.every((p) => p.row === String(badRow)), `only the bad row is reported: ${JSON.stringify(problems)}`);
  const headers = await page.$$eval("#import-problems-table thead th", (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(headers, ["行", "列", "表头", "问题"]);

  await searchPeople(RUN_NAME);
  assert.equal(await page.locator("#people-table tbody tr").count(), 0, "nothing of the bad file was imported");
  assert.equal(await page.locator("#people-total").getAttribute("data-total"), "0");
  assert.ok(Number.isFinite(totalBefore));
});

test("a good file imports every row and the people appear in the list", { timeout: STEP_TIMEOUT_MS }, async () => {
  assert.ok(templatePath && unitRef, "precondition: the template was downloaded");
  const rows = [
    { 工号: `${RUN}-11`, 姓名: `${RUN_NAME}丙`, 性别: "男", 所属部门: unitRef, 人员类型: "正式员工", 工种: "电工" },
    { 工号: `${RUN}-12`, 姓名: `${RUN_NAME}丁`, 性别: "女", 所属部门: unitRef, 人员类型: "实习生" },
    { 工号: `${RUN}-13`, 姓名: `${RUN_NAME}戊`, 性别: "男", 所属部门: unitRef, 人员类型: "外包人员", 是否特种作业人员: "是" },
  ];
  const { path } = await writeWorkbook(`good-${RUN}.xlsx`, rows);
  await uploadAndWait(path, "#import-success");
  assert.equal(await page.locator("#import-success").getAttribute("data-imported"), String(rows.length));
  assert.match(await page.locator("#import-success").textContent(), new RegExp(`共导入 ${rows.length} 人`));

  await searchPeople(RUN_NAME);
  const shown = await page.$$eval("#people-table tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-employee-no")));
  assert.deepEqual([...shown].sort(), rows.map((r) => r.工号).sort(), "the imported people are listed");
  assert.equal(await page.locator("#people-total").getAttribute("data-total"), String(rows.length));
});

test("the people page works on a phone-sized screen", { timeout: STEP_TIMEOUT_MS }, async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator("#menu").waitFor({ state: "visible" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling of the page (overflow ${overflow}px)`);
  const box = await page.locator("#people-import").boundingBox();
  assert.ok(box && box.height >= 40, `the import button is a big touch target (${box?.height}px)`);
  if (SCREENSHOT_DIR) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, "identity-phone.png"), fullPage: true, timeout: UI_TIMEOUT_MS });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await logout();
  assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
});
