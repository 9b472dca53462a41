// Form helpers of the risk pages: an API error {"error":{code,message,field}} is shown next to the
// field it names (data-field on the control), otherwise in the dialog's own error line.
import { ApiError, describeError } from "./api";
import { h } from "./dom";
import { orgApi, peopleApi } from "./personnelApi";
import { flatten, unitOptions, type FlatUnit } from "./orgUnits";
import type { Person } from "./personnelTypes";

/** Clears the previous field errors inside `form`. */
export function clearFieldErrors(form: Element): void {
  form.querySelectorAll(".field-error").forEach((e) => e.remove());
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
}

/**
 * Puts the API error next to the control named by its field (data-field="l", "rows[0].residual.l" matches
 * "l" too) and rethrows so the dialog stays open and also shows it.
 */
export function showFieldError(form: Element, err: unknown): never {
  clearFieldErrors(form);
  if (err instanceof ApiError && err.field) {
    const target = findControl(form, err.field);
    if (target) {
      target.setAttribute("aria-invalid", "true");
      const msg = h("span", { class: "field-error", role: "alert", "data-error-field": err.field }, describeError(err));
      (target.closest(".field") ?? target).append(msg);
    }
  }
  throw err;
}

function findControl(form: Element, field: string): Element | null {
  // The assessment service names its rows "items[i]"; the form's controls say "rows[i]".
  const rows = field.replace(/^items\[/, "rows[");
  const candidates = [field, rows, field.replace(/^.*\./, ""), field.replace(/\[\d+\]/g, "")];
  for (const c of candidates) {
    const el = form.querySelector(`[data-field="${cssEscape(c)}"]`);
    if (el) return el;
  }
  const last = field.replace(/^.*\./, "");
  return form.querySelector(`[data-field$=".${cssEscape(last)}"]`);
}

function cssEscape(s: string): string {
  return s.replace(/["\\]/g, "\\$&");
}

export interface Directory {
  units: FlatUnit[];
  people: Person[];
}

let cache: { at: number; dir: Directory } | null = null;

/** Org units and people for the responsible unit/person selects (first 200 people), cached a minute. */
export async function loadDirectory(): Promise<Directory> {
  if (cache && Date.now() - cache.at < 60_000) return cache.dir;
  const [tree, people] = await Promise.all([
    orgApi.tree(false).catch(() => null),
    peopleApi.list({}, 200, "").catch(() => null),
  ]);
  const dir = { units: flatten(tree?.root), people: people?.people ?? [] };
  cache = { at: Date.now(), dir };
  return dir;
}

export function unitSelect(dir: Directory, value: string, attrs: Record<string, string>): HTMLSelectElement {
  return optionSelect([["", "（未指定）"], ...unitOptions(dir.units)], value, attrs);
}

export function postSelect(dir: Directory, value: string, attrs: Record<string, string>): HTMLSelectElement {
  const posts = dir.units.filter((u) => u.unit.kind === "post").map((u): [string, string] => [u.unit.id, u.path]);
  return optionSelect([["", "（未指定）"], ...posts], value, attrs);
}

export function personSelect(dir: Directory, value: string, attrs: Record<string, string>): HTMLSelectElement {
  const opts: Array<[string, string]> = dir.people.map((p) => [p.id, p.unit_path ? `${p.name}（${p.unit_path}）` : p.name]);
  return optionSelect([["", "（未指定）"], ...opts], value, attrs);
}

/** A select; a value not among the options is kept as an extra option (so saving does not drop it). */
export function optionSelect(options: ReadonlyArray<readonly [string, string]>, value: string, attrs: Record<string, string>): HTMLSelectElement {
  const sel = h("select", { class: "input", ...attrs });
  let found = false;
  for (const [v, l] of options) {
    const o = h("option", { value: v }, l);
    if (v === value) {
      o.selected = true;
      found = true;
    }
    sel.append(o);
  }
  if (!found && value) {
    const o = h("option", { value }, value);
    o.selected = true;
    sel.append(o);
  }
  return sel;
}

export function nameOfUnit(dir: Directory, id: string): string {
  if (!id) return "—";
  return dir.units.find((u) => u.unit.id === id)?.path ?? id;
}

export function nameOfPerson(dir: Directory, id: string): string {
  if (!id) return "—";
  return dir.people.find((p) => p.id === id)?.name ?? id;
}

export { describeError };
