// Shared widgets of the console pages: page header, tables that turn into cards on phones, badges,
// dialogs (<dialog>), form fields, a token pager and toasts. No framework, no innerHTML.
import { describeError } from "./api";
import { clear, h } from "./dom";

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

export function pageHead(title: string, ...actions: Child[]): HTMLElement {
  return h(
    "div",
    { class: "page-head" },
    h("h1", {}, title),
    h("div", { class: "page-actions" }, ...actions),
  );
}

export function button(label: string, onClick: () => void, attrs: Attrs = {}, kind = "secondary"): HTMLButtonElement {
  const cls = `button ${kind}${attrs["class"] ? ` ${String(attrs["class"])}` : ""}`;
  const b = h("button", { type: "button", ...attrs, class: cls }, label);
  b.addEventListener("click", onClick);
  return b;
}

/** Runs `work` with the button disabled (no double submits); errors go to `onError` or a toast. */
export async function busy(b: HTMLButtonElement, work: () => Promise<void>, onError?: (err: unknown) => void): Promise<void> {
  if (b.disabled) return;
  b.disabled = true;
  b.setAttribute("aria-busy", "true");
  try {
    await work();
  } catch (err) {
    if (onError) onError(err);
    else toast(describeError(err), "bad");
  } finally {
    b.disabled = false;
    b.removeAttribute("aria-busy");
  }
}

export type Tone = "ok" | "warn" | "bad" | "info" | "muted";

export function badge(text: string, tone: Tone, attrs: Attrs = {}): HTMLSpanElement {
  return h("span", { class: `status status-${tone}`, "data-tone": tone, ...attrs }, text);
}

export interface Column<T> {
  label: string;
  cell(row: T): Child | Child[];
  cls?: string;
}

/** A table; below 700 px every row is a card with the column label before each value. */
export function dataTable<T>(
  columns: Column<T>[],
  rows: T[],
  opts: { id?: string; empty?: string; rowAttrs?: (row: T) => Attrs } = {},
): HTMLElement {
  if (rows.length === 0) {
    return h("div", { class: "empty-state", ...(opts.id ? { id: opts.id, "data-empty": "true" } : {}) }, opts.empty ?? "暂无数据");
  }
  const thead = h("thead", {}, h("tr", {}, ...columns.map((c) => h("th", { scope: "col", class: c.cls }, c.label))));
  const tbody = h("tbody");
  for (const row of rows) {
    const tr = h("tr", opts.rowAttrs?.(row) ?? {});
    for (const c of columns) {
      const v = c.cell(row);
      const td = h("td", { "data-label": c.label, class: c.cls });
      for (const x of Array.isArray(v) ? v : [v]) {
        if (x === null || x === undefined || x === false) continue;
        td.append(typeof x === "number" ? String(x) : x);
      }
      tr.append(td);
    }
    tbody.append(tr);
  }
  return h("div", { class: "table-wrap" }, h("table", { class: "data-table", id: opts.id }, thead, tbody));
}

export function actions(...items: Child[]): HTMLElement {
  return h("div", { class: "row-actions" }, ...items);
}

// ---- forms ----------------------------------------------------------------------------------------
export function field(label: string, control: HTMLElement, help?: string): HTMLLabelElement {
  return h(
    "label",
    { class: "field" },
    h("span", { class: "field-label" }, label),
    control,
    help ? h("span", { class: "field-help" }, help) : null,
  );
}

export function textInput(attrs: Attrs = {}): HTMLInputElement {
  return h("input", { type: "text", class: "input", autocomplete: "off", ...attrs });
}

export function selectBox(options: ReadonlyArray<readonly [string, string]>, value = "", attrs: Attrs = {}): HTMLSelectElement {
  const sel = h("select", { class: "input", ...attrs });
  for (const [v, l] of options) {
    const o = h("option", { value: v }, l);
    if (v === value) o.selected = true;
    sel.append(o);
  }
  return sel;
}

export function checkbox(label: string, checked: boolean, attrs: Attrs = {}): { root: HTMLLabelElement; input: HTMLInputElement } {
  const input = h("input", { type: "checkbox", ...attrs });
  input.checked = checked;
  return { root: h("label", { class: "check" }, input, h("span", {}, label)), input };
}

// ---- dialogs --------------------------------------------------------------------------------------
export interface DialogOptions {
  title: string;
  body: Child[];
  submitLabel?: string;
  /** Throws to keep the dialog open with the error shown; resolves to close it. */
  onSubmit?: () => Promise<void>;
  wide?: boolean;
  id?: string;
  cancelLabel?: string;
}

