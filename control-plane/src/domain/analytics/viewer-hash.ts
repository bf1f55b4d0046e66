// Unique viewers without addresses: the viewer's address and User-Agent, hashed with the tenant and a random salt of
// the UTC day. The address is never stored or logged; the salt is deleted once its day is over (purge-analytics.ts),
// so nobody, the operator included, can recompute a hash to learn whether an address watched. The price: one person
// counts once per day, not once per range (a viewer who watched on three days is three daily viewers).
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { isoDay } from '../usage/time-buckets.js';

export async function daySalt(db: Db, now: Date): Promise<Buffer> {
  const day = isoDay(now);
  await db
    .insertInto('analytics_salts')
    .values({ day, salt: randomBytes(32) })
    .onConflict((conflict) => conflict.column('day').doNothing())
    .execute();
  const row = await db
    .selectFrom('analytics_salts')
    .select('salt')
    .where('day', '=', sql<string>`${day}::date`)
    .executeTakeFirstOrThrow();
  return row.salt;
}

/** 22 characters; the same viewer (address and browser) of one tenant on one UTC day gives the same hash. */
export function viewerHash(salt: Buffer, tenantId: string, clientIp: string | undefined, userAgent: string | undefined): string {
  return createHash('sha256')
    .update(salt)
    .update(tenantId)
    .update('\0')
    .update(clientIp ?? '')
    .update('\0')
    .update(userAgent ?? '')
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}
