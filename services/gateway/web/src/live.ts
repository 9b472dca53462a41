// Live risk-map updates over Server-Sent Events (GET /api/v1/risk/map/stream).
//
// EventSource reconnects by itself after a dropped connection. It gives up for good when the
// server answers with an error status (e.g. 401 or 503): then we reconnect ourselves with a
// backoff, after asking the caller (who re-fetches the map and so notices a dead token).
import type { AreaLevelEvent, RiskMap } from "./types";

export type LiveState = "connecting" | "open" | "reconnecting" | "stopped";

export interface LiveHandlers {
  onState(state: LiveState): void;
  onSnapshot(map: RiskMap): void;
  onAreaLevel(event: AreaLevelEvent): void;
  /** Called on every re-established connection (not the first one). */
  onReconnected(): void;
  /** Called before we recreate a connection the browser gave up on; false = stop for good. */
  beforeManualReconnect(): Promise<boolean>;
}

const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

export class LiveStream {
  private es: EventSource | null = null;
  private everOpened = false;
  private stopped = false;
  private backoffMs = BACKOFF_MIN_MS;
  private timer: number | undefined;

  constructor(
    private readonly url: () => string | null,
    private readonly handlers: LiveHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    this.es?.close();
    this.es = null;
    this.handlers.onState("stopped");
  }

  private connect(): void {
    if (this.stopped) return;
    const url = this.url();
    if (!url) {
      this.stop();
      return;
    }
    this.handlers.onState(this.everOpened ? "reconnecting" : "connecting");
    const es = new EventSource(url);
    this.es = es;

    es.onopen = () => {
      if (es !== this.es) return;
      this.backoffMs = BACKOFF_MIN_MS;
      this.handlers.onState("open");
      if (this.everOpened) this.handlers.onReconnected();
      this.everOpened = true;
    };

    es.onerror = () => {
      if (es !== this.es || this.stopped) return;
      this.handlers.onState("reconnecting");
      if (es.readyState === EventSource.CLOSED) {
        // The browser will not retry (HTTP error status or wrong content type): we do.
        es.close();
        this.es = null;
        this.scheduleManualReconnect();
      }
      // Otherwise readyState is CONNECTING: the browser retries by itself.
    };

    es.addEventListener("snapshot", (ev) => {
      if (es !== this.es) return;
      const data = parse<RiskMap>((ev as MessageEvent<string>).data);
      if (data && data.map && Array.isArray(data.areas)) this.handlers.onSnapshot(data);
    });

    es.addEventListener("area-level", (ev) => {
      if (es !== this.es) return;
      const data = parse<AreaLevelEvent>((ev as MessageEvent<string>).data);
      if (data && typeof data.area_id === "string") {
        if (data.version === undefined || data.version === null) {
          // The `id:` line carries the map version too.
          const fromId = Number((ev as MessageEvent<string>).lastEventId);
          data.version = Number.isFinite(fromId) ? fromId : 0;
        }
        this.handlers.onAreaLevel(data);
      }
    });
  }

  private scheduleManualReconnect(): void {
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      if (this.stopped) return;
      this.handlers
        .beforeManualReconnect()
        .catch(() => true)
        .then((go) => {
          if (this.stopped) return;
          if (go) this.connect();
          else this.stop();
        });
    }, delay);
  }
}

function parse<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
