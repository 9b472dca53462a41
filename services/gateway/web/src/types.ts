// Shapes of the REST API (docs/API.md). Field names are snake_case as on the wire.

/** 0 = 未评估, 1 = 重大, 2 = 较大, 3 = 一般, 4 = 低. */
export type RiskLevel = 0 | 1 | 2 | 3 | 4;
export type RiskColor = "red" | "orange" | "yellow" | "blue" | "none";

export interface Point {
  x: number;
  y: number;
}

export interface PlantMap {
  id: string;
  name: string;
  image_url: string;
  width: number;
  height: number;
  created_at?: string;
}

export interface RiskMapArea {
  area_id: string;
  name: string;
  polygon: Point[];
  level: number;
  level_name?: string;
  color?: string;
  version?: number | string;
}

export interface RiskMap {
  map: PlantMap;
  version: number | string;
  areas: RiskMapArea[];
}

export interface AreaLevelEvent {
  area_id: string;
  map_id?: string;
  level: number;
  level_name?: string;
  color?: string;
  /** A number; tolerated as a decimal string (proto3 JSON int64). */
  version: number | string;
}

export interface LecAssessment {
  id: string;
  risk_point_id: string;
  method: string;
  l: number;
  e: number;
  c: number;
  d: number;
  level: number;
  level_name?: string;
  color?: string;
  band_variant?: string;
  assessed_by?: string;
  note?: string;
  assessed_at?: string;
  version?: number;
}

export interface RiskPoint {
  id: string;
  area_id: string;
  name: string;
  description?: string;
  level: number;
  level_name?: string;
  color?: string;
  latest_assessment?: LecAssessment | null;
  created_at?: string;
}

export interface ItemList<T> {
  items: T[];
}

export interface ApiErrorBody {
  error?: {
    code?: string;
    message?: string;
    field?: string;
    request_id?: string;
  };
}
