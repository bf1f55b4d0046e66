// Sends the tracker's totals to the control plane every 30 s and whenever the page hides or unloads — the
// last moment a page is sure to run code (mobile browsers often skip `unload`). `sendBeacon` with a string
// body goes out as text/plain: no CORS preflight, and the browser delivers it even as the page goes away.
// Each report carries the signed playback session of the latest grant: the control plane takes no other.
import type { QoeReport } from '@ott/contracts';
import type { QoeReportData } from '../events.js';
import type { QoeTracker } from './qoe-tracker.js';

export interface QoeBeaconOptions {
  /** `${api}/qoe`. */
  endpoint: string;
  tracker: QoeTracker;
  /** The latest grant's signed playback session; none yet (or from an old control plane): nothing is sent. */
  playbackSession: () => string | null | undefined;
  intervalMs: number;
  /** The page whose hiding flushes a report. */
  window: Window;
  sent?: (report: QoeReportData) => void;
}

export class QoeBeacon {
  readonly #options: QoeBeaconOptions;
  readonly #listeners = new AbortController();
  #timer: ReturnType<typeof setInterval> | undefined;
  #lastSent = '';

  constructor(options: QoeBeaconOptions) {
    this.#options = options;
    const { window: page } = options;
    const signal = this.#listeners.signal;
    page.document.addEventListener('visibilitychange', () => page.document.visibilityState === 'hidden' && this.flush(), { signal });
    page.addEventListener('pagehide', () => this.flush(), { signal });
    this.#timer = setInterval(() => this.flush(), options.intervalMs);
  }

  /** Sends the totals if the viewer engaged and anything changed since the last report. */
  flush(): void {
    const { tracker } = this.#options;
    const playbackSession = this.#options.playbackSession();
    if (!tracker.engaged || !playbackSession) return;
    const report = tracker.snapshot();
    // Same session id and totals: nothing new, whichever grant's token would carry it.
    const reported = JSON.stringify(report);
    if (reported === this.#lastSent) return;
    const { sessionId: _inTheToken, ...totals } = report;
    const wire: QoeReport = { playbackSession, ...totals };
    if (send(this.#options.window, this.#options.endpoint, JSON.stringify(wire))) {
      this.#lastSent = reported;
      this.#options.sent?.(report);
    }
  }

  /** Final report, then no more timers or listeners. */
  stop(): void {
    this.flush();
    clearInterval(this.#timer);
    this.#listeners.abort();
  }
}

function send(page: Window, endpoint: string, body: string): boolean {
  try {
    if (typeof page.navigator.sendBeacon === 'function' && page.navigator.sendBeacon(endpoint, body)) return true;
  } catch {
    // Some browsers throw on a beacon to a blocked URL; fall through to fetch.
  }
  if (typeof page.fetch !== 'function') return false;
  void page.fetch(endpoint, { method: 'POST', body, keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain' } }).catch(() => {});
  return true;
}
