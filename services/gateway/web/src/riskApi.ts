// REST calls of the risk model chain, the JHA/SCL assessment records, the ledger and its documents.
import { download, enc, query, request } from "./api";
import { LEVEL_ENUM } from "./riskCodes";
import type * as R from "./riskTypes";

const P = "/api/v1/risk";

function ledgerQuery(f: R.LedgerFilter): Record<string, string | undefined> {
  return {
    unit_id: f.unit_id,
    level: f.level ? LEVEL_ENUM[Number(f.level)] : undefined,
    control_tier: f.control_tier,
    liable_person_id: f.liable_person_id,
  };
}

export const riskModelApi = {
  objects: (includeDeleted = false) =>
    request<R.Items<R.RiskObject>>("GET", `${P}/objects${query({ include_deleted: includeDeleted })}`),
  createObject: (body: R.RiskObjectInput) => request<R.RiskObject>("POST", `${P}/objects`, { body }),
  updateObject: (o: R.RiskObject, body: R.RiskObjectInput) =>
    request<R.RiskObject>("PUT", `${P}/objects/${enc(o.id)}`, { body: { ...body, version: o.version } }),
  deleteObject: (o: R.RiskObject) =>
    request<R.RiskObject>("DELETE", `${P}/objects/${enc(o.id)}${query({ version: o.version })}`),

  units: (objectId = "") => request<R.Items<R.RiskUnit>>("GET", `${P}/units${query({ object_id: objectId })}`),
  createUnit: (body: { object_id?: string; parent_id?: string; name: string; department_id?: string; liable_person_id?: string }) =>
    request<R.RiskUnit>("POST", `${P}/units`, { body }),
  updateUnit: (u: R.RiskUnit, changes: Partial<Pick<R.RiskUnit, "name" | "seq" | "department_id" | "liable_person_id">>) =>
    request<R.RiskUnit>("PUT", `${P}/units/${enc(u.id)}`, {
      body: {
        name: u.name,
        seq: u.seq,
        department_id: u.department_id,
        liable_person_id: u.liable_person_id,
        ...changes,
        version: u.version,
      },
    }),
  deleteUnit: (u: R.RiskUnit) => request<R.RiskUnit>("DELETE", `${P}/units/${enc(u.id)}${query({ version: u.version })}`),

  profile: (pointId: string) => request<R.RiskPointProfile>("GET", `${P}/points/${enc(pointId)}/profile`),
  updateProfile: (pointId: string, body: Omit<R.RiskPointProfile, "risk_point_id" | "updated_at">) =>
    request<R.RiskPointProfile>("PUT", `${P}/points/${enc(pointId)}/profile`, { body }),

  events: (pointId: string) => request<R.Items<R.RiskEvent>>("GET", `${P}/points/${enc(pointId)}/events`),
  createEvent: (pointId: string, body: R.RiskEventInput) =>
    request<R.RiskEvent>("POST", `${P}/points/${enc(pointId)}/events`, { body }),
  updateEvent: (e: R.RiskEvent, body: R.RiskEventInput) =>
    request<R.RiskEvent>("PUT", `${P}/events/${enc(e.id)}`, { body: { ...body, seq: e.seq, version: e.version } }),
  deleteEvent: (e: R.RiskEvent) => request<R.RiskEvent>("DELETE", `${P}/events/${enc(e.id)}${query({ version: e.version })}`),

  accidentTypes: () => request<R.AccidentTypes>("GET", `${P}/accident-types`),

  records: (pointId: string) => request<R.Items<R.PointAssessment>>("GET", `${P}/points/${enc(pointId)}/assessment-records`),
  assess: (pointId: string, body: R.AssessInput) =>
    request<R.PointAssessment>("POST", `${P}/points/${enc(pointId)}/assessment-records`, { body }),

  ledger: (f: R.LedgerFilter, pageSize: number, pageToken: string) =>
    request<R.Items<R.LedgerRow> & { next_page_token?: string }>(
      "GET",
      `${P}/ledger${query({ ...ledgerQuery(f), page_size: pageSize, page_token: pageToken })}`,
    ),
  /** B1/C1/E1/F1 as xlsx or pdf; the file name comes from Content-Disposition. */
  document: (kind: string, format: "xlsx" | "pdf", f: R.LedgerFilter) =>
    download(`${P}/documents/${enc(kind)}${query({ format, ...(kind === "B1" ? {} : ledgerQuery(f)) })}`, `${kind}.${format}`),
};
