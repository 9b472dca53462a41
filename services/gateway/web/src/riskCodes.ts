// Code lists of the risk model (proto enums and the exchange's classify1/classify2 lists,
// libs/risk_domain/src/control_measures.cpp) with their Chinese names.
import { normalizeLevel } from "./levels";
import type { RiskLevel } from "./types";

const LEVEL_NAMES: Record<string, RiskLevel> = {
  RISK_LEVEL_UNSPECIFIED: 0,
  RISK_LEVEL_MAJOR: 1,
  RISK_LEVEL_HIGH: 2,
  RISK_LEVEL_MEDIUM: 3,
  RISK_LEVEL_LOW: 4,
};
export const LEVEL_ENUM: Record<number, string> = {
  1: "RISK_LEVEL_MAJOR",
  2: "RISK_LEVEL_HIGH",
  3: "RISK_LEVEL_MEDIUM",
  4: "RISK_LEVEL_LOW",
};

/** A level from the wire: number, numeric string or the proto enum name. */
export function wireLevel(v: unknown): RiskLevel {
  if (typeof v === "string" && v in LEVEL_NAMES) return LEVEL_NAMES[v]!;
  return normalizeLevel(v);
}

export const MEASURE_CLASSES: ReadonlyArray<readonly [number, string]> = [
  [1, "工程技术措施"],
  [2, "管理措施"],
  [3, "培训教育措施"],
  [4, "个体防护措施"],
  [5, "应急处置措施"],
];
const MEASURE_CLASS_NAMES: Record<string, number> = {
  MEASURE_CLASS_ENGINEERING: 1,
  MEASURE_CLASS_MANAGEMENT: 2,
  MEASURE_CLASS_TRAINING: 3,
  MEASURE_CLASS_PPE: 4,
  MEASURE_CLASS_EMERGENCY: 5,
};

export function measureClass(v: unknown): number {
  if (typeof v === "string" && v in MEASURE_CLASS_NAMES) return MEASURE_CLASS_NAMES[v]!;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : 0;
}

export function measureClassName(v: unknown): string {
  const n = measureClass(v);
  return MEASURE_CLASSES.find(([k]) => k === n)?.[1] ?? "—";
}

export const MODES: ReadonlyArray<readonly [number, string]> = [
  [1, "自动化监控"],
  [2, "隐患排查"],
];

export function controlMode(v: unknown): number {
  if (v === "CONTROL_MODE_AUTOMATED_MONITORING") return 1;
  if (v === "CONTROL_MODE_INSPECTION") return 2;
  const n = Number(v);
  return n === 1 || n === 2 ? n : 0;
}

/** Exchange classify1 (管控措施分类1). */
export const CLASSIFY1: ReadonlyArray<readonly [number, string]> = [
  [1, "工程技术"],
  [2, "维护保养"],
  [3, "操作行为"],
  [4, "应急措施"],
];

/** Exchange classify2 (管控措施分类2) under each classify1. */
export const CLASSIFY2: Readonly<Record<number, ReadonlyArray<readonly [string, string]>>> = {
  1: [["1-1", "工艺控制"], ["1-2", "关键设备/部件"], ["1-3", "安全附件"], ["1-4", "安全仪表"], ["1-5", "其它"]],
  2: [["2-1", "动设备"], ["2-2", "静设备"], ["2-3", "其它"]],
  3: [["3-1", "人员资质"], ["3-2", "操作记录"], ["3-3", "交接班"], ["3-4", "其它"]],
  4: [["4-1", "应急设施"], ["4-2", "个体防护"], ["4-3", "消防设施"], ["4-4", "应急预案"], ["4-5", "其它"]],
};

export const TIERS: ReadonlyArray<readonly [string, string]> = [
  ["company", "公司级"],
  ["department", "部门级"],
  ["workshop", "车间级"],
  ["team", "班组级"],
  ["post", "岗位级"],
];

export function tierName(t: string | undefined | null): string {
  if (!t) return "—";
  return TIERS.find(([k]) => k === t)?.[1] ?? t;
}

export const KINDS: ReadonlyArray<readonly [string, string]> = [
  ["equipment", "设备设施"],
  ["operation", "作业活动"],
];

export function kindName(k: string | undefined | null): string {
  if (!k) return "—";
  return KINDS.find(([v]) => v === k)?.[1] ?? k;
}

export const DEPTH_NAMES: Record<number, string> = { 1: "一级单元", 2: "二级子单元", 3: "三级子单元" };
