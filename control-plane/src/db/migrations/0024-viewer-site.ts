import type { Kysely } from 'kysely';

// "Where your viewers watch" (domain/viewers/viewer-site.ts): the tenant's own site, linked from viewer invitations.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('viewer_site_url', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('viewer_site_url').execute();
}
