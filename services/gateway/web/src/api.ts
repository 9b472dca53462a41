// Thin fetch wrapper for /api/v1: bearer token, JSON, and the API's error body.
import { getToken } from "./auth";
import type { ApiErrorBody, ItemList, PlantMap, RiskMap, RiskPoint } from "./types";

const REQUEST_TIMEOUT_MS = 15_000;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, field?: string, requestId?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
    this.requestId = requestId;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401 || this.code === "UNAUTHENTICATED";
  }
}

/** Message for the user, in Chinese where we know better than the server. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.isUnauthenticated) return "令牌无效或已过期，请重新登录。";
    if (err.status === 0) return err.message;
    const parts = [err.message || `请求失败（HTTP ${err.status}）`];
    if (err.field) parts.push(`字段：${err.field}`);
    return parts.join("；");
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

async function request<T>(method: string, path: string, body?: unknown, tokenOverride?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = tokenOverride ?? getToken();
  if (token) headers["Authorization"] = `Bearer ${token}`;
  const init: RequestInit = { method, headers, cache: "no-store", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }

  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    const timedOut = e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError");
    throw new ApiError(0, timedOut ? "DEADLINE_EXCEEDED" : "NETWORK", timedOut ? "服务器响应超时，请稍后重试。" : "无法连接服务器，请检查网络。");
  }

  const requestId = res.headers.get("X-Request-Id") ?? undefined;
  const text = await res.text().catch(() => "");
  let parsed: unknown = undefined;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!res.ok) {
    const e = (parsed as ApiErrorBody | undefined)?.error;
    throw new ApiError(
      res.status,
      e?.code ?? `HTTP_${res.status}`,
      e?.message ?? `请求失败（HTTP ${res.status}）`,
      e?.field,
      e?.request_id ?? requestId,
    );
  }
  if (parsed === undefined) {
    throw new ApiError(res.status, "BAD_RESPONSE", "服务器返回了无法解析的数据。", undefined, requestId);
  }
  return parsed as T;
}

const enc = encodeURIComponent;

export const api = {
  listMaps: (token?: string) => request<ItemList<PlantMap>>("GET", "/api/v1/risk/maps", undefined, token),
  getRiskMap: (mapId?: string) =>
    request<RiskMap>("GET", mapId ? `/api/v1/risk/map?map_id=${enc(mapId)}` : "/api/v1/risk/map"),
  listAreaPoints: (areaId: string) => request<ItemList<RiskPoint>>("GET", `/api/v1/risk/areas/${enc(areaId)}/points`),
};

export function streamUrl(mapId: string, token: string): string {
  return `/api/v1/risk/map/stream?map_id=${enc(mapId)}&access_token=${enc(token)}`;
}
