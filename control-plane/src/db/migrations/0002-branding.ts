import type { Kysely } from 'kysely';

// White-label branding: the tenant's accent colour and logo (an object in the store), shown by the player.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('accent_color', 'text').addColumn('logo_key', 'text').addColumn('logo_content_type', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('accent_color').dropColumn('logo_key').dropColumn('logo_content_type').execute();
}
