// Attempt counters in PostgreSQL, shared by every API process: the doors an attacker hammers (sign-in, sign-up,
// refresh) stay as narrow however many processes serve them. Each counted attempt is one atomic upsert.
import { sql, type RawBuilder } from 'kysely';
import { sha256 } from '../crypto/ids.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../ports.js';
import type { RateLimit } from './rate-limiter.js';

/** Some failures cost nothing; each one after them doubles the wait, up to a ceiling. */
export interface Backoff {
  freeFailures: number;
  firstWaitMs: number;
  maxWaitMs: number;
  /** The count starts again after this long without a failure (at least maxWaitMs). */
  forgetAfterMs: number;
}

/** Expired counters are deleted by whichever process notices first, at most this often per process. */
const SWEEP_EVERY_MS = 60_000;

export class SharedRateLimiter {
  #nextSweep: number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.#nextSweep = clock.now().getTime() + SWEEP_EVERY_MS;
  }

  /**
   * Counts one attempt in a fixed window; returns the seconds to wait when it is over the limit, else undefined.
   * Once the limit is reached, `blockedFor` reports the key as blocked until the window ends.
   */
  async take(key: string, rule: RateLimit): Promise<number | undefined> {
    const now = await this.tick();
    const restarts = sql<boolean>`r.expires_at <= ${now}`;
    const hits = sql<number>`(case when ${restarts} then 1 else r.hits + 1 end)`;
    const windowEnd = sql<Date>`(case when ${restarts} then excluded.expires_at else r.expires_at end)`;
    const firstWindowEnd = new Date(now.getTime() + rule.windowMs);
    const { rows } = await sql<{ hits: number; expires_at: Date }>`
      insert into rate_limits as r (key, hits, expires_at, blocked_until)
      values (${sha256(key)}, 1, ${firstWindowEnd}, ${rule.limit <= 1 ? firstWindowEnd : null})
      on conflict (key) do update set hits = ${hits}, expires_at = ${windowEnd}, blocked_until = case when ${hits} >= ${rule.limit} then ${windowEnd} end
      returning hits, expires_at`.execute(this.db);
    const counted = rows[0];
    return counted && counted.hits > rule.limit ? secondsUntil(counted.expires_at, now) : undefined;
  }

  /** Counts one failure: past the free ones, the key is blocked for a wait that doubles with each further failure. */
  async fail(key: string, rule: Backoff): Promise<void> {
    const now = await this.tick();
    const forgetAt = new Date(now.getTime() + rule.forgetAfterMs);
    const hits = sql<number>`(case when r.expires_at <= ${now} then 1 else r.hits + 1 end)`;
    const blockedUntil = (failures: RawBuilder<number>) => sql<Date | null>`
      case when ${failures} >= ${rule.freeFailures}
        then ${now}::timestamptz + least(${rule.firstWaitMs}::float8 * power(2, least(${failures} - ${rule.freeFailures}, 30)), ${rule.maxWaitMs}::float8) * interval '1 millisecond'
      end`;
    await sql`
      insert into rate_limits as r (key, hits, expires_at, blocked_until)
      values (${sha256(key)}, 1, ${forgetAt}, ${blockedUntil(sql<number>`1`)})
      on conflict (key) do update set hits = ${hits}, expires_at = ${forgetAt}, blocked_until = ${blockedUntil(hits)}`.execute(this.db);
  }

  /** Seconds until none of the keys is blocked any more; undefined when none is blocked now. */
  async blockedFor(keys: readonly string[]): Promise<number | undefined> {
    const now = this.clock.now();
    const row = await this.db
      .selectFrom('rate_limits')
      .select((eb) => eb.fn.max('blocked_until').as('until'))
      .where('key', 'in', keys.map(sha256))
      .where('blocked_until', '>', now)
      .executeTakeFirst();
    return row?.until ? secondsUntil(row.until, now) : undefined;
  }

  /** Drops a key's count (a correct password ends the failures counted against it). */
  async forget(key: string): Promise<void> {
    await this.db.deleteFrom('rate_limits').where('key', '=', sha256(key)).execute();
  }

  /** The time now; at most once a minute, first deletes the counters whose window or memory has ended. */
  private async tick(): Promise<Date> {
    const now = this.clock.now();
    if (now.getTime() >= this.#nextSweep) {
      this.#nextSweep = now.getTime() + SWEEP_EVERY_MS;
      await this.db.deleteFrom('rate_limits').where('expires_at', '<=', now).execute();
    }
    return now;
  }
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
