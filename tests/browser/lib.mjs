// Shared pieces of the browser tests: environment, Debian's chromium through playwright-core (never a
// downloaded browser), bounded waits, the demo accounts and the login form.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const BASE_URL = (process.env.SAFELOOP_BROWSER_BASE_URL ?? "").replace(/\/+$/, "");
export const CHROMIUM = process.env.SAFELOOP_CHROMIUM || "/usr/bin/chromium";
export const VAR_DIR = process.env.SAFELOOP_VAR ?? "";
export const SCREENSHOT_DIR = VAR_DIR ? join(VAR_DIR, "browser") : null;
/** $SAFELOOP_VAR/demo/accounts.json unless SAFELOOP_BROWSER_ACCOUNTS_FILE says otherwise. */
export const ACCOUNTS_FILE =
  process.env.SAFELOOP_BROWSER_ACCOUNTS_FILE || (VAR_DIR ? join(VAR_DIR, "demo", "accounts.json") : "");

export const HTTP_TIMEOUT_MS = 10_000;
export const UI_TIMEOUT_MS = 15_000;

/** The demo accounts ({username, password, role, role_name, enterprise, enterprise_id}), or null. */
export function readAccounts() {
  if (!ACCOUNTS_FILE || !existsSync(ACCOUNTS_FILE)) return null;
  const list = JSON.parse(readFileSync(ACCOUNTS_FILE, "utf8"));
  assert.ok(Array.isArray(list) && list.length > 0, `${ACCOUNTS_FILE} is not a non-empty JSON array`);
  return list;
}

/** The first account with this role (optionally of this enterprise). */
export function accountOf(accounts, role, enterpriseId) {
  const a = accounts.find((x) => x.role === role && (!enterpriseId || x.enterprise_id === enterpriseId));
  assert.ok(a, `${ACCOUNTS_FILE} has no account with role ${role}${enterpriseId ? ` in enterprise ${enterpriseId}` : ""}`);
  assert.ok(a.username && a.password, `account of role ${role} has a username and a password`);
  return a;
}

export async function launch(userDataDir = mkdtempSync(join(tmpdir(), "safeloop-browser-")), viewport = { width: 1440, height: 900 }) {
  const context = await chromium.launchPersistentContext(userDataDir, {
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
    viewport,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    acceptDownloads: true,
    timeout: 30_000,
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
  return { context, userDataDir };
}

export async function withTimeout(promise, ms, what) {
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

/** Logs in through the form and waits for the menu (the console's signed-in state). */
export async function loginWithForm(page, username, password) {
  await page.goto(`${BASE_URL}/#/login`, { waitUntil: "domcontentloaded" });
  await page.locator("#login-username").fill(username);
  await page.locator("#login-password").fill(password);
  await page.locator("#login-submit").click();
  await page.locator("#menu").waitFor({ state: "attached", timeout: UI_TIMEOUT_MS });
}

/** The access token the console stored (to call the API as the same user). */
export async function storedToken(page) {
  const t = await page.evaluate(() => window.localStorage.getItem("safeloop.access_token"));
  assert.ok(t && t.split(".").length === 3, "the console stored an access token (JWT)");
  return t;
}

export async function apiCall(token, method, path, body) {
  const res = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: "application/json",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) throw new Error(`${method} ${path} → HTTP ${res.status}: ${text.slice(0, 300)}`);
  assert.ok(json !== undefined, `${method} ${path}: response is not JSON: ${text.slice(0, 200)}`);
  return json;
}
