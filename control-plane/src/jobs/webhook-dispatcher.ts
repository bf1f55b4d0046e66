// The worker's webhook loop: claims due deliveries while it has free slots, sends each on its own (so one slow
// receiver never holds up another's), and looks again every `pollMs` and whenever an attempt ends (the next event
// of a video waits for the one before). A short poll keeps `video.ready` within a second of the change.
import type { DomainDeps } from '../domain/deps.js';
import { attemptDelivery, claimDueDeliveries } from '../domain/webhooks/webhook-dispatch.js';
import type { Logger } from '../ports.js';
import type { BackgroundLoop } from './run-worker.js';

export interface WebhookDispatcherOptions {
  /** Attempts in flight at once in this worker, all endpoints together. */
  concurrency?: number;
  /** Attempts in flight at once for one endpoint, across workers. */
  perEndpoint?: number;
  pollMs?: number;
}

export const WEBHOOK_DISPATCH_DEFAULTS = { concurrency: 64, perEndpoint: 4, pollMs: 250 } as const;

export class WebhookDispatcher implements BackgroundLoop {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #options: Required<WebhookDispatcherOptions>;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #again = false;
  #stopped = true;

  constructor(
    private readonly deps: Pick<DomainDeps, 'db' | 'secrets' | 'clock' | 'outbound'>,
    private readonly log: Logger,
    options: WebhookDispatcherOptions = {},
  ) {
    this.#options = { ...WEBHOOK_DISPATCH_DEFAULTS, ...options };
  }

  start(): void {
    this.#stopped = false;
    this.#wake();
  }

  /** Stops claiming, then waits for the attempts in flight (each ends by its deadline). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  #wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = true;
    void this.#claim().finally(() => {
      this.#running = false;
      if (this.#stopped) return;
      if (this.#again) {
        this.#again = false;
        this.#wake();
      } else this.#timer = setTimeout(() => this.#wake(), this.#options.pollMs);
    });
  }

  async #claim(): Promise<void> {
    const free = this.#options.concurrency - this.#inFlight.size;
    if (free <= 0) return;
    let claimed;
    try {
      claimed = await claimDueDeliveries(this.deps, { limit: free, perEndpoint: this.#options.perEndpoint });
    } catch (error) {
      this.log.warn({ err: error }, 'webhook deliveries could not be claimed; trying again shortly');
      return;
    }
    for (const delivery of claimed) {
      const attempt = attemptDelivery(this.deps, delivery).then(
        (outcome) => {
          if (outcome.endpointDisabled) this.log.warn({ tenantId: delivery.tenantId, endpointId: outcome.endpointId }, 'webhook endpoint disabled after sustained failure');
        },
        (error: unknown) => this.log.warn({ err: error, deliveryId: delivery.id }, 'webhook attempt could not be recorded; its claim runs out and it is tried again'),
      );
      const tracked = attempt.finally(() => {
        this.#inFlight.delete(tracked);
        this.#wake();
      });
      this.#inFlight.add(tracked);
    }
    // A full batch: more may be due at once.
    if (claimed.length === free) this.#again = true;
  }
}
