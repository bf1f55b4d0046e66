import { sql, type Kysely } from 'kysely';
import { applyTenantPolicy } from './tenant-table-policy.js';

// Viewers who create their own account (domain/viewers/viewer-sign-up.ts): the tenant opens sign-up, and an e-mail
// address becomes a viewer only once its owner typed the code sent to it. Nothing enters the viewer pool before then.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tenants')
    .addColumn('viewer_sign_up', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable('viewer_sign_ups')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    // Hashed as a password is: six digits must not be read back from a leaked table with a fast hash.
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('viewer_sign_ups_pkey', ['tenant_id', 'email'])
    .execute();
  await db.schema.createIndex('viewer_sign_ups_expiry').on('viewer_sign_ups').column('expires_at').execute();
  await applyTenantPolicy(db, 'viewer_sign_ups');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('viewer_sign_ups').execute();
  await db.schema.alterTable('tenants').dropColumn('viewer_sign_up').execute();
}
