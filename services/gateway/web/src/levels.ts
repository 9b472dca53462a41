// The five risk levels of the four-colour map (docs/API.md "Levels and colours").
import type { RiskColor, RiskLevel } from "./types";

export interface LevelInfo {
  level: RiskLevel;
  color: RiskColor;
  hex: string;
  /** Badge text, e.g. 重大风险. */
  name: string;
  /** Legend text, e.g. 重大风险（红）. */
  legend: string;
  /** Text colour that reads well on `hex`. */
  ink: string;
}

export const LEVELS: Readonly<Record<RiskLevel, LevelInfo>> = {
  1: { level: 1, color: "red", hex: "#E53935", name: "重大风险", legend: "重大风险（红）", ink: "#FFFFFF" },
  2: { level: 2, color: "orange", hex: "#FB8C00", name: "较大风险", legend: "较大风险（橙）", ink: "#FFFFFF" },
  3: { level: 3, color: "yellow", hex: "#FDD835", name: "一般风险", legend: "一般风险（黄）", ink: "#3E2F00" },
  4: { level: 4, color: "blue", hex: "#1E88E5", name: "低风险", legend: "低风险（蓝）", ink: "#FFFFFF" },
  0: { level: 0, color: "none", hex: "#BDBDBD", name: "未评估", legend: "未评估", ink: "#333333" },
};

/** Legend order: most severe first, unassessed last. */
export const LEGEND_ORDER: readonly RiskLevel[] = [1, 2, 3, 4, 0];

/** Any value from the wire (number, numeric string, garbage) → a valid level; unknown → 0. */
export function normalizeLevel(value: unknown): RiskLevel {
  const n = typeof value === "string" ? Number(value) : value;
  return n === 1 || n === 2 || n === 3 || n === 4 ? n : 0;
}

export function levelInfo(value: unknown): LevelInfo {
  return LEVELS[normalizeLevel(value)];
}
