// Hash routes, so the gateway only has to serve index.html at "/" (no SPA fallback needed):
//   #/login[?reason=expired]  #/home  #/map[?map_id=…]  #/people  #/org  … (one per menu entry)  #/password

export interface Route {
  name: string;
  params: URLSearchParams;
}

const NAME = /^[a-z][a-z0-9-]*$/;

export function currentRoute(): Route | null {
  const raw = window.location.hash.replace(/^#/, "");
  const [path = "", query = ""] = raw.split("?", 2);
  const params = new URLSearchParams(query);
  if (path === "/" || path === "") return { name: "home", params };
  const name = path.replace(/^\//, "");
  return NAME.test(name) ? { name, params } : null;
}

export function href(name: string, params?: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) q.set(k, v);
  const qs = q.toString();
  return `#/${name}${qs ? `?${qs}` : ""}`;
}

/** Navigates without adding a history entry when `replace` is set. */
export function go(name: string, params?: Record<string, string | undefined>, replace = false): void {
  const target = href(name, params);
  if (window.location.hash === target) {
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else if (replace) {
    window.location.replace(target);
  } else {
    window.location.hash = target;
  }
}
