// How every part of the control plane reaches PostgreSQL (the Kysely pool, the job queue, LISTEN sessions): one
// place that knows the host, TLS and the credentials. On RDS the credentials live in a secret that RDS rotates
// every 7 days, so the password is read again when PostgreSQL rejects it, and every new connection asks for the
// current one. Sessions already open keep working across a rotation: PostgreSQL checks a password only at log-in.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Logger } from '../ports.js';

export interface DatabaseCredentials {
  user: string;
  password: string;
}

/** Reads the current credentials from where they are kept (a secret store). */
export type CredentialsReader = () => Promise<DatabaseCredentials>;

export interface PostgresConnectionSettings {
  /** postgres://[user[:password]@]host[:port]/database; user and password may come from `credentials` instead. */
  url: string;
  /** Verify the server's certificate chain against these CAs (PEM) and its name against the host. No TLS without it. */
  tls?: { ca: string };
  credentials?: CredentialsReader;
  log?: Logger;
}

/** PostgreSQL's SQLSTATE for a rejected password (invalid_password). */
export const INVALID_PASSWORD = '28P01';
/** How long to wait before each re-read of a rejected password: RDS updates the secret and the server a moment apart. */
export const PASSWORD_REREAD_DELAYS_MS = [0, 2_000, 10_000] as const;

/** The RDS CA bundle shipped with the control plane (control-plane/certs/README.md says where it comes from). */
export function rdsCaBundle(): string {
  return readFileSync(new URL('../../certs/rds-global-bundle.pem', import.meta.url), 'utf8');
}

/** A pool Kysely's PostgresDialect and the job queue can use; connecting retries with re-read credentials. */
export interface PostgresPool {
  connect(): Promise<pg.PoolClient>;
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  end(): Promise<void>;
}

export class PostgresConnection {
  readonly #endpoint: { host: string; port: number; database: string; applicationName?: string };
  readonly #ssl: pg.ClientConfig['ssl'];
  readonly #reader: CredentialsReader | undefined;
  readonly #log: Logger | undefined;
  #credentials: DatabaseCredentials;
  /** Bumped on every re-read, so callers that failed with the old password retry without reading again. */
  #generation = 0;
  #rereading: Promise<void> | undefined;
  readonly #delays: readonly number[];

  private constructor(settings: PostgresConnectionSettings, credentials: DatabaseCredentials, delays: readonly number[]) {
    const url = parsePostgresUrl(settings.url);
    this.#endpoint = url.endpoint;
    this.#credentials = credentials;
    this.#reader = settings.credentials;
    this.#log = settings.log;
    this.#delays = delays;
    // rejectUnauthorized is node's default; it is spelled out because it is the whole point: chain and host name.
    this.#ssl = settings.tls ? { ca: settings.tls.ca, rejectUnauthorized: true } : false;
  }

  /** A connection whose user and password are in the URL (the local shape, tests). */
  static fromUrl(url: string, tls?: { ca: string }): PostgresConnection {
    const { user, password } = parsePostgresUrl(url);
    return new PostgresConnection({ url, ...(tls ? { tls } : {}) }, { user, password }, []);
  }

  /** Reads the credentials once now, so a missing or malformed secret stops the process at start with its reason. */
  static async open(settings: PostgresConnectionSettings, options: { rereadDelaysMs?: readonly number[] } = {}): Promise<PostgresConnection> {
    if (!settings.credentials) return PostgresConnection.fromUrl(settings.url, settings.tls);
    return new PostgresConnection(settings, await settings.credentials(), options.rereadDelaysMs ?? PASSWORD_REREAD_DELAYS_MS);
  }

  /** Where this connects, without credentials: for messages and logs. */
  get description(): string {
    return `${this.#endpoint.host}:${this.#endpoint.port}/${this.#endpoint.database}${this.#ssl ? ' (TLS, verified)' : ''}`;
  }

  /** Settings for a new pg client or pool; the password is asked for at each log-in, so it is always the current one. */
  clientConfig(extra: { application_name?: string } = {}): pg.ClientConfig {
    const { host, port, database, applicationName } = this.#endpoint;
    return {
      host,
      port,
      database,
      // Without a user (a URL like postgres://host/db) node-postgres falls back to PGUSER or the OS user, as psql does.
      ...(this.#credentials.user ? { user: this.#credentials.user } : {}),
      password: () => this.#credentials.password,
      ssl: this.#ssl,
      ...(applicationName ? { application_name: applicationName } : {}),
      ...extra,
    };
  }

  /** Runs `attempt` (a log-in); when PostgreSQL rejects the password, reads it again and retries, a bounded number of times. */
  async withCurrentPassword<T>(attempt: () => Promise<T>): Promise<T> {
    for (let retry = 0; ; retry += 1) {
      const generation = this.#generation;
      try {
        return await attempt();
      } catch (error) {
        const delay = this.#delays[retry];
        if (!this.#reader || !isInvalidPassword(error) || delay === undefined) throw error;
        await this.#reread(generation, delay);
      }
    }
  }

  async connectClient(extra: { application_name?: string } = {}): Promise<pg.Client> {
    return this.withCurrentPassword(async () => {
      const client = new pg.Client(this.clientConfig(extra));
      try {
        await client.connect();
        return client;
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
    });
  }

  createPool(options: { max: number; application_name?: string }): PostgresPool {
    const { max, ...extra } = options;
    const pool = new pg.Pool({ ...this.clientConfig(extra), max });
    // A client losing its server (PostgreSQL restarting) must not crash the process: the pool drops idle ones
    // itself, and a client checked out between two queries reports the loss through its next query instead.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    return {
      connect: () => this.withCurrentPassword(() => pool.connect()),
      query: (text, values) => this.withCurrentPassword(() => pool.query(text, values)),
      end: () => pool.end(),
    };
  }

  async #reread(failedGeneration: number, delayMs: number): Promise<void> {
    if (this.#generation !== failedGeneration) return;
    this.#rereading ??= (async () => {
      this.#log?.warn({ database: this.description }, 'PostgreSQL rejected the database password; reading it again from its secret');
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      try {
        this.#credentials = await (this.#reader as CredentialsReader)();
        this.#generation += 1;
      } finally {
        this.#rereading = undefined;
      }
    })();
    await this.#rereading;
  }
}

function isInvalidPassword(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === INVALID_PASSWORD;
}

/**
 * The URL's parts. TLS settings in the URL are refused: node-postgres lets `sslmode` in a URL replace the CA given
 * beside it (pg-connection-string turns `sslmode=require` into `ssl: {}`, which trusts only the system's CAs), so
 * TLS is configured in one place only: DATABASE_TLS and DATABASE_CA_FILE.
 */
function parsePostgresUrl(text: string): { endpoint: { host: string; port: number; database: string; applicationName?: string }; user: string; password: string } {
  const url = new URL(text);
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error(`The database URL must start with postgres:// (it starts with ${url.protocol}//).`);
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!url.hostname || !database) throw new Error('The database URL must name a host and a database: postgres://user@host:5432/database.');
  const unsupported = [...url.searchParams.keys()].filter((key) => key !== 'application_name');
  if (unsupported.length > 0) {
    throw new Error(`The database URL has ${unsupported.join(', ')}; remove it. TLS is set with DATABASE_TLS=verify-full (and DATABASE_CA_FILE), so a URL setting cannot quietly replace the CA.`);
  }
  const applicationName = url.searchParams.get('application_name');
  return {
    endpoint: { host: url.hostname.replace(/^\[(.+)\]$/, '$1'), port: url.port ? Number(url.port) : 5432, database, ...(applicationName ? { applicationName } : {}) },
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}
