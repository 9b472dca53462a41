// 四色风险分布图: map selector, the SVG map, legend with counts, version, live indicator and the
// area panel. Live updates come over SSE; a full re-fetch happens on every reconnect.
import { ApiError, api, describeError, streamUrl } from "./api";
import { getToken } from "./auth";
import { clear, h } from "./dom";
import { LEGEND_ORDER, LEVELS, normalizeLevel } from "./levels";
import { LiveStream, type LiveState } from "./live";
import { MapView, toAreaStates, toNumber, type AreaState } from "./mapView";
import { AreaPanel } from "./panel";
import { riskTabs } from "./riskTabs";
import { go } from "./router";
import type { AreaLevelEvent, PlantMap, RiskLevel, RiskMap } from "./types";

const LAST_MAP_KEY = "safeloop.map_id";

export interface MapPageContext {
  /** The API said 401: forget the token and go to the login page. */
  onAuthLost(): void;
}

const LIVE_TEXT: Record<LiveState, string> = {
  connecting: "正在连接…",
  open: "实时连接中",
  reconnecting: "已断开，正在重连",
  stopped: "已断开",
};

export function renderMapPage(root: HTMLElement, params: URLSearchParams, ctx: MapPageContext): () => void {
  document.title = "四色风险分布图 · 安全闭环 SafeLoop";
  let disposed = false;
  let mapId: string | null = null;
  let shownVersion = -1;
  const areas = new Map<string, AreaState>();

  // ---- DOM -------------------------------------------------------------------------------
  const select = h("select", { id: "map-select", class: "map-select", "aria-label": "选择厂区地图", hidden: true });
  const mapName = h("span", { class: "map-name", id: "map-name" });
  const versionEl = h("span", { class: "chip version", id: "map-version", title: "风险分布图版本号" }, "版本 —");
  const liveDot = h("span", { class: "live-dot", "aria-hidden": "true" });
  const liveText = h("span", { class: "live-text" }, LIVE_TEXT.connecting);
  const liveEl = h("span", { class: "chip live", id: "live-status", "data-state": "connecting", role: "status" }, liveDot, liveText);
  const errorBox = h("div", { class: "notice error", id: "map-error", role: "alert", hidden: true });
  const stage = h("div", { class: "map-stage", id: "map-stage" }, h("p", { class: "muted loading" }, "正在加载风险分布图…"));
  const legendList = h("ul", { class: "legend-list" });
  const legendTotal = h("p", { class: "legend-total muted" });
  const legend = h(
    "section",
    { class: "card legend", id: "legend", "aria-label": "图例" },
    h("h2", { class: "card-title" }, "图例"),
    legendList,
    legendTotal,
  );
  const hint = h("p", { class: "side-hint muted" }, "点击地图中的区域，查看该区域的风险点及其风险等级，进入风险点详情。");

  const view = new MapView({ onSelect: (id) => selectArea(id) });
  const panel = new AreaPanel({
    onClose: () => selectArea(null),
    onAuthError: (err) => handleAuth(err),
  });

  root.append(
    riskTabs("map"),
    h(
      "section",
      { class: "map-page" },
      h(
        "div",
        { class: "toolbar" },
        h("div", { class: "toolbar-title" }, h("h1", {}, "四色风险分布图"), mapName),
        h("div", { class: "toolbar-controls" }, select, versionEl, liveEl),
      ),
      errorBox,
      h(
        "div",
        { class: "map-layout" },
        h("div", { class: "card map-card" }, stage),
        h("div", { class: "side" }, legend, hint, panel.root),
      ),
    ),
  );
  renderLegend();

  select.addEventListener("change", () => {
    if (select.value && select.value !== mapId) go("map", { map_id: select.value });
  });
  const onKey = (ev: KeyboardEvent) => {
    if (ev.key === "Escape" && panel.openAreaId) selectArea(null);
  };
  document.addEventListener("keydown", onKey);

  // ---- state updates ---------------------------------------------------------------------
  function handleAuth(err: unknown): boolean {
    if (err instanceof ApiError && err.isUnauthenticated) {
      if (!disposed) ctx.onAuthLost();
      return true;
    }
    return false;
  }

  function showError(message: string | null, retry?: () => void): void {
    clear(errorBox);
    errorBox.hidden = message === null;
    if (message === null) return;
    errorBox.append(h("span", {}, message));
    if (retry) {
      const b = h("button", { type: "button", class: "button secondary small" }, "重试");
      b.addEventListener("click", retry);
      errorBox.append(b);
    }
  }

  function setVersion(v: number): void {
    shownVersion = v;
    versionEl.textContent = `版本 v${v}`;
    versionEl.dataset["version"] = String(v);
  }

  /** Replaces everything shown; `force` also accepts an older version (a fresh stream snapshot). */
  function applyFull(map: RiskMap, force: boolean): void {
    if (disposed || (mapId && map.map?.id && map.map.id !== mapId)) return;
    const v = toNumber(map.version);
    if (!force && v < shownVersion) return;
    areas.clear();
    for (const a of toAreaStates(map)) areas.set(a.id, a);
    mapName.textContent = map.map.name ?? "";
    if (!stage.contains(view.svg)) {
      clear(stage);
      stage.append(view.svg);
    }
    view.render(map, [...areas.values()]);
    if (areas.size === 0) {
      stage.append(h("p", { class: "map-overlay-note muted" }, "该地图尚未划分区域"));
    } else {
      stage.querySelector(".map-overlay-note")?.remove();
    }
    setVersion(v);
    renderLegend();
    const open = panel.openAreaId;
    if (open) {
      const a = areas.get(open);
      if (a) panel.areaChanged(a);
      else selectArea(null);
    }
  }

  function applyAreaLevel(ev: AreaLevelEvent): void {
    if (disposed || (ev.map_id && mapId && ev.map_id !== mapId)) return;
    const version = toNumber(ev.version);
    if (version < shownVersion) return; // stale: what is shown is newer
    const area = areas.get(ev.area_id);
    if (!area) {
      void refetch(); // an area we do not know yet: take the whole map again
      return;
    }
    if (version < area.version) return;
    area.level = normalizeLevel(ev.level);
    area.version = version;
    view.updateArea(area);
    setVersion(Math.max(shownVersion, version));
    renderLegend();
    panel.areaChanged(area);
  }

  function renderLegend(): void {
    const counts: Record<RiskLevel, number> = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const a of areas.values()) counts[a.level]++;
    clear(legendList);
    for (const level of LEGEND_ORDER) {
      const info = LEVELS[level];
      legendList.append(
        h(
          "li",
          { class: "legend-item", "data-level": level, "data-color": info.color },
          h("span", { class: "swatch", style: `--swatch:${info.hex}`, "aria-hidden": "true" }),
          h("span", { class: "legend-label" }, info.legend),
          h("span", { class: "legend-count", "data-level-count": level, "aria-label": `${counts[level]} 个区域` }, String(counts[level])),
        ),
      );
    }
    legendTotal.textContent = `共 ${areas.size} 个区域`;
  }

  function selectArea(id: string | null): void {
    const area = id ? areas.get(id) : undefined;
    view.select(area ? area.id : null);
    if (area) {
      panel.open(area);
      hint.hidden = true;
    } else {
      panel.close();
      hint.hidden = false;
    }
  }

  function setLive(state: LiveState): void {
    liveEl.dataset["state"] = state;
    liveText.textContent = LIVE_TEXT[state];
  }

  // ---- loading ---------------------------------------------------------------------------
  let refetchSeq = 0;
  async function refetch(): Promise<boolean> {
    if (!mapId) return true;
    const seq = ++refetchSeq;
    try {
      const m = await api.getRiskMap(mapId);
      if (seq === refetchSeq) {
        applyFull(m, false);
        showError(null);
      }
      return true;
    } catch (err) {
      if (handleAuth(err)) return false;
      if (seq === refetchSeq) showError(`刷新风险分布图失败：${describeError(err)}`);
      return true;
    }
  }

  const live = new LiveStream(
    () => {
      const token = getToken();
      if (!token) {
        ctx.onAuthLost();
        return null;
      }
      return mapId ? streamUrl(mapId, token) : null;
    },
    {
      onState: setLive,
      onSnapshot: (m) => applyFull(m, true),
      onAreaLevel: applyAreaLevel,
      onReconnected: () => void refetch(),
      beforeManualReconnect: refetch,
    },
  );

  function fillSelect(maps: PlantMap[]): void {
    clear(select);
    for (const m of maps) select.append(h("option", { value: m.id }, m.name || m.id));
    select.value = mapId ?? "";
    select.hidden = maps.length < 2;
  }

  async function load(): Promise<void> {
    showError(null);
    let maps: PlantMap[];
    try {
      const res = await api.listMaps();
      maps = Array.isArray(res.items) ? res.items : [];
    } catch (err) {
      if (disposed || handleAuth(err)) return;
      clear(stage);
      stage.append(h("p", { class: "muted loading" }, "无法加载地图列表"));
      showError(`加载地图列表失败：${describeError(err)}`, () => void load());
      setLive("stopped");
      return;
    }
    if (disposed) return;
    if (maps.length === 0) {
      clear(stage);
      stage.append(h("div", { class: "empty-state" }, "暂无厂区地图，请先创建地图并划分区域。"));
      setLive("stopped");
      return;
    }
    const wanted = params.get("map_id") ?? safeGet(LAST_MAP_KEY);
    mapId = maps.find((m) => m.id === wanted)?.id ?? maps[0]!.id;
    safeSet(LAST_MAP_KEY, mapId);
    fillSelect(maps);

    try {
      const m = await api.getRiskMap(mapId);
      if (disposed) return;
      applyFull(m, true);
    } catch (err) {
      if (disposed || handleAuth(err)) return;
      clear(stage);
      stage.append(h("p", { class: "muted loading" }, "无法加载风险分布图"));
      showError(`加载风险分布图失败：${describeError(err)}`, () => void load());
      setLive("stopped");
      return;
    }
    live.start();
  }

  void load();

  return () => {
    disposed = true;
    live.stop();
    panel.close();
    document.removeEventListener("keydown", onKey);
  };
}

function safeGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function safeSet(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    /* ignore */
  }
}
