// Hash routes, so the gateway only has to serve index.html at "/" (no SPA fallback needed):
//   #/login[?reason=expired]   #/map[?map_id=…]

export type Route = { name: "login"; params: URLSearchParams } | { name: "map"; params: URLSearchParams };

export function currentRoute(): Route | null {
  const raw = window.location.hash.replace(/^#/, "");
  const [path = "", query = ""] = raw.split("?", 2);
  const params = new URLSearchParams(query);
  if (path === "/login") return { name: "login", params };
  if (path === "/map" || path === "/" || path === "") return { name: "map", params };
  return null;
}

export function href(name: "login" | "map", params?: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) q.set(k, v);
  const qs = q.toString();
  return `#/${name}${qs ? `?${qs}` : ""}`;
}

/** Navigates without adding a history entry when `replace` is set. */
export function go(name: "login" | "map", params?: Record<string, string | undefined>, replace = false): void {
  const target = href(name, params);
  if (window.location.hash === target) {
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else if (replace) {
    window.location.replace(target);
  } else {
    window.location.hash = target;
  }
}