/** A modal form; Esc / 取消 closes it. Returns a function that closes it. */
export function openDialog(o: DialogOptions): () => void {
  const error = h("div", { class: "notice error", role: "alert", hidden: true });
  const submit = o.onSubmit ? h("button", { type: "submit", class: "button primary" }, o.submitLabel ?? "保存") : null;
  const cancel = h("button", { type: "button", class: "button secondary" }, o.cancelLabel ?? (o.onSubmit ? "取消" : "关闭"));
  const form = h(
    "form",
    { class: "dialog-form", method: "dialog", novalidate: true },
    h("header", { class: "dialog-head" }, h("h2", {}, o.title)),
    h("div", { class: "dialog-body" }, ...o.body),
    error,
    h("footer", { class: "dialog-actions" }, cancel, submit),
  );
  const dlg = h("dialog", { class: o.wide ? "dialog wide" : "dialog", id: o.id }, form);
  const close = () => {
    if (dlg.open) dlg.close();
    dlg.remove();
  };
  cancel.addEventListener("click", close);
  dlg.addEventListener("cancel", (ev) => {
    ev.preventDefault();
    close();
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!o.onSubmit || !submit || submit.disabled) return;
    error.hidden = true;
    submit.disabled = true;
    const label = submit.textContent;
    submit.textContent = "正在提交…";
    o.onSubmit()
      .then(close, (err: unknown) => {
        error.textContent = describeError(err);
        error.hidden = false;
      })
      .finally(() => {
        submit.disabled = false;
        submit.textContent = label;
      });
  });
  document.body.append(dlg);
  dlg.showModal();
  const first = form.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea");
  first?.focus();
  return close;
}

/** Validation inside onSubmit: throws a plain message shown in the dialog. */
export function requireValue(value: string, what: string): string {
  const v = value.trim();
  if (!v) throw new Error(`请填写${what}。`);
  return v;
}

export function confirmAction(title: string, message: string, label: string, run: () => Promise<void>): void {
  openDialog({ title, body: [h("p", {}, message)], submitLabel: label, onSubmit: run });
}

/** Asks for one text (e.g. a reason) and runs `run` with it. */
export function promptAction(
  title: string,
  label: string,
  submitLabel: string,
  run: (value: string) => Promise<void>,
  opts: { required?: boolean; multiline?: boolean; value?: string } = {},
): void {
  const input = opts.multiline
    ? h("textarea", { class: "input", rows: 3 })
    : textInput({ value: opts.value ?? "" });
  openDialog({
    title,
    body: [field(label, input)],
    submitLabel,
    onSubmit: async () => {
      const v = opts.required === false ? input.value.trim() : requireValue(input.value, label);
      await run(v);
    },
  });
}

// ---- paging, notices ------------------------------------------------------------------------------
/** Cursor paging: remembers the tokens of the pages seen so 上一页 works. */
export class TokenPager {
  private stack: string[] = [""];
  next = "";

  get token(): string {
    return this.stack[this.stack.length - 1] ?? "";
  }

  get pageNo(): number {
    return this.stack.length;
  }

  reset(): void {
    this.stack = [""];
    this.next = "";
  }

  render(reload: () => void, text?: string): HTMLElement {
    const prev = button("上一页", () => {
      this.stack.pop();
      reload();
    }, { class: "small", "data-testid": "page-prev" });
    prev.disabled = this.stack.length <= 1;
    const next = button("下一页", () => {
      this.stack.push(this.next);
      reload();
    }, { class: "small", "data-testid": "page-next" });
    next.disabled = !this.next;
    return h("div", { class: "pager" }, prev, h("span", { class: "muted" }, text ?? `第 ${this.pageNo} 页`), next);
  }
}

export function loadingNote(text = "正在加载…"): HTMLElement {
  return h("p", { class: "muted loading" }, text);
}

export function errorNotice(err: unknown, retry?: () => void, prefix = "加载失败"): HTMLElement {
  const box = h("div", { class: "notice error", role: "alert" }, h("span", {}, `${prefix}：${describeError(err)}`));
  if (retry) box.append(button("重试", retry, { class: "small" }));
  return box;
}

let toastHost: HTMLElement | null = null;
export function toast(message: string, tone: Tone = "ok"): void {
  if (!toastHost) {
    toastHost = h("div", { class: "toasts", "aria-live": "polite" });
    document.body.append(toastHost);
  }
  const t = h("div", { class: `toast toast-${tone}`, role: tone === "bad" ? "alert" : "status" }, message);
  toastHost.append(t);
  window.setTimeout(() => t.remove(), tone === "bad" ? 8_000 : 4_000);
}

/** Replaces the children of `el`. */
export function show(el: Element, ...children: Child[]): void {
  clear(el);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "number" ? String(c) : c);
  }
}

export function dateOnly(value: string | undefined | null): string {
  if (!value) return "—";
  return value.length >= 10 ? value.slice(0, 10) : value;
}
