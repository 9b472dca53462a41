// The access token (JWT) lives in localStorage until real login exists.

const TOKEN_KEY = "safeloop.access_token";

export function getToken(): string | null {
  try {
    const t = window.localStorage.getItem(TOKEN_KEY);
    return t && t.trim() !== "" ? t.trim() : null;
  } catch {
    return null; // storage disabled (private mode etc.)
  }
}

export function setToken(token: string): void {
  window.localStorage.setItem(TOKEN_KEY, token.trim());
}

export function clearToken(): void {
  try {
    window.localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* nothing to clear */
  }
}

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
