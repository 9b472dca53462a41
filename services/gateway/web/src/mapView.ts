// The four-colour map: background image + one polygon per area, drawn in an SVG whose viewBox is
// the map's own pixel space (0 0 width height), so it scales to any screen.
import { s, clear } from "./dom";
import { LEVELS, normalizeLevel } from "./levels";
import type { Point, RiskLevel, RiskMap, RiskMapArea } from "./types";

export const FILL_OPACITY = 0.55;

export interface AreaState {
  id: string;
  name: string;
  level: RiskLevel;
  version: number;
  polygon: Point[];
}

export interface MapViewOptions {
  onSelect(areaId: string): void;
}

export class MapView {
  readonly svg: SVGSVGElement;
  private readonly polygons = new Map<string, SVGPolygonElement>();
  private readonly labels = new Map<string, SVGTextElement>();
  private selectedId: string | null = null;

  constructor(private readonly options: MapViewOptions) {
    this.svg = s("svg", {
      class: "risk-map",
      role: "group",
      "aria-label": "四色风险分布图",
      preserveAspectRatio: "xMidYMid meet",
    });
  }

  /** Full redraw (first load, snapshot, re-fetch). */
  render(map: RiskMap, areas: AreaState[]): void {
    const { width, height } = sanitizeSize(Number(map.map.width), Number(map.map.height));
    const svg = this.svg;
    clear(svg);
    this.polygons.clear();
    this.labels.clear();
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("data-map-id", map.map.id);
    svg.style.setProperty("--map-aspect", `${width} / ${height}`);

    svg.append(s("rect", { class: "map-bg", x: 0, y: 0, width, height }));
    if (map.map.image_url) {
      const img = s("image", { href: map.map.image_url, x: 0, y: 0, width, height, preserveAspectRatio: "xMidYMid meet" });
      img.addEventListener("error", () => {
        img.remove();
        svg.insertBefore(
          s("text", { class: "map-bg-missing", x: width / 2, y: 24 + height * 0.02, "text-anchor": "middle" }, "底图加载失败"),
          svg.children[1] ?? null,
        );
      });
      svg.append(img);
    }

    const areaLayer = s("g", { class: "areas" });
    const labelLayer = s("g", { class: "labels", "aria-hidden": "true" });
    const baseFont = Math.max(12, Math.min(width, height) * 0.032);

    for (const area of areas) {
      if (area.polygon.length < 3) continue;
      const info = LEVELS[area.level];
      const poly = s("polygon", {
        class: "area",
        points: area.polygon.map((p) => `${num(p.x)},${num(p.y)}`).join(" "),
        "data-area-id": area.id,
        "data-level": area.level,
        "data-color": info.color,
        "data-version": area.version,
        fill: info.hex,
        "fill-opacity": FILL_OPACITY,
        stroke: info.hex,
        tabindex: 0,
        role: "button",
        "aria-label": `${area.name}：${info.name}`,
      });
      poly.append(s("title", {}, `${area.name} · ${info.name}`));
      poly.addEventListener("click", () => this.options.onSelect(area.id));
      poly.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          this.options.onSelect(area.id);
        }
      });
      areaLayer.append(poly);
      this.polygons.set(area.id, poly);

      const box = bbox(area.polygon);
      const c = centroid(area.polygon) ?? { x: box.x + box.w / 2, y: box.y + box.h / 2 };
      const chars = Math.max(2, [...area.name].length);
      const font = Math.max(10, Math.min(baseFont, (box.w * 0.85) / chars, box.h / 3.2));
      // --label-scale (CSS) enlarges labels on small screens, where the whole map is scaled down.
      const label = s("text", {
        class: "area-label",
        x: num(c.x),
        y: num(c.y),
        "text-anchor": "middle",
        style: `font-size: calc(${num(font)}px * var(--label-scale, 1))`,
      });
      label.append(
        s("tspan", { class: "area-name", x: num(c.x), dy: "-0.15em" }, area.name),
        s("tspan", { class: "area-level", x: num(c.x), dy: "1.7em", style: "font-size: 0.62em" }, info.name),
      );
      labelLayer.append(label);
      this.labels.set(area.id, label);
    }
    svg.append(areaLayer, labelLayer);
    if (this.selectedId) this.select(this.selectedId);
  }

  /** Live update of one area: fill, stroke, data-level, data-color; no redraw. */
  updateArea(area: AreaState): boolean {
    const poly = this.polygons.get(area.id);
    if (!poly) return false;
    const info = LEVELS[area.level];
    poly.setAttribute("data-level", String(area.level));
    poly.setAttribute("data-color", info.color);
    poly.setAttribute("data-version", String(area.version));
    poly.setAttribute("fill", info.hex);
    poly.setAttribute("stroke", info.hex);
    poly.setAttribute("aria-label", `${area.name}：${info.name}`);
    const title = poly.querySelector("title");
    if (title) title.textContent = `${area.name} · ${info.name}`;
    const levelText = this.labels.get(area.id)?.querySelector(".area-level");
    if (levelText) levelText.textContent = info.name;
    poly.classList.remove("flash");
    void poly.getBBox(); // restart the CSS animation
    poly.classList.add("flash");
    return true;
  }

  select(areaId: string | null): void {
    this.selectedId = areaId;
    for (const [id, poly] of this.polygons) {
      const on = id === areaId;
      poly.classList.toggle("selected", on);
      poly.setAttribute("aria-pressed", on ? "true" : "false");
    }
    // Draw the selected polygon last so its outline is not covered by neighbours.
    const sel = areaId ? this.polygons.get(areaId) : undefined;
    sel?.parentNode?.appendChild(sel);
  }
}

export function toAreaStates(map: RiskMap): AreaState[] {
  return (map.areas ?? []).map((a: RiskMapArea) => ({
    id: a.area_id,
    name: a.name ?? "",
    level: normalizeLevel(a.level),
    version: toNumber(a.version),
    polygon: Array.isArray(a.polygon)
      ? a.polygon.map((p) => ({ x: Number(p?.x), y: Number(p?.y) })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
      : [],
  }));
}

/** Proto3 JSON prints 64-bit integers as strings: accept both; anything else → 0. */
export function toNumber(value: unknown): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : 0;
}

function sanitizeSize(w: number, h: number): { width: number; height: number } {
  const width = Number.isFinite(w) && w > 0 ? w : 1200;
  const height = Number.isFinite(h) && h > 0 ? h : 800;
  return { width, height };
}

function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function bbox(points: Point[]): { x: number; y: number; w: number; h: number } {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/** Area centroid of a simple polygon; null when degenerate. */
function centroid(points: Point[]): Point | null {
  let a = 0,
    cx = 0,
    cy = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const q = points[(i + 1) % points.length]!;
    const cross = p.x * q.y - q.x * p.y;
    a += cross;
    cx += (p.x + q.x) * cross;
    cy += (p.y + q.y) * cross;
  }
  if (Math.abs(a) < 1e-9) return null;
  return { x: cx / (3 * a), y: cy / (3 * a) };
}
