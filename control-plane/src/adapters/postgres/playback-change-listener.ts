// The playback change feed over PostgreSQL LISTEN/NOTIFY: triggers on videos and tenants (migration 0009) notify
// `ott_playback` as they commit, from whichever process wrote. One dedicated connection per API process.
//
// The barrier is a round trip on that same connection: PostgreSQL sends a listening session every notification
// committed before a command ends ahead of that command's ReadyForQuery, and node-postgres emits messages in
// order, so when the round trip completes every change committed before it was sent has been delivered.
import pg from 'pg';
import { PostgresConnection } from '../../db/postgres-connection.js';
import type { PlaybackChange, PlaybackChangeFeed, PlaybackChangeSubscriber } from '../../domain/playback/playback-rows.js';

export const PLAYBACK_CHANNEL = 'ott_playback';
/** The listener's session in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'ott-playback-listener';

export interface PlaybackChangeListenerOptions {
  /** A round trip slower than this drops the connection; callers read the database meanwhile. */
  barrierTimeoutMs?: number;
  /** Wait at least this long between connection attempts. */
  retryMs?: number;
  now?: () => number;
}

export function parsePlaybackChange(payload: string | undefined): PlaybackChange {
  const [kind, id] = (payload ?? '').split(':', 2);
  if ((kind === 'video' || kind === 'tenant') && id) return { kind, id };
  return { kind: 'all' };
}

export class PlaybackChangeListener implements PlaybackChangeFeed {
  #client: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #lastAttempt = Number.NEGATIVE_INFINITY;
  #closed = false;
  /** The round trip on the wire, and the one that will follow it: callers that arrive while one is on the wire wait for the next. */
  #current: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  readonly #barrierTimeoutMs: number;
  readonly #retryMs: number;
  readonly #now: () => number;
  readonly #connection: PostgresConnection;

  constructor(
    connection: string | PostgresConnection,
    private readonly subscriber: PlaybackChangeSubscriber,
    options: PlaybackChangeListenerOptions = {},
  ) {
    this.#connection = typeof connection === 'string' ? PostgresConnection.fromUrl(connection) : connection;
    this.#barrierTimeoutMs = options.barrierTimeoutMs ?? 1_000;
    this.#retryMs = options.retryMs ?? 1_000;
    this.#now = options.now ?? Date.now;
  }

  barrier(): Promise<void> {
    const client = this.#client;
    if (!client) {
      this.#connectSoon();
      return Promise.reject(new Error('The playback change listener is not connected.'));
    }
    if (this.#next) return this.#next;
    if (!this.#current) return this.#roundTrip(client);
    const next = this.#current.then(noop, noop).then(() => {
      this.#next = undefined;
      return this.#client === client ? this.#roundTrip(client) : Promise.reject(new Error('The playback change listener reconnected.'));
    });
    this.#next = next;
    return next;
  }

  /** Connects now (otherwise the first barrier does); resolves once listening, rejects when that failed. */
  async connect(): Promise<void> {
    this.#connectSoon(true);
    await this.#connecting;
    if (!this.#client) throw new Error('The playback change listener could not connect.');
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#connecting;
    const client = this.#client;
    this.#drop(client);
  }

  #roundTrip(client: pg.Client): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const trip = Promise.race([
      client.query('').then(noop),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          this.#drop(client);
          reject(new Error('The playback change listener did not answer in time.'));
        }, this.#barrierTimeoutMs);
      }),
    ]).finally(() => {
      clearTimeout(timer);
      if (this.#current === trip) this.#current = undefined;
    });
    this.#current = trip;
    return trip;
  }

  #connectSoon(force = false): void {
    if (this.#closed || this.#connecting || this.#client) return;
    if (!force && this.#now() - this.#lastAttempt < this.#retryMs) return;
    this.#lastAttempt = this.#now();
    const connecting = this.#open().then((client) => {
      if (this.#closed) return void client.end().catch(noop);
      this.#client = client;
    }, noop);
    this.#connecting = connecting.finally(() => (this.#connecting = undefined));
  }

  async #open(): Promise<pg.Client> {
    const client = await this.#connection.connectClient({ application_name: LISTENER_APPLICATION_NAME });
    // Even from a connection being opened or dropped: an extra eviction costs one query, a lost one is a stale answer.
    client.on('notification', (message) => {
      if (message.channel === PLAYBACK_CHANNEL) this.subscriber.changed(parsePlaybackChange(message.payload));
    });
    client.on('error', () => this.#drop(client));
    client.on('end', () => this.#drop(client));
    try {
      await client.query(`LISTEN ${PLAYBACK_CHANNEL}`);
    } catch (error) {
      client.end().catch(noop);
      throw error;
    }
    // Whatever changed before LISTEN took effect was never notified to us.
    this.subscriber.reset();
    return client;
  }

  #drop(client: pg.Client | undefined): void {
    if (!client) return;
    if (this.#client === client) {
      this.#client = undefined;
      this.subscriber.reset();
    }
    client.removeAllListeners('end');
    client.on('error', noop);
    client.end().catch(noop);
  }
}

function noop(): void {}
