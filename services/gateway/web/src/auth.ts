// Tokens in localStorage: the session's access + refresh token (POST /api/v1/auth/login), refreshed shortly
// before expiry and once after a 401; and, for park accounts, the read-only token of the enterprise being
// viewed (POST /api/v1/auth/enterprise-token), which then acts on every enterprise API call.
//
// Refresh tokens rotate: presenting a used-up one revokes the whole session. Several tabs share the
// storage, so a refresh runs under a cross-tab lock (Web Locks) and first checks whether another tab has
// already rotated the pair.
import type { TokenPair } from "./personnelTypes";

const ACCESS_KEY = "safeloop.access_token";
const REFRESH_KEY = "safeloop.refresh_token";
const EXPIRES_KEY = "safeloop.expires_at"; // ms since epoch
const ACTING_KEY = "safeloop.acting_enterprise"; // JSON ActingEnterprise

/** Refresh when the access token has less than this left. */
const REFRESH_MARGIN_MS = 60_000;
const REFRESH_TIMEOUT_MS = 15_000;

export interface ActingEnterprise {
  enterprise_id: string;
  enterprise_name: string;
  access_token: string;
  expires_at: number;
}

function read(key: string): string | null {
  try {
    const v = window.localStorage.getItem(key);
    return v && v.trim() !== "" ? v.trim() : null;
  } catch {
    return null; // storage disabled (private mode etc.)
  }
}

function remove(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    /* nothing to clear */
  }
}

/** The session's own access token (the park account itself for park users). */
export function getSessionToken(): string | null {
  return read(ACCESS_KEY);
}

export function getRefreshToken(): string | null {
  return read(REFRESH_KEY);
}

/** The token for enterprise data: the viewed enterprise's token for a park account, else the session's. */
export function getToken(): string | null {
  return getActing()?.access_token ?? getSessionToken();
}

export function hasSession(): boolean {
  return getSessionToken() !== null;
}

function expiresAt(): number | null {
  const v = Number(read(EXPIRES_KEY));
  if (Number.isFinite(v) && v > 0) return v;
  const exp = decodeClaims(getSessionToken() ?? "")?.exp;
  return typeof exp === "number" ? exp * 1000 : null;
}

/** Stores a login/refresh answer (throws when storage is disabled). */
export function storeTokens(pair: TokenPair): void {
  window.localStorage.setItem(ACCESS_KEY, pair.access_token);
  if (pair.refresh_token) window.localStorage.setItem(REFRESH_KEY, pair.refresh_token);
  else remove(REFRESH_KEY);
  const seconds = Number(pair.expires_in);
  if (Number.isFinite(seconds) && seconds > 0) window.localStorage.setItem(EXPIRES_KEY, String(Date.now() + seconds * 1000));
  else remove(EXPIRES_KEY);
  scheduleRefresh();
}

/** A pasted access token (no refresh token: the user logs in again when it expires). */
export function setToken(token: string): void {
  storeTokens({ access_token: token.trim(), refresh_token: "", expires_in: 0 });
}

export function clearToken(): void {
  for (const k of [ACCESS_KEY, REFRESH_KEY, EXPIRES_KEY, ACTING_KEY]) remove(k);
  window.clearTimeout(refreshTimer);
}

// ---- park accounts: the enterprise being viewed ---------------------------------------------------
export function getActing(): ActingEnterprise | null {
  const raw = read(ACTING_KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as ActingEnterprise;
    return v && typeof v.access_token === "string" && v.access_token !== "" ? v : null;
  } catch {
    return null;
  }
}

export function setActing(enterpriseId: string, enterpriseName: string, pair: TokenPair): void {
  const seconds = Number(pair.expires_in);
  const value: ActingEnterprise = {
    enterprise_id: enterpriseId,
    enterprise_name: enterpriseName,
    access_token: pair.access_token,
    expires_at: Number.isFinite(seconds) && seconds > 0 ? Date.now() + seconds * 1000 : 0,
  };
  window.localStorage.setItem(ACTING_KEY, JSON.stringify(value));
}

