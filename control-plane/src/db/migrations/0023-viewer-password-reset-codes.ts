import { sql, type Kysely } from 'kysely';

// A viewer of the built-in issuer who forgot their password asks for a code by email (adapters/local/
// local-identity-provider.ts). One code per viewer at a time, kept only as a hash, with its end and the wrong tries
// it has met: a new request replaces it, a right answer or too many wrong ones clear it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('viewers')
    .addColumn('reset_code_hash', 'text')
    .addColumn('reset_code_expires_at', 'timestamptz')
    .addColumn('reset_code_attempts', 'integer', (column) => column.notNull().defaultTo(sql`0`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('viewers').dropColumn('reset_code_hash').dropColumn('reset_code_expires_at').dropColumn('reset_code_attempts').execute();
}
