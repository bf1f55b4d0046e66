// Wakes a worker's pg-boss workers the moment a job of their type is queued, from whichever process queued it:
// pg-boss only polls (every second here), which added up to a second before a transcode started. The queue
// NOTIFYs `ott_jobs` with the job's type after each send; one connection per worker process LISTENs. Polling stays
// on as the fallback: a notification lost while this connection reconnects delays a job by one poll, no more.
import type pg from 'pg';
import type { PostgresConnection } from '../../db/postgres-connection.js';

export const JOBS_CHANNEL = 'ott_jobs';
/** The listener's session in pg_stat_activity. */
const APPLICATION_NAME = 'ott-job-wake';
const RECONNECT_MS = 1_000;

export class JobWakeListener {
  #client: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #retry: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly connection: PostgresConnection,
    private readonly wake: (jobType: string) => void,
  ) {}

  /** Resolves once listening; when the connection fails, it keeps trying in the background (polling covers the gap). */
  async listen(): Promise<void> {
    if (this.#client || this.#closed) return;
    this.#connecting ??= this.#open().finally(() => (this.#connecting = undefined));
    await this.#connecting;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await this.#connecting;
    await this.#client?.end().catch(() => {});
    this.#client = undefined;
  }

  async #open(): Promise<void> {
    let client: pg.Client | undefined;
    try {
      client = await this.connection.connectClient({ application_name: APPLICATION_NAME });
      client.on('notification', (message) => {
        if (message.channel === JOBS_CHANNEL && message.payload) this.wake(message.payload);
      });
      client.on('error', () => this.#lost(client));
      client.on('end', () => this.#lost(client));
      await client.query(`LISTEN ${JOBS_CHANNEL}`);
      if (this.#closed) return void (await client.end().catch(() => {}));
      this.#client = client;
    } catch {
      client?.end().catch(() => {});
      this.#reconnectSoon();
    }
  }

  #lost(client: pg.Client | undefined): void {
    if (!client || this.#client !== client) return;
    this.#client = undefined;
    client.end().catch(() => {});
    this.#reconnectSoon();
  }

  #reconnectSoon(): void {
    if (this.#closed || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.listen();
    }, RECONNECT_MS);
  }
}