export function clearActing(): void {
  remove(ACTING_KEY);
}

// ---- refresh --------------------------------------------------------------------------------------
let refreshTimer: number | undefined;
let inFlight: Promise<boolean> | null = null;

let onRefreshed: (() => void) | null = null;
/** Called after every successful refresh (roles may have changed: reload /auth/me). */
export function onTokensRefreshed(fn: () => void): void {
  onRefreshed = fn;
}

/** Schedules the next refresh shortly before the access token expires. */
export function scheduleRefresh(): void {
  window.clearTimeout(refreshTimer);
  const exp = expiresAt();
  if (exp === null || !getRefreshToken()) return;
  const delay = Math.max(5_000, exp - REFRESH_MARGIN_MS - Date.now());
  refreshTimer = window.setTimeout(() => void refreshTokens(getSessionToken()), Math.min(delay, 2 ** 31 - 1));
}

/** True when the stored access token is about to expire (or has). */
export function needsRefresh(nowMs = Date.now()): boolean {
  const exp = expiresAt();
  return exp !== null && exp - REFRESH_MARGIN_MS <= nowMs && getRefreshToken() !== null;
}

/**
 * Rotates the token pair. `staleAccess` is the access token the caller found wanting: when another tab
 * has replaced it meanwhile, nothing is sent. Resolves false when the session is gone (refresh refused).
 */
export function refreshTokens(staleAccess: string | null): Promise<boolean> {
  if (inFlight) return inFlight;
  const run = async (): Promise<boolean> => {
    const current = getSessionToken();
    if (current && current !== staleAccess && !needsRefresh()) return true; // another tab did it
    const refresh = getRefreshToken();
    if (!refresh) return false;
    let res: Response;
    try {
      res = await fetch("/api/v1/auth/refresh", {
        method: "POST",
        headers: { Accept: "application/json", "Content-Type": "application/json" },
        body: JSON.stringify({ refresh_token: refresh }),
        cache: "no-store",
        signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS),
      });
    } catch {
      scheduleRetry();
      return true; // network trouble: keep the session, the request will report the error
    }
    if (res.status === 401 || res.status === 403 || res.status === 400) {
      // Only forget the session if nobody replaced the refresh token meanwhile.
      if (getRefreshToken() === refresh) clearToken();
      return false;
    }
    if (!res.ok) {
      scheduleRetry();
      return true;
    }
    try {
      const pair = (await res.json()) as TokenPair;
      if (!pair.access_token) return false;
      storeTokens(pair);
    } catch {
      return false;
    }
    onRefreshed?.();
    return true;
  };
  const locked = (): Promise<boolean> => {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? locks.request("safeloop.refresh", run) : run();
  };
  inFlight = locked().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

function scheduleRetry(): void {
  window.clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(() => void refreshTokens(getSessionToken()), 15_000);
}

// Timers are throttled in background tabs: check again when the tab comes back.
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && needsRefresh()) void refreshTokens(getSessionToken());
});

// ---- JWT helpers ----------------------------------------------------------------------------------
/** Accepts "Bearer xxx" pastes and surrounding whitespace/quotes; returns the bare token. */
export function cleanPastedToken(raw: string): string {
  let t = raw.trim().replace(/^["']|["']$/g, "").trim();
  t = t.replace(/^bearer\s+/i, "");
  return t.replace(/\s+/g, "");
}

export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

export interface TokenClaims {
  sub?: string;
  exp?: number;
  role?: string;
  [key: string]: unknown;
}

/** Decodes the JWT payload for display only (the gateway verifies the signature). */
export function decodeClaims(token: string): TokenClaims | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const json: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return json !== null && typeof json === "object" ? (json as TokenClaims) : null;
  } catch {
    return null;
  }
}

/** True when the token carries an `exp` claim that is already in the past. */
export function isExpired(claims: TokenClaims | null, nowMs = Date.now()): boolean {
  return typeof claims?.exp === "number" && claims.exp * 1000 <= nowMs;
}
