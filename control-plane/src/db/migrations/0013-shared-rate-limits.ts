import { sql, type Kysely } from 'kysely';

/**
 * Attempt counters that every API process shares (sign-in, sign-up, refresh: api/shared-rate-limiter.ts), so a
 * limit holds however many processes stand behind the load balancer. They replace the per-admin lockout, which
 * anyone could trigger to lock the real owner out.
 *
 * Unlogged: a counter is worth less than the write-ahead log it would cost on every attempt; after a crash the
 * table starts empty, which only forgives the attempts made so far. Keys are hashes (no e-mail or address stored).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create unlogged table rate_limits (
      key text primary key,
      hits integer not null,
      expires_at timestamptz not null,
      blocked_until timestamptz
    )`.execute(db);
  await sql`create index rate_limits_expires_at on rate_limits (expires_at)`.execute(db);
  await db.schema.alterTable('admins').dropColumn('failed_sign_ins').dropColumn('locked_until').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('admins')
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .execute();
  await db.schema.dropTable('rate_limits').execute();
}
