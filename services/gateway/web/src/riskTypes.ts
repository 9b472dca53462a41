// Shapes of the risk model chain, the JHA/SCL assessments and the ledger (docs/API.md "The risk model
// chain", proto/safeloop/risk/v1/risk_model.proto, risk_assessment.proto, risk_ledger.proto). These routes
// are transcoded: enums come as their proto names ("RISK_LEVEL_MAJOR"); riskCodes.ts normalizes them.

export type WireEnum = string | number;

export interface RiskObject {
  id: string;
  name: string;
  hazard_code: string;
  department_id: string;
  liable_person_id: string;
  description: string;
  deleted: boolean;
  version: number;
  created_at?: string;
  updated_at?: string;
}

export interface RiskObjectInput {
  name: string;
  hazard_code: string;
  department_id: string;
  liable_person_id: string;
  description: string;
}

export interface RiskUnit {
  id: string;
  object_id: string;
  parent_id: string;
  depth: number;
  seq: number;
  name: string;
  department_id: string;
  liable_person_id: string;
  deleted: boolean;
  version: number;
}

export interface RiskPointProfile {
  risk_point_id: string;
  unit_id: string;
  kind: string;
  code: string;
  location: string;
  position?: { x: number; y: number } | null;
  department_id: string;
  liable_person_id: string;
  post_id: string;
  accident_types: string[];
  accident_type_version: string;
  version: number;
  updated_at?: string;
}

export interface ControlMeasure {
  id?: string;
  measure_class: WireEnum;
  classify1: number;
  classify2: string;
  classify3: string;
  mode: WireEnum;
  description: string;
  check_content: string;
  proposed: boolean;
}

export interface RiskEvent {
  id: string;
  risk_point_id: string;
  unit_id: string;
  seq: number;
  name: string;
  step: string;
  standard: string;
  hazard: string;
  consequence: string;
  accident_types: string[];
  measures: ControlMeasure[];
  deleted: boolean;
  version: number;
}

export interface RiskEventInput {
  name: string;
  step: string;
  standard: string;
  hazard: string;
  consequence: string;
  accident_types: string[];
  measures: ControlMeasure[];
}

export interface AccidentTypes {
  lists: Array<{ version: string; in_force_from: string; names: string[] }>;
  current_version: string;
}

export interface Factors {
  l: number;
  e?: number | null;
  c_or_s: number;
}

export interface RowInput {
  event_id: string;
  residual: Factors;
  inherent?: Factors;
  assigned_tier?: string;
}

export interface AssessInput {
  method: "LEC" | "LS";
  rows: RowInput[];
  facts: {
    unrectified_major_accident_hazard: boolean;
    major_hazard_installation_grade: number;
    fatal_accident_cause_present: boolean;
  };
  analyst: { name: string; date: string };
  note: string;
  record_no: string;
}

export interface RowResult {
  event_id: string;
  seq: number;
  step: string;
  hazard: string;
  residual?: Factors;
  value: number;
  grade: number;
  level: WireEnum;
  inherent?: Factors | null;
  inherent_value?: number;
  inherent_level?: WireEnum;
  tier: string;
  controlling_tiers?: string[];
}

export interface PointAssessment {
  id: string;
  risk_point_id: string;
  version: number;
  record_kind: string;
  method: string;
  rows: RowResult[];
  scored_level: WireEnum;
  inherent_level: WireEnum;
  level: WireEnum;
  judgement?: Array<{ code: string; text: string }>;
  tier: string;
  controlling_tiers?: string[];
  advice?: string[];
  analyst?: { name: string; date: string };
  assessed_by: string;
  assessed_at: string;
  note: string;
  record_no: string;
}

export interface LedgerRow {
  risk_point_id: string;
  unit_level1: string;
  unit_level2: string;
  unit_level3: string;
  name: string;
  code: string;
  level: WireEnum;
  control_tier: string;
  department_name: string;
  liable_person_name: string;
  location: string;
  kind: string;
  events: Array<{
    seq: number;
    name: string;
    hazard: string;
    accident_types: string[];
    measures: Array<{ description: string; check_content: string; measure_class: string }>;
  }>;
  department_id: string;
  liable_person_id: string;
  unit_id: string;
}

export interface LedgerFilter {
  unit_id?: string;
  /** 1..4 or "" (every level). */
  level?: string;
  control_tier?: string;
  liable_person_id?: string;
}

export interface Items<T> {
  items: T[];
}
