// Browser test of the risk model pages of the console (services/gateway/web: 风险分析对象与单元,
// 分级管控台账 with its exports, 风险点详情, the four-colour map's shown level) against a running stack.
//
//   SAFELOOP_BROWSER_BASE_URL   gateway base URL, e.g. http://127.0.0.1:18080
//   SAFELOOP_VAR                the demo accounts ($SAFELOOP_VAR/demo/accounts.json; SAFELOOP_BROWSER_ACCOUNTS_FILE
//                               overrides): the test logs in as the demo enterprise's 安全管理员; the
//                               screenshots go to $SAFELOOP_VAR/browser/risk-*.png
//   SAFELOOP_CHROMIUM           optional: browser binary (default /usr/bin/chromium)
//
// Against the real gateway (no mocks). The object and units this test creates carry a name unique to the
// run and are deleted again at the end, so reruns pass against the same database. The seed's ledger row
// 甲醇储罐 V-101 (FXD-001, 重大风险) is only read.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  BASE_URL, SCREENSHOT_DIR, UI_TIMEOUT_MS, accountOf, apiCall, launch, loginWithForm, readAccounts, storedToken, withTimeout,
} from "./lib.mjs";

const STEP_TIMEOUT_MS = 90_000;
const HEX_OF_LEVEL = { 0: "#bdbdbd", 1: "#e53935", 2: "#fb8c00", 3: "#fdd835", 4: "#1e88e5" };
const COLOR_OF_LEVEL = { 0: "none", 1: "red", 2: "orange", 3: "yellow", 4: "blue" };

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase();
const OBJECT_NAME = `浏览器测试对象${RUN}`;
const UNIT_NAME = `测试一级单元${RUN}`;
const SUB_UNIT_NAME = `测试二级子单元${RUN}`;

let officer = null;
let token = "";
let context = null;
let userDataDir = null;
let page = null;
const pageErrors = [];
let createdObjectId = null;
let seededPointId = null;

function api(method, path, body) {
  return apiCall(token, method, path, body);
}

async function screenshot(name) {
  if (!SCREENSHOT_DIR) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `risk-${name}.png`), fullPage: true }).catch(() => undefined);
}

before(async () => {
  assert.ok(BASE_URL, "SAFELOOP_BROWSER_BASE_URL is not set (e.g. http://127.0.0.1:18080)");
  const accounts = readAccounts();
  assert.ok(accounts, "the demo accounts ($SAFELOOP_VAR/demo/accounts.json) are needed");
  officer = accountOf(accounts, "safety_officer");
  ({ context, userDataDir } = await launch());
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (err) => pageErrors.push(String(err)));
});

