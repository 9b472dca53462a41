// Browser test of the four-colour risk map (services/gateway/web) against a running gateway.
//
//   SAFELOOP_BROWSER_BASE_URL    gateway base URL, e.g. http://127.0.0.1:18080
//   SAFELOOP_VAR                 the demo accounts ($SAFELOOP_VAR/demo/accounts.json): the test logs in
//                                through the form as the demo enterprise's 系统管理员; the screenshot goes
//                                to $SAFELOOP_VAR/browser/map.png
//   SAFELOOP_BROWSER_TOKEN_FILE  fallback without accounts.json: a file holding an access token (JWT) of
//                                the seeded demo tenant, pasted into the login page's token option
//   SAFELOOP_DEMO_ENTERPRISE     optional: prefer the admin of this enterprise (the seeded risk map's)
//   SAFELOOP_CHROMIUM            optional: browser binary (default /usr/bin/chromium)
//
// Uses Debian's chromium through playwright-core: it never downloads a browser. Every wait is
// bounded. The expected colours come from the API itself; the one assessment this test posts is
// put back at the end so the seeded map keeps its four colours for the next run.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { apiCall as sharedApiCall, readAccounts } from "./lib.mjs";

const BASE_URL = (process.env.SAFELOOP_BROWSER_BASE_URL ?? "").replace(/\/+$/, "");
const TOKEN_FILE = process.env.SAFELOOP_BROWSER_TOKEN_FILE ?? "";
const CHROMIUM = process.env.SAFELOOP_CHROMIUM || "/usr/bin/chromium";
const SCREENSHOT_DIR = process.env.SAFELOOP_VAR ? join(process.env.SAFELOOP_VAR, "browser") : null;

const UI_TIMEOUT_MS = 15_000; // first render, login round trip
const LIVE_TIMEOUT_MS = 5_000; // an assessment must reach the open page within this
const STEP_TIMEOUT_MS = 60_000; // per test

const COLOR_OF_LEVEL = { 0: "none", 1: "red", 2: "orange", 3: "yellow", 4: "blue" };
const HEX_OF_COLOR = { red: "#e53935", orange: "#fb8c00", yellow: "#fdd835", blue: "#1e88e5", none: "#bdbdbd" };
const LEVEL_NAME = { 0: "未评估", 1: "重大风险", 2: "较大风险", 3: "一般风险", 4: "低风险" };

let token = "";
let admin = null; // demo account {username, password, …} when accounts.json exists
let userDataDir = null;
let context = null;
let page = null;
const pageErrors = [];
let fullLoads = 0;

// Shared between the steps (each step needs the previous ones).
let riskMap = null; // GET /api/v1/risk/map
let blueArea = null; // { area_id, name }
let chosenPoint = null; // RiskPoint with latest_assessment
let restore = null; // { pointId, l, e, c } while the demo data is modified

// ---- helpers ------------------------------------------------------------------------------

// The shared helper (lib.mjs) with this test's token.
function apiCall(method, path, body) {
  return sharedApiCall(token, method, path, body);
}

function polygonSelector(areaId) {
  return `svg.risk-map polygon[data-area-id="${cssEscape(areaId)}"]`;
}

