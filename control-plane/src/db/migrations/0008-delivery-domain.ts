import type { Kysely } from 'kysely';

// Where a tenant's media is delivered from when it is not the platform's edge: in the aws shape each tenant has
// its own CloudFront distribution (or custom domain), which provisioning records here. Null in the local shape.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('delivery_domain', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('delivery_domain').execute();
}