after(async () => {
  // Remove what this run created (deepest units first), best effort.
  if (createdObjectId && token) {
    try {
      const units = (await api("GET", `/api/v1/risk/units?object_id=${encodeURIComponent(createdObjectId)}`)).items ?? [];
      for (const u of [...units].sort((a, b) => b.depth - a.depth)) {
        if (u.deleted) continue;
        await api("DELETE", `/api/v1/risk/units/${encodeURIComponent(u.id)}?version=${u.version}`);
      }
      const objects = (await api("GET", "/api/v1/risk/objects")).items ?? [];
      const o = objects.find((x) => x.id === createdObjectId);
      if (o) await api("DELETE", `/api/v1/risk/objects/${encodeURIComponent(o.id)}?version=${o.version}`);
    } catch (err) {
      console.error(`# cleanup of ${OBJECT_NAME} failed: ${err}`);
    }
  }
  if (context) await withTimeout(context.close(), 15_000, "closing the browser").catch((e) => console.error(`# ${e}`));
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

test("the safety officer logs in and reaches the risk pages from the map's tabs", { timeout: STEP_TIMEOUT_MS }, async () => {
  await loginWithForm(page, officer.username, officer.password);
  token = await storedToken(page);
  await page.goto(`${BASE_URL}/#/map`);
  const tabs = page.locator("#risk-tabs");
  await tabs.waitFor();
  assert.deepEqual(
    (await tabs.locator("a.tab").allTextContents()).map((t) => t.trim()),
    ["四色图", "风险分析对象与单元", "分级管控台账"],
  );
  await tabs.locator('[data-testid="risk-tab-risk-units"]').click();
  await page.waitForURL(/#\/risk-units/);
  // The sub-page keeps the 风险四色图 menu entry active.
  assert.match((await page.locator("#nav-risk-map").getAttribute("class")) ?? "", /active/);
});

test("creating an object, a 一级单元 and a sub-unit through the UI", { timeout: STEP_TIMEOUT_MS }, async () => {
  assert.ok(token, "precondition: logged in");
  await page.goto(`${BASE_URL}/#/risk-units`);
  await page.locator("#risk-object-create").click();
  const dlg = page.locator("#risk-object-dialog");
  await dlg.locator("#object-name").fill(OBJECT_NAME);
  await dlg.locator("#object-description").fill("浏览器测试创建，测试结束后删除");
  await dlg.locator('button[type="submit"]').click();
  await dlg.waitFor({ state: "detached" });
  const row = page.locator("#risk-object-table tr", { hasText: OBJECT_NAME });
  await row.waitFor();
  createdObjectId = await row.getAttribute("data-object-id");
  assert.ok(createdObjectId, "the new object's row carries its id");

  // The API's error (same name → ALREADY_EXISTS, field "name") is shown next to the name field.
  await page.locator("#risk-object-create").click();
  const dup = page.locator("#risk-object-dialog");
  await dup.locator("#object-name").fill(OBJECT_NAME);
  await dup.locator('button[type="submit"]').click();
  const fieldError = dup.locator('.field-error[data-error-field="name"]');
  await fieldError.waitFor();
  assert.ok((await fieldError.textContent()).length > 0, "the field error has the API's message");
  assert.equal(await dup.locator("#object-name").getAttribute("aria-invalid"), "true");
  await dup.locator("button.secondary", { hasText: "取消" }).click();
  await dup.waitFor({ state: "detached" });

  // The new object is selected: its (empty) unit tree and the 新建一级单元 button.
  await page.locator("#risk-unit-create").click();
  const udlg = page.locator("#risk-unit-dialog");
  await udlg.locator("#unit-name").fill(UNIT_NAME);
  await udlg.locator('button[type="submit"]').click();
  await udlg.waitFor({ state: "detached" });
  const level1 = page.locator('#risk-unit-tree li[data-depth="1"]', { hasText: UNIT_NAME });
  await level1.waitFor();

  await level1.locator('[data-action="add-sub-unit"]').first().click();
  const sdlg = page.locator("#risk-unit-dialog");
  await sdlg.locator("#unit-name").fill(SUB_UNIT_NAME);
  await sdlg.locator('button[type="submit"]').click();
  await sdlg.waitFor({ state: "detached" });
  await page.locator('#risk-unit-tree li[data-depth="2"]', { hasText: SUB_UNIT_NAME }).waitFor();
  await screenshot("units");

  // The API agrees: B.1 order, the sub-unit under the 一级单元.
  const units = (await api("GET", `/api/v1/risk/units?object_id=${encodeURIComponent(createdObjectId)}`)).items;
  assert.deepEqual(units.map((u) => [u.name, u.depth]), [[UNIT_NAME, 1], [SUB_UNIT_NAME, 2]]);
  assert.equal(units[1].parent_id, units[0].id);
});

test("the ledger page shows the seeded rows with their level colours", { timeout: STEP_TIMEOUT_MS }, async () => {
  assert.ok(token, "precondition: logged in");
  await page.goto(`${BASE_URL}/#/risk-ledger`);
  const row = page.locator('#ledger-table tr[data-code="FXD-001"]');
  await row.waitFor();
  assert.match(await row.textContent(), /甲醇储罐 V-101/);
  const badge = row.locator(".badge");
  assert.equal(await badge.textContent(), "重大风险");
  assert.equal(await badge.getAttribute("data-color"), "red");
  assert.equal(await row.getAttribute("data-level"), "1");
  seededPointId = await row.getAttribute("data-point-id");

  // The level filter asks the API for 重大 only: every row shown is red.
  await page.locator("#ledger-level").selectOption("1");
  await page.locator('#ledger-table tr[data-code="FXD-001"]').waitFor();
  const levels = await page.$$eval("#ledger-table tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-level")));
  assert.ok(levels.length > 0 && levels.every((l) => l === "1"), `only 重大 rows after filtering: ${levels}`);
  await screenshot("ledger");
});

test("exporting E1 as xlsx downloads a zip with the file name from Content-Disposition", { timeout: STEP_TIMEOUT_MS }, async () => {
  assert.ok(token, "precondition: logged in");
  if (!(await page.locator("#ledger-exports").count())) await page.goto(`${BASE_URL}/#/risk-ledger`);
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    page.locator('[data-testid="export-E1-xlsx"]').click(),
  ]);
  const name = download.suggestedFilename();
  assert.match(name, /\.xlsx$/, `file name ${name}`);
  assert.match(name, /台账/, `the Chinese file name of E.1: ${name}`);
  const path = await download.path();
  const bytes = readFileSync(path);
  assert.ok(bytes.length > 100, "the file is not empty");
  assert.equal(bytes.subarray(0, 2).toString("latin1"), "PK", "an xlsx is a zip");
});