function cssEscape(s) {
  return String(s).replace(/["\\]/g, "\\$&");
}

async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function requireStep(value, what) {
  assert.ok(value, `precondition failed: ${what} (an earlier step failed)`);
  return value;
}

// ---- setup / teardown ---------------------------------------------------------------------

before(async () => {
  assert.ok(BASE_URL, "SAFELOOP_BROWSER_BASE_URL is not set (e.g. http://127.0.0.1:18080)");
  const accounts = readAccounts();
  if (accounts) {
    const admins = accounts.filter((a) => a.role === "admin");
    admin = admins.find((a) => a.enterprise_id === process.env.SAFELOOP_DEMO_ENTERPRISE) ?? admins[0] ?? null;
  }
  if (!admin) {
    assert.ok(TOKEN_FILE && existsSync(TOKEN_FILE), "neither demo accounts ($SAFELOOP_VAR/demo/accounts.json) nor SAFELOOP_BROWSER_TOKEN_FILE");
    token = readFileSync(TOKEN_FILE, "utf8").trim();
    assert.ok(token.split(".").length === 3, `${TOKEN_FILE} does not contain a JWT`);
  }

  userDataDir = mkdtempSync(join(tmpdir(), "safeloop-browser-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1440, height: 900 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    timeout: 30_000,
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (err) => pageErrors.push(String(err)));
  page.on("load", () => fullLoads++);
});

after(async () => {
  // Put the demo data back (best effort; a failure here is reported but does not hide test results).
  if (restore) {
    try {
      await apiCall("POST", `/api/v1/risk/points/${encodeURIComponent(restore.pointId)}/assessments`, {
        method: "LEC",
        l: restore.l,
        e: restore.e,
        c: restore.c,
        note: "浏览器测试：恢复原评估",
      });
    } catch (err) {
      console.error(`# could not restore the assessment of point ${restore.pointId}: ${err}`);
    }
  }
  if (context) await withTimeout(context.close(), 15_000, "closing the browser").catch((e) => console.error(`# ${e}`));
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

// ---- steps --------------------------------------------------------------------------------

test("login opens the map page", { timeout: STEP_TIMEOUT_MS }, async () => {
  await page.goto(`${BASE_URL}/#/login`, { waitUntil: "domcontentloaded" });
  if (admin) {
    await page.locator("#login-username").fill(admin.username);
    await page.locator("#login-password").fill(admin.password);
    await page.locator("#login-submit").click();
    await page.locator("#nav-risk-map").click({ timeout: UI_TIMEOUT_MS });
    await page.waitForURL(/#\/map/, { timeout: UI_TIMEOUT_MS });
    token = await page.evaluate(() => window.localStorage.getItem("safeloop.access_token"));
    assert.ok(token && token.split(".").length === 3, "the login stored an access token");
    assert.ok(await page.evaluate(() => window.localStorage.getItem("safeloop.refresh_token")), "and a refresh token");
  } else {
    await page.locator(".token-login summary").click();
    await page.locator("#token-input").fill(token);
    await page.locator("#token-submit").click();
    await page.locator("#nav-risk-map").click({ timeout: UI_TIMEOUT_MS });
    await page.waitForURL(/#\/map/, { timeout: UI_TIMEOUT_MS });
    const stored = await page.evaluate(() => window.localStorage.getItem("safeloop.access_token"));
    assert.equal(stored, token, "the token is stored in localStorage");
  }
  assert.equal(await page.locator("#logout-button").textContent(), "退出");
});

test("map page draws every area with the level and colour the API reports", { timeout: STEP_TIMEOUT_MS }, async () => {
  riskMap = await apiCall("GET", "/api/v1/risk/map");
  assert.ok(riskMap.map && riskMap.map.id, "GET /api/v1/risk/map returns a map");
  assert.ok(Array.isArray(riskMap.areas) && riskMap.areas.length > 0, "the seeded map has areas");

  await page.goto(`${BASE_URL}/#/map?map_id=${encodeURIComponent(riskMap.map.id)}`, { waitUntil: "domcontentloaded" });
  await page.waitForFunction(
    ({ mapId, n }) =>
      document.querySelectorAll(`svg.risk-map[data-map-id="${mapId}"] polygon[data-area-id]`).length >= n,
    { mapId: cssEscape(riskMap.map.id), n: riskMap.areas.length },
    { timeout: UI_TIMEOUT_MS },
  );

  const viewBox = await page.locator("svg.risk-map").getAttribute("viewBox");
  assert.equal(viewBox, `0 0 ${riskMap.map.width} ${riskMap.map.height}`);

  // The page may already have a newer state than our GET: compare against a fresh read for any mismatch.
  const shown = await page.$$eval("svg.risk-map polygon[data-area-id]", (els) =>
    els.map((el) => ({
      id: el.getAttribute("data-area-id"),
      level: el.getAttribute("data-level"),
      color: el.getAttribute("data-color"),
      fill: (el.getAttribute("fill") || "").toLowerCase(),
    })),
  );
  const byId = new Map(shown.map((s) => [s.id, s]));
  for (const area of riskMap.areas) {
    const s = byId.get(area.area_id);
    assert.ok(s, `polygon for area ${area.name} (${area.area_id}) is drawn`);
    const want = COLOR_OF_LEVEL[area.level];
    assert.equal(area.color, want, `API colour of ${area.name} matches its level ${area.level}`);
    assert.equal(s.level, String(area.level), `data-level of ${area.name}`);
    assert.equal(s.color, want, `data-color of ${area.name}`);
    assert.equal(s.fill, HEX_OF_COLOR[want], `fill of ${area.name}`);
  }

  // Legend counts per level.
  for (const level of [0, 1, 2, 3, 4]) {
    const n = riskMap.areas.filter((a) => Number(a.level) === level).length;
    const text = await page.locator(`#legend [data-level-count="${level}"]`).textContent();
    assert.equal(text, String(n), `legend count for ${LEVEL_NAME[level]}`);
  }
  const version = await page.locator("#map-version").getAttribute("data-version");
  assert.ok(Number(version) >= Number(riskMap.version), `shown version ${version} ≥ API version ${riskMap.version}`);
});

test("the seeded map shows all four colours", { timeout: STEP_TIMEOUT_MS }, async () => {
  requireStep(riskMap, "map loaded");
  const apiColors = new Set(riskMap.areas.map((a) => a.color));
  const domColors = new Set(
    await page.$$eval("svg.risk-map polygon[data-area-id]", (els) => els.map((el) => el.getAttribute("data-color"))),
  );
  for (const c of ["red", "orange", "yellow", "blue"]) {
    assert.ok(apiColors.has(c), `the API reports a ${c} area (the seed guarantees one)`);
    assert.ok(domColors.has(c), `the page shows a ${c} polygon`);
  }
});

test("clicking an area lists its risk points", { timeout: STEP_TIMEOUT_MS }, async () => {
  requireStep(riskMap, "map loaded");
  const blues = riskMap.areas.filter((a) => Number(a.level) === 4);
  assert.ok(blues.length > 0, "a low-risk (blue) area exists");

  // Prefer a blue area with a point whose latest assessment is blue (so we can restore it exactly).
  for (const area of blues) {
    const { items } = await apiCall("GET", `/api/v1/risk/areas/${encodeURIComponent(area.area_id)}/points`);
    const assessed = (items ?? []).filter((p) => p.latest_assessment);
    const pick = assessed.find((p) => Number(p.latest_assessment.level) === 4) ?? assessed[0];
    if (pick) {
      blueArea = area;
      chosenPoint = pick;
      break;
    }
  }
  assert.ok(chosenPoint, "a blue area has an assessed risk point");

  await page.locator(polygonSelector(blueArea.area_id)).click({ timeout: UI_TIMEOUT_MS });
  const panel = page.locator("#area-panel");
  await panel.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  assert.equal(await panel.locator(".panel-title").textContent(), blueArea.name);
  const item = panel.locator(`li.point[data-point-id="${cssEscape(chosenPoint.id)}"]`);
  await item.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  assert.equal(await item.locator(".point-name").textContent(), chosenPoint.name);
  assert.equal(await item.locator(".badge").textContent(), LEVEL_NAME[chosenPoint.level]);
  const lecTerms = await item.locator(".lec dt").allTextContents();
  assert.deepEqual(lecTerms, ["L", "E", "C", "D"]);
  const meta = await item.locator(".meta dt").allTextContents();
  assert.deepEqual(meta, ["评估时间", "评估人"]);
});

test("a new assessment turns the blue area red live, without reloading", { timeout: STEP_TIMEOUT_MS }, async () => {
  requireStep(chosenPoint, "a blue area with an assessed risk point");
  const poly = page.locator(polygonSelector(blueArea.area_id));
  assert.equal(await poly.getAttribute("data-color"), "blue");

  // Live stream connected before we change anything.
  await page.locator('#live-status[data-state="open"]').waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await page.locator("#live-status .live-text").textContent(), "实时连接中");

  const marker = `m-${Date.now()}-${Math.random()}`;
  await page.evaluate((m) => {
    window.__marker = m;
  }, marker);
  const loadsBefore = fullLoads;
  const versionBefore = Number(await page.locator("#map-version").getAttribute("data-version"));

  const prev = chosenPoint.latest_assessment;
  restore = { pointId: chosenPoint.id, l: prev.l, e: prev.e, c: prev.c };
  const created = await apiCall("POST", `/api/v1/risk/points/${encodeURIComponent(chosenPoint.id)}/assessments`, {
    method: "LEC",
    l: 10,
    e: 10,
    c: 40,
    note: "浏览器测试：实时刷新",
  });
  assert.equal(Number(created.d), 4000, "D = L × E × C");
  assert.equal(Number(created.level), 1, "D = 4000 is 重大风险");
  assert.equal(created.color, "red");

  const started = Date.now();
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.getAttribute("data-color") === "red",
    polygonSelector(blueArea.area_id),
    { timeout: LIVE_TIMEOUT_MS, polling: 100 },
  );
  console.log(`# area ${blueArea.name} turned red ${Date.now() - started} ms after the POST answered`);
  assert.equal(await poly.getAttribute("data-level"), "1");
  assert.equal((await poly.getAttribute("fill")).toLowerCase(), HEX_OF_COLOR.red);

  // Same document: no reload, no navigation.
  assert.equal(await page.evaluate(() => window.__marker), marker, "window.__marker survived: the page was not reloaded");
  assert.equal(fullLoads, loadsBefore, "no load event happened");
  const versionAfter = Number(await page.locator("#map-version").getAttribute("data-version"));
  assert.ok(versionAfter > versionBefore, `version went up (${versionBefore} → ${versionAfter})`);

  // The open panel follows the change too.
  const badge = page.locator(`#area-panel li.point[data-point-id="${cssEscape(chosenPoint.id)}"] .badge`);
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.textContent === "重大风险",
    `#area-panel li.point[data-point-id="${cssEscape(chosenPoint.id)}"] .badge`,
    { timeout: LIVE_TIMEOUT_MS, polling: 100 },
  );
  assert.equal(await badge.textContent(), "重大风险");

  if (SCREENSHOT_DIR) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = join(SCREENSHOT_DIR, "map.png");
    await page.screenshot({ path: file, fullPage: true, timeout: UI_TIMEOUT_MS });
    console.log(`# screenshot: ${file}`);
  }
});

test("restoring the previous assessment turns the area blue again", { timeout: STEP_TIMEOUT_MS }, async () => {
  const r = requireStep(restore, "the area was turned red");
  await apiCall("POST", `/api/v1/risk/points/${encodeURIComponent(r.pointId)}/assessments`, {
    method: "LEC",
    l: r.l,
    e: r.e,
    c: r.c,
    note: "浏览器测试：恢复原评估",
  });
  restore = null;
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.getAttribute("data-color") === "blue",
    polygonSelector(blueArea.area_id),
    { timeout: LIVE_TIMEOUT_MS, polling: 100 },
  );
  assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
});
