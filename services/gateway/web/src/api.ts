// Thin fetch wrapper for /api/v1: bearer token, JSON, the API's error body, and the session rules: the
// access token is refreshed shortly before it expires, and a 401 is retried once after a refresh (or, for
// a park account viewing an enterprise, after re-issuing that enterprise's token).
import { getActing, getSessionToken, getToken, needsRefresh, refreshTokens, setActing } from "./auth";
import type { ApiErrorBody, ItemList, PlantMap, RiskMap, RiskPoint } from "./types";
import type { TokenPair, XlsxFile } from "./personnelTypes";

const REQUEST_TIMEOUT_MS = 15_000;
const UPLOAD_TIMEOUT_MS = 120_000;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly requestId: string | undefined;
  readonly retryAfter: number | undefined;

  constructor(status: number, code: string, message: string, field?: string, requestId?: string, retryAfter?: number) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401 || this.code === "UNAUTHENTICATED";
  }
}

/** Message for the user: the server's own (Chinese) message, with our words where we know better. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return err.message;
    if (err.status === 429) {
      return err.retryAfter ? `操作过于频繁，请 ${err.retryAfter} 秒后重试。` : "操作过于频繁，请稍后重试。";
    }
    if (err.isUnauthenticated) return "登录已失效，请重新登录。";
    if (err.status === 403 && !/[\u4e00-\u9fff]/.test(err.message)) return "没有执行此操作的权限。";
    const parts = [err.message || `请求失败（HTTP ${err.status}）`];
    if (err.field) parts.push(`字段：${err.field}`);
    return parts.join("；");
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

let authLost: (() => void) | null = null;
/** Called once a request is refused even after a refresh: the session is over. */
export function onAuthLost(fn: () => void): void {
  authLost = fn;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw bytes (an upload); sent with `contentType`. */
  raw?: Blob | ArrayBuffer;
  contentType?: string;
  /** No Authorization header (login, refresh). */
  noAuth?: boolean;
  /** Use this token and do not refresh or retry. */
  token?: string;
  /** Error statuses whose JSON body is still the answer (e.g. 422 of the people import). */
  acceptStatus?: number[];
  timeoutMs?: number;
}

/** Auth and park calls act as the signed-in account itself, everything else on the viewed enterprise. */
function usesSessionToken(path: string): boolean {
  return path.startsWith("/api/v1/auth/") || path.startsWith("/api/v1/personnel/park/");
}

function tokenFor(path: string): string | null {
  return usesSessionToken(path) ? getSessionToken() : getToken();
}

async function send(method: string, path: string, opts: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (token && !opts.noAuth) headers["Authorization"] = `Bearer ${token}`;
  const init: RequestInit = {
    method,
    headers,
    cache: "no-store",
    signal: AbortSignal.timeout(opts.timeoutMs ?? REQUEST_TIMEOUT_MS),
  };
  if (opts.raw !== undefined) {
    headers["Content-Type"] = opts.contentType ?? "application/octet-stream";
    init.body = opts.raw;
  } else if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(opts.body);
  }
  try {
    return await fetch(path, init);
  } catch (e) {
    const timedOut = e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError");
    throw new ApiError(0, timedOut ? "DEADLINE_EXCEEDED" : "NETWORK", timedOut ? "服务器响应超时，请稍后重试。" : "无法连接服务器，请检查网络。");
  }
}

/** Sends with the right token; refreshes first when due, and once more after a 401. */
async function authorized(method: string, path: string, opts: RequestOptions): Promise<Response> {
  if (opts.noAuth || opts.token !== undefined) return send(method, path, opts, opts.token ?? null);
  if (needsRefresh()) await refreshTokens(getSessionToken());
  const token = tokenFor(path);
  const res = await send(method, path, opts, token);
  if (res.status !== 401 || !token) return res;

  // One retry with fresh credentials.
  const acting = getActing();
  if (acting && token === acting.access_token) {
    const ok = await reissueEnterpriseToken(acting.enterprise_id, acting.enterprise_name);
    if (ok) return send(method, path, opts, getToken());
  } else if (await refreshTokens(token)) {
    const again = tokenFor(path);
    if (again && again !== token) return send(method, path, opts, again);
  }
  authLost?.();
  return res;
}

async function reissueEnterpriseToken(enterpriseId: string, name: string): Promise<boolean> {
  try {
    const pair = await request<TokenPair>("POST", "/api/v1/auth/enterprise-token", { body: { enterprise_id: enterpriseId } });
    setActing(enterpriseId, name, pair);
    return true;
  } catch {
    return false;
  }
}

async function errorOf(res: Response, parsed: unknown): Promise<ApiError> {
  const e = (parsed as ApiErrorBody | undefined)?.error;
  const retry = Number(res.headers.get("Retry-After"));
  return new ApiError(
    res.status,
    e?.code ?? `HTTP_${res.status}`,
    e?.message ?? `请求失败（HTTP ${res.status}）`,
    e?.field || undefined,
    e?.request_id ?? res.headers.get("X-Request-Id") ?? undefined,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await authorized(method, path, opts);
  const text = await res.text().catch(() => "");
  let parsed: unknown = undefined;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok && !(opts.acceptStatus ?? []).includes(res.status)) throw await errorOf(res, parsed);
  if (parsed === undefined) {
    if (text === "" && res.ok) return {} as T; // e.g. logout
    throw new ApiError(res.status, "BAD_RESPONSE", "服务器返回了无法解析的数据。", undefined, res.headers.get("X-Request-Id") ?? undefined);
  }
  return parsed as T;
}

/** GET a file (raw, or the XlsxFile JSON of a transcoded RPC) and hand it to the browser as a download. */
export async function download(path: string, fallbackName: string): Promise<string> {
  const res = await authorized("GET", path, { timeoutMs: UPLOAD_TIMEOUT_MS });
  if (!res.ok) {
    const text = await res.text().catch(() => "");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    throw await errorOf(res, parsed);
  }
  let blob: Blob;
  let name = filenameOf(res.headers.get("Content-Disposition")) ?? fallbackName;
  if ((res.headers.get("Content-Type") ?? "").includes("json")) {
    const file = (await res.json()) as XlsxFile;
    const bytes = Uint8Array.from(atob(file.xlsx ?? ""), (c) => c.charCodeAt(0));
    blob = new Blob([bytes], { type: XLSX_TYPE });
    if (file.filename) name = file.filename;
  } else {
    blob = await res.blob();
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return name;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

export const enc = encodeURIComponent;

/** "?a=1&b=x" from the set values (empty strings and undefined left out). */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "" || v === false) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

export const api = {
  listMaps: (token?: string) =>
    request<ItemList<PlantMap>>("GET", "/api/v1/risk/maps", token === undefined ? {} : { token }),
  getRiskMap: (mapId?: string) =>
    request<RiskMap>("GET", mapId ? `/api/v1/risk/map?map_id=${enc(mapId)}` : "/api/v1/risk/map"),
  getPoint: (pointId: string) => request<RiskPoint>("GET", `/api/v1/risk/points/${enc(pointId)}`),
  listAreaPoints: (areaId: string) => request<ItemList<RiskPoint>>("GET", `/api/v1/risk/areas/${enc(areaId)}/points`),
};

export function streamUrl(mapId: string, token: string): string {
  return `/api/v1/risk/map/stream?map_id=${enc(mapId)}&access_token=${enc(token)}`;
}