test("the point detail page shows the profile, the events with measures and the records", { timeout: STEP_TIMEOUT_MS }, async () => {
  assert.ok(seededPointId, "precondition: the ledger row of FXD-001");
  await page.goto(`${BASE_URL}/#/risk-ledger`);
  await page.locator('#ledger-table tr[data-code="FXD-001"] a.point-link').click();
  await page.waitForURL(/#\/risk-point\?id=/);
  await page.locator("#risk-point-name", { hasText: "甲醇储罐 V-101" }).waitFor();
  assert.equal((await page.locator("#profile-code").textContent()).trim(), "FXD-001");
  assert.equal((await page.locator("#profile-kind").textContent()).trim(), "设备设施");
  const events = page.locator("#risk-event-list > li");
  await events.first().waitFor();
  assert.ok((await events.count()) >= 1, "the seeded point has risk events");
  assert.ok((await page.locator("#risk-event-list .measure-items li").count()) >= 1, "with control measures");
  await page.locator("#risk-point-records h2").waitFor();
  await screenshot("point");

  // A factor value outside the method's table: the API's error is shown next to that row's L, the dialog
  // stays open and nothing is recorded.
  const before = (await api("GET", `/api/v1/risk/points/${encodeURIComponent(seededPointId)}/assessment-records`)).items.length;
  await page.locator("#risk-assess-open").click();
  const dlg = page.locator("#risk-assess-dialog");
  await dlg.locator("#assess-method").selectOption("LEC");
  const rows = dlg.locator(".assess-row");
  const n = await rows.count();
  assert.ok(n >= 1, "one row of factors per live event");
  for (let i = 0; i < n; i++) {
    await rows.nth(i).locator(".factor-l").fill("7");
    await rows.nth(i).locator(".factor-e").fill("6");
    await rows.nth(i).locator(".factor-c").fill("15");
  }
  await dlg.locator('button[type="submit"]').click();
  const err = rows.nth(0).locator(".field-error");
  await err.waitFor();
  assert.match(await err.textContent(), /7/, "the API's message names the refused value");
  assert.equal(await rows.nth(0).locator(".factor-l").getAttribute("aria-invalid"), "true");
  await screenshot("assess-error");
  await dlg.locator("button.secondary", { hasText: "取消" }).click();
  await dlg.waitFor({ state: "detached" });
  const afterCount = (await api("GET", `/api/v1/risk/points/${encodeURIComponent(seededPointId)}/assessment-records`)).items.length;
  assert.equal(afterCount, before, "a refused assessment records nothing");
});

test("GET /api/v1/risk/map reports inherent_level next to the shown level of every area", { timeout: STEP_TIMEOUT_MS }, async () => {
  assert.ok(token, "precondition: logged in");
  const m = await api("GET", "/api/v1/risk/map");
  assert.ok(Array.isArray(m.areas) && m.areas.length > 0, "the seeded map has areas");
  for (const a of m.areas) {
    assert.ok(Number.isInteger(a.level), `area ${a.name}: level`);
    assert.ok(Number.isInteger(a.inherent_level), `area ${a.name}: inherent_level in ${JSON.stringify(Object.keys(a))}`);
    assert.ok(a.level === 0 || a.inherent_level === 0 || a.level <= a.inherent_level, `area ${a.name}: shown level is never below the inherent one`);
  }
});

test("the map page colours every area by its shown level and links the area's points to their details", { timeout: STEP_TIMEOUT_MS }, async () => {
  assert.ok(token, "precondition: logged in");
  const m = await api("GET", "/api/v1/risk/map");
  await page.goto(`${BASE_URL}/#/map?map_id=${encodeURIComponent(m.map.id)}`);
  await page.waitForFunction(
    (n) => document.querySelectorAll("svg.risk-map polygon[data-area-id]").length >= n,
    m.areas.length,
    { timeout: UI_TIMEOUT_MS },
  );
  // Fresh state (a factor may have changed a level meanwhile): compare with the map read now.
  const now = await api("GET", `/api/v1/risk/map?map_id=${encodeURIComponent(m.map.id)}`);
  const shown = await page.$$eval("svg.risk-map polygon[data-area-id]", (els) =>
    els.map((el) => ({ id: el.getAttribute("data-area-id"), level: el.getAttribute("data-level"), fill: (el.getAttribute("fill") || "").toLowerCase(), color: el.getAttribute("data-color") })),
  );
  for (const a of now.areas) {
    const s = shown.find((x) => x.id === a.area_id);
    assert.ok(s, `area ${a.name} is drawn`);
    assert.equal(s.level, String(a.level), `area ${a.name}: drawn with the shown level`);
    assert.equal(s.fill, HEX_OF_LEVEL[a.level], `area ${a.name}: fill`);
    assert.equal(s.color, COLOR_OF_LEVEL[a.level], `area ${a.name}: colour`);
  }

  // The area panel lists the points with their levels and links each to its detail page.
  const withPoints = now.areas.find((a) => a.level !== 0) ?? now.areas[0];
  await page.locator(`svg.risk-map polygon[data-area-id="${withPoints.area_id}"]`).click();
  const item = page.locator("#area-panel li.point").first();
  await item.waitFor();
  assert.ok(await item.locator(".badge").count(), "a point shows its level");
  const link = item.locator('[data-testid="point-detail-link"]');
  const pointId = await item.getAttribute("data-point-id");
  await link.click();
  await page.waitForURL(new RegExp(`#/risk-point\\?id=${pointId}`));
  await page.locator("#risk-point-name").waitFor();
  await screenshot("map-point");
  assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
});
